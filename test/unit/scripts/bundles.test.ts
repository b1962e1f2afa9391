/**
 * The server ships as two bundles: the start (server.js) and the rest (features.js), loaded after initialize. A
 * module in both would exist twice, each copy with its own state: a generator in the start that asked the start's
 * copy of the slice clock would never see a slice end, and scanned a 5.9 MiB template in one step. The development
 * build names each module it bundles in a comment; the two bundles must share none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = join(__dirname, '..', '..', '..', '..', 'dist');

function modulesOf(bundle: string): Set<string> {
  const text = readFileSync(join(dist, bundle), 'utf8');
  return new Set([...text.matchAll(/^\/\/ (server\/src\/\S+\.ts)$/gm)].map((m) => m[1]));
}

test('the start bundle and the rest of the server hold no module twice', () => {
  const start = modulesOf('server.js');
  const rest = modulesOf('features.js');
  assert.ok(start.has('server/src/lsp/startServer.ts'), 'the start names its modules');
  assert.ok(rest.has('server/src/shared/steps.ts'), 'the rest names its modules');
  assert.deepEqual(
    [...start].filter((m) => rest.has(m)),
    [],
  );
});

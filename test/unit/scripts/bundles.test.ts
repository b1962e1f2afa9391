/**
 * The server ships as two bundles: the start (server.js) and the rest (features.js), loaded after initialize. A
 * module in both would exist twice, each copy with its own state: a generator in the start that asked the start's
 * copy of the slice clock would never see a slice end, and scanned a 5.9 MiB template in one step. The build
 * writes each bundle's modules to out/bundles/; the two must share none of ours.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const bundles = join(__dirname, '..', '..', '..', 'bundles');

function modulesOf(bundle: string): Set<string> {
  return new Set(JSON.parse(readFileSync(join(bundles, `${bundle}.json`), 'utf8')) as string[]);
}

test('the start bundle and the rest of the server hold none of our modules twice', () => {
  const start = modulesOf('server');
  const rest = modulesOf('features');
  assert.ok(start.has('server/src/lsp/startServer.ts'), 'the start lists its modules');
  assert.ok(rest.has('server/src/shared/steps.ts'), 'the rest lists its modules');
  assert.deepEqual(
    [...start].filter((m) => m.startsWith('server/') && rest.has(m)),
    [],
  );
});

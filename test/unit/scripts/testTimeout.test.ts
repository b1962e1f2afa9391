// Every `node --test` run has a per-test timeout, so one hung test fails with its name instead of stalling the suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

test('each package.json script that runs node --test sets --test-timeout', () => {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  const runs = Object.entries(scripts).filter(([, line]) => /\bnode --test\b/.test(line));
  assert.ok(runs.length >= 3, 'npm test, test:responsiveness and test:corpus run node --test');
  for (const [name, line] of runs) assert.match(line, /--test-timeout=\d+/, name);
});

test("each script in scripts/ that spawns node with '--test' passes --test-timeout with it", () => {
  const dir = join(root, 'scripts');
  const spawns = readdirSync(dir)
    .filter((file) => file.endsWith('.mjs'))
    .flatMap((file) =>
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .map((line, i) => ({ at: `scripts/${file}:${i + 1}`, line }))
        .filter(({ line }) => line.includes("'--test'")),
    );
  assert.ok(spawns.length >= 1, 'scripts/package-check.mjs runs the package test');
  for (const { at, line } of spawns) assert.match(line, /--test-timeout=\d+/, at);
});

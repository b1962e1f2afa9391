// The e2e summary names each failed test of the user suite with its error (scripts/e2e.mjs `tapFailures`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '..', '..', '..', '..');
type TapFailures = (tap: string) => { title: string; error: string[] }[];
const load = async () =>
  ((await import(pathToFileURL(path.join(root, 'scripts', 'e2e.mjs')).href)) as { tapFailures: TapFailures })
    .tapFailures;

test('a failed test in a suite is named with its assertion message; the suite and passing tests are not', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecs-lens-tap-'));
  try {
    const suite = path.join(dir, 'user.test.mjs');
    writeFileSync(
      suite,
      [
        "import { describe, it } from 'node:test';",
        "import assert from 'node:assert/strict';",
        "describe('as a user sees it', () => {",
        "  it('passes', () => {});",
        "  it('looks right in the dark theme', () => assert.deepEqual(['extra row'], [], 'nothing is added'));",
        "  it('throws', () => { throw new Error('the panel did not open'); });",
        '});',
      ].join('\n'),
    );
    const tap = path.join(dir, 'out.tap');
    // Run as its own test run, not as a child of this one (which would take its report over).
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const run = spawnSync(process.execPath, ['--test-reporter=tap', `--test-reporter-destination=${tap}`, suite], {
      env,
    });
    assert.equal(run.status, 1);
    const failures = (await load())(readFileSync(tap, 'utf8'));
    assert.deepEqual(
      failures.map((f) => f.title),
      ['looks right in the dark theme', 'throws'],
    );
    assert.equal(failures[0].error[0], 'nothing is added');
    assert.ok(failures[0].error.some((line) => line.includes("'extra row'")));
    assert.deepEqual(failures[1].error, ['the panel did not open']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

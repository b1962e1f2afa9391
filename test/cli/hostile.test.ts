import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
// A generous timeout: a hang (a FIFO opened for reading, /dev/zero read to the end) fails the test instead of stalling it.
const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, 'bin', 'ecs-lens.js'), ...args], { encoding: 'utf8', timeout: 60_000 });

test('ecs-lens refuses pipes and devices, stays inside the folder it is given, and bounds every read', (t) => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'ecs-lens-cli-hostile-')));
  t.after(() => {
    rmSync(base, { recursive: true, force: true });
    assert.equal(existsSync(base), false);
  });
  const ws = join(base, 'ws');
  mkdirSync(ws);
  mkdirSync(join(base, 'outside'));
  writeFileSync(
    join(base, 'outside', 'secret-task-def.json'),
    '{"family": "secret", "containerDefinitions": [{"name": "a", "image": "b", "memory": "lots"}]}',
  );
  writeFileSync(
    join(ws, 'web-task-def.json'),
    '{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 512}]}',
  );
  execFileSync('mkfifo', [join(ws, 'pipe-task-def.json')]);
  symlinkSync('/dev/zero', join(ws, 'zero-task-def.json'));
  symlinkSync(join(base, 'outside'), join(ws, 'outside-link'));
  symlinkSync('/', join(ws, 'root'));

  const folder = run('check', ws);
  assert.equal(folder.error, undefined, 'the run ends');
  assert.equal(folder.status, 0, folder.stderr);
  assert.match(folder.stdout, /^1 file checked\b/m);
  assert.match(folder.stderr, /pipe-task-def\.json" is not a regular file/);
  assert.match(folder.stderr, /outside-link" is a link that leads outside/);
  assert.ok(!folder.stdout.includes('secret') && !folder.stderr.includes('lots'));

  const pipe = run('check', join(ws, 'pipe-task-def.json'));
  assert.equal(pipe.status, 2);
  assert.match(pipe.stderr, /pipe-task-def\.json" is not a regular file \(a pipe, socket or device\); not read/);
  const zero = run(
    'simulate',
    '--cluster',
    join(ws, 'zero-task-def.json'),
    '--task-definition',
    join(ws, 'web-task-def.json'),
  );
  assert.equal(zero.status, 2);
  assert.match(zero.stderr, /not a regular file/);
});

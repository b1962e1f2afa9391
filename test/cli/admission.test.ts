/**
 * What a repository's `.ecs-lens.json` can make `ecs-lens check` read and print: only a regular file inside
 * the checked tree, and no message that quotes it. Each test builds its hostile files in a temporary folder.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..', '..');
const bin = join(repoRoot, 'bin', 'ecs-lens.js');

/** A task definition with one error (privileged on Fargate is refused) so that a config can be seen at work. */
const taskDef = JSON.stringify(
  {
    family: 'web',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'web', image: 'nginx:1.27', essential: true, privileged: true }],
  },
  null,
  2,
);

function scratch(t: TestContext): string {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'ecs-lens-admission-')));
  t.after(() => {
    rmSync(base, { recursive: true, force: true });
    assert.equal(existsSync(base), false);
  });
  return base;
}

function run(cwd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ...env },
  });
  assert.equal(r.error, undefined, `ecs-lens ${args.join(' ')} ended by itself`);
  return { ...r, all: `${r.stdout}\n${r.stderr}` };
}

test('a .ecs-lens.json linked to /proc/self/environ is not read, and nothing of the environment is printed', (t) => {
  const repo = scratch(t);
  writeFileSync(join(repo, 'web-task-def.json'), taskDef);
  symlinkSync('/proc/self/environ', join(repo, '.ecs-lens.json'));
  for (const format of ['text', 'json', 'sarif', 'junit']) {
    const r = run(repo, ['check', '--format', format, '.'], { K: 'SECRET42' });
    assert.doesNotMatch(r.all, /SECRET42/, `${format}: the environment stays out of the output`);
    assert.match(r.stderr, /\.ecs-lens\.json: leads outside the folder ECS Lens checks/);
    assert.match(r.stdout, /privileged|security/, `${format}: the files are still checked`);
  }
});

test('a .ecs-lens.json linked to a JSON file outside the checked folder is not read', (t) => {
  const base = scratch(t);
  const repo = join(base, 'repo');
  mkdirSync(repo);
  writeFileSync(join(repo, 'web-task-def.json'), taskDef);
  writeFileSync(
    join(base, 'elsewhere.json'),
    JSON.stringify({ rules: { 'any.rule': 'TOKEN-0xfeed' }, ignore: ['**'] }),
  );
  symlinkSync(join(base, 'elsewhere.json'), join(repo, '.ecs-lens.json'));
  const r = run(repo, ['check', '.']);
  assert.doesNotMatch(r.all, /TOKEN-0xfeed/);
  assert.match(r.stderr, /leads outside the folder ECS Lens checks/);
  // The ignore pattern of the linked file did not apply: the task definition was checked.
  assert.match(r.stdout, /web-task-def\.json:\d+:\d+ error/);
});

test('problems of an in-tree .ecs-lens.json name line and column, never the text they found', (t) => {
  const repo = scratch(t);
  writeFileSync(join(repo, 'web-task-def.json'), taskDef);
  writeFileSync(
    join(repo, '.ecs-lens.json'),
    '{\n  "rules": { "security.privileged": "VALUE-SEEN" },\n  "KEY-SEEN": 1,\n  "ignore": [7]\n}\n',
  );
  const r = run(repo, ['check', '.']);
  assert.doesNotMatch(r.all, /VALUE-SEEN|KEY-SEEN/);
  assert.match(r.stderr, /\.ecs-lens\.json: line 2, column 37: a level in "rules" is off, hint/);
  assert.match(r.stderr, /\.ecs-lens\.json: line 3, column 3: unknown member/);
  assert.match(r.stderr, /\.ecs-lens\.json: line 4, column 14: an entry of "ignore" is not a usable glob/);
  writeFileSync(join(repo, '.ecs-lens.json'), 'K=SECRET42\n');
  const broken = run(repo, ['check', '.']);
  assert.doesNotMatch(broken.all, /SECRET42/);
  assert.match(broken.stderr, /\.ecs-lens\.json: line 1, column 1: not valid JSON; ignored\./);
});

test('a .ecs-lens.json above the checked tree is not read; the nearest one inside it is', (t) => {
  const base = scratch(t);
  const repo = join(base, 'repo');
  mkdirSync(join(repo, 'svc'), { recursive: true });
  writeFileSync(join(repo, 'svc', 'web-task-def.json'), taskDef);
  writeFileSync(join(base, '.ecs-lens.json'), JSON.stringify({ ignore: ['**'] }));
  const r = run(repo, ['check', '.']);
  assert.match(r.stdout, /web-task-def\.json:\d+:\d+ error/, 'the file above the tree ignored nothing');
  // Checking the subfolder alone does not climb to repo/.ecs-lens.json either.
  writeFileSync(join(repo, '.ecs-lens.json'), JSON.stringify({ rules: { 'security.privileged': 'off' } }));
  const sub = run(repo, ['check', 'svc']);
  assert.match(sub.stdout, /web-task-def\.json:\d+:\d+ error/);
  // The tree's own file, nearest to the checked file, applies.
  writeFileSync(join(repo, 'svc', '.ecs-lens.json'), JSON.stringify({ ignore: ['**'] }));
  const own = run(repo, ['check', '.']);
  assert.doesNotMatch(own.stdout, /web-task-def\.json:\d+:\d+ error/);
});

test('a .ecs-lens.json that is a FIFO or a link to /dev/zero is refused at once', (t) => {
  const repo = scratch(t);
  writeFileSync(join(repo, 'web-task-def.json'), taskDef);
  execFileSync('mkfifo', [join(repo, '.ecs-lens.json')]);
  const fifo = run(repo, ['check', '.']);
  assert.match(fifo.stderr, /\.ecs-lens\.json: is not a regular file/);
  rmSync(join(repo, '.ecs-lens.json'));
  mkdirSync(join(repo, 'dev'));
  symlinkSync('/dev/zero', join(repo, 'dev', '.ecs-lens.json'));
  writeFileSync(join(repo, 'dev', 'api-task-def.json'), taskDef);
  const zero = run(repo, ['check', '.']);
  assert.match(zero.stderr, /dev\/\.ecs-lens\.json: leads outside the folder ECS Lens checks/);
});

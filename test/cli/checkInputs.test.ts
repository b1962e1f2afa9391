// `ecs-lens check` in CI cannot pass by checking nothing: empty runs, unrecognised files, forced kinds,
// unknown rule codes, text that is not UTF-8, and each command's --help.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, 'bin', 'ecs-lens.js'), ...args], { encoding: 'utf8', cwd: repoRoot });

const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-cli-inputs-'));
const noEcs = join(folder, 'no-ecs');
mkdirSync(noEcs);
writeFileSync(join(noEcs, 'package.json'), '{"name": "app"}');
writeFileSync(join(noEcs, 'tsconfig.json'), '{"compilerOptions": {}}');
const settings = join(folder, 'deploy.json');
writeFileSync(settings, JSON.stringify({ family: 'web', containers: [{ name: 'web' }] }));
const list = join(folder, 'list.json');
writeFileSync(list, '[1, 2]');
const container = { name: 'web', image: 'nginx', memory: 512 };

test('check on paths with no ECS file says so and exits 2; --allow-empty exits 0', () => {
  const r = run('check', noEcs);
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /no ECS file found in ".*no-ecs": nothing was checked/);
  assert.match(r.stderr, /--allow-empty/);
  assert.match(r.stdout, /^no file checked$/m);
  const allowed = run('check', '--allow-empty', noEcs);
  assert.equal(allowed.status, 0, allowed.stderr);
  assert.match(allowed.stderr, /no ECS file found/);
  const json = run('check', '--format', 'json', noEcs);
  assert.equal(json.status, 2);
  assert.deepEqual(JSON.parse(json.stdout), []);
});

test('a JSON file named explicitly that is not an ECS file is reported with the reason', () => {
  const r = run('check', settings);
  assert.equal(r.status, 2);
  assert.match(
    r.stderr,
    /deploy\.json" is not recognised as an ECS file: it has no containerDefinitions \(a task definition\)/,
  );
  assert.match(r.stderr, /--kind/);
  const top = run('check', list);
  assert.equal(top.status, 2);
  assert.match(top.stderr, /list\.json" is not recognised as an ECS file: its top level is an array, not an object/);
});

test('--kind checks files as that kind whatever their name and content', () => {
  const r = run('check', '--kind', 'task-definition', settings);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /deploy\.json:1:\d+ error schema\.unknown-member Unknown member "containers"/);
  const file = join(folder, 'web.json');
  writeFileSync(file, JSON.stringify({ family: 'web', containerDefinitions: [container] }));
  const service = run('check', '--format', 'json', '--kind', 'service', file);
  assert.equal((JSON.parse(service.stdout) as Array<{ kind: string }>)[0].kind, 'service');
  const bad = run('check', '--kind', 'pod', file);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--kind must be task-definition, service, cluster, not "pod"/);
});

test('an unknown rule code in --rule is an error with a did-you-mean', () => {
  const r = run('check', '--rule', 'schema.unknown-membr=off', 'examples');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /there is no rule "schema\.unknown-membr"\. Did you mean "schema\.unknown-member"\?/);
  assert.equal(run('check', '--rule', 'schema.unknown-member=off', 'examples').status, 0);
});

test('a binary or non-UTF-8 file gives one clear message, not syntax errors', () => {
  const latin1 = join(folder, 'latin1-task-def.json');
  writeFileSync(
    latin1,
    Buffer.concat([Buffer.from('{"family": "caf'), Buffer.from([0xe9]), Buffer.from('", "containerDefinitions": []}')]),
  );
  const r = run('check', latin1);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /latin1-task-def\.json" is not UTF-8 text \(bytes that are not UTF-8 at byte 15/);
  assert.doesNotMatch(r.stdout, /error/);
  const utf16 = join(folder, 'utf16-task-def.json');
  writeFileSync(utf16, Buffer.from('\ufeff{"family": "web"}', 'utf16le'));
  const u = run('check', utf16);
  assert.equal(u.status, 2);
  assert.match(u.stderr, /utf16-task-def\.json" is not UTF-8 text \(a NUL byte at byte \d+/);
});

test('check --help and simulate --help print their usage and exit 0', () => {
  const check = run('check', '--help');
  assert.equal(check.status, 0);
  assert.match(check.stdout, /^Usage: ecs-lens check \[options\] <file or folder>/);
  for (const option of ['--format', '--rule', '--kind', '--allow-empty'])
    assert.ok(check.stdout.includes(option), option);
  const simulate = run('simulate', '--help');
  assert.equal(simulate.status, 0);
  assert.match(simulate.stdout, /ecs-lens simulate --cluster <file> --task-definition <file>/);
});

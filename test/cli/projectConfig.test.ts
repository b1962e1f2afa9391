import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..', '..');
const bin = join(repoRoot, 'bin', 'ecs-lens.js');

test('check reads .ecs-lens.json: severities, per-path overrides, ignore patterns, problems of the file', () => {
  const repo = mkdtempSync(join(tmpdir(), 'ecs-lens-project-'));
  mkdirSync(join(repo, '.git'));
  mkdirSync(join(repo, 'deploy', 'legacy'), { recursive: true });
  mkdirSync(join(repo, 'fixtures'));
  const task = JSON.stringify(
    {
      family: 'web',
      containerDefinitions: [
        {
          name: 'web',
          image: 'nginx:1.27',
          memory: 512,
          privileged: true,
          logConfiguration: { logDriver: 'json-file' },
        },
      ],
    },
    null,
    2,
  );
  writeFileSync(join(repo, 'deploy', 'web-task-def.json'), task);
  writeFileSync(join(repo, 'deploy', 'legacy', 'old-task-def.json'), task);
  writeFileSync(
    join(repo, 'fixtures', 'broken-task-def.json'),
    '{"family": "x", "containerDefinitions": [{"name": "x"}], "bogus": 1}',
  );
  writeFileSync(
    join(repo, '.ecs-lens.json'),
    JSON.stringify({
      rules: { 'security.writable-root-filesystem': 'off', 'security.privileged': 'error' },
      overrides: [{ files: ['deploy/legacy/**'], rules: { 'security.privileged': 'off' } }],
      ignore: ['fixtures/**'],
      rulez: {},
    }),
  );
  const r = spawnSync(process.execPath, [bin, 'check', '--format', 'json', '.'], { encoding: 'utf8', cwd: repo });
  const out = JSON.parse(r.stdout) as Array<{ file: string; diagnostics: Array<{ code: string; severity: string }> }>;
  const byFile = Object.fromEntries(
    out.map((f) => [f.file.replace(/\\/g, '/'), f.diagnostics.map((d) => `${d.severity} ${d.code}`)]),
  );
  assert.deepEqual(Object.keys(byFile).sort(), ['deploy/legacy/old-task-def.json', 'deploy/web-task-def.json']);
  assert.deepEqual(byFile['deploy/web-task-def.json'], ['error security.privileged']);
  assert.deepEqual(byFile['deploy/legacy/old-task-def.json'], []);
  assert.equal(r.status, 1);
  assert.match(
    r.stderr,
    /\.ecs-lens\.json: line 1, column \d+: unknown member \(allowed: rules, overrides, ignore, surfaces\)/,
  );
  // --rule on the command line wins over the file.
  const flag = spawnSync(
    process.execPath,
    [bin, 'check', '--rule', 'security.privileged=warning', 'deploy/web-task-def.json'],
    { encoding: 'utf8', cwd: repo },
  );
  assert.equal(flag.status, 0, flag.stdout);
  assert.match(flag.stdout, /warning security.privileged/);
  // A file named on the command line is checked even when ignored.
  const named = spawnSync(process.execPath, [bin, 'check', 'fixtures/broken-task-def.json'], {
    encoding: 'utf8',
    cwd: repo,
  });
  assert.match(named.stdout, /schema.unknown-member/);
});

test('"surfaces": {"terraform": false} in .ecs-lens.json leaves Terraform files unchecked, JSON still checked', () => {
  const repo = mkdtempSync(join(tmpdir(), 'ecs-lens-surfaces-'));
  mkdirSync(join(repo, '.git'));
  const tf = readFileSync(join(repoRoot, 'examples', 'infra', 'ecs.tf'), 'utf8');
  writeFileSync(join(repo, 'ecs.tf'), tf);
  writeFileSync(
    join(repo, 'web-task-def.json'),
    JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 512, bogus: 1 }] }),
  );
  const check = (...args: string[]) =>
    spawnSync(process.execPath, [bin, 'check', '--format', 'json', ...args], { encoding: 'utf8', cwd: repo });
  const files = (r: ReturnType<typeof check>) =>
    (JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => f.file.replace(/\\/g, '/')).sort();
  // Without a configuration the example's one mistake is found in ecs.tf.
  assert.deepEqual(files(check('.')), ['ecs.tf', 'web-task-def.json']);
  writeFileSync(join(repo, '.ecs-lens.json'), JSON.stringify({ surfaces: { terraform: false } }));
  const off = check('.');
  assert.deepEqual(files(off), ['web-task-def.json'], off.stderr);
  assert.equal(off.status, 1, 'the JSON file is still checked');
  // Named on the command line, the file is not read as JSON with errors: a note says why nothing was checked.
  const named = check('ecs.tf');
  assert.equal(named.status, 2, 'nothing was checked');
  assert.deepEqual(files(named), []);
  assert.match(named.stderr, /"ecs\.tf" is not checked: \.ecs-lens\.json turns terraform off/);
  // A value that is not a boolean is said, and the surface stays on.
  writeFileSync(join(repo, '.ecs-lens.json'), JSON.stringify({ surfaces: { terraform: 'no', hcl: false } }));
  const bad = check('.');
  assert.deepEqual(files(bad), ['ecs.tf', 'web-task-def.json']);
  assert.match(bad.stderr, /an entry of "surfaces" is true or false/);
  assert.match(bad.stderr, /an entry of "surfaces" is one of terraform, cloudformation/);
});

test('ecs-lens policy --task-definition prints the policy as JSON; bad input exits 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-lens-policy-'));
  writeFileSync(
    join(dir, 'web-task-def.json'),
    JSON.stringify({
      family: 'web',
      containerDefinitions: [
        {
          name: 'web',
          image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1',
          secrets: [{ name: 'A', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/a' }],
        },
      ],
    }),
  );
  const r = spawnSync(process.execPath, [bin, 'policy', '--task-definition', join(dir, 'web-task-def.json')], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const policy = JSON.parse(r.stdout) as { Version: string; Statement: Array<{ Sid: string; Resource: string[] }> };
  assert.equal(policy.Version, '2012-10-17');
  assert.deepEqual(
    policy.Statement.map((s) => s.Sid),
    ['PullEcrImages', 'EcrLogin', 'ReadParameters'],
  );
  assert.equal(
    spawnSync(process.execPath, [bin, 'policy', '--task-definition', join(dir, 'nope.json')], { encoding: 'utf8' })
      .status,
    2,
  );
  assert.equal(spawnSync(process.execPath, [bin, 'policy'], { encoding: 'utf8' }).status, 2);
});

test('a misspelt rule code in .ecs-lens.json stops the check with exit 2 and a did-you-mean, as --rule does', () => {
  const repo = mkdtempSync(join(tmpdir(), 'ecs-lens-project-'));
  mkdirSync(join(repo, '.git'));
  writeFileSync(
    join(repo, 'web-task-def.json'),
    JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx:1.27', memory: 512 }] }),
  );
  writeFileSync(
    join(repo, '.ecs-lens.json'),
    JSON.stringify({
      rules: { 'security.privileged': 'error' },
      overrides: [{ files: ['**'], rules: { 'securty.privileged': 'off' } }],
    }),
  );
  const r = spawnSync(process.execPath, [bin, 'check', '.'], { encoding: 'utf8', cwd: repo });
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(
    r.stderr,
    /\.ecs-lens\.json: line 1, column \d+: in "overrides\[0\]\.rules", no rule has this code\. Did you mean "security\.privileged"\?/,
  );
});

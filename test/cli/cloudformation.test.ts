import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
const bin = join(repoRoot, 'bin', 'ecs-lens.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: repoRoot });
const stack = 'examples/cloudformation/stack.yaml';

test('check reads a template and points into it: the example stack has its one mistake', () => {
  const r = run('check', stack);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const serious = r.stdout.split('\n').filter((l) => / (error|warning) /.test(l));
  assert.equal(serious.length, 1, r.stdout);
  assert.match(serious[0], /^examples\/cloudformation\/stack\.yaml:58:15 warning logging\.awslogs-unknown-option /);
});

test('check reads a CDK output folder and reports at template positions in JSON', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-cdk-'));
  mkdirSync(join(folder, 'cdk.out'));
  const template = {
    Resources: {
      TaskDef54694570: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          Family: 'web',
          NetworkMode: 'awsvpcc',
          ContainerDefinitions: [{ Name: 'web', Image: { 'Fn::Sub': '${AWS::AccountId}.dkr.ecr/web:1' }, Memory: 512 }],
        },
      },
    },
  };
  const path = join(folder, 'cdk.out', 'Stack.template.json');
  writeFileSync(path, JSON.stringify(template, null, 1));
  const r = run('check', path);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const errors = r.stdout.split('\n').filter((l) => / error /.test(l));
  assert.deepEqual(
    errors.map((l) => l.slice(path.length)),
    [
      ':7:20 error schema.enum The string "awsvpcc" is not allowed. Allowed values: "awsvpc", "bridge", "host", "none".',
    ],
  );
});

test('simulate takes a service and its task definition from a template by logical ID, as from JSON files', () => {
  const fromTemplate = run(
    'simulate',
    '--cluster',
    'examples/web.cluster.json',
    '--task-definition',
    `${stack}#WorkerTaskDefinition`,
    '--service',
    `${stack}#WorkerService`,
  );
  const fromJson = run(
    'simulate',
    '--cluster',
    'examples/web.cluster.json',
    '--task-definition',
    'examples/ec2-worker-task-def.json',
    '--service',
    'examples/ec2-worker-service-def.json',
  );
  assert.equal(fromTemplate.status, 0, fromTemplate.stderr);
  assert.equal(fromTemplate.stdout, fromJson.stdout);
  const missing = run('simulate', '--cluster', 'examples/web.cluster.json', '--task-definition', `${stack}#Nope`);
  assert.equal(missing.status, 2);
  assert.match(
    missing.stderr,
    /no resource Nope in it \(it declares WebTaskDefinition, WebService, WorkerTaskDefinition, WorkerService\)/,
  );
});

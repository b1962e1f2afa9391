import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliInputErrors } from '../../../server/src/cli/inputErrors';
import { runScaleCli } from '../../../server/src/cli/scale';

const paths: Record<string, string[]> = {
  '--cluster': ['c.json'],
  '--service': ['s.json'],
  '--task-definition': ['td.json'],
  '--current-task-definition': ['old.json'],
  '--target': ['target.json'],
  '--policy': ['policy.json'],
  '--load': ['load.json'],
};

test('every input read from one file is named by that file, whatever the command', () => {
  const errors = [
    'cluster: instanceGroups[0].count: must be a whole number',
    'current task definition: containerDefinitions is missing or empty',
    'task definition: containerDefinitions is missing or empty',
    'scalable target: MaxCapacity must be a whole number of at least 0',
    'scaling policy: PolicyType must be TargetTrackingScaling or StepScaling',
    'alarm: an alarm of a step policy watches X, but the load profile gives Y',
    'load profile: metric must be CPUUtilization',
    'the duration must be between 1 minute and 7 days',
  ];
  assert.equal(
    cliInputErrors('scale', errors, (flag) => paths[flag] ?? []),
    [
      'c.json: instanceGroups[0].count: must be a whole number',
      'old.json: containerDefinitions is missing or empty',
      'td.json: containerDefinitions is missing or empty',
      'target.json: MaxCapacity must be a whole number of at least 0',
      'policy.json: PolicyType must be TargetTrackingScaling or StepScaling',
      // Without --alarm, the alarms came under the policy's "Alarms".
      'policy.json: an alarm of a step policy watches X, but the load profile gives Y',
      'load.json: metric must be CPUUtilization',
      'the duration must be between 1 minute and 7 days',
    ]
      .map((l) => `ecs-lens scale: ${l}\n`)
      .join(''),
  );
});

test('an input read from several files keeps its name', () => {
  const many = (flag: string) =>
    flag === '--policy' ? ['a.json', 'b.json'] : flag === '--alarm' ? ['x.json', 'y.json'] : [];
  assert.equal(
    cliInputErrors('scale', ['scaling policy: PolicyType must be set', 'alarm: Threshold must be a number'], many),
    'ecs-lens scale: scaling policy: PolicyType must be set\necs-lens scale: alarm: Threshold must be a number\n',
  );
});

test('scale names the policy file of a policy error, as deploy and simulate name theirs', () => {
  const root = join(__dirname, '..', '..', '..', '..');
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const r = runScaleCli(
    [
      'scale',
      '--cluster',
      'examples/web.cluster.json',
      '--service',
      'examples/ec2-worker-service-def.json',
      '--task-definition',
      'examples/ec2-worker-task-def.json',
      '--target',
      'examples/worker-scalable-target.json',
      '--policy',
      'examples/worker-scalable-target.json',
      '--load',
      'examples/worker.load.json',
    ],
    read,
  );
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, /^ecs-lens scale: examples\/worker-scalable-target\.json: PolicyType must be/m);
  assert.doesNotMatch(r.stderr, /scaling policy:/);
});

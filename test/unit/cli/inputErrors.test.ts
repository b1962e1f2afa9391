import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliInputErrors, inputFlags, optionFlags } from '../../../server/src/cli/inputErrors';
import { admitSimulationInput } from '../../../server/src/workspace/admission';
import {
  generalError,
  inputError,
  simulationInputs,
  type InputError,
  type SimulationInput,
} from '../../../server/src/placement/inputErrors';
import { runDeployCli } from '../../../server/src/cli/deploy';
import { runSimulateCli } from '../../../server/src/cli/simulate';
import { simulate } from '../../../server/src/placement';
import { simulateDeployment, simulateScaling } from '../../../server/src/dynamics';
import { runScaleCli } from '../../../server/src/cli/scale';
import { scaleExampleWith } from '../../cli/scaleExample';

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
    inputError('cluster', 'must be a whole number', 'instanceGroups[0].count'),
    inputError('current task definition', 'is missing or empty', 'containerDefinitions'),
    inputError('task definition', 'is missing or empty', 'containerDefinitions'),
    inputError('scalable target', 'must be a whole number of at least 0', 'MaxCapacity'),
    inputError('scaling policy', 'must be TargetTrackingScaling or StepScaling', 'PolicyType'),
    inputError('alarm', 'an alarm of a step policy watches X, but the load profile gives Y', 'MetricName'),
    inputError('load profile', 'must be CPUUtilization', 'metric'),
    generalError('must be a whole number from 1 to 10,000', 'options.maximumScalingStepSize'),
    generalError('must be between 1 minute and 7 days', 'durationSeconds'),
    generalError('the duration must be between 1 minute and 7 days'),
  ];
  assert.equal(
    cliInputErrors('scale', errors, (flag) => paths[flag] ?? []),
    [
      'c.json: instanceGroups[0].count: must be a whole number',
      'old.json: containerDefinitions: is missing or empty',
      'td.json: containerDefinitions: is missing or empty',
      'target.json: MaxCapacity: must be a whole number of at least 0',
      'policy.json: PolicyType: must be TargetTrackingScaling or StepScaling',
      // Without --alarm, the alarms came under the policy's "Alarms".
      'policy.json: MetricName: an alarm of a step policy watches X, but the load profile gives Y',
      'load.json: metric: must be CPUUtilization',
      // No file holds an option: the flag that set it names it.
      '--max-scaling-step: must be a whole number from 1 to 10,000',
      '--duration: must be between 1 minute and 7 days',
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
    cliInputErrors(
      'scale',
      [inputError('scaling policy', 'PolicyType must be set'), inputError('alarm', 'Threshold must be a number')],
      many,
    ),
    'ecs-lens scale: scaling policy: PolicyType must be set\necs-lens scale: alarm: Threshold must be a number\n',
  );
});

test('every flag that reads an input is in the table, and no two inputs share a flag', () => {
  assert.deepEqual(Object.keys(inputFlags).sort(), [...simulationInputs].sort());
  assert.equal(new Set(Object.values(inputFlags)).size, simulationInputs.length);
});

test('scale names the policy file of a policy error, as deploy and simulate name theirs', () => {
  const root = join(__dirname, '..', '..', '..', '..');
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const r = runScaleCli(['scale', ...scaleExampleWith('--policy', 'examples/worker-scalable-target.json')], read);
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, /^ecs-lens scale: examples\/worker-scalable-target\.json: PolicyType: must be/m);
  assert.doesNotMatch(r.stderr, /scaling policy:/);
});

// Inputs bad in one file only: every error they cause must name that file's input, or the CLI cannot name the file.
const root = join(__dirname, '..', '..', '..', '..');
const example = (name: string): unknown => JSON.parse(readFileSync(join(root, 'examples', name), 'utf8'));
const good = {
  cluster: example('web.cluster.json'),
  service: example('ec2-worker-service-def.json'),
  taskDefinition: example('ec2-worker-task-def.json'),
  target: example('worker-scalable-target.json'),
  policy: example('worker-scaling-policy.json'),
  load: example('worker.load.json'),
};
type Command = 'simulate' | 'deploy' | 'scale';
const all: Command[] = ['simulate', 'deploy', 'scale'];
const badFiles: Array<{ input: SimulationInput; key: string; value: unknown; commands: Command[] }> = [
  { input: 'cluster', key: 'cluster', value: { instanceGroups: [{ count: 2 }, 5] }, commands: all },
  {
    input: 'cluster',
    key: 'cluster',
    value: { instanceGroups: [{ instanceType: 'm5.large', count: 1e9 }] },
    commands: all,
  },
  { input: 'cluster', key: 'cluster', value: { containerInstances: [7, { ec2InstanceId: 'i-1' }] }, commands: all },
  {
    input: 'cluster',
    key: 'cluster',
    value: { capacityProvider: { targetCapacity: 0 }, instanceGroups: [] },
    commands: all,
  },
  { input: 'cluster', key: 'cluster', value: { nodes: [] }, commands: all },
  {
    input: 'task definition',
    key: 'taskDefinition',
    value: { family: 'x', cpu: 'lots', containerDefinitions: [] },
    commands: all,
  },
  { input: 'task definition', key: 'taskDefinition', value: [1], commands: all },
  {
    input: 'current task definition',
    key: 'currentTaskDefinition',
    value: { containerDefinitions: [] },
    commands: ['deploy'],
  },
  { input: 'service', key: 'service', value: { serviceName: 'worker', desiredCount: 'three' }, commands: all },
  { input: 'service', key: 'service', value: { serviceName: 'worker', desiredCount: 1e7 }, commands: all },
  {
    input: 'service',
    key: 'service',
    value: { serviceName: 'worker', deploymentConfiguration: { minimumHealthyPercent: 'x', strategy: 'FAST' } },
    commands: ['deploy'],
  },
  {
    input: 'scalable target',
    key: 'target',
    value: { MinCapacity: 10, MaxCapacity: 2, ServiceNamespace: 'ec2' },
    commands: ['scale'],
  },
  { input: 'scaling policy', key: 'policy', value: { PolicyType: 'Magic' }, commands: ['scale'] },
  {
    input: 'load profile',
    key: 'load',
    value: {
      metric: 'Disk',
      demand: [
        [10, 1],
        [5, 2],
      ],
    },
    commands: ['scale'],
  },
];

test('an error caused by one bad file names that file as its input, in simulate, deploy and scale', () => {
  for (const { input, key, value, commands } of badFiles) {
    const given = { ...good, [key]: value };
    const errorsOf: Record<Command, () => InputError[]> = {
      simulate: () => simulate(given).errors,
      deploy: () => simulateDeployment(given).errors,
      scale: () => simulateScaling({ ...given, durationSeconds: 600 }).errors,
    };
    for (const command of commands) {
      const errors = errorsOf[command]();
      const label = `${command} with a bad ${input}: ${JSON.stringify(errors)}`;
      assert.ok(errors.length > 0, label);
      for (const e of errors) assert.equal(e.input, input, label);
    }
  }
});

test('a cluster error reaches the CLI named by the cluster file, with the path in it, in every command', () => {
  const files: Record<string, string> = {
    'bad.cluster.json': JSON.stringify({ instanceGroups: [{ instanceType: 'm5.large' }, { count: 2 }] }),
    'svc.json': JSON.stringify(good.service),
    'td.json': JSON.stringify(good.taskDefinition),
    'target.json': JSON.stringify(good.target),
    'policy.json': JSON.stringify(good.policy),
    'w.load.json': JSON.stringify(good.load),
  };
  const read = (path: string) => files[path] ?? assert.fail(`no file ${path}`);
  const common = ['--cluster', 'bad.cluster.json', '--service', 'svc.json', '--task-definition', 'td.json'];
  const scaling = ['--target', 'target.json', '--policy', 'policy.json', '--load', 'w.load.json'];
  const results = {
    simulate: runSimulateCli(['simulate', ...common], read),
    deploy: runDeployCli(['deploy', ...common], read),
    scale: runScaleCli(['scale', ...common, ...scaling], read),
  };
  for (const [command, r] of Object.entries(results)) {
    assert.equal(r.exitCode, 2, command);
    assert.equal(r.stderr, `ecs-lens ${command}: bad.cluster.json: instanceGroups[1].instanceType: is required\n`);
  }
});

test('every option the admission layer bounds is named by a flag the commands read', () => {
  // The admission layer's errors name options by their request path; each such option has its flag.
  const admitted = admitSimulationInput({
    options: Object.fromEntries(Object.keys(optionFlags).map((k) => [k, -1])),
  });
  const named = cliInputErrors('deploy', admitted, () => []);
  assert.doesNotMatch(named, /options\./, named);
  // --count is bounded by the simulator and --duration by scale, after admission.
  for (const flag of Object.values(optionFlags))
    if (flag !== '--count' && flag !== '--duration')
      assert.match(named, new RegExp(`ecs-lens deploy: ${flag}: `), flag);
});

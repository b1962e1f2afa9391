import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCluster, simulate } from '../../../server/src/placement';
import { parseCapacityProviders } from '../../../server/src/placement/managedScaling';
import { compileStrategies } from '../../../server/src/placement/strategies';
import { compileConstraints } from '../../../server/src/placement/constraints';
import { parseService } from '../../../server/src/placement/serviceModel';
import { parseTaskDefinition } from '../../../server/src/placement/taskModel';
import { describeInputError, type InputError, type InputFiles } from '../../../server/src/placement/inputErrors';
import { admitSimulationInput } from '../../../server/src/workspace/admission';
import { deploymentSettings } from '../../../server/src/dynamics/serviceInputs';
import { parseLoadProfile, parseScalableTarget, parseScalingPolicy } from '../../../server/src/dynamics/scalingInputs';
import { simulateDeployment, simulateScaling } from '../../../server/src/dynamics';
import { cpu50 } from '../dynamics/helpers';

const files: InputFiles = {
  cluster: 'c.json',
  service: 's.json',
  'task definition': 'td.json',
  'scalable target': 't.json',
  'scaling policy': 'p.json',
  'load profile': 'l.json',
};

const goodTask = { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 256, memory: 512 }] };
const goodCluster = { instanceGroups: [{ instanceType: 'm5.large', count: 2 }] };

/** Bad inputs through the real parsers, each a list of the errors it gives. */
const cases: Array<[string, () => InputError[]]> = [
  [
    'cluster',
    () =>
      parseCluster({
        instanceGroups: [{ instanceType: 'm5.large', count: 'x' }, { count: 2 }, 5, { instanceType: 'nope.huge' }],
      }).errors,
  ],
  [
    'described cluster',
    () => parseCluster({ containerInstances: [5, { ec2InstanceId: 'i-1', registeredResources: [] }] }).errors,
  ],
  [
    'managed scaling',
    () =>
      parseCapacityProviders({
        capacityProvider: { targetCapacity: 0 },
        capacityProviders: [{ name: 'a', managedScaling: { maximumScalingStepSize: 1.5 } }],
      }).errors,
  ],
  [
    'options',
    () =>
      admitSimulationInput({
        options: { minimumScalingStepSize: 0, taskStartSeconds: '5', maxInstances: 1e9 },
        service: { desiredCount: 1e9 },
        cluster: { instanceGroups: [{ instanceType: 'm5.large', count: 1e9 }] },
      }),
  ],
  ['strategies', () => compileStrategies([{ type: 'bogus' }, { type: 'binpack', field: 'disk' }]).errors],
  [
    'strategies of the panel',
    () => compileStrategies([{ type: 'spread', field: '' }], { path: 'options.placementStrategy' }).errors,
  ],
  [
    'constraints',
    () =>
      compileConstraints([{ type: 'sameZone' }, { type: 'memberOf' }, { type: 'memberOf', expression: 'x ==' }], 2, {
        first: { input: 'service', path: 'placementConstraints' },
        count: 1,
      }).errors,
  ],
  ['service', () => parseService({ desiredCount: 2.5 }).errors],
  ['task definition', () => parseTaskDefinition({ cpu: 'lots', memory: 'much', containerDefinitions: [] }).errors],
  [
    'deployment configuration',
    () => deploymentSettings({ deploymentConfiguration: { maximumPercent: 'x', strategy: 'FOO' } }, false).errors,
  ],
  [
    'load profile',
    () =>
      parseLoadProfile({
        metric: 'Disk',
        demand: [
          [0, 1],
          [-1, 2],
          [0, 3],
        ],
      }).errors,
  ],
  ['scalable target', () => parseScalableTarget({ ServiceNamespace: 'ec2', MinCapacity: 5, MaxCapacity: 2 }).errors],
  [
    'scaling policies',
    () =>
      parseScalingPolicy([
        { PolicyType: 'Nope' },
        { TargetTrackingScalingPolicyConfiguration: { TargetValue: 0 } },
        { StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [] } },
        {
          StepScalingPolicyConfiguration: {
            AdjustmentType: 'ChangeInCapacity',
            StepAdjustments: [{ ScalingAdjustment: 1 }],
          },
          Alarms: [{ MetricName: 'CPUUtilization', Period: 300 }],
        },
      ]).errors,
  ],
  ['count', () => simulate({ taskDefinition: goodTask, cluster: goodCluster, options: { count: -1 } }).errors],
  [
    'capacity provider strategy',
    () =>
      simulate({
        taskDefinition: goodTask,
        cluster: goodCluster,
        service: {
          desiredCount: 2,
          capacityProviderStrategy: [
            { capacityProvider: 'a', base: 1 },
            { capacityProvider: 'b', base: 1 },
          ],
        },
      }).errors,
  ],
  [
    'too many strategies and constraints',
    () =>
      simulate({
        taskDefinition: goodTask,
        cluster: goodCluster,
        service: { placementStrategy: Array.from({ length: 6 }, () => ({ type: 'random' })) },
        options: { placementConstraints: Array.from({ length: 30 }, () => ({ type: 'distinctInstance' as const })) },
      }).errors,
  ],
  [
    'deploy',
    () =>
      simulateDeployment({
        taskDefinition: goodTask,
        cluster: goodCluster,
        service: { serviceName: 'web', desiredCount: 20_000 },
      }).errors,
  ],
  [
    'scale',
    () =>
      simulateScaling({
        taskDefinition: goodTask,
        cluster: goodCluster,
        service: { serviceName: 'web', desiredCount: 1, placementStrategy: [{ type: 'bogus' }] },
        target: { MinCapacity: 1, MaxCapacity: 4 },
        policy: { PolicyType: 'Nope' },
        load: { metric: 'CPUUtilization', demand: [[0, 1]] },
        durationSeconds: 600,
      }).errors,
  ],
  [
    'scale beyond its bounds',
    () =>
      simulateScaling({
        taskDefinition: goodTask,
        cluster: goodCluster,
        service: { serviceName: 'web', desiredCount: 1 },
        target: { MinCapacity: 1, MaxCapacity: 20_000 },
        policy: cpu50,
        load: { metric: 'CPUUtilization', demand: [[0, 1]] },
        durationSeconds: 30,
      }).errors,
  ],
];

/** A subject before a colon (`options: …`, `placement strategy 1: …`): the path field names the place instead. */
const subjectPrefix = /^[\w.[\]-]+(?: [\w.[\]-]+){0,3}: /;

test('no error message starts with its path or a subject; the described error names the path exactly once', () => {
  for (const [what, errorsOf] of cases) {
    const errors = errorsOf();
    assert.ok(errors.length > 0, `${what} gives errors`);
    for (const e of errors) {
      const label = `${what}: ${JSON.stringify(e)}`;
      assert.doesNotMatch(e.message, subjectPrefix, label);
      if (e.path === undefined) continue;
      assert.ok(!e.message.startsWith(e.path), label);
      const described = describeInputError(e, files);
      assert.equal(described.split(e.path).length - 1, 1, `${described} names its path once`);
      assert.ok(described.endsWith(`${e.path}: ${e.message}`), described);
    }
  }
});

test('an option, a list item and a strategy of the panel are named by their paths', () => {
  const all = cases.flatMap(([, errorsOf]) => errorsOf());
  const paths = new Set(all.map((e) => `${e.input ?? ''}|${e.path ?? ''}`));
  for (const expected of [
    '|options.minimumScalingStepSize',
    '|options.taskStartSeconds',
    '|options.count',
    '|options.placementStrategy[0].field',
    '|placementConstraints',
    'cluster|capacityProvider.targetCapacity',
    'cluster|capacityProviders[0].managedScaling.maximumScalingStepSize',
    'cluster|instanceGroups[0].count',
    'service|placementStrategy[0].type',
    'service|placementStrategy',
    'service|placementConstraints[0].type',
    'task definition|placementConstraints[1].expression',
    'service|capacityProviderStrategy',
    'scalable target|MaxCapacity',
    '|durationSeconds',
  ])
    assert.ok(paths.has(expected), `${expected} among ${[...paths].join(', ')}`);
});

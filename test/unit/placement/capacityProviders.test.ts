/**
 * Capacity provider strategies (cluster-capacity-providers.html, fargate-capacity-providers.html) and
 * per-provider managed scaling (cluster-auto-scaling.html).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatText } from '../../../server/src/cli/simulateFormat';
import { simulate } from '../../../server/src/placement';
import { splitTasks } from '../../../server/src/placement/capacityProviders';
import { service, taskDef } from './helpers';

function shares(perTask: number[], n: number): number[] {
  const out = Array.from({ length: n }, () => 0);
  for (const i of perTask) out[i]++;
  return out;
}

// cluster-capacity-providers.html: the base first, then the rest by weight; a weight of 0 gets nothing beyond the base.
test('base goes first, then the weights split the rest', () => {
  const split = splitTasks(
    [
      { capacityProvider: 'a', base: 2, weight: 1 },
      { capacityProvider: 'b', base: 0, weight: 3 },
    ],
    10,
  );
  assert.deepEqual(split.perTask.slice(0, 2), [0, 0]);
  assert.deepEqual(shares(split.perTask, 2), [4, 6]);
  assert.deepEqual(
    shares(
      splitTasks(
        [
          { capacityProvider: 'FARGATE', base: 0, weight: 1 },
          { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 },
        ],
        7,
      ).perTask,
      2,
    ),
    [4, 3],
  );
  assert.deepEqual(
    shares(
      splitTasks(
        [
          { capacityProvider: 'a', base: 5, weight: 0 },
          { capacityProvider: 'b', base: 0, weight: 1 },
        ],
        3,
      ).perTask,
      2,
    ),
    [3, 0],
  );
  assert.match(
    splitTasks(
      [
        { capacityProvider: 'a', base: 1, weight: 1 },
        { capacityProvider: 'b', base: 1, weight: 1 },
      ],
      3,
    ).error!,
    /only one capacity provider/,
  );
  assert.match(splitTasks([{ capacityProvider: 'a', base: 1, weight: 0 }], 3).error!, /weight above 0/);
});

const twoProviders = {
  capacityProviders: [
    { name: 'on-demand', instanceType: 'm5.large' },
    { name: 'spot', instanceType: 'c5.large', minimumScalingStepSize: 2 },
  ],
  instanceGroups: [
    {
      instanceType: 'm5.large',
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      count: 2,
      capacityProvider: 'on-demand',
    },
    { instanceType: 'c5.large', availabilityZones: ['us-east-1a', 'us-east-1b'], count: 2, capacityProvider: 'spot' },
  ],
};

test('a provider places its share of the tasks on its own instances only, and scales out alone', () => {
  const result = simulate({
    taskDefinition: taskDef({ cpu: 1024, memory: 1024 }),
    service: service({
      desiredCount: 12,
      capacityProviderStrategy: [
        { capacityProvider: 'on-demand', base: 2, weight: 1 },
        { capacityProvider: 'spot', weight: 1 },
      ],
    }),
    cluster: twoProviders,
  });
  assert.deepEqual(result.errors, []);
  const byType = (prefix: string) => result.placements.filter((p) => p.instance.startsWith(prefix)).length;
  assert.equal(byType('m5.large'), 4, 'two m5.large take two tasks each');
  assert.equal(byType('c5.large'), 4);
  assert.deepEqual(result.capacityProviders, [
    { capacityProvider: 'on-demand', tasks: 7, placed: 4, unplaced: 3 },
    { capacityProvider: 'spot', tasks: 5, placed: 4, unplaced: 1 },
  ]);
  assert.equal(result.scaleOuts!.length, 2);
  const [onDemand, spot] = result.scaleOuts!;
  assert.deepEqual(
    [onDemand.capacityProvider, onDemand.instanceType, onDemand.instancesToAdd, onDemand.instancesRunning],
    ['on-demand', 'm5.large', 2, 2],
  );
  assert.deepEqual(
    [spot.capacityProvider, spot.instanceType, spot.instancesToAdd, spot.instancesLaunched],
    ['spot', 'c5.large', 1, 2],
  );
  const text = formatText(result);
  assert.match(
    text,
    /Capacity providers:\n {2}on-demand: 7 tasks, 4 placed, 3 not placed\n {2}spot: 5 tasks, 4 placed, 1 not placed/,
  );
  assert.match(text, /Scale-out \(spot\): 1 more c5\.large instance/);
});

// cluster-capacity-providers.html: a strategy holds Fargate providers or Auto Scaling group providers, not both; one of
// Fargate providers only runs on AWS capacity.
test('FARGATE_SPOT beside an Auto Scaling group provider is refused; a strategy of Fargate providers runs on Fargate', () => {
  const result = simulate({
    taskDefinition: taskDef({ cpu: 256, memory: 512, requiresCompatibilities: ['EC2', 'FARGATE'] }),
    service: service({
      desiredCount: 5,
      capacityProviderStrategy: [
        { capacityProvider: 'on-demand', base: 1, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', weight: 1 },
      ],
    }),
    cluster: twoProviders,
  });
  assert.deepEqual(
    result.errors.map((e) => [e.input, e.path]),
    [['service', 'capacityProviderStrategy']],
  );
  assert.equal(result.placements.length, 0);
  const allFargate = simulate({
    taskDefinition: taskDef(),
    service: service({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] }),
    cluster: twoProviders,
  });
  assert.equal(allFargate.mode, 'fargate');
});

// fargate-capacity-providers.html: FARGATE and FARGATE_SPOT take base and weight like any provider.
test('a Fargate service with a FARGATE / FARGATE_SPOT strategy says how its tasks split', () => {
  const result = simulate({
    taskDefinition: taskDef({ requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: 256, memory: 512 }),
    service: service({
      desiredCount: 9,
      capacityProviderStrategy: [
        { capacityProvider: 'FARGATE', base: 1, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', weight: 3 },
      ],
    }),
    cluster: { name: 'fargate-only', instanceGroups: [] },
  });
  assert.equal(result.mode, 'fargate');
  const note = result.notes.find((n) => /would run on Fargate/.test(n)) ?? '';
  assert.match(note, /9 tasks would run on Fargate: FARGATE 3, FARGATE_SPOT 6 \(base 1 on FARGATE, then weights 1:3\)/);
});

test('the cluster default strategy applies to a service without one; describe output names the provider per instance', () => {
  const instance = (id: string, provider: string) => ({
    ec2InstanceId: id,
    capacityProviderName: provider,
    attributes: [{ name: 'ecs.instance-type', value: 'm5.large' }],
    registeredResources: [
      { name: 'CPU', integerValue: 2048 },
      { name: 'MEMORY', integerValue: 7680 },
    ],
  });
  const result = simulate({
    taskDefinition: taskDef({ cpu: 512, memory: 512 }),
    service: service({ desiredCount: 4, capacityProviderStrategy: [{ capacityProvider: 'blue', weight: 1 }] }),
    cluster: { containerInstances: [instance('i-1', 'blue'), instance('i-2', 'green')] },
  });
  assert.deepEqual(
    result.placements.map((p) => p.instance),
    ['i-1', 'i-1', 'i-1', 'i-1'],
  );
  const viaDefault = simulate({
    taskDefinition: taskDef({ cpu: 1024, memory: 1024 }),
    service: service({ desiredCount: 5 }),
    cluster: { ...twoProviders, defaultCapacityProviderStrategy: [{ capacityProvider: 'spot', weight: 1 }] },
  });
  assert.ok(viaDefault.placements.every((p) => p.instance.startsWith('c5.large')));
  assert.equal(viaDefault.placements.length, 4);
  // The m5.large instances have room, but belong to another provider.
  assert.deepEqual(viaDefault.unplaced[0].reasons.map((r) => [r.code, r.instances]).sort(), [
    ['capacity-provider', 2],
    ['insufficient-cpu', 2],
  ]);
});

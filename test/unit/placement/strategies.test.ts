import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../../server/src/placement';
import { cluster, perInstance, perZone, service, taskDef } from './helpers';

test('binpack memory fills the instance with the least remaining memory first', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 3, placementStrategy: [{ type: 'binpack', field: 'memory' }] }),
    cluster: cluster(
      { instanceType: 'm5.large', availabilityZone: 'us-east-1a' },
      {
        instanceType: 'm5.large',
        availabilityZone: 'us-east-1a',
        runningTasks: [{ group: 'service:other', cpu: 0, memory: 1024 }],
      },
    ),
  });
  assert.deepEqual(result.errors, []);
  assert.deepEqual(perInstance(result), { 'm5.large-us-east-1a-2': 3 });
  const second = result.instances.find((i) => i.instance === 'm5.large-us-east-1a-2')!;
  assert.equal(second.memory.registered, 7680);
  assert.equal(second.memory.remaining, 7680 - 1024 - 3 * 512);
  assert.equal(second.memory.existing, 1024);
  assert.equal(second.memory.simulated, 1536);
});

test('binpack cpu prefers the least remaining CPU', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 2, placementStrategy: [{ type: 'binpack', field: 'cpu' }] }),
    cluster: cluster(
      {
        instanceType: 'm5.large',
        availabilityZone: 'us-east-1a',
        runningTasks: [{ group: 'service:other', cpu: 512, memory: 0 }],
      },
      { instanceType: 'm5.large', availabilityZone: 'us-east-1a' },
    ),
  });
  assert.deepEqual(perInstance(result), { 'm5.large-us-east-1a-1': 2 });
});

test('binpack moves on once the fullest instance has no room left', () => {
  const result = simulate({
    taskDefinition: taskDef({ containerCpu: 1024, containerMemory: 512 }),
    service: service({ desiredCount: 3, placementStrategy: [{ type: 'binpack', field: 'cpu' }] }),
    cluster: cluster({ instanceType: 'm5.large', availabilityZone: 'us-east-1a', count: 2 }),
  });
  assert.deepEqual(Object.values(perInstance(result)).sort(), [1, 2]);
});

test('spread on instanceId gives every instance the same number of tasks', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 6, placementStrategy: [{ type: 'spread', field: 'instanceId' }] }),
    cluster: cluster({ instanceType: 'm5.large', availabilityZone: 'us-east-1a', count: 3 }),
  });
  assert.deepEqual(Object.values(perInstance(result)), [2, 2, 2]);
});

test('spread on host behaves like instanceId', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 4, placementStrategy: [{ type: 'spread', field: 'host' }] }),
    cluster: cluster({ instanceType: 'm5.large', availabilityZone: 'us-east-1a', count: 4 }),
  });
  assert.deepEqual(Object.values(perInstance(result)), [1, 1, 1, 1]);
});

test('spread on the availability-zone attribute balances zones, not instances', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({
      desiredCount: 6,
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    }),
    cluster: cluster(
      { instanceType: 'm5.large', availabilityZone: 'us-east-1a', count: 3 },
      { instanceType: 'm5.large', availabilityZone: 'us-east-1b' },
      { instanceType: 'm5.large', availabilityZone: 'us-east-1c' },
    ),
  });
  assert.deepEqual(perZone(result), { 'us-east-1a': 2, 'us-east-1b': 2, 'us-east-1c': 2 });
});

test('spread on a custom attribute balances its values', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 4, placementStrategy: [{ type: 'spread', field: 'attribute:rack' }] }),
    cluster: cluster(
      { instanceType: 'm5.large', availabilityZone: 'us-east-1a', count: 3, attributes: { rack: 'r1' } },
      { instanceType: 'm5.large', availabilityZone: 'us-east-1a', attributes: { rack: 'r2' } },
    ),
  });
  assert.equal(perInstance(result)['m5.large-us-east-1a-4'], 2);
});

test('spread by zone then binpack memory fills one instance within each zone', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({
      desiredCount: 4,
      placementStrategy: [
        { type: 'spread', field: 'attribute:ecs.availability-zone' },
        { type: 'binpack', field: 'memory' },
      ],
    }),
    cluster: cluster(
      { instanceType: 'm5.large', availabilityZones: ['us-east-1a', 'us-east-1b'], count: 2 },
      {
        instanceType: 'm5.large',
        availabilityZones: ['us-east-1a', 'us-east-1b'],
        count: 2,
        runningTasks: [{ group: 'service:other', memory: 1024 }],
      },
    ),
  });
  assert.deepEqual(perZone(result), { 'us-east-1a': 2, 'us-east-1b': 2 });
  assert.deepEqual(perInstance(result), { 'm5.large-us-east-1a-2': 2, 'm5.large-us-east-1b-2': 2 });
  // Tasks alternate zones: the zone spread wins over binpack at every step.
  const zones = result.placements.map((p) => p.instance.split('-').slice(1, 4).join('-'));
  assert.notEqual(zones[0], zones[1]);
  assert.notEqual(zones[2], zones[3]);
});

test('services without a strategy spread over zones, then over instances', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 6 }),
    cluster: cluster(
      { instanceType: 'm5.large', availabilityZone: 'us-east-1a', count: 2 },
      { instanceType: 'm5.large', availabilityZone: 'us-east-1b', count: 1 },
    ),
  });
  assert.deepEqual(result.strategies, [
    { type: 'spread', field: 'attribute:ecs.availability-zone' },
    { type: 'spread', field: 'instanceId' },
  ]);
  assert.deepEqual(perZone(result), { 'us-east-1a': 3, 'us-east-1b': 3 });
  const a = perInstance(result);
  assert.equal(a['m5.large-us-east-1b-1'], 3);
  assert.deepEqual([a['m5.large-us-east-1a-1'], a['m5.large-us-east-1a-2']].sort(), [1, 2]);
});

test('existing tasks of the service count for spread', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({
      desiredCount: 3,
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    }),
    cluster: cluster(
      {
        instanceType: 'm5.large',
        availabilityZone: 'us-east-1a',
        runningTasks: [{ group: 'service:web', cpu: 256, memory: 512 }],
      },
      { instanceType: 'm5.large', availabilityZone: 'us-east-1b' },
      { instanceType: 'm5.large', availabilityZone: 'us-east-1c' },
    ),
  });
  assert.deepEqual(perZone(result), { 'us-east-1b': 1, 'us-east-1c': 1 });
});

test('random picks differ by seed and repeat with the same seed', () => {
  const request = (seed: number) => ({
    taskDefinition: taskDef({ containerCpu: 16, containerMemory: 16 }),
    cluster: cluster({ instanceType: 'm5.large', availabilityZone: 'us-east-1a', count: 5 }),
    options: { count: 20, seed },
  });
  const first = simulate(request(7));
  assert.equal(first.mode, 'run-task');
  assert.deepEqual(first.strategies, [{ type: 'random' }]);
  assert.deepEqual(simulate(request(7)).placements, first.placements);
  assert.notDeepEqual(simulate(request(8)).placements, first.placements);
  assert.ok(Object.keys(perInstance(first)).length > 1, 'random uses more than one instance');
});

test('ties left by the strategies are broken by the seed, reproducibly', () => {
  const request = (seed: number) => ({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 1, placementStrategy: [{ type: 'binpack', field: 'memory' }] }),
    cluster: cluster({ instanceType: 'm5.large', availabilityZone: 'us-east-1a', count: 8 }),
    options: { seed, explain: true },
  });
  const picks = new Set([1, 2, 3, 4, 5, 6].map((s) => simulate(request(s)).placements[0].instance));
  assert.ok(picks.size > 1);
  assert.equal(simulate(request(3)).placements[0].instance, simulate(request(3)).placements[0].instance);
  const steps = simulate(request(3)).explanations[0].steps.map((s) => s.step);
  assert.deepEqual(steps, ['resources', 'constraints', 'strategy:binpack(memory)', 'tie-break']);
});

test('options.placementStrategy overrides the service', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 3, placementStrategy: [{ type: 'spread', field: 'instanceId' }] }),
    cluster: cluster({ instanceType: 'm5.large', availabilityZone: 'us-east-1a', count: 3 }),
    options: { placementStrategy: [{ type: 'binpack', field: 'memory' }] },
  });
  assert.equal(Object.keys(perInstance(result)).length, 1);
});

test('unknown strategies and fields are input errors', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ placementStrategy: [{ type: 'binpack', field: 'disk' }, { type: 'pack' }, { type: 'spread' }] }),
    cluster: cluster({ instanceType: 'm5.large' }),
  });
  assert.equal(result.errors.length, 3);
  assert.deepEqual(result.placements, []);
});

test('the explanation names each step and why the instance won', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 2 }),
    cluster: cluster({ instanceType: 'm5.large', availabilityZones: ['us-east-1a', 'us-east-1b'], count: 2 }),
    options: { explain: true },
  });
  const second = result.explanations[1];
  assert.equal(second.instance, result.placements[1].instance);
  assert.deepEqual(
    second.steps.map((s) => s.step),
    ['resources', 'constraints', 'strategy:spread(attribute:ecs.availability-zone)'],
  );
  assert.equal(second.steps[0].candidateCount, 2);
  assert.match(second.summary, /fewest tasks of service:web/);
});

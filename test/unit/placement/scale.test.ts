/**
 * Full-scale properties: the index chooses what the reference scan chooses, input order never
 * changes an answer, a live run places and removes incrementally, and the panel answer stays small.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  explainTask,
  preparePlacement,
  simulate,
  type PlacementSetup,
  type SimulationRequest,
} from '../../../server/src/placement';
import { mulberry32 } from '../../../server/src/placement/random';
import { request as benchRequest } from '../../bench/simulate';
import { cluster, service, taskDef } from './helpers';

const STRATEGY_CHAINS = [
  [],
  [{ type: 'random' }],
  [{ type: 'binpack', field: 'memory' }],
  [
    { type: 'binpack', field: 'cpu' },
    { type: 'spread', field: 'instanceId' },
  ],
  [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
  [
    { type: 'spread', field: 'attribute:ecs.availability-zone' },
    { type: 'spread', field: 'instanceId' },
  ],
  [
    { type: 'spread', field: 'attribute:ecs.availability-zone' },
    { type: 'binpack', field: 'memory' },
  ],
  [
    { type: 'spread', field: 'attribute:rack' },
    { type: 'spread', field: 'attribute:ecs.availability-zone' },
    { type: 'random' },
  ],
  [{ type: 'spread', field: 'instanceId' }, { type: 'random' }],
  // A spread after a binpack is not indexed: the run scans, and must still agree with itself.
  [
    { type: 'binpack', field: 'memory' },
    { type: 'spread', field: 'attribute:ecs.availability-zone' },
  ],
];

function randomRequest(seed: number): SimulationRequest {
  const rng = mulberry32(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rng() * list.length)];
  const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'].slice(0, 1 + Math.floor(rng() * 3));
  const groups = Array.from({ length: 1 + Math.floor(rng() * 4) }, (_, g) => ({
    instanceType: pick(['m5.large', 'm5.xlarge', 'c5.large', 't3.medium']),
    availabilityZones: zones,
    count: 1 + Math.floor(rng() * 12),
    attributes: { rack: `r${g % 2}` },
    ...(rng() < 0.5 ? { runningTasks: [{ group: 'service:web', cpu: 128, memory: 256 }] } : {}),
  }));
  const constraints =
    rng() < 0.3
      ? [{ type: 'distinctInstance' }]
      : rng() < 0.5
        ? [{ type: 'memberOf', expression: 'attribute:rack == r0 or runningTasksCount < 3' }]
        : [];
  return {
    taskDefinition: taskDef({
      containerCpu: pick([64, 256, 512]),
      containerMemory: pick([128, 512, 1024]),
      portMappings: rng() < 0.2 ? [{ containerPort: 80, hostPort: 80 }] : undefined,
    }),
    service: service({
      desiredCount: 1 + Math.floor(rng() * 60),
      placementStrategy: pick(STRATEGY_CHAINS),
      placementConstraints: constraints,
    }),
    cluster: cluster(...groups),
    options: { seed: Math.floor(rng() * 1000) },
  };
}

function setupOf(request: SimulationRequest): PlacementSetup {
  const prepared = preparePlacement(request);
  assert.ok('setup' in prepared, JSON.stringify('result' in prepared ? prepared.result.errors : ''));
  return prepared.setup;
}

test('the index picks the instance the reference scan picks, task after task, with removals between', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const setup = setupOf(randomRequest(seed));
    const { run } = setup;
    for (let t = 0; t < setup.count; t++) {
      const scanned = run.scanNext();
      assert.equal(run.next()?.id, scanned?.id, `seed ${seed}, task ${t}`);
      const explained = run.explainNext(t);
      assert.equal(
        explained.instance,
        scanned?.id,
        `the explanation names the same instance (seed ${seed}, task ${t})`,
      );
      run.placeNext(t);
      // Every fifth task stops again, which frees its room for the next.
      if (t % 5 === 4) {
        const placed = run.instanceOf(t - 2) !== undefined;
        assert.equal(run.remove(t - 2), placed);
      }
    }
  }
});

test('a live run places more tasks and removes tasks: freed room is used again', () => {
  const setup = setupOf({
    taskDefinition: taskDef({ containerCpu: 1024, containerMemory: 3072 }),
    service: service({ desiredCount: 0 }),
    cluster: cluster({ instanceType: 'm5.large', availabilityZones: ['us-east-1a', 'us-east-1b'], count: 2 }),
  });
  const { run } = setup;
  const first = run.placeMany(0, 4);
  assert.equal(first.filter((o) => 'instance' in o).length, 4, 'two tasks fit on each m5.large (2,048 CPU units)');
  const fifth = run.placeNext(4);
  assert.ok('reasons' in fifth && fifth.reasons.some((r) => r.code === 'insufficient-cpu'));
  const home = run.instanceOf(1)!;
  assert.equal(run.remove(1), true);
  assert.equal(run.remove(1), false, 'a task is removed once');
  const again = run.placeNext(5);
  assert.ok('instance' in again && again.instance === home, 'the next task takes the freed room');
});

/** The same cluster file with its groups in another order: each group keeps its own name prefix. */
function shuffled<T>(list: T[], seed: number): T[] {
  const rng = mulberry32(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function canonical(result: ReturnType<typeof simulate>) {
  return {
    placements: result.placements,
    unplaced: result.unplaced,
    scaleOut: result.scaleOut,
    instances: [...result.instances].sort((a, b) => (a.instance < b.instance ? -1 : 1)),
  };
}

test('shuffled inputs give the same placements, reasons, explanations and scale-out estimate', () => {
  const groups = [
    { instanceType: 'm5.large', availabilityZone: 'us-east-1a', count: 4, attributes: { tier: 'web' } },
    { instanceType: 'm5.large', availabilityZone: 'us-east-1b', count: 3, attributes: { tier: 'web' } },
    {
      instanceType: 'c5.large',
      availabilityZone: 'us-east-1c',
      count: 4,
      attributes: { tier: 'api' },
      runningTasks: [{ group: 'service:web', cpu: 256, memory: 512 }],
    },
    { instanceType: 'c5.xlarge', availabilityZone: 'us-east-1a', count: 3, attributes: { tier: 'api' } },
  ];
  for (const chain of STRATEGY_CHAINS) {
    const base = (order: typeof groups, seed: number): SimulationRequest => ({
      taskDefinition: taskDef({ containerCpu: 512, containerMemory: 1024 }),
      service: service({ desiredCount: 80, placementStrategy: chain }),
      cluster: { ...cluster(...order), capacityProvider: {} },
      options: { seed },
    });
    for (const seed of [1, 7]) {
      const expected = simulate(base(groups, seed));
      assert.ok(expected.unplaced.length > 0, 'some tasks wait, so the scale-out estimate is exercised');
      for (let s = 1; s <= 4; s++) {
        const request = base(shuffled(groups, s * 31 + seed), seed);
        assert.deepEqual(
          canonical(simulate(request)),
          canonical(expected),
          `chain ${JSON.stringify(chain)}, seed ${seed}, shuffle ${s}`,
        );
        assert.deepEqual(explainTask(request, 3), explainTask(base(groups, seed), 3));
      }
    }
  }
});

test('describe-container-instances output in any order gives the same placements', () => {
  const instance = (i: number) => ({
    ec2InstanceId: `i-${String(i).padStart(4, '0')}`,
    containerInstanceArn: `arn:aws:ecs:us-east-1:123456789012:container-instance/c/${i}`,
    status: 'ACTIVE',
    agentConnected: true,
    attributes: [
      { name: 'ecs.availability-zone', value: `us-east-1${'abc'[i % 3]}` },
      { name: 'ecs.instance-type', value: 'm5.large' },
    ],
    registeredResources: [
      { name: 'CPU', integerValue: 2048 },
      { name: 'MEMORY', integerValue: 7680 },
    ],
    remainingResources: [
      { name: 'CPU', integerValue: 2048 - (i % 4) * 256 },
      { name: 'MEMORY', integerValue: 7680 - (i % 4) * 512 },
    ],
  });
  const list = Array.from({ length: 30 }, (_, i) => instance(i));
  const run = (containerInstances: unknown[]) =>
    simulate({
      taskDefinition: taskDef(),
      service: service({
        desiredCount: 50,
        placementStrategy: [
          { type: 'spread', field: 'attribute:ecs.availability-zone' },
          { type: 'binpack', field: 'cpu' },
        ],
      }),
      cluster: { containerInstances },
    });
  const expected = canonical(run(list));
  for (let s = 1; s <= 5; s++) assert.deepEqual(canonical(run(shuffled(list, s))), expected);
});

test('the panel answer for 5,000 tasks on 5,000 instances stays under 2 MiB and carries no explanations', () => {
  const result = simulate(benchRequest(5000, 5000));
  assert.deepEqual(result.errors, []);
  assert.equal(result.placements.length, 5000);
  assert.deepEqual(result.explanations, []);
  const bytes = Buffer.byteLength(JSON.stringify(result));
  assert.ok(bytes < 2 * 1024 * 1024, `${bytes} bytes`);
  const explained = explainTask(benchRequest(5000, 5000), 4999)!;
  assert.equal(explained.instance, result.placements[4999].instance);
  assert.ok(explained.steps.every((s) => s.candidates.length <= 50));
});

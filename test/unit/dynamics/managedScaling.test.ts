/**
 * One managed-scaling model: the placement estimate, `deploy` and `scale` run the same scenarios and give one answer.
 * Sources: developer guide, managed-scaling-behavior.md (binpacked step, 200% and two instances from zero, a datapoint a
 * minute); @aws-sdk/client-ecs ManagedScaling doc comments (a group with more than one instance type or Availability
 * Zone scales out by exactly minimumScalingStepSize; the warm-up period; the step sizes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateDeployment, simulateScaling } from '../../../server/src/dynamics';
import type { InstanceLaunch } from '../../../server/src/dynamics';
import { simulate } from '../../../server/src/placement';
import { scaleOutDecision, resolveManagedScaling } from '../../../server/src/placement/managedScaling';
import { service, taskDef } from './helpers';

/** A task that takes half an m5.large's CPU: two fit on a new instance. */
const halfLarge = taskDef({ containerCpu: 1024, containerMemory: 1024 });

interface Scenario {
  name: string;
  /** Instances of m5.large already full with another service's tasks. */
  full: number;
  zones: string[];
  desired: number;
  provider: Record<string, unknown>;
  /** Custom attributes of the instances already there (new instances of the type share them). */
  attributes?: Record<string, string>;
  /** The service's placement constraints. */
  constraints?: Array<Record<string, string>>;
}

function clusterOf(s: Scenario): Record<string, unknown> {
  return {
    name: 'test',
    instanceGroups: [
      {
        instanceType: 'm5.large',
        count: s.full,
        availabilityZones: s.zones,
        ...(s.attributes ? { attributes: s.attributes } : {}),
        runningTasks: [{ group: 'service:other', count: 2, cpu: 1024, memory: 1024 }],
      },
    ],
    capacityProvider: { name: 'asg', instanceType: 'm5.large', ...s.provider },
  };
}

function serviceOf(s: Scenario): Record<string, unknown> {
  return service({ desiredCount: s.desired, ...(s.constraints ? { placementConstraints: s.constraints } : {}) });
}

function estimate(s: Scenario): number {
  const result = simulate({
    taskDefinition: halfLarge,
    service: serviceOf(s),
    cluster: clusterOf(s),
  });
  assert.equal(result.unplaced.length, s.desired, `${s.name}: every task waits`);
  return result.scaleOut?.instancesLaunched ?? 0;
}

function deployLaunches(s: Scenario): InstanceLaunch[] {
  const result = simulateDeployment({
    cluster: clusterOf(s),
    service: serviceOf(s),
    taskDefinition: halfLarge,
  });
  assert.deepEqual(result.errors, [], s.name);
  return result.launches ?? [];
}

function scaleLaunches(s: Scenario): InstanceLaunch[] {
  // A load that keeps the service at its desired count: every task at the 50% target.
  const result = simulateScaling({
    cluster: clusterOf(s),
    service: serviceOf(s),
    taskDefinition: halfLarge,
    target: {
      ServiceNamespace: 'ecs',
      ResourceId: 'service/test/web',
      ScalableDimension: 'ecs:service:DesiredCount',
      MinCapacity: s.desired,
      MaxCapacity: s.desired,
    },
    policy: {
      PolicyName: 'cpu50',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 50,
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      },
    },
    load: { metric: 'CPUUtilization', demand: [[0, s.desired * 512]] },
    durationSeconds: 3600,
  });
  assert.deepEqual(result.errors, [], s.name);
  return result.launches ?? [];
}

const scenarios: Array<Scenario & { first: number; launches: InstanceLaunch[] }> = [
  {
    name: 'from zero instances',
    full: 0,
    zones: ['us-east-1a'],
    desired: 1,
    provider: {},
    first: 2,
    launches: [{ t: 60, instances: 2 }],
  },
  {
    name: 'one zone: the binpacked need at once',
    full: 2,
    zones: ['us-east-1a'],
    desired: 6,
    provider: {},
    first: 3,
    launches: [{ t: 60, instances: 3 }],
  },
  {
    name: 'more than one zone: exactly the minimum step, again after each warm-up',
    full: 2,
    zones: ['us-east-1a', 'us-east-1b'],
    desired: 6,
    provider: { minimumScalingStepSize: 2 },
    first: 2,
    launches: [
      { t: 60, instances: 2 },
      { t: 360, instances: 2 },
    ],
  },
  {
    name: 'no warm-up: a look while instances still launch waits for them, the group is not at its maximum',
    full: 2,
    zones: ['us-east-1a', 'us-east-1b'],
    desired: 6,
    provider: { instanceWarmupPeriod: 0 },
    first: 1,
    launches: [
      { t: 60, instances: 1 },
      { t: 180, instances: 1 },
      { t: 300, instances: 1 },
    ],
  },
  {
    name: 'at the maximum size',
    full: 2,
    zones: ['us-east-1a'],
    desired: 6,
    provider: { maxSize: 2 },
    first: 0,
    launches: [],
  },
  {
    name: 'with a warm-up: the next step waits for it',
    full: 2,
    zones: ['us-east-1a'],
    desired: 6,
    provider: { maximumScalingStepSize: 1, instanceWarmupPeriod: 600 },
    first: 1,
    launches: [
      { t: 60, instances: 1 },
      { t: 660, instances: 1 },
      { t: 1260, instances: 1 },
    ],
  },
  {
    name: 'a constraint no new instance meets: none is launched',
    full: 2,
    zones: ['us-east-1a'],
    desired: 6,
    provider: {},
    attributes: { stack: 'green' },
    constraints: [{ type: 'memberOf', expression: 'attribute:stack == blue' }],
    first: 0,
    launches: [],
  },
  {
    name: 'one task per instance: distinctInstance sizes the step',
    full: 2,
    zones: ['us-east-1a'],
    desired: 3,
    provider: {},
    constraints: [{ type: 'distinctInstance' }],
    first: 3,
    launches: [{ t: 60, instances: 3 }],
  },
];

for (const s of scenarios) {
  test(`managed scaling gives one answer in the estimate, deploy and scale: ${s.name}`, () => {
    const deploy = deployLaunches(s);
    const scale = scaleLaunches(s);
    assert.equal(estimate(s), s.first, 'estimate');
    assert.deepEqual(deploy, s.launches, 'deploy');
    assert.deepEqual(scale, s.launches, 'scale');
  });
}

test('the decision: from zero at least two, a spanning group exactly its minimum, the maximum size holds', () => {
  const ms = (entry: Record<string, unknown>, zones: string[] = ['a']) =>
    resolveManagedScaling(
      { instanceType: 'm5.large', ...entry },
      undefined,
      zones.map((z) => ({ instanceType: 'm5.large', availabilityZone: z }) as never),
    )!;
  assert.deepEqual(scaleOutDecision(ms({}), { instances: 0, inUse: 0, instancesNeeded: 1 }), {
    step: 2,
    reservation: 200,
    groupTarget: 2,
    launch: 2,
    atMaximum: false,
  });
  assert.equal(
    scaleOutDecision(ms({ minimumScalingStepSize: 3 }), { instances: 0, inUse: 0, instancesNeeded: 1 }).launch,
    3,
  );
  const spanning = ms({ minimumScalingStepSize: 2, maximumScalingStepSize: 10 }, ['a', 'b']);
  assert.equal(scaleOutDecision(spanning, { instances: 4, inUse: 4, instancesNeeded: 7 }).launch, 2);
  assert.equal(scaleOutDecision(ms({}), { instances: 4, inUse: 4, instancesNeeded: 7 }).launch, 7);
  // Target capacity 50: the group's target tracking moves to twice the instances needed.
  const half = scaleOutDecision(ms({ targetCapacity: 50 }), { instances: 4, inUse: 4, instancesNeeded: 2 });
  assert.deepEqual([half.reservation, half.groupTarget, half.launch], [150, 12, 8]);
  // Instances already launching take the waiting tasks; the maximum size counts them.
  assert.equal(scaleOutDecision(ms({}), { instances: 4, launching: 2, inUse: 4, instancesNeeded: 2 }).launch, 0);
  const capped = scaleOutDecision(ms({ maxSize: 5 }), { instances: 4, inUse: 4, instancesNeeded: 3 });
  assert.deepEqual([capped.launch, capped.atMaximum], [1, true]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../../server/src/placement';
import { cluster, service, taskDef } from './helpers';

// One zone and one type: managed scaling steps by the binpacked need (a group spanning more steps by its minimum).
const twoLarge = {
  ...cluster({ instanceType: 'm5.large', availabilityZones: ['us-east-1a'], count: 2 }),
  capacityProvider: {},
};

test('unplaced tasks give the instances a capacity provider would add and the reservation', () => {
  const result = simulate({
    taskDefinition: taskDef({ cpu: 1024, memory: 2048 }),
    service: service({ desiredCount: 10 }),
    cluster: twoLarge,
  });
  assert.equal(result.placements.length, 4);
  assert.equal(result.unplaced.length, 6);
  const s = result.scaleOut!;
  assert.equal(s.instanceType, 'm5.large');
  assert.equal(s.instancesToAdd, 3);
  assert.equal(s.tasksThatCannotFit, 0);
  assert.equal(s.instancesRunning, 2);
  assert.equal(s.capacityProviderReservation, 250);
  assert.equal(s.targetCapacity, 100);
  assert.equal(s.instancesAtTarget, 5);
  assert.match(s.message, /3 more m5\.large instances/);
});

test('the instance type and target capacity can be chosen', () => {
  const result = simulate({
    taskDefinition: taskDef({ cpu: 1024, memory: 2048 }),
    service: service({ desiredCount: 10 }),
    cluster: twoLarge,
    options: { capacityProvider: { instanceType: 'm5.xlarge', targetCapacity: 50 } },
  });
  const s = result.scaleOut!;
  assert.equal(s.instancesToAdd, 2);
  assert.equal(s.capacityProviderReservation, 200);
  assert.equal(s.instancesAtTarget, 8);
});

test('the cluster file names the capacity provider type', () => {
  const result = simulate({
    taskDefinition: taskDef({ cpu: 2048, memory: 4096 }),
    service: service({ desiredCount: 3 }),
    cluster: { ...twoLarge, capacityProvider: { instanceType: 'c5.2xlarge' } },
  });
  assert.equal(result.scaleOut!.instanceType, 'c5.2xlarge');
  assert.equal(result.scaleOut!.instancesToAdd, 1);
});

test('tasks too big for an empty instance of the type are counted apart', () => {
  const result = simulate({
    taskDefinition: taskDef({ cpu: 4096, memory: 1024 }),
    service: service({ desiredCount: 2 }),
    cluster: twoLarge,
  });
  assert.equal(result.scaleOut!.instancesToAdd, 0);
  assert.equal(result.scaleOut!.tasksThatCannotFit, 2);
  assert.match(result.scaleOut!.message, /would not fit even on an empty m5\.large/);
});

test('new instances obey the constraints: distinctInstance needs one per task, memberOf may rule the type out', () => {
  const distinct = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 5, placementConstraints: [{ type: 'distinctInstance' }] }),
    cluster: twoLarge,
  });
  assert.equal(distinct.scaleOut!.instancesToAdd, 3);
  const memberOf = simulate({
    taskDefinition: taskDef({ memberOf: 'attribute:ecs.instance-type == t3.large' }),
    service: service({ desiredCount: 1 }),
    cluster: twoLarge,
  });
  assert.equal(memberOf.scaleOut!.tasksThatCannotFit, 1);
});

// cluster-auto-scaling.html, "Managed scale-in behavior": 100 minus the number of empty instances.
test('everything placed: nothing to add, the reservation is 100 minus the empty instances', () => {
  const result = simulate({ taskDefinition: taskDef(), service: service({ desiredCount: 1 }), cluster: twoLarge });
  assert.equal(result.scaleOut!.instancesToAdd, 0);
  assert.equal(result.scaleOut!.emptyInstances, 1);
  assert.equal(result.scaleOut!.capacityProviderReservation, 99);
});

// cluster-auto-scaling.html, "Scale-out considerations": from no available instance ECS scales out to 200%, two instances.
test('no running instance and tasks waiting reads 200 and launches two', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 2 }),
    cluster: {
      instanceGroups: [{ instanceType: 'm5.large', count: 0 }],
      capacityProvider: { instanceType: 'm5.large' },
    },
  });
  assert.equal(result.unplaced.length, 2);
  assert.equal(result.scaleOut!.instancesToAdd, 1);
  assert.equal(result.scaleOut!.instancesLaunched, 2);
  assert.equal(result.scaleOut!.capacityProviderReservation, 200);
  assert.match(result.scaleOut!.message, /launches 2 first/);
});

// cluster-auto-scaling.html, "Managed scale-out behavior": only tasks with a capacity provider strategy make a provider scale out.
test('launchType EC2 and a cluster without a capacity provider get no scale-out, with a note', () => {
  const ec2 = simulate({
    taskDefinition: taskDef({ cpu: 1024, memory: 2048 }),
    service: service({ desiredCount: 10, launchType: 'EC2' }),
    cluster: twoLarge,
  });
  assert.equal(ec2.unplaced.length, 6);
  assert.equal(ec2.scaleOut, undefined);
  assert.ok(
    ec2.notes.some((n) => /launchType EC2: managed scaling adds no instance/.test(n)),
    ec2.notes.join('\n'),
  );
  const none = simulate({
    taskDefinition: taskDef({ cpu: 1024, memory: 2048 }),
    service: service({ desiredCount: 10 }),
    cluster: cluster({ instanceType: 'm5.large', count: 2 }),
  });
  assert.equal(none.scaleOut, undefined);
  assert.ok(none.notes.some((n) => /No capacity provider/.test(n)));
  const viaStrategy = simulate({
    taskDefinition: taskDef({ cpu: 1024, memory: 2048 }),
    service: service({ desiredCount: 10, capacityProviderStrategy: [{ capacityProvider: 'asg', weight: 1 }] }),
    cluster: cluster({ instanceType: 'm5.large', count: 2 }),
  });
  assert.equal(viaStrategy.scaleOut!.instancesToAdd, 3);
});

// ManagedScaling.minimumScalingStepSize / maximumScalingStepSize (SDK doc comments; cluster-auto-scaling.html scale-out steps).
test('the scaling step sizes bound how many instances one scale-out launches', () => {
  const request = (capacityProvider: Record<string, number>) =>
    simulate({
      taskDefinition: taskDef({ cpu: 1024, memory: 2048 }),
      service: service({ desiredCount: 10 }),
      cluster: { ...twoLarge, capacityProvider },
    }).scaleOut!;
  assert.equal(request({}).instancesLaunched, 3);
  assert.equal(request({ maximumScalingStepSize: 2 }).instancesLaunched, 2);
  assert.equal(request({ minimumScalingStepSize: 5 }).instancesLaunched, 5);
  assert.equal(request({ minimumScalingStepSize: 5 }).instancesToAdd, 3);
});

// cluster-auto-scaling.html, "Managed scale-in behavior": an instance is empty even when daemon tasks run on it.
test('instances running only daemon tasks count as empty', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 1 }),
    cluster: {
      ...cluster({
        instanceType: 'm5.large',
        availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
        count: 3,
        runningTasks: [{ group: 'service:logs', cpu: 64, memory: 64, daemon: true }],
      }),
      capacityProvider: {},
    },
  });
  assert.equal(result.scaleOut!.emptyInstances, 2);
  assert.equal(result.scaleOut!.capacityProviderReservation, 98);
});

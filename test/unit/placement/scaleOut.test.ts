import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../../server/src/placement';
import { cluster, service, taskDef } from './helpers';

const twoLarge = cluster({ instanceType: 'm5.large', availabilityZones: ['us-east-1a', 'us-east-1b'], count: 2 });

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

test('everything placed: nothing to add, the reservation counts instances in use', () => {
  const result = simulate({ taskDefinition: taskDef(), service: service({ desiredCount: 1 }), cluster: twoLarge });
  assert.equal(result.scaleOut!.instancesToAdd, 0);
  assert.equal(result.scaleOut!.capacityProviderReservation, 50);
});

test('no running instance and tasks waiting reads 200', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 2 }),
    cluster: { instanceGroups: [{ instanceType: 'm5.large', count: 0 }], capacityProvider: { instanceType: 'm5.large' } },
  });
  assert.equal(result.unplaced.length, 2);
  assert.equal(result.scaleOut!.instancesToAdd, 1);
  assert.equal(result.scaleOut!.capacityProviderReservation, 200);
});

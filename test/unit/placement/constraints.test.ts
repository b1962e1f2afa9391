import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../../server/src/placement';
import { cluster, perInstance, service, taskDef } from './helpers';
import { errorText } from '../errorText';

const mixed = cluster(
  { instanceType: 'm5.large', availabilityZones: ['us-east-1a', 'us-east-1b'], count: 2, attributes: { team: 'web' } },
  { instanceType: 't3.large', availabilityZones: ['us-east-1a', 'us-east-1b'], count: 2 },
);

test('distinctInstance places at most one task of the service per instance', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 5, placementConstraints: [{ type: 'distinctInstance' }] }),
    cluster: cluster({ instanceType: 'm5.large', availabilityZone: 'us-east-1a', count: 3 }),
  });
  assert.deepEqual(Object.values(perInstance(result)), [1, 1, 1]);
  assert.equal(result.unplaced.length, 2);
  assert.deepEqual(
    result.unplaced[0].reasons.map((r) => [r.code, r.instances]),
    [['distinct-instance', 3]],
  );
  assert.match(result.unplaced[0].reasons[0].message, /3 instances excluded by distinctInstance/);
});

test('distinctInstance counts tasks of the service that already run', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 3, placementConstraints: [{ type: 'distinctInstance' }] }),
    cluster: cluster(
      {
        instanceType: 'm5.large',
        availabilityZone: 'us-east-1a',
        runningTasks: [{ group: 'service:web', cpu: 256, memory: 512 }],
      },
      { instanceType: 'm5.large', availabilityZone: 'us-east-1b' },
    ),
  });
  assert.deepEqual(perInstance(result), { 'm5.large-us-east-1b-1': 1 });
  assert.equal(result.unplaced.length, 1);
});

test('memberOf on the instance type keeps only matching instances', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({
      desiredCount: 4,
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t3.*' }],
    }),
    cluster: mixed,
  });
  assert.equal(result.placements.length, 4);
  assert.ok(result.placements.every((p) => p.instance.startsWith('t3.large')));
});

test('memberOf of the task definition applies along with the service constraints', () => {
  const result = simulate({
    taskDefinition: taskDef({ memberOf: 'attribute:ecs.availability-zone == us-east-1b' }),
    service: service({
      desiredCount: 2,
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:team == web' }],
    }),
    cluster: mixed,
  });
  assert.deepEqual(perInstance(result), { 'm5.large-us-east-1b-1': 2 });
  assert.deepEqual(
    result.constraints.map((c) => c.type),
    ['memberOf', 'memberOf'],
  );
});

test('memberOf excluding every instance names the expression in the reason', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({
      desiredCount: 1,
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ c5.*' }],
    }),
    cluster: mixed,
  });
  assert.equal(result.placements.length, 0);
  const [reason] = result.unplaced[0].reasons;
  assert.equal(reason.code, 'member-of');
  assert.equal(reason.instances, 4);
  assert.equal(reason.ecsReason, 'MemberOf');
  assert.equal(reason.message, '4 instances excluded by memberOf(attribute:ecs.instance-type =~ c5.*)');
});

test('memberOf on task:group follows the tasks placed so far', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({
      desiredCount: 3,
      placementConstraints: [{ type: 'memberOf', expression: 'not(task:group == service:web)' }],
    }),
    cluster: cluster({ instanceType: 'm5.large', availabilityZone: 'us-east-1a', count: 2 }),
  });
  assert.deepEqual(Object.values(perInstance(result)), [1, 1]);
  assert.equal(result.unplaced.length, 1);
  assert.equal(result.unplaced[0].reasons[0].code, 'member-of');
});

test('options.placementConstraints replace the service constraints', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 2, placementConstraints: [{ type: 'distinctInstance' }] }),
    cluster: cluster({ instanceType: 'm5.large', availabilityZone: 'us-east-1a' }),
    options: { placementConstraints: [] },
  });
  assert.equal(result.placements.length, 2);
});

test('an invalid memberOf expression or constraint type is an input error', () => {
  const bad = simulate({
    taskDefinition: taskDef(),
    service: service({
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type ==' }, { type: 'sameZone' }],
    }),
    cluster: mixed,
  });
  assert.equal(bad.errors.length, 2);
  assert.equal(
    errorText(bad.errors[0]),
    'service: placementConstraints[0].expression: not valid at character 29; not simulated',
  );
  assert.equal(errorText(bad.errors[1]), 'service: placementConstraints[1].type: must be distinctInstance or memberOf');
  assert.deepEqual(bad.placements, []);
});

/**
 * The service as it runs: describe-services output and the cluster file's running tasks decide how many
 * tasks are missing; a DAEMON service gets a task only where it does not run yet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../../server/src/placement';
import { cluster, perInstance, service, taskDef } from './helpers';

const three = cluster({
  instanceType: 'm5.large',
  availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  count: 3,
});

function describeServices(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    services: [
      {
        serviceName: 'web',
        desiredCount: 3,
        taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:7',
        ...extra,
      },
    ],
    failures: [],
  };
}

// SDK Service.runningCount / pendingCount: the tasks in RUNNING and PENDING state.
test('describe-services output with every desired task running places nothing more', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: describeServices({ runningCount: 3, pendingCount: 0 }),
    cluster: three,
  });
  assert.deepEqual(result.errors, []);
  assert.equal(result.placements.length, 0);
  assert.equal(result.unplaced.length, 0);
  assert.ok(
    result.notes.some((n) => /3 of the 3 desired tasks of service:web already run/.test(n)),
    result.notes.join('\n'),
  );
});

// SDK Deployment.status: PRIMARY is the most recent deployment, ACTIVE ones still run tasks being replaced.
test('running and pending tasks of the PRIMARY deployment count; only the missing are placed', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: describeServices({
      desiredCount: 5,
      deployments: [
        {
          status: 'PRIMARY',
          taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:7',
          runningCount: 2,
          pendingCount: 1,
        },
        {
          status: 'ACTIVE',
          taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:6',
          runningCount: 2,
          pendingCount: 0,
        },
      ],
    }),
    cluster: three,
  });
  assert.equal(result.placements.length, 2);
  assert.ok(
    result.notes.some((n) => /2 tasks of service:web run another task definition than web:7: a deployment/.test(n)),
    result.notes.join('\n'),
  );
});

test('the cluster file and describe-services showing the same tasks are not counted twice', () => {
  const running = cluster({
    instanceType: 'm5.large',
    availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    count: 3,
    runningTasks: [{ group: 'service:web', cpu: 256, memory: 512, taskDefinition: 'web:7' }],
  });
  const result = simulate({
    taskDefinition: taskDef(),
    service: describeServices({ desiredCount: 4, runningCount: 3 }),
    cluster: running,
  });
  assert.equal(result.placements.length, 1);
});

test('running tasks of another revision in the cluster file do not stand in for the desired tasks', () => {
  const old = cluster({
    instanceType: 'm5.large',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    count: 2,
    runningTasks: [{ group: 'service:web', cpu: 256, memory: 512, taskDefinition: 'web:6' }],
  });
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 2, taskDefinition: 'web:7' }),
    cluster: old,
  });
  assert.equal(result.placements.length, 2, 'both tasks of web:7 are placed beside the old ones');
  assert.ok(result.notes.some((n) => /2 tasks of service:web run another task definition than web:7/.test(n)));
  const same = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 2, taskDefinition: 'web:6' }),
    cluster: old,
  });
  assert.equal(same.placements.length, 0);
});

// ecs_services.html, daemon scheduling strategy: exactly one task on each active container instance that meets the constraints.
test('a DAEMON service gets a task only on instances where it does not run yet', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ schedulingStrategy: 'DAEMON' }),
    cluster: cluster(
      {
        instanceType: 'm5.large',
        availabilityZone: 'us-east-1a',
        count: 2,
        runningTasks: [{ group: 'service:web', cpu: 256, memory: 512 }],
      },
      { instanceType: 'm5.large', availabilityZone: 'us-east-1b', count: 1 },
    ),
  });
  assert.deepEqual(perInstance(result), { 'm5.large-us-east-1b-1': 1 });
  assert.ok(result.notes.some((n) => /2 instances already run a task of service:web/.test(n)));
});

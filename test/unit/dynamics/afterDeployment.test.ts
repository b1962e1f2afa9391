import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateWithDeployment } from '../../../server/src/dynamics';
import { simulate } from '../../../server/src/placement';
import { taskDef } from './helpers';

const port80 = taskDef({ family: 'web', portMappings: [{ containerPort: 80, hostPort: 80 }] });
const cluster = {
  instanceGroups: [
    {
      instanceType: 'm5.large',
      count: 3,
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      runningTasks: [{ group: 'service:web', taskDefinition: 'web:6', cpu: 256, memory: 512, hostPorts: [80] }],
    },
    { instanceType: 'm5.large', count: 1, availabilityZones: ['us-east-1c'] },
  ],
};
const service = { serviceName: 'web', taskDefinition: 'web:7', desiredCount: 3 };

test('tasks of another revision: simulate shows where the new tasks run once the deployment has replaced them', () => {
  const before = simulate({ taskDefinition: port80, service, cluster });
  // The placement at one instant puts a second set beside the old one and finds no port for most of it.
  assert.equal(before.unplaced.length, 2);
  const after = simulateWithDeployment({ taskDefinition: port80, service, cluster });
  assert.deepEqual(after.errors, []);
  assert.equal(after.placements.length, 3);
  assert.equal(after.unplaced.length, 0);
  assert.equal(new Set(after.placements.map((p) => p.instance)).size, 3, 'one task per instance: each holds port 80');
  assert.ok(
    after.notes.some(
      (n) => /3 of web:6 of service:web/.test(n) && /once the deployment to web:7 has replaced them/.test(n),
    ),
    after.notes.join('\n'),
  );
  const withTasks = after.instances.filter((i) => i.tasks.length > 0);
  assert.equal(withTasks.length, 3);
  assert.ok(
    withTasks.every((i) => i.cpu.simulated === 256 && i.cpu.existing === 0),
    JSON.stringify(withTasks[0]),
  );
});

test('tasks of the same revision, or none listed with a revision, leave simulate as it is', () => {
  const same = {
    ...cluster,
    instanceGroups: [
      {
        ...cluster.instanceGroups[0],
        runningTasks: [{ group: 'service:web', taskDefinition: 'web:7', cpu: 256, memory: 512, hostPorts: [80] }],
      },
    ],
  };
  assert.deepEqual(
    simulateWithDeployment({ taskDefinition: port80, service, cluster: same }),
    simulate({ taskDefinition: port80, service, cluster: same }),
  );
});

test('a deployment that stalls leaves the tasks it could not place unplaced, with its reasons and fixes', () => {
  const full = { instanceGroups: [cluster.instanceGroups[0]] };
  const after = simulateWithDeployment({ taskDefinition: port80, service, cluster: full });
  assert.equal(after.unplaced.length, 3);
  assert.equal(after.unplaced[0].reasons[0].code, 'port-conflict');
  assert.ok(
    after.notes.some((n) => /What would unblock the deployment: minimumHealthyPercent 66/.test(n)),
    after.notes.join('\n'),
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCluster } from '../../../server/src/placement/clusterModel';
import { PlacementSession } from '../../../server/src/placement/session';
import { parseTaskDefinition } from '../../../server/src/placement/taskModel';
import { taskDef } from './helpers';

test('a session that places and stops tasks round after round keeps no record of every task it placed', () => {
  const cluster = parseCluster({
    instanceGroups: [{ instanceType: 'm5.large', count: 10, availabilityZones: ['us-east-1a', 'us-east-1b'] }],
  });
  const session = PlacementSession.create({ cluster, group: 'service:web', strategies: [], constraints: [] }).session!;
  const task = parseTaskDefinition(taskDef({ portMappings: [{ containerPort: 80, hostPort: 80 }] })).task!;
  for (let round = 0; round < 20; round++) {
    const placed = session.place(task, 10).placed;
    assert.equal(placed.length, 10, `round ${round}: one task per instance on the static port`);
    for (const instance of placed) session.stop(instance, task);
  }
  for (const instance of session.instances) {
    assert.deepEqual(instance.simulatedTasks, [], `${instance.id} lists no task once all have stopped`);
    assert.equal(instance.view.runningTasksCount, 0);
    assert.equal(instance.tcpPorts.has(80), false);
  }
});

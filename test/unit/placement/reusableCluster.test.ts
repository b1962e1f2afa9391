import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloneCluster, parseCluster, reusableCluster } from '../../../server/src/placement/clusterModel';
import { PlacementSession } from '../../../server/src/placement/session';
import { parseTaskDefinition } from '../../../server/src/placement/taskModel';
import { taskDef } from './helpers';

const fixtures = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'clusters');

/** What a simulation never writes on an instance: its identity and description. Every other field is state. */
const described = new Set(['id', 'idHash', 'availabilityZone', 'instanceType', 'capacityProvider']);
const describedView = new Set(['ec2InstanceId', 'attributes', 'agentVersion', 'registeredAt']);

function clusters() {
  return [
    parseCluster({
      instanceGroups: [
        {
          instanceType: 'm5.large',
          count: 6,
          availabilityZones: ['us-east-1a', 'us-east-1b'],
          runningTasks: [{ group: 'service:web', cpu: 256, memory: 512, hostPorts: [80], udpHostPorts: [53] }],
        },
      ],
    }),
    parseCluster(JSON.parse(readFileSync(join(fixtures, 'describe-container-instances.json'), 'utf8'))),
    parseCluster(JSON.parse(readFileSync(join(fixtures, 'mixed.cluster.json'), 'utf8'))),
  ];
}

test('a reusable cluster copy is put back to the parse in place after a run changed every state field', () => {
  for (const model of clusters()) {
    assert.deepEqual(model.errors, []);
    const pristine = cloneCluster(model);
    const reusable = reusableCluster(model);
    const copy = reusable.reset();
    const instances = [...copy.instances];
    assert.ok(instances.length > 0);

    // A run: tasks placed and stopped through a session, an instance added, then every other state field written.
    const session = PlacementSession.create({
      cluster: copy,
      group: 'service:web',
      strategies: [],
      constraints: [],
    }).session!;
    const task = parseTaskDefinition(taskDef({ portMappings: [{ containerPort: 80, hostPort: 8080 }] })).task!;
    const placed = session.place(task, 3).placed;
    assert.ok(placed.length > 0);
    session.stop(placed[0], task);
    session.addInstance({ id: 'added', instanceType: 'm5.large' });
    for (const instance of copy.instances) {
      const record = instance as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(record)) {
        if (described.has(key)) continue;
        if (typeof value === 'number') record[key] = value + 7;
        else if (typeof value === 'boolean') record[key] = !value;
        else if (typeof value === 'string') record[key] = `${value}-changed`;
      }
      instance.tcpPorts.add(1);
      instance.udpPorts.add(2);
      instance.groupCounts.set('family:other', 3);
      instance.simulatedTasks.push(99);
      const view = instance.view as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(view)) {
        if (describedView.has(key)) continue;
        if (typeof value === 'number') view[key] = value + 7;
        else if (typeof value === 'boolean') view[key] = !value;
      }
      instance.view.taskGroups.push('family:other');
    }
    copy.notes.push('a note of the run');

    const again = reusable.reset();
    assert.equal(again, copy, 'the same copy comes back');
    assert.equal(again.instances.length, instances.length, 'the instance the run added is dropped');
    again.instances.forEach((instance, k) => assert.equal(instance, instances[k], 'the same instance objects'));
    assert.deepStrictEqual(again, cloneCluster(model), 'the copy is as a fresh clone of the parse');
    assert.deepStrictEqual(model, pristine, 'the parse itself is untouched');
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cloneCluster,
  parseCluster,
  reusableCluster,
  type ClusterModel,
} from '../../../server/src/placement/clusterModel';
import { inputError } from '../../../server/src/placement/inputErrors';
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

/** A run: tasks placed and stopped through a session, an instance added and one removed, then every other state field written. */
function changeEverything(copy: ClusterModel): void {
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
  session.removeInstance(copy.instances[0]);
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
  copy.errors.push(inputError('cluster', 'an error of the run'));
}

test('a reusable cluster is put back to its parsed state in place after each run that changed every state field', () => {
  for (const model of clusters()) {
    assert.deepEqual(model.errors, []);
    const pristine = cloneCluster(model);
    const reusable = reusableCluster(model);
    const copy = reusable.reset();
    assert.equal(copy, model, 'the runs work on the parse itself, not on a copy');
    const instances = [...copy.instances];
    assert.ok(instances.length > 0);
    assert.deepEqual(reusable.instances, instances, 'the instances as handed over');
    // A copy taken before the runs stays as it was: the runs share no set, map or array with it.
    const before = cloneCluster(model);

    for (let run = 0; run < 3; run++) {
      changeEverything(copy);
      const again = reusable.reset();
      assert.equal(again, copy, 'the same cluster comes back');
      assert.equal(again.instances.length, instances.length, 'the instance the run added is dropped');
      again.instances.forEach((instance, k) => assert.equal(instance, instances[k], 'the same instance objects'));
      assert.deepStrictEqual(again, pristine, 'the cluster is as parsed');
      assert.deepStrictEqual(before, pristine, 'the copy taken before the runs is untouched');
    }
    // A copy taken after a reset is as parsed, and the next run does not reach it.
    const after = cloneCluster(reusable.reset());
    changeEverything(model);
    assert.deepStrictEqual(after, pristine);
    assert.equal(reusable.instances.length, instances.length, 'the list handed over does not grow with the run');
  }
});

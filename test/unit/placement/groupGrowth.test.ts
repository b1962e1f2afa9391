/**
 * The instances waiting tasks need (placement/groupGrowth.ts), against the plain definition: new instances one at a
 * time, each in the zone with the fewest instances, each filled with the tasks that fit its resources and meet the
 * constraints, until the tasks are placed or an empty new instance takes none. The function counts whole rounds of
 * zones at once and keeps each zone's fill; the answer must be the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCluster } from '../../../server/src/placement';
import { consume, resourceFailure } from '../../../server/src/placement/checks';
import { createInstance } from '../../../server/src/placement/clusterModel';
import { compileConstraints } from '../../../server/src/placement/constraints';
import { groupNow, instancesNeeded, NewInstances } from '../../../server/src/placement/groupGrowth';
import { parseTaskDefinition } from '../../../server/src/placement/taskModel';
import { taskDef } from './helpers';

function random(seed: number): () => number {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

test('instancesNeeded equals new instances placed one by one, over 300 seeded groups', () => {
  const rnd = random(2026);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d'];
  for (let k = 0; k < 300; k++) {
    const used = zones.slice(0, 1 + Math.floor(rnd() * 4));
    // Instances already there, unevenly over the zones: the first new ones even them out.
    const groups = used.map((zone) => ({
      instanceType: 'm5.large',
      count: Math.floor(rnd() * 4),
      availabilityZone: zone,
    }));
    const cluster = parseCluster({ instanceGroups: groups.filter((g) => g.count > 0) });
    const task = parseTaskDefinition(
      taskDef({ containerCpu: pick([256, 512, 1024, 1536, 4096]), containerMemory: pick([256, 1024, 3072]) }),
    ).task!;
    const constraintInputs = pick([
      [],
      [{ type: 'distinctInstance' }],
      [{ type: 'memberOf', expression: `attribute:ecs.availability-zone != ${pick(used)}` }],
      [{ type: 'memberOf', expression: 'attribute:ecs.instance-type == t3.micro' }],
    ]);
    const { constraints } = compileConstraints(constraintInputs, cluster.instances.length);
    const tasks = Math.floor(rnd() * 400);
    const growth = new NewInstances(cluster, cluster.instances, 'm5.large');

    // The plain definition.
    const zone = growth.zoneSequence();
    let left = tasks;
    let expected: { instances: number; cannotFit: number; excludedBy?: string } = { instances: 0, cannotFit: 0 };
    const admits = (instance: Exclude<ReturnType<typeof createInstance>, string>) =>
      resourceFailure(instance, task) === undefined && constraints.every((c) => c.allows(instance));
    for (let n = 1; left > 0; n++) {
      const made = createInstance(growth.spec(`new-${n}`, zone.next()), Number.MAX_SAFE_INTEGER);
      assert.ok(typeof made !== 'string');
      let taken = 0;
      for (; taken < left && admits(made); taken++) {
        consume(made, task);
        made.sameGroup += 1;
        made.view.runningTasksCount += 1;
        made.version += 1;
      }
      if (taken > 0) {
        left -= taken;
        expected = { instances: n, cannotFit: 0 };
        continue;
      }
      const lacksRoom = resourceFailure(made, task) !== undefined;
      const excludedBy = lacksRoom ? undefined : constraints.find((c) => !c.allows(made))?.label;
      expected = excludedBy ? { instances: n - 1, cannotFit: left, excludedBy } : { instances: n - 1, cannotFit: left };
      break;
    }
    const context = JSON.stringify({ groups, constraintInputs, tasks, cpu: task.cpu, memory: task.memory });
    assert.deepEqual(instancesNeeded(growth, task, constraints, tasks), expected, context);
    // Asked again, from the fills it kept: the same answer.
    assert.deepEqual(instancesNeeded(growth, task, constraints, tasks), expected, context);
  }
});

test('new instances go to the zone with the fewest, first by name, and share the attributes of their type', () => {
  const cluster = parseCluster({
    instanceGroups: [
      { instanceType: 'm5.large', count: 2, availabilityZone: 'us-east-1b', attributes: { stack: 'blue', team: 'a' } },
      { instanceType: 'm5.large', count: 1, availabilityZone: 'us-east-1a', attributes: { stack: 'blue', team: 'b' } },
      { instanceType: 'c5.large', count: 1, availabilityZone: 'us-east-1c', attributes: { stack: 'green' } },
    ],
  });
  const specs = new NewInstances(cluster, cluster.instances, 'm5.large').launch(5, (k) => `n${k}`);
  assert.deepEqual(
    specs.map((s) => s.availabilityZone),
    ['us-east-1a', 'us-east-1c', 'us-east-1a', 'us-east-1b', 'us-east-1c'],
  );
  assert.deepEqual(specs[0].attributes, { stack: 'blue' });
  assert.deepEqual(groupNow(cluster.instances, new Set()), { instances: 4, inUse: 0 });
});

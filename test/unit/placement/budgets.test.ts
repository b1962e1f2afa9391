import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../../server/src/placement';
import { MAX_CLUSTER_CELLS } from '../../../server/src/placement/budgets';
import { cluster, service, taskDef } from './helpers';
import { errorText } from '../errorText';

test('a small cluster file that would expand to millions of tasks and ports is refused before it is built', () => {
  // 5,000 instances, each with 400 running-task entries of 100 host ports: ~500 KB of JSON, 200 million cells.
  const runningTasks = Array.from({ length: 400 }, (_, i) => ({
    cpu: 1,
    memory: 1,
    hostPorts: Array.from({ length: 100 }, (_, p) => 1000 + p + i),
  }));
  const result = simulate({
    taskDefinition: taskDef(),
    cluster: cluster({ instanceType: 'm5.large', count: 5000, runningTasks }),
  });
  assert.match(
    result.errors.map(errorText).join('\n'),
    /instance groups describe more than 1,000,000 instances × running tasks and host ports/,
  );
  assert.deepEqual(result.instances, []);
  assert.ok(MAX_CLUSTER_CELLS >= 5000 * 20, 'a cluster at the ECS limit with a realistic load still fits');
  const ordinary = simulate({
    taskDefinition: taskDef(),
    cluster: cluster({
      instanceType: 'm5.large',
      count: 5000,
      runningTasks: runningTasks.slice(0, 3).map((t) => ({ ...t, hostPorts: [80] })),
    }),
  });
  assert.deepEqual(ordinary.errors, []);
  assert.equal(ordinary.instances.length, 5000);
});

test('describe output with more instances than the simulator models is refused', () => {
  const containerInstances = Array.from({ length: 10_001 }, (_, i) => ({
    ec2InstanceId: `i-${i}`,
    registeredResources: [
      { name: 'CPU', integerValue: 2048 },
      { name: 'MEMORY', integerValue: 4096 },
    ],
  }));
  assert.match(
    simulate({ taskDefinition: taskDef(), cluster: { containerInstances } }).errors.map(errorText).join(),
    /10,001 container instances is more than the simulator models \(10,000/,
  );
});

test('constraints and strategies beyond what ECS takes are input errors', () => {
  const constraints = Array.from({ length: 10_000 }, () => ({
    type: 'memberOf',
    expression: 'attribute:ecs.instance-type =~ t.*',
  }));
  const many = simulate({
    taskDefinition: taskDef(),
    cluster: cluster({ instanceType: 'm5.large', count: 10 }),
    options: { placementConstraints: constraints },
  });
  assert.match(
    many.errors.map(errorText).join(),
    /^placementConstraints: 10,000 given; the simulator takes at most 20 \(ECS allows 10 per service and 10 per task definition\)/,
  );
  const strategies = simulate({
    taskDefinition: taskDef(),
    service: service({ placementStrategy: Array.from({ length: 6 }, () => ({ type: 'random' })) }),
    cluster: cluster({ instanceType: 'm5.large' }),
  });
  assert.match(
    strategies.errors.map(errorText).join(),
    /^service: placementStrategy: 6 given; ECS allows at most 5 per service/,
  );
});

test('explanations list a bounded number of instance names, with the full count and a note', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    cluster: cluster({ instanceType: 'm5.large', count: 300 }),
    options: { count: 2, explain: true, explainCandidates: 1e9 },
  });
  assert.deepEqual(result.errors, []);
  const first = result.explanations[0].steps[0];
  assert.equal(first.candidates.length, 100);
  assert.equal(first.candidateCount, 300);
  assert.ok(
    result.notes.some((n) => /at most 100 instance names per step \(asked for 1,000,000,000\)/.test(n)),
    result.notes.join('\n'),
  );
  const many = simulate({
    taskDefinition: taskDef(),
    cluster: cluster({ instanceType: 'm5.large', count: 300 }),
    options: { count: 5000, explain: true },
  });
  assert.equal(many.explanations.length, 5000);
  assert.ok(many.explanations.every((e) => e.steps.every((s) => s.candidates.length <= 33)));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkExpression } from '../../../server/src/cql';
import { simulate } from '../../../server/src/placement';
import { cluster, service, taskDef } from './helpers';

const twoZones = cluster({
  instanceType: 'm5.large',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  count: 2,
  attributes: { workload: 'batch' },
});

test("a memberOf expression in the panel gets the editor's message and did-you-mean, by constraint", () => {
  const expression = 'attribute:ecs.instanse-type == m5.large';
  const result = simulate({
    taskDefinition: taskDef({ memberOf: 'attribute:workload == batch' }),
    service: service(),
    cluster: twoZones,
    options: { placementConstraints: [{ type: 'memberOf', expression }] },
  });
  const editor = checkExpression(expression);
  assert.ok(editor.length > 0);
  assert.deepEqual(
    result.expressionProblems?.map((p) => ({
      constraint: p.constraint,
      message: p.message,
      offset: p.offset,
      length: p.length,
      replacement: p.replacement,
    })),
    editor.map((p) => ({
      constraint: 0,
      message: p.message,
      offset: p.offset,
      length: p.length,
      replacement: p.replacement,
    })),
  );
  assert.equal(result.taskDefinitionConstraints, 1, "the last constraint is the task definition's");
  assert.deepEqual(
    result.constraints.map((c) => c.expression),
    [expression, 'attribute:workload == batch'],
  );
});

test("the result says how many tasks it simulated and offers strategy fields with the cluster's attributes", () => {
  const result = simulate({ taskDefinition: taskDef(), service: service({ desiredCount: 3 }), cluster: twoZones });
  assert.equal(result.count, 3);
  assert.deepEqual(result.choices?.strategyFields.binpack, ['memory', 'cpu']);
  assert.equal(
    result.choices?.strategyFields.spread[0],
    'attribute:ecs.availability-zone',
    'a new spread starts over the zones',
  );
  assert.ok(result.choices?.strategyFields.spread.includes('instanceId'));
  assert.ok(
    result.choices?.strategyFields.spread.includes('attribute:workload'),
    'attributes of the cluster are offered',
  );
  assert.deepEqual(result.choices?.strategyFields.random, []);
  assert.equal(
    simulate({
      taskDefinition: taskDef(),
      service: service({ desiredCount: 3 }),
      cluster: twoZones,
      options: { count: 5 },
    }).count,
    5,
  );
});

test('a Fargate service reports its task count; a constraint no new instance meets is named in the scale-out estimate', () => {
  const fargate = simulate({
    taskDefinition: taskDef({ requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', networkMode: 'awsvpc' }),
    service: service({ desiredCount: 4 }),
    cluster: twoZones,
  });
  assert.equal(fargate.mode, 'fargate');
  assert.equal(fargate.count, 4);
  const excluded = simulate({
    taskDefinition: taskDef({ memberOf: 'attribute:ecs.instance-type == t3.micro' }),
    service: service(),
    cluster: { ...twoZones, capacityProvider: {} },
  });
  assert.equal(excluded.placements.length, 0);
  assert.ok(
    excluded.unplaced[0].reasons.every((r) => r.code === 'member-of' && r.instances === 2),
    JSON.stringify(excluded.unplaced[0].reasons),
  );
  assert.match(
    excluded.scaleOut?.message ?? '',
    /would not meet memberOf\(attribute:ecs\.instance-type == t3\.micro\)/,
  );
  assert.doesNotMatch(excluded.scaleOut?.message ?? '', /would not fit/);
});

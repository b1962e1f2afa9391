import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression } from '../../../server/src/cql';
import { instance } from './helpers';

const t2small = instance();
const g2 = instance({
  ec2InstanceId: 'i-wxyx7890',
  attributes: { 'ecs.instance-type': 'g2.2xlarge', 'ecs.availability-zone': 'us-east-1b', stack: 'prod' },
});
const g2InD = instance({ attributes: { 'ecs.instance-type': 'g2.8xlarge', 'ecs.availability-zone': 'us-east-1d' } });
const xg2 = instance({ attributes: { 'ecs.instance-type': 'xg2.large', 'ecs.availability-zone': 'us-east-1a' } });

function holds(text: string, inst = t2small): boolean {
  const c = compileExpression(text);
  assert.deepEqual(
    c.problems.filter((p) => p.severity === 'error'),
    [],
    text,
  );
  return c.evaluate(inst);
}

test('documented examples select the instances they describe', () => {
  assert.equal(holds('attribute:ecs.instance-type == t2.small'), true);
  assert.equal(holds('attribute:ecs.instance-type == t2.small', g2), false);

  const az = 'attribute:ecs.availability-zone in [us-east-1a, us-east-1b]';
  assert.equal(holds(az, t2small), true);
  assert.equal(holds(az, g2), true);
  assert.equal(holds(az, g2InD), false);

  const g2NotD = 'attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d';
  assert.equal(holds(g2NotD, g2), true);
  assert.equal(holds(g2NotD, g2InD), false);
  assert.equal(holds(g2NotD, t2small), false);
  assert.equal(holds(g2NotD, xg2), false, 'the pattern must match the whole value');

  const web = instance({ taskGroups: ['service:production', 'family:api'] });
  assert.equal(holds('task:group == service:production', web), true);
  assert.equal(holds('task:group == service:production'), false);

  const db = instance({ taskGroups: ['database'] });
  assert.equal(holds('not(task:group == database)', db), false);
  assert.equal(holds('not(task:group == database)', web), true);

  assert.equal(holds('runningTasksCount == 1'), true);
  assert.equal(holds('runningTasksCount == 1', instance({ runningTasksCount: 2 })), false);

  assert.equal(
    holds('agentVersion < 1.14.5', instance({ agentVersion: '1.9.0' })),
    true,
    '1.9 is older than 1.14 as versions, not as strings',
  );
  assert.equal(holds('agentVersion < 1.14.5'), false);

  assert.equal(holds('registeredAt < 2018-02-13', instance({ registeredAt: '2018-02-12T23:59:59Z' })), true);
  assert.equal(holds('registeredAt < 2018-02-13', instance({ registeredAt: '2018-02-13T00:00:01Z' })), false);

  const ids = "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']";
  assert.equal(holds(ids), true);
  assert.equal(holds(ids, g2), true);
  assert.equal(holds(ids, instance({ ec2InstanceId: 'i-other' })), false);

  assert.equal(holds('attribute:stack == prod', g2), true);
  assert.equal(holds('attribute:stack != prod', g2), false);
  assert.equal(holds('attribute:stack != prod', instance({ attributes: { stack: 'dev' } })), true);
  assert.equal(holds('attribute:stack != prod', t2small), false, 'instances without the attribute are not selected');
});

test('every operator on attributes', () => {
  const i = instance({ attributes: { tier: 'b', n: '10', flag: '' } });
  const cases: [string, boolean][] = [
    ['attribute:tier == b', true],
    ['attribute:tier equals a', false],
    ['attribute:tier != a', true],
    ['attribute:tier not_equals b', false],
    ['attribute:tier > a', true],
    ['attribute:tier greater_than b', false],
    ['attribute:tier >= b', true],
    ['attribute:tier greater_than_equal c', false],
    ['attribute:tier < c', true],
    ['attribute:tier less_than b', false],
    ['attribute:tier <= b', true],
    ['attribute:tier less_than_equal a', false],
    ['attribute:n > 9', true],
    ['attribute:n < 9', false],
    ['attribute:tier exists', true],
    ['attribute:flag exists', true],
    ['attribute:none exists', false],
    ['attribute:tier !exists', false],
    ['attribute:none not_exists', true],
    ['attribute:tier in [a, b]', true],
    ['attribute:tier in [a, c]', false],
    ['attribute:tier !in [a, c]', true],
    ['attribute:tier not_in [b]', false],
    ['attribute:tier =~ [a-c]', true],
    ['attribute:tier matches x|y', false],
    ['attribute:tier !~ x', true],
    ['attribute:tier not_matches b', false],
    ['attribute:none != b', false],
    ['attribute:none !in [b]', false],
    ['attribute:none !~ b', false],
  ];
  for (const [text, expected] of cases) assert.equal(holds(text, i), expected, text);
});

test('ec2InstanceId, agentConnected and task:group operators', () => {
  const i = instance({ taskGroups: ['service:web', 'family:api'] });
  const cases: [string, boolean][] = [
    ['ec2InstanceId == i-abcd1234', true],
    ['ec2InstanceId != i-abcd1234', false],
    ['ec2InstanceId =~ i-[0-9a-f]{8}', true],
    ['ec2InstanceId !~ i-.*', false],
    ['ec2InstanceId !in [i-1]', true],
    ['agentConnected == true', true],
    ['agentConnected != true', false],
    ['agentConnected in [false]', false],
    ['agentConnected =~ t.*', true],
    ['agentConnected !~ t.*', false],
    ['agentConnected !in [false]', true],
    ['task:group == family:api', true],
    ['task:group != family:api', false],
    ['task:group != family:db', true],
    ['task:group in [service:db, service:web]', true],
    ['task:group !in [service:web]', false],
    ['task:group =~ service:.*', true],
    ['task:group =~ web', false],
    ['task:group !~ family:.*', false],
    ['task:group !~ x.*', true],
  ];
  for (const [text, expected] of cases) assert.equal(holds(text, i), expected, text);
  assert.equal(
    holds('task:group != x', instance({ taskGroups: [] })),
    true,
    'an empty instance hosts no task of group x',
  );
  assert.equal(holds('agentConnected == false', instance({ agentConnected: false })), true);
  assert.equal(holds('ec2InstanceId == i-1', instance({ ec2InstanceId: undefined })), false);
});

test('runningTasksCount compares numerically', () => {
  const i = instance({ runningTasksCount: 10 });
  for (const [text, expected] of [
    ['runningTasksCount > 9', true],
    ['runningTasksCount >= 10', true],
    ['runningTasksCount < 10', false],
    ['runningTasksCount <= 10', true],
    ['runningTasksCount != 10', false],
    ['runningTasksCount == 10', true],
  ] as const) {
    assert.equal(holds(text, i), expected, text);
  }
});

test('agentVersion compares part by part', () => {
  const cases: [string, string, boolean][] = [
    ['1.14.5', 'agentVersion == 1.14.5', true],
    ['1.14.5', 'agentVersion == 1.14.5.0', true],
    ['1.14.10', 'agentVersion > 1.14.9', true],
    ['1.9.0', 'agentVersion >= 1.10', false],
    ['2.0.0', 'agentVersion > 1.99.99', true],
    ['1.14.5', 'agentVersion <= 1.14', false],
    ['v1.50.2', 'agentVersion != 1.50.2', false],
  ];
  for (const [version, text, expected] of cases)
    assert.equal(holds(text, instance({ agentVersion: version })), expected, `${version}: ${text}`);
  assert.equal(holds('agentVersion > 0.0.1', instance({ agentVersion: undefined })), false);
});

test('registeredAt compares instants across date forms and zones', () => {
  const i = instance({ registeredAt: '2018-06-18T22:28:28.512Z' });
  const cases: [string, boolean][] = [
    ['registeredAt > 2018-06-18', true],
    ['registeredAt < 2018-06-19', true],
    ['registeredAt > 2018-06-18T22:28:28Z', true],
    ['registeredAt < 2018-06-18T22:28:29', true],
    ['registeredAt < 2018-06-18T23:00:00+01:00', false],
    ['registeredAt > 2018-06-18T18:28:28-04:00', true],
    ['registeredAt == 2018-06-18', false],
  ];
  for (const [text, expected] of cases) assert.equal(holds(text, i), expected, text);
  assert.equal(
    holds('registeredAt == 2018-06-18T22:28:28+00:00', instance({ registeredAt: '2018-06-18T22:28:28Z' })),
    true,
  );
});

test('and, or and not combine with the documented precedence', () => {
  const i = instance({ taskGroups: ['a'] });
  assert.equal(holds('task:group == a or task:group == b and task:group == c', i), true);
  assert.equal(holds('(task:group == a or task:group == b) and task:group == c', i), false);
  assert.equal(holds('not task:group == b and task:group == a', i), true);
  assert.equal(holds('!(task:group == a) || runningTasksCount == 1', i), true);
  assert.equal(holds('not not task:group == a', i), true);
});

test('an expression with errors evaluates to false; warnings do not stop evaluation', () => {
  const broken = compileExpression('attribute:ecs.instance-type ==');
  assert.ok(broken.problems.length > 0);
  assert.equal(broken.evaluate(t2small), false);
  assert.equal(compileExpression('not(agentVersion in [1.0])').evaluate(t2small), false);
  const warned = compileExpression('attribute:ecs.os-type == Linux or runningTasksCount == 1');
  assert.ok(warned.problems.some((p) => p.code === 'cql.never-matches'));
  assert.equal(warned.evaluate(t2small), true);
  const unsupported = compileExpression('ec2InstanceId =~ (?=i).*');
  assert.equal(unsupported.evaluate(t2small), false, 'a pattern RE2 cannot run matches nothing');
});

test('a compiled expression evaluates many instances without reparsing', () => {
  const c = compileExpression('attribute:ecs.instance-type =~ t2.* and runningTasksCount < 5');
  const fleet = Array.from({ length: 1000 }, (_, k) =>
    instance({ runningTasksCount: k % 10, attributes: { 'ecs.instance-type': k % 2 ? 't2.micro' : 'm5.large' } }),
  );
  assert.equal(fleet.filter((x) => c.evaluate(x)).length, 200);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeExpression, type CqlFacts } from '../../../server/src/cql';
import { apply, cursor } from './helpers';

const facts: CqlFacts = {
  attributes: ['stack', 'ecs.instance-type'],
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  instanceTypes: ['t3.micro', 't3.large', 'm5.xlarge'],
  groups: ['service:web', 'family:api'],
};

function complete(fixture: string) {
  const { text, offset } = cursor(fixture);
  const items = completeExpression(text, offset, facts);
  return {
    labels: items.map((i) => i.label),
    kinds: new Set(items.map((i) => i.kind)),
    pick(label: string): string {
      const item = items.find((i) => i.label === label);
      assert.ok(item, `no completion '${label}' in ${items.map((i) => i.label).join(', ')}`);
      return apply(text, item);
    },
  };
}

test('subjects at the start, after a connective, after not and inside parentheses', () => {
  for (const fixture of ['|', 'task:group == a and |', 'not |', 'not(|', '(task:group == a) or (|']) {
    const c = complete(fixture);
    assert.ok(c.labels.includes('task:group'), fixture);
    assert.ok(c.labels.includes('attribute:ecs.instance-type'), fixture);
    assert.ok(c.labels.includes('attribute:stack'), 'custom attributes from the workspace');
    assert.equal(
      c.labels.filter((l) => l === 'attribute:ecs.instance-type').length,
      1,
      'no duplicate of a built-in listed as a fact',
    );
  }
  assert.equal(complete('|').pick('runningTasksCount'), 'runningTasksCount');
  assert.equal(complete('not(|').pick('task:group'), 'not(task:group');
});

test('a subject being typed is replaced whole', () => {
  assert.equal(complete('attribute:ecs.inst|').pick('attribute:ecs.instance-type'), 'attribute:ecs.instance-type');
  assert.equal(complete('task:group == a and regi|').pick('registeredAt'), 'task:group == a and registeredAt');
  assert.equal(complete('no|').pick('not'), 'not');
});

test('operators allowed for the subject, in both forms', () => {
  const c = complete('agentVersion |');
  assert.deepEqual(c.labels, [
    '==',
    'equals',
    '!=',
    'not_equals',
    '>',
    'greater_than',
    '>=',
    'greater_than_equal',
    '<',
    'less_than',
    '<=',
    'less_than_equal',
  ]);
  assert.ok(complete('attribute:stack |').labels.includes('!exists'));
  assert.ok(complete('attribute:stack |').labels.includes('not_exists'));
  assert.ok(!complete('ec2InstanceId |').labels.includes('>'));
  assert.equal(complete('ec2InstanceId |').pick('in'), 'ec2InstanceId in');
  assert.equal(complete('ec2InstanceId =|').pick('=='), 'ec2InstanceId ==');
  assert.equal(complete('runningTasksCount gre|').pick('greater_than'), 'runningTasksCount greater_than');
});

test('values from built-in facts and from the workspace', () => {
  assert.deepEqual(complete('attribute:ecs.os-type == |').labels, ['linux', 'windows']);
  assert.equal(complete('attribute:ecs.os-type == lin|').pick('linux'), 'attribute:ecs.os-type == linux');
  assert.equal(complete("attribute:ecs.os-type == 'win|").pick('windows'), "attribute:ecs.os-type == 'windows'");
  assert.ok(complete('attribute:ecs.os-family == |').labels.includes('WINDOWS_SERVER_2022_CORE'));
  assert.deepEqual(complete('attribute:ecs.cpu-architecture != |').labels, ['x86_64', 'arm64']);
  assert.deepEqual(complete('attribute:ecs.availability-zone == |').labels, ['us-east-1a', 'us-east-1b']);
  assert.deepEqual(complete('agentConnected == |').labels, ['true', 'false']);
  assert.equal(complete('task:group != |').pick('service:web'), 'task:group != service:web');
  assert.deepEqual(complete('attribute:ecs.instance-type =~ |').labels, [
    't3.*',
    'm5.*',
    't3.micro',
    't3.large',
    'm5.xlarge',
  ]);
  assert.deepEqual(complete('attribute:stack == |').labels, []);
});

test('in and !in get a list, or items inside one', () => {
  assert.equal(
    complete('attribute:ecs.availability-zone in |').pick('us-east-1a'),
    'attribute:ecs.availability-zone in [us-east-1a]',
  );
  assert.equal(
    complete('attribute:ecs.availability-zone in [us-east-1a, |]').pick('us-east-1b'),
    'attribute:ecs.availability-zone in [us-east-1a, us-east-1b]',
  );
  assert.equal(complete('task:group not_in [|').pick('family:api'), 'task:group not_in [family:api');
  assert.deepEqual(complete('task:group in [a |').labels, []);
});

test('connectives after a complete comparison', () => {
  assert.deepEqual(complete('task:group == a |').labels, ['and', 'or']);
  assert.equal(complete('task:group == a an|').pick('and'), 'task:group == a and');
  assert.equal(complete('(task:group == a |').pick('or'), '(task:group == a or');
  assert.ok(complete('task:group == a |').kinds.has('keyword'));
});

test('only the text before the cursor counts', () => {
  assert.deepEqual(complete('attribute:ecs.os-type == | and runningTasksCount > 1').labels, ['linux', 'windows']);
  assert.equal(
    complete('task:group == a and |runningTasksCount > 1').pick('ec2InstanceId'),
    'task:group == a and ec2InstanceIdrunningTasksCount > 1',
  );
});

test('nothing breaks at odd positions', () => {
  assert.deepEqual(completeExpression('', 5), completeExpression('', 0));
  assert.ok(Array.isArray(completeExpression('task:group == a', -3)));
  assert.deepEqual(completeExpression(`task:group == ${'a'.repeat(3000)}`, 3010), []);
});

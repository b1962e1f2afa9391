import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkExpression, type CqlProblem } from '../../../server/src/cql';

function only(text: string, code: string): CqlProblem[] {
  return checkExpression(text).filter((p) => p.code === code);
}

function at(text: string, p: CqlProblem | undefined): string | undefined {
  return p && text.slice(p.offset, p.offset + p.length);
}

test('documented examples have no problems', () => {
  for (const text of [
    'attribute:ecs.instance-type == t2.small',
    'attribute:ecs.availability-zone in [us-east-1a, us-east-1b]',
    'attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d',
    'task:group == service:production',
    'not(task:group == database)',
    'runningTasksCount == 1',
    'agentVersion < 1.14.5',
    'registeredAt < 2018-02-13',
    "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']",
    'attribute:stack != prod',
    'attribute:ecs.os-family == WINDOWS_SERVER_2019_FULL',
    'agentConnected == false',
  ]) {
    assert.deepEqual(checkExpression(text), [], text);
  }
});

test('unknown subjects are errors with a suggestion', () => {
  const text = 'ec2instanceid == i-1 and ecs.instance-type == t2.small and bogus == 1';
  const ps = only(text, 'cql.unknown-subject');
  assert.equal(ps.length, 3);
  assert.equal(at(text, ps[0]), 'ec2instanceid');
  assert.match(ps[0].message, /did you mean 'ec2InstanceId'/);
  assert.match(ps[1].message, /did you mean 'attribute:ecs.instance-type'/);
  assert.match(ps[2].message, /not a subject/);
  assert.ok(ps.every((p) => p.severity === 'error'));
});

test('operators each subject does not take are errors on the operator', () => {
  const cases: [string, string][] = [
    ['agentVersion in [1.0.0]', 'in'],
    ['agentVersion =~ 1.*', '=~'],
    ['registeredAt exists', 'exists'],
    ['runningTasksCount matches 1', 'matches'],
    ['runningTasksCount in [1, 2]', 'in'],
    ['ec2InstanceId > i-1', '>'],
    ['ec2InstanceId !exists', '!exists'],
    ['agentConnected >= true', '>='],
    ['task:group < x', '<'],
  ];
  for (const [text, op] of cases) {
    const ps = only(text, 'cql.operator-not-allowed');
    assert.equal(ps.length, 1, text);
    assert.equal(at(text, ps[0]), op, text);
  }
  for (const text of [
    'agentConnected in [true]',
    'agentConnected =~ t.*',
    'ec2InstanceId !~ i-0.*',
    'task:group not_in [a]',
    'attribute:x greater_than 3',
    'attribute:x not_exists',
  ]) {
    assert.deepEqual(only(text, 'cql.operator-not-allowed'), [], text);
  }
});

test('unknown ecs.* attributes warn with a did-you-mean; custom names are accepted', () => {
  const text = 'attribute:ecs.instancetype == t2.small';
  const [p] = only(text, 'cql.unknown-attribute');
  assert.equal(p.severity, 'warning');
  assert.equal(at(text, p), 'ecs.instancetype');
  assert.match(p.message, /Did you mean 'ecs.instance-type'/);
  assert.deepEqual(checkExpression('attribute:stack == prod'), []);
  const [info] = only('attribute:os-type == linux', 'cql.unknown-attribute');
  assert.equal(info.severity, 'information');
  const long = `attribute:${'a'.repeat(129)} exists`;
  assert.equal(only(long, 'cql.invalid-attribute-name').length, 1);
});

test('registeredAt accepts the four date forms and rejects others', () => {
  for (const d of [
    '2018-06-18T22:28:28+00:00',
    '2018-06-18T22:28:28-05:30',
    '2018-06-18T22:28:28Z',
    '2018-06-18T22:28:28',
    '2018-06-18',
    "'2018-06-18'",
  ]) {
    assert.deepEqual(checkExpression(`registeredAt > ${d}`), [], d);
  }
  for (const d of [
    '2018-02-30',
    '2018-13-01',
    '18-06-18',
    '2018-06-18T25:00:00',
    "'2018-06-18 22:28'",
    'yesterday',
    '2018-06-18T22:28:28.5Z',
  ]) {
    const text = `registeredAt > ${d}`;
    const [p] = only(text, 'cql.invalid-date');
    assert.ok(p, d);
    assert.equal(at(text, p), d);
  }
});

test('agentVersion values must be versions; counts must be whole numbers', () => {
  assert.deepEqual(checkExpression('agentVersion >= 1.14'), []);
  assert.equal(only('agentVersion >= latest', 'cql.invalid-version').length, 1);
  assert.equal(only('agentVersion >= 1.x', 'cql.invalid-version').length, 1);
  assert.equal(only('runningTasksCount < two', 'cql.invalid-number').length, 1);
  assert.equal(only('runningTasksCount < 1.5', 'cql.invalid-number').length, 1);
});

test('invalid regexes are errors inside the value', () => {
  const text = 'attribute:ecs.instance-type =~ t2.**';
  const [p] = only(text, 'cql.invalid-regex');
  assert.equal(p.severity, 'error');
  assert.equal(at(text, p), '**');
  const brace = "ec2InstanceId =~ 'i-{x}'";
  const [q] = only(brace, 'cql.invalid-regex');
  assert.equal(at(brace, q), '{');
  assert.equal(only('ec2InstanceId =~ [a-', 'cql.invalid-regex').length, 1);
});

test('Java-only regex constructs are reported as unsupported, at the construct', () => {
  const cases: [string, string][] = [
    ['(a)\\1', '\\1'],
    ['(?<n>a)\\k<n>', '\\k<n>'],
    ['t2(?=\\.)', '(?='],
    ['t2(?!\\.)', '(?!'],
    ['(?<=t)2', '(?<='],
    ['(?<!t)2', '(?<!'],
    ['(?>t2)', '(?>'],
    ['t2.*+', '*+'],
    ['t2.++', '++'],
    ['t2.?+', '?+'],
    ['t{2}+', '{2}+'],
    ['\\p{javaLowerCase}+', '\\p{javaLowerCase}'],
    ['[a-z&&[^x]]', '&&'],
    ['abc\\Z', '\\Z'],
    ['(?x)ab', '(?x'],
  ];
  for (const [pattern, construct] of cases) {
    const text = `ec2InstanceId =~ ${pattern}`;
    const ps = only(text, 'cql.unsupported-regex');
    assert.ok(ps.length >= 1, pattern);
    assert.equal(ps[0].severity, 'warning');
    assert.equal(at(text, ps[0]), construct, pattern);
    assert.deepEqual(only(text, 'cql.invalid-regex'), [], pattern);
  }
  // Escapes with an exact RE2 spelling are translated, not reported.
  assert.deepEqual(checkExpression('ec2InstanceId =~ \\u0069-.*'), []);
  assert.deepEqual(checkExpression('ec2InstanceId =~ (?i)I-.*'), []);
});

test('values a closed built-in attribute never takes warn as never-matches', () => {
  const text = 'attribute:ecs.os-type == Linux';
  const [p] = only(text, 'cql.never-matches');
  assert.equal(p.severity, 'warning');
  assert.equal(at(text, p), 'Linux');
  assert.match(p.message, /Did you mean 'linux'/);
  const list = 'attribute:ecs.cpu-architecture in [arm64, aarch64]';
  const ps = only(list, 'cql.never-matches');
  assert.deepEqual(
    ps.map((x) => at(list, x)),
    ['aarch64'],
  );
  assert.equal(only('attribute:ecs.os-family =~ WINDOWS_2019.*', 'cql.never-matches').length, 1);
  assert.deepEqual(only('attribute:ecs.os-family =~ WINDOWS_SERVER_2019_.*', 'cql.never-matches'), []);
  assert.deepEqual(
    only('attribute:ecs.os-type != macos', 'cql.never-matches'),
    [],
    'a negation of an impossible value always holds; no warning',
  );
  assert.equal(only('agentConnected == yes', 'cql.never-matches').length, 1);
  assert.equal(only('runningTasksCount < 0', 'cql.never-matches').length, 1);
  assert.deepEqual(only('runningTasksCount < 1', 'cql.never-matches'), []);
});

test('expressions over 2000 characters are too long', () => {
  const text = `task:group == ${'a'.repeat(2000)}`;
  const [p] = checkExpression(text);
  assert.equal(p.code, 'cql.too-long');
  assert.equal(p.offset, 2000);
  assert.equal(p.length, text.length - 2000);
  assert.deepEqual(checkExpression(`task:group == ${'a'.repeat(2000 - 14)}`), []);
});

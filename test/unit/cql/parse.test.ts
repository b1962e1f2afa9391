import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseExpression, type Comparison, type Expr } from '../../../server/src/cql';

function comparison(text: string): Comparison {
  const { ast, problems } = parseExpression(text);
  assert.deepEqual(problems, [], text);
  assert.equal(ast?.type, 'comparison', text);
  return ast;
}

/** Renders the tree with explicit grouping, to assert precedence. */
function shape(e: Expr | undefined): string {
  if (!e) return '<none>';
  switch (e.type) {
    case 'comparison':
      return e.subject.text === 'task:group' && e.argument?.type === 'value' ? e.argument.value : e.subject.text;
    case 'not':
      return `not ${shape(e.operand)}`;
    default:
      return `(${shape(e.left)} ${e.type} ${shape(e.right)})`;
  }
}

const FORMS: [string, string, string][] = [
  ['==', 'equals', '=='],
  ['!=', 'not_equals', '!='],
  ['>', 'greater_than', '>'],
  ['>=', 'greater_than_equal', '>='],
  ['<', 'less_than', '<'],
  ['<=', 'less_than_equal', '<='],
  ['in', 'in', 'in'],
  ['!in', 'not_in', '!in'],
  ['=~', 'matches', '=~'],
  ['!~', 'not_matches', '!~'],
  ['exists', 'exists', 'exists'],
  ['!exists', 'not_exists', '!exists'],
];

test('every operator parses in symbol and word form, to one canonical operator', () => {
  for (const [symbol, word, op] of FORMS) {
    const arg = op === 'in' || op === '!in' ? ' [a, b]' : op.endsWith('exists') ? '' : ' a';
    for (const form of [symbol, word]) {
      const c = comparison(`attribute:stack ${form}${arg}`);
      assert.equal(c.operator.op, op);
      assert.equal(c.operator.text, form);
      assert.equal(c.operator.offset, 'attribute:stack '.length);
    }
  }
});

test('symbolic operators need no surrounding spaces', () => {
  for (const op of ['==', '!=', '>=', '<=', '>', '<', '=~', '!~']) {
    const c = comparison(`attribute:stack${op}prod`);
    assert.equal(c.operator.op, op);
    assert.equal(c.argument?.type === 'value' && c.argument.value, 'prod');
  }
  assert.equal(comparison('attribute:x !in[a,b]').operator.op, '!in');
  assert.equal(comparison('attribute:x in[a,b]').argument?.type, 'list');
});

test('every subject is recognized', () => {
  const cases: [string, string | undefined, string?][] = [
    ['attribute:ecs.instance-type == t2.small', 'attribute', 'ecs.instance-type'],
    ['attribute:my_custom/name\\v1.2 == x', 'attribute', 'my_custom/name\\v1.2'],
    ['ec2InstanceId == i-1', 'ec2InstanceId'],
    ['agentConnected == true', 'agentConnected'],
    ['agentVersion >= 1.14.5', 'agentVersion'],
    ['registeredAt < 2018-02-13', 'registeredAt'],
    ['runningTasksCount == 1', 'runningTasksCount'],
    ['task:group == service:web', 'task:group'],
    ['instanceType == x', undefined],
  ];
  for (const [text, kind, attributeName] of cases) {
    const c = comparison(text);
    assert.equal(c.subject.kind, kind, text);
    assert.equal(c.subject.attributeName, attributeName, text);
  }
});

test('not binds tighter than and, and tighter than or', () => {
  const p = (t: string) => shape(parseExpression(t).ast);
  assert.equal(p('task:group == a or task:group == b and task:group == c'), '(a or (b and c))');
  assert.equal(p('task:group == a and task:group == b or task:group == c'), '((a and b) or c)');
  assert.equal(p('task:group == a || task:group == b && task:group == c'), '(a or (b and c))');
  assert.equal(p('not task:group == a and task:group == b'), '(not a and b)');
  assert.equal(p('!task:group == a or task:group == b'), '(not a or b)');
  assert.equal(p('not(task:group == a or task:group == b)'), 'not (a or b)');
  assert.equal(p('(task:group == a or task:group == b) and task:group == c'), '((a or b) and c)');
  assert.equal(p('task:group == a or task:group == b or task:group == c'), '((a or b) or c)');
  assert.equal(p('not not task:group == a'), 'not not a');
  assert.equal(p('task:group==a&&task:group==b||task:group==c'), '((a and b) or c)');
});

test('lists hold bare, single-quoted and double-quoted items', () => {
  const c = comparison(`ec2InstanceId in [i-1, 'i-2', "i-3",i-4 ]`);
  assert.equal(c.argument?.type, 'list');
  if (c.argument?.type !== 'list') return;
  assert.deepEqual(
    c.argument.items.map((i) => i.value),
    ['i-1', 'i-2', 'i-3', 'i-4'],
  );
  assert.deepEqual(
    c.argument.items.map((i) => i.quote),
    [undefined, "'", '"', undefined],
  );
  assert.equal(c.argument.items[1].offset, 'ec2InstanceId in [i-1, '.length);
  assert.equal(c.argument.items[1].length, 5);
});

test('quoted values may hold spaces, parentheses and operators', () => {
  const c = comparison(`attribute:team == 'a b (c) && d'`);
  assert.equal(c.argument?.type === 'value' && c.argument.value, 'a b (c) && d');
  assert.equal(c.argument?.type === 'value' && c.argument.quote, "'");
});

test('regex values keep their own parentheses; a closing parenthesis of the expression ends them', () => {
  const c = comparison('attribute:ecs.instance-type =~ (t2|t3).*');
  assert.equal(c.argument?.type === 'value' && c.argument.value, '(t2|t3).*');
  const { ast, problems } = parseExpression('not(attribute:ecs.instance-type =~ (t2|t3).*)');
  assert.deepEqual(problems, []);
  assert.equal(ast?.type, 'not');
  assert.equal(comparison('attribute:ecs.instance-type =~ t[23]\\.[a-z]+').argument?.type, 'value');
});

test('registeredAt dates in every documented form are single values', () => {
  for (const d of ['2018-06-18T22:28:28+00:00', '2018-06-18T22:28:28Z', '2018-06-18T22:28:28', '2018-06-18']) {
    const c = comparison(`registeredAt >= ${d}`);
    assert.equal(c.argument?.type === 'value' && c.argument.value, d);
  }
});

test('node offsets point into the text', () => {
  const text = '  not (task:group == db) and runningTasksCount > 2';
  const { ast } = parseExpression(text);
  assert.equal(ast?.type, 'and');
  if (ast?.type !== 'and') return;
  assert.equal(text.slice(ast.offset, ast.offset + ast.length), 'not (task:group == db) and runningTasksCount > 2');
  const right = ast.right as Comparison;
  assert.equal(text.slice(right.subject.offset, right.subject.offset + right.subject.length), 'runningTasksCount');
});

test('syntax errors are located where the problem is', () => {
  const cases: [string, string, string][] = [
    ['attribute:x = y', '=', 'Expected an operator'],
    ['attribute:x == ', '==', 'Expected a value'],
    ['task:group', 'task:group', 'Expected an operator'],
    ['(task:group == a', '(', 'never closed'],
    ['task:group == a)', ')', 'no matching'],
    ['task:group == a b', 'b', "Expected 'and', 'or'"],
    ['ec2InstanceId in [a b]', 'b]', "Expected ',' or ']'"],
    ['ec2InstanceId in [a, b', '[', 'never closed'],
    ["ec2InstanceId == 'abc", "'abc", 'no closing'],
    ['ec2InstanceId in a', 'a', 'takes a list'],
    ['ec2InstanceId == [a]', '[a]', 'only in and !in take a list'],
    ['ec2InstanceId in []', '[]', 'empty'],
    ['task:group == a and', '', 'Expected a subject'],
    ['and task:group == a', 'and', 'Expected a subject'],
    ['attribute: == x', 'attribute:', 'attribute name'],
    ['', '', 'empty'],
  ];
  for (const [text, at, message] of cases) {
    const { problems } = parseExpression(text);
    assert.ok(problems.length > 0, text);
    const p = problems[0];
    assert.equal(p.code, 'cql.syntax', text);
    assert.equal(p.severity, 'error');
    assert.match(p.message, new RegExp(message.replace(/[()[\]]/g, '\\$&')), text);
    assert.equal(text.slice(p.offset, p.offset + p.length), at, text);
  }
});

// The corpus sits beside the repository: ../shared/corpus from its root.
const CORPUS =
  [
    resolve(__dirname, '../../../../../shared/corpus/CQL_EXPRESSIONS.tsv'),
    resolve(process.cwd(), '../shared/corpus/CQL_EXPRESSIONS.tsv'),
  ].find((p) => existsSync(p)) ?? '';

test('every expression in the shared corpus parses', { skip: !CORPUS && 'corpus absent' }, () => {
  const rows = readFileSync(CORPUS, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split('\t'));
  let parsed = 0;
  for (const [expression, context] of rows) {
    // Empty cells are distinctInstance constraints or templates without an expression.
    if (!expression) continue;
    const { ast, problems } = parseExpression(expression);
    if (/not a real expression|not a literal expression/.test(context)) {
      assert.ok(problems.length > 0, `illustration should not parse: ${expression}`);
      continue;
    }
    assert.deepEqual(problems, [], expression);
    assert.ok(ast, expression);
    parsed++;
  }
  assert.ok(parsed >= 40, `parsed ${parsed}`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkExpression,
  compileExpression,
  completeExpression,
  hoverExpression,
  parseExpression,
} from '../../../server/src/cql';
import { parseDetailed } from '../../../server/src/cql/parser';
import { instance } from './helpers';
import { mulberry32 as random } from '../../../server/src/placement/random';

const PIECES = [
  'attribute:',
  'ecs.instance-type',
  'ecs.os-type',
  'task:group',
  'ec2InstanceId',
  'agentConnected',
  'agentVersion',
  'registeredAt',
  'runningTasksCount',
  '==',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'exists',
  '!exists',
  'in',
  '!in',
  '=~',
  '!~',
  'equals',
  'not_in',
  'matches',
  'and',
  'or',
  'not',
  '&&',
  '||',
  '!',
  '(',
  ')',
  '[',
  ']',
  ',',
  "'",
  '"',
  ' ',
  ' ',
  '  ',
  '\\',
  '{',
  '}',
  '*',
  '+',
  '?',
  '.',
  '|',
  't2.*',
  '(?=',
  '\\1',
  '1.14.5',
  '2018-06-18',
  'T22:28:28Z',
  '+00:00',
  'linux',
  'x',
  '1',
  '-',
  ':',
  '\u00e9',
  '\ud83d',
  '\t',
  '\n',
];

function randomExpression(next: () => number): string {
  const n = Math.floor(next() * 24);
  let s = '';
  for (let i = 0; i < n; i++) {
    s += next() < 0.85 ? PIECES[Math.floor(next() * PIECES.length)] : String.fromCharCode(Math.floor(next() * 128));
  }
  return s;
}

test('thousands of random expressions never throw', () => {
  const next = random(20240601);
  const fleet = [
    instance(),
    instance({
      attributes: {},
      ec2InstanceId: undefined,
      agentVersion: undefined,
      registeredAt: undefined,
      taskGroups: ['x'],
    }),
  ];
  for (let k = 0; k < 4000; k++) {
    const text = randomExpression(next);
    try {
      const parsed = parseExpression(text);
      for (const p of parsed.problems.concat(checkExpression(text))) {
        assert.ok(
          p.offset >= 0 && p.offset + p.length <= text.length,
          `problem outside the text: ${JSON.stringify(p)}`,
        );
      }
      const compiled = compileExpression(text);
      for (const i of fleet) assert.equal(typeof compiled.evaluate(i), 'boolean');
      const at = Math.floor(next() * (text.length + 1));
      completeExpression(text, at, { groups: ['a b'], instanceTypes: ['t2.micro'] });
      hoverExpression(text, at);
    } catch (e) {
      assert.fail(`threw on ${JSON.stringify(text)}: ${(e as Error).stack}`);
    }
  }
});

test('deep nesting is an error, not a stack overflow', () => {
  const deep = `${'('.repeat(10_000)}task:group == a${')'.repeat(10_000)}`;
  const capped = parseDetailed(deep, { maxLength: Infinity });
  assert.equal(capped.ast, undefined);
  assert.equal(capped.problems[0].code, 'cql.too-deep');
  assert.match(capped.problems[0].message, /more than 100 levels/);
  assert.equal(capped.problems[0].offset, 100, 'reported at the first parenthesis too deep');
  const nots = parseDetailed(`${'not '.repeat(10_000)}task:group == a`, { maxLength: Infinity });
  assert.equal(nots.problems[0].code, 'cql.too-deep');
  const bangs = checkExpression(`${'!'.repeat(150)}task:group == a`);
  assert.equal(bangs[0].code, 'cql.too-deep');
  // The public entry points stop even earlier, on length.
  assert.ok(checkExpression(deep).length > 0);
  assert.equal(compileExpression(deep).evaluate(instance()), false);
  const fine = `${'('.repeat(100)}task:group == a${')'.repeat(100)}`;
  assert.deepEqual(checkExpression(fine), []);
});

test('long and/or chains within the limit evaluate without deep recursion trouble', () => {
  const text = Array.from({ length: 85 }, (_, k) => `runningTasksCount==${k}`).join('||');
  assert.ok(text.length <= 2000);
  const c = compileExpression(text);
  assert.deepEqual(c.problems, []);
  assert.equal(c.evaluate(instance({ runningTasksCount: 84 })), true);
  assert.equal(c.evaluate(instance({ runningTasksCount: 85 })), false);
});

// How long these take is measured by test/bench/linearity.ts.
test('a 1 MB expression is rejected with one problem, and every entry point answers', () => {
  const huge = `task:group == a and ${'x'.repeat(1 << 20)}`;
  const problems = checkExpression(huge);
  assert.deepEqual(
    compileExpression(huge).problems.map((p) => p.code),
    ['cql.too-long'],
  );
  assert.ok(Array.isArray(completeExpression(huge, huge.length)));
  hoverExpression(huge, 5);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].code, 'cql.too-long');
  const parsedHuge = parseDetailed(`task:group == ${'a'.repeat(1 << 20)}`, { maxLength: Infinity });
  assert.deepEqual(parsedHuge.problems, [], 'even without the cap the scanner is linear');
});

test('a catastrophic-backtracking pattern is evaluated (by a linear-time engine)', () => {
  const subject = 'a'.repeat(100_000);
  const c = compileExpression('attribute:name =~ (a*)*b');
  assert.deepEqual(c.problems, []);
  assert.equal(c.evaluate(instance({ attributes: { name: subject } })), false);
  assert.equal(
    compileExpression('attribute:name =~ (a|aa)*c').evaluate(instance({ attributes: { name: subject } })),
    false,
  );
  assert.equal(
    compileExpression('attribute:name =~ (a|aa)*').evaluate(instance({ attributes: { name: subject } })),
    true,
  );
});

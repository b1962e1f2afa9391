/** The operator table drives the lexer, the subjects and the evaluator: every row is read in both spellings, and a negation holds exactly where its positive does not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression } from '../../../server/src/cql';
import { OPERATORS } from '../../../server/src/cql/operators';
import { instance } from './helpers';

const argument = { none: '', value: 't2.small', list: '[t2.small, m5.large]' } as const;
const patternArgument = 't2\\..*';
const instances = [
  instance(),
  instance({ attributes: { 'ecs.instance-type': 'm5.large' } }),
  instance({ attributes: { 'ecs.instance-type': 'c5.xlarge' } }),
  instance({ attributes: {} }),
];

for (const o of OPERATORS) {
  test(`operator ${o.symbol} (${o.word}) is read in both spellings and evaluated`, () => {
    const arg = o.test === 'pattern' ? patternArgument : argument[o.argument];
    const results = [o.symbol, o.word].map((spelling) => {
      const c = compileExpression(`attribute:ecs.instance-type ${spelling} ${arg}`.trim());
      assert.deepEqual(c.problems, [], `${spelling}: ${c.problems.map((p) => p.message).join(' / ')}`);
      return instances.map((i) => c.evaluate(i));
    });
    assert.deepEqual(results[0], results[1], 'both spellings mean the same');
    if (o.negates) {
      const positive = compileExpression(`attribute:ecs.instance-type ${o.negates} ${arg}`.trim());
      // On instances that have the attribute the negation is the opposite; presence negates even where it is missing.
      const has = instances.map((i) => 'ecs.instance-type' in i.attributes);
      instances.forEach((i, k) => {
        if (has[k] || o.test === 'presence')
          assert.equal(results[0][k], !positive.evaluate(i), `${o.symbol} on instance ${k}`);
      });
    }
  });
}

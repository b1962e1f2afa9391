import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestName, editDistance } from '../../../server/src/service/didYouMean';

test('edit distance counts insertions, deletions, substitutions and adjacent swaps', () => {
  assert.equal(editDistance('', ''), 0);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('abc', ''), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('memroy', 'memory'), 1);
  assert.equal(editDistance('ab', 'ba'), 1);
  assert.equal(editDistance('ca', 'abc'), 3);
});

test('a distance past the budget is the budget and one, however far', () => {
  assert.equal(editDistance('kitten', 'sitting', 3), 3);
  assert.equal(editDistance('kitten', 'sitting', 2), 3);
  assert.equal(editDistance('abcdefgh', 'stuvwxyz', 1), 2);
  assert.equal(editDistance('a', 'abcdefgh', 2), 3);
  // Every exact distance within the budget, on words that differ in their first and last letters.
  for (const [a, b] of [
    ['containerDefinitions', 'containerDefinition'],
    ['awslogs-group', 'awslogs-grop'],
    ['networkMode', 'netwrokMdoe'],
  ])
    assert.equal(editDistance(a, b, 5), editDistance(a, b));
});

test('the one close name is suggested; none when two are as close or none is close enough', () => {
  assert.equal(closestName('memroy', ['memory', 'cpu', 'family']), 'memory');
  assert.equal(closestName('CPU', ['cpu', 'memory']), 'cpu');
  assert.equal(closestName('cpx', ['cpu', 'cpa']), undefined);
  assert.equal(closestName('famly', ['networkMode', 'family']), 'family');
  assert.equal(closestName('zzzzzz', ['family', 'memory']), undefined);
  assert.equal(closestName('AWSLOGS-GROUP', ['awslogs-group', 'awslogs-region'], true), 'awslogs-group');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeInputError, inputError } from '../../../server/src/placement/inputErrors';

test('an error names its input, the path in it and the message, and every command prints it the same way', () => {
  const e = inputError('cluster: instanceGroups[0].count: must be a whole number from 0 to 5000');
  assert.deepEqual(e, {
    input: 'cluster',
    path: 'instanceGroups[0].count',
    message: 'must be a whole number from 0 to 5000',
  });
  assert.equal(
    describeInputError(e, { cluster: 'prod.cluster.json' }),
    'prod.cluster.json: instanceGroups[0].count: must be a whole number from 0 to 5000',
  );
  // The longer input name wins; a message without a path keeps its words.
  assert.deepEqual(inputError('current task definition: expected a JSON object'), {
    input: 'current task definition',
    path: '',
    message: 'expected a JSON object',
  });
  assert.equal(
    describeInputError(inputError('service: desiredCount 9000 is more than the simulator deploys'), {}),
    'service: desiredCount 9000 is more than the simulator deploys',
  );
  assert.deepEqual(inputError('the duration must be between 1 minute and 7 days'), {
    path: '',
    message: 'the duration must be between 1 minute and 7 days',
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  asItem,
  describeInputError,
  generalError,
  inputError,
  inputFilesOf,
  namedInputErrors,
  type SimulationInput,
} from '../../../server/src/placement/inputErrors';

test('an error names its input, the path in it and the message; it is named by the file its input came from', () => {
  const e = inputError('cluster', 'must be a whole number', 'instanceGroups[0].count');
  assert.deepEqual(e, { input: 'cluster', path: 'instanceGroups[0].count', message: 'must be a whole number' });
  assert.equal(
    describeInputError(e, { cluster: 'prod.cluster.json' }),
    'prod.cluster.json: instanceGroups[0].count: must be a whole number',
  );
  // Without a file, the input's role names it.
  assert.equal(describeInputError(e), 'cluster: instanceGroups[0].count: must be a whole number');
  // The input decides, not the words: a message that starts like another input's name is still the service's.
  const worded = inputError('service', 'cluster: a name ECS takes as given');
  assert.equal(
    describeInputError(worded, { cluster: 'c.json', service: 's.json' }),
    's.json: cluster: a name ECS takes as given',
  );
});

test('an error of a list that spans files keeps its place; an error of no input keeps its words', () => {
  const second = asItem(inputError('scaling policy', 'must be set', 'PolicyType'), 2);
  assert.equal(describeInputError(second, { 'scaling policy': 'p.json' }), 'scaling policy 2: PolicyType: must be set');
  const general = generalError('the duration must be between 1 minute and 7 days');
  assert.deepEqual(general, { message: 'the duration must be between 1 minute and 7 days' });
  assert.equal(describeInputError(general, { cluster: 'c.json' }), general.message);
  assert.deepEqual(
    namedInputErrors([inputError('load profile', 'must be CPUUtilization', 'metric'), general], {
      'load profile': 'l.json',
    }),
    ['l.json: metric: must be CPUUtilization', general.message],
  );
  // An option's error has no file, only its path.
  const option = generalError('must be a whole number from 1 to 10,000', 'options.minimumScalingStepSize');
  assert.equal(describeInputError(option, { cluster: 'c.json' }), `options.minimumScalingStepSize: ${option.message}`);
});

test('the file of each input: one file names it, several keep the role, alarms under a policy take its file', () => {
  const files = (given: Partial<Record<SimulationInput, string[]>>) => inputFilesOf((input) => given[input] ?? []);
  assert.deepEqual(files({ cluster: ['prod.cluster.json'], 'scaling policy': ['a.json', 'b.json'] }), {
    cluster: 'prod.cluster.json',
  });
  assert.deepEqual(files({ 'scaling policy': ['cpu.json'] }), { 'scaling policy': 'cpu.json', alarm: 'cpu.json' });
  assert.deepEqual(files({ 'scaling policy': ['cpu.json'], alarm: ['high.json', 'low.json'] }), {
    'scaling policy': 'cpu.json',
  });
  assert.deepEqual(files({ 'scaling policy': ['cpu.json'], alarm: ['high.json'] }), {
    'scaling policy': 'cpu.json',
    alarm: 'high.json',
  });
});

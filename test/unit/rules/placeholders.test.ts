import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPlaceholder } from '../../../server/src/ecs/placeholders';
import { fails, passes, task } from './helpers';

test('isPlaceholder recognises template syntaxes', () => {
  for (const v of [
    '<IMAGE1_NAME>',
    '{{region}}',
    '{{ must_env `TAG` }}',
    '${ACCOUNT_ID}',
    '$$$EXECUTION_ROLE$$$',
    'REPLACE_ME_REGION',
    '#{Octopus.Var}',
    '$APP_IMAGE',
    '__TOKEN__',
    'arn:aws:iam::XXXXXXXXXXXX:role/r',
    '{INSERT YOUR ROLE}',
    'arn:aws:iam::aws_account_id:role/r',
  ]) {
    assert.equal(isPlaceholder(v), true, v);
  }
  for (const v of ['nginx:latest', 'arn:aws:iam::123456789012:role/r', 'us-east-1', '/ecs/web', 'a<b', 'price $5'])
    assert.equal(isPlaceholder(v), false, v);
});

test('placeholder.value: reported once per value, commands are left alone', () => {
  passes('placeholder.value', task());
  const found = fails(
    'placeholder.value',
    task(
      { executionRoleArn: '$$$EXECUTION_ROLE$$$' },
      { image: '<IMAGE1_NAME>', command: ['sh', '-c', 'echo ${HOME}'] },
    ),
    ['"<IMAGE1_NAME>"', '"$$$EXECUTION_ROLE$$$"'],
  );
  assert.match(found[0].message, /placeholder, not checked/);
});

test('placeholders keep value rules quiet', () => {
  passes('roles.arn', task({ taskRoleArn: '{{ecsTaskRoleArn}}' }));
  passes('image.reference', task({}, { image: '{{ tfstate `aws_ecr_repository.app.repository_url` }}:latest' }));
  passes(
    'secrets.value-from',
    task({}, { secrets: [{ name: 'A', valueFrom: 'arn:${Partition}:secretsmanager:${Region}:${Account}:secret:x' }] }),
  );
});

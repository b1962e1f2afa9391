import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPlaceholder } from '../../../server/src/ecs/placeholders';
import { parseDocument } from '../../../server/src/service/document';
import type { DeployContext } from '../../../server/src/service/context';
import { defaultSettings } from '../../../server/src/service/settings';
import { validateDocument } from '../../../server/src/service/validation';
import { staticWorkspace } from '../../../server/src/service/workspace';
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
  // Nothing in this (empty) repository substitutes the image: a warning that says so; the rest is noted.
  assert.match(found[0].message, /no script, workflow or pipeline in the repository replaces it/);
  assert.equal(found[0].severity, 'warning');
  assert.match(found[1].message, /placeholder, not checked/);
});

// A placeholder image is fine where a pipeline fills it (CodeDeploy's <IMAGE1_NAME>, a sed substitution); where
// nothing does, ECS would pull the placeholder itself. A bare ALL_CAPS image is such a placeholder, not a
// malformed reference (Docker repository names are lower case).
test('an image placeholder nothing substitutes warns, once, instead of an image-name error', () => {
  const check = (image: string, context: DeployContext) => {
    const doc = parseDocument('file:///repo/td.json', JSON.stringify(task({}, { image }), null, 2));
    return validateDocument(doc, defaultSettings, { ...staticWorkspace([doc]), deployContextOf: () => context });
  };
  const cli: DeployContext = { name: 'aws-cli', reason: 'test' };
  const bare = check('IMAGE_URI', cli);
  assert.deepEqual(
    bare.filter((p) => p.severity !== 'information').map((p) => [p.code, p.severity]),
    [['placeholder.value', 'warning']],
  );
  assert.match(bare.find((p) => p.code === 'placeholder.value')!.message, /ECS would try to pull "IMAGE_URI"/);
  const sed = check('<IMAGE_URI>', { ...cli, substitutedTokens: ['IMAGE_URI'] });
  assert.equal(sed.find((p) => p.code === 'placeholder.value')?.severity, 'information');
  const codedeploy = check('<IMAGE1_NAME>', { name: 'codedeploy', reason: 'test' });
  assert.equal(codedeploy.find((p) => p.code === 'placeholder.value')?.severity, 'information');
});

test('placeholders keep value rules quiet', () => {
  passes('roles.arn', task({ taskRoleArn: '{{ecsTaskRoleArn}}' }));
  passes('image.reference', task({}, { image: '{{ tfstate `aws_ecr_repository.app.repository_url` }}:latest' }));
  passes(
    'secrets.value-from',
    task({}, { secrets: [{ name: 'A', valueFrom: 'arn:${Partition}:secretsmanager:${Region}:${Account}:secret:x' }] }),
  );
});

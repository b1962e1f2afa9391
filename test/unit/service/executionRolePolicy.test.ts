import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/service/document';
import { executionRolePolicy } from '../../../server/src/service/executionRolePolicy';

const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf';
const task = {
  family: 'web',
  executionRoleArn: 'arn:aws:iam::123456789012:role/webExecution',
  containerDefinitions: [
    {
      name: 'web',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:1.4.2',
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': '/ecs/web',
          'awslogs-region': 'us-east-1',
          'awslogs-stream-prefix': 'web',
          'awslogs-create-group': 'true',
        },
      },
      secrets: [
        { name: 'DB_PASSWORD', valueFrom: `${secretArn}:password::` },
        { name: 'API_KEY', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/web/api-key' },
        { name: 'FLAG', valueFrom: 'web-flag' },
      ],
      environmentFiles: [{ type: 's3', value: 'arn:aws:s3:::config-bucket/web.env' }],
    },
    {
      name: 'proxy',
      image: 'ghcr.io/org/proxy:2.0',
      repositoryCredentials: {
        credentialsParameter: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:ghcr-XyZ123',
      },
    },
  ],
};

test('the execution role policy names exactly the repositories, log groups, secrets and files of the task definition', () => {
  const doc = parseDocument('file:///w/web-task-def.json', JSON.stringify(task));
  const { policy, notes } = executionRolePolicy(doc.body!);
  const bySid = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
  assert.deepEqual(Object.keys(bySid), [
    'PullEcrImages',
    'EcrLogin',
    'WriteLogs',
    'CreateLogGroups',
    'ReadSecrets',
    'ReadParameters',
    'ReadEnvironmentFiles',
    'LocateEnvironmentFileBuckets',
  ]);
  assert.deepEqual(bySid.PullEcrImages.Resource, ['arn:aws:ecr:us-east-1:123456789012:repository/team/web']);
  assert.deepEqual(bySid.EcrLogin.Resource, ['*']);
  assert.deepEqual(bySid.WriteLogs.Resource, ['arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:*']);
  assert.deepEqual(bySid.CreateLogGroups.Action, ['logs:CreateLogGroup']);
  assert.deepEqual(bySid.ReadSecrets.Resource, [
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:ghcr-XyZ123',
    secretArn,
  ]);
  assert.deepEqual(bySid.ReadParameters.Resource, [
    'arn:aws:ssm:*:123456789012:parameter/web-flag',
    'arn:aws:ssm:us-east-1:123456789012:parameter/web/api-key',
  ]);
  assert.deepEqual(bySid.ReadEnvironmentFiles.Resource, ['arn:aws:s3:::config-bucket/web.env']);
  assert.ok(
    notes.some((n) => n.includes('"web-flag"')),
    notes.join('\n'),
  );
});

test('no awslogs-create-group, no CreateLogGroup; nothing to grant, an empty policy and a note', () => {
  const plain = {
    family: 'x',
    containerDefinitions: [
      {
        name: 'x',
        image: 'nginx:1.27',
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g', 'awslogs-region': 'eu-west-1' } },
      },
    ],
  };
  const { policy } = executionRolePolicy(parseDocument('file:///w/x-task-def.json', JSON.stringify(plain)).body!);
  assert.deepEqual(
    policy.Statement.map((s) => s.Sid),
    ['WriteLogs'],
  );
  assert.deepEqual(policy.Statement[0].Resource, ['arn:aws:logs:eu-west-1:*:log-group:g:*']);
  const none = executionRolePolicy(
    parseDocument(
      'file:///w/y-task-def.json',
      JSON.stringify({ family: 'y', containerDefinitions: [{ name: 'y', image: 'nginx:1.27' }] }),
    ).body!,
  );
  assert.deepEqual(none.policy.Statement, []);
  assert.match(none.notes[0], /needs no execution role/);
});

const policyOf = (containerDefinitions: unknown[]) =>
  executionRolePolicy(
    parseDocument('file:///w/task-def.json', JSON.stringify({ family: 'f', containerDefinitions })).body!,
  );

// Secrets Manager user guide, troubleshoot.html#ARN_secretnamehyphen: the real ARN ends in -XXXXXX, so a name
// given without it is granted as name-??????; a name with the suffix is exact.
test('a Secrets Manager ARN without its 6-character suffix is granted as name-??????', () => {
  const { policy } = policyOf([
    {
      name: 'app',
      image: 'nginx:1.27',
      secrets: [
        { name: 'A', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/api-token:key::' },
        { name: 'B', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-Ab12Cd' },
      ],
    },
  ]);
  const read = policy.Statement.find((s) => s.Sid === 'ReadSecrets')!;
  assert.deepEqual(read.Resource, [
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/api-token-??????',
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-Ab12Cd',
  ]);
});

// Amazon ECR user guide, pull-through-cache-iam.html: BatchImportUpstreamImage and CreateRepository.
test('an image behind an ECR pull-through cache prefix gets the pull-through actions on its repository', () => {
  const { policy, notes } = policyOf([
    { name: 'app', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx:1.27' },
    { name: 'own', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:1' },
  ]);
  const cache = policy.Statement.find((s) => s.Sid === 'PullThroughCache')!;
  assert.deepEqual(cache.Action, ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository']);
  assert.deepEqual(cache.Resource, ['arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/library/nginx']);
  assert.ok(
    notes.some((n) => /pull-through cache prefix \(docker-hub\/\)/.test(n)),
    notes.join('\n'),
  );
  const none = policyOf([{ name: 'own', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:1' }]);
  assert.equal(
    none.policy.Statement.some((s) => s.Sid === 'PullThroughCache'),
    false,
  );
});

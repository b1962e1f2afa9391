import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, fails, fargateTask, passes, task } from './helpers';

test('roles.arn: role ARNs in every partition, role names and placeholders pass', () => {
  for (const arn of [
    'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    'arn:aws-cn:iam::123456789012:role/service-role/app',
    'ecsTaskRole',
    '$$$TASK_ROLE$$$',
    'arn:aws:iam::XXXXXXXXXXXX:role/x',
    '{{ecsTaskRoleArn}}',
  ]) {
    passes('roles.arn', task({ taskRoleArn: arn, executionRoleArn: arn }));
  }
});

test('roles.arn: users, short accounts and other services fail', () => {
  fails('roles.arn', task({ taskRoleArn: 'arn:aws:iam::123456789012:user/bob' }), [
    '"arn:aws:iam::123456789012:user/bob"',
  ]);
  fails('roles.arn', task({ executionRoleArn: 'arn:aws:iam::11111111111:role/x' }), [
    '"arn:aws:iam::11111111111:role/x"',
  ]);
  fails('roles.arn', task({ executionRoleArn: 'my role' }), ['"my role"']);
});

test('roles.execution-role-required: not needed for a plain EC2 task', () => {
  passes('roles.execution-role-required', task({}, { logConfiguration: { logDriver: 'awslogs', options: {} } }));
  passes(
    'roles.execution-role-required',
    fargateTask({ executionRoleArn: 'ecsTaskExecutionRole' }, { logConfiguration: { logDriver: 'awslogs' } }),
  );
});

test('roles.execution-role-required: secrets, and awslogs or ECR on Fargate', () => {
  const doc = task({}, { secrets: [{ name: 'A', valueFrom: '/a' }] });
  const [f] = fails('roles.execution-role-required', doc, ['"secrets"']);
  assert.match(
    (applyFix(doc, f, 'Add an executionRoleArn') as any).executionRoleArn,
    /^arn:aws:iam::<ACCOUNT_ID>:role\//,
  );
  fails('roles.execution-role-required', fargateTask({}, { logConfiguration: { logDriver: 'awslogs' } }), [
    '"awslogs"',
  ]);
  fails(
    'roles.execution-role-required',
    fargateTask({}, { image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1' }),
    ['"123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1"'],
  );
  fails(
    'roles.execution-role-required',
    task(
      {},
      { repositoryCredentials: { credentialsParameter: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:x' } },
    ),
    ['"repositoryCredentials"'],
  );
  fails(
    'roles.execution-role-required',
    task({ executionRoleArn: '' }, { environmentFiles: [{ value: 'arn:aws:s3:::bkt/a.env', type: 's3' }] }),
    ['""'],
  );
});

import { test } from 'node:test';
import { fails, passes, task } from './helpers';

const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf';

test('env.blank-name', () => {
  passes('env.blank-name', task({}, { environment: [{ name: 'A', value: '1' }] }));
  fails(
    'env.blank-name',
    task({}, { environment: [{ name: ' ', value: '1' }], secrets: [{ name: '', valueFrom: 'p' }] }),
    ['" "', '""'],
  );
});

test('env.duplicate: warning for a repeated variable', () => {
  passes(
    'env.duplicate',
    task(
      {},
      {
        environment: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
      },
    ),
  );
  fails(
    'env.duplicate',
    task(
      {},
      {
        environment: [
          { name: 'A', value: '1' },
          { name: 'A', value: '2' },
        ],
      },
    ),
    ['"A"'],
  );
});

test('secrets.duplicate', () => {
  passes(
    'secrets.duplicate',
    task(
      {},
      {
        secrets: [
          { name: 'A', valueFrom: 'a' },
          { name: 'B', valueFrom: 'b' },
        ],
      },
    ),
  );
  fails(
    'secrets.duplicate',
    task(
      {},
      {
        secrets: [
          { name: 'A', valueFrom: 'a' },
          { name: 'A', valueFrom: 'b' },
        ],
      },
    ),
    ['"A"'],
  );
});

test('env.secret-conflict', () => {
  passes(
    'env.secret-conflict',
    task({}, { environment: [{ name: 'A', value: '1' }], secrets: [{ name: 'B', valueFrom: 'b' }] }),
  );
  fails(
    'env.secret-conflict',
    task({}, { environment: [{ name: 'A', value: '1' }], secrets: [{ name: 'A', valueFrom: 'a' }] }),
    ['"A"'],
  );
});

test('secrets.value-from: ARNs of both services, parameter names and placeholders pass', () => {
  for (const valueFrom of [
    secretArn,
    `${secretArn}:password::`,
    'arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password',
    '/prod/db/password',
    'db_password',
    'arn:aws:ssm:{{region}}:{{account}}:parameter/x',
  ]) {
    passes('secrets.value-from', task({}, { secrets: [{ name: 'A', valueFrom }] }));
  }
});

test('secrets.value-from: other ARNs and malformed names fail, also in log secretOptions', () => {
  fails('secrets.value-from', task({}, { secrets: [{ name: 'A', valueFrom: 'arn:aws:s3:::bucket/key' }] }), [
    '"arn:aws:s3:::bucket/key"',
  ]);
  fails('secrets.value-from', task({}, { secrets: [{ name: 'A', valueFrom: 'my secret' }] }), ['"my secret"']);
  fails(
    'secrets.value-from',
    task(
      {},
      {
        logConfiguration: {
          logDriver: 'splunk',
          secretOptions: [{ name: 'splunk-token', valueFrom: 'arn:aws:secretsmanager:us-east-1:12345:secret:x' }],
        },
      },
    ),
    ['"arn:aws:secretsmanager:us-east-1:12345:secret:x"'],
  );
});

test('env.files: S3 .env objects, at most 10', () => {
  passes('env.files', task({}, { environmentFiles: [{ value: 'arn:aws:s3:::my-bucket/app/prod.env', type: 's3' }] }));
  fails('env.files', task({}, { environmentFiles: [{ value: 'arn:aws:s3:::my-bucket/app/prod.txt', type: 's3' }] }), [
    '"arn:aws:s3:::my-bucket/app/prod.txt"',
  ]);
  fails('env.files', task({}, { environmentFiles: [{ value: 's3://my-bucket/prod.env', type: 's3' }] }), [
    '"s3://my-bucket/prod.env"',
  ]);
  const many = Array.from({ length: 11 }, (_, i) => ({ value: `arn:aws:s3:::bkt/${i}.env`, type: 's3' }));
  fails('env.files', task({}, { environmentFiles: many }), ['"environmentFiles"']);
});

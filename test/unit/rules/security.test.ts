import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, fails, fargateTask, passes, service, task } from './helpers';
import { secretReason } from '../../../server/src/service/rules/security';
import { secretNamePairs, secretNameReferenceSuffixes, secretNameWords } from '../../../server/src/ecs/secretPatterns';
import { scannerIds } from '../../../server/src/ecs/scannerIds';
import { allRules } from '../../../server/src/service/rules';

test('security.privileged', () => {
  passes('security.privileged', task({}, { privileged: false }));
  fails('security.privileged', task({}, { privileged: true }), ['true']);
});

test('security.host-namespace: host network or PID with a root user', () => {
  passes('security.host-namespace', task({ networkMode: 'host' }, { user: '1000:1000' }));
  passes('security.host-namespace', task({ networkMode: 'awsvpc' }));
  fails('security.host-namespace', task({ networkMode: 'host' }), ['"app"']);
  fails('security.host-namespace', task({ pidMode: 'host' }, { user: 'root' }), ['"root"']);
});

test('security.writable-root-filesystem', () => {
  passes('security.writable-root-filesystem', task({}, { readonlyRootFilesystem: true }));
  passes(
    'security.writable-root-filesystem',
    task({ runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } }),
  );
  fails('security.writable-root-filesystem', task(), ['"app"']);
  fails('security.writable-root-filesystem', task({}, { readonlyRootFilesystem: false }), ['false']);
});

test('security.added-capabilities', () => {
  passes('security.added-capabilities', task({}, { linuxParameters: { capabilities: { add: ['NET_BIND_SERVICE'] } } }));
  passes('security.added-capabilities', fargateTask({}, { linuxParameters: { capabilities: { add: ['SYS_ADMIN'] } } }));
  fails(
    'security.added-capabilities',
    task({}, { linuxParameters: { capabilities: { add: ['CAP_SYS_ADMIN', 'NET_ADMIN', 'CHOWN'] } } }),
    ['"CAP_SYS_ADMIN"', '"NET_ADMIN"'],
  );
});

test('security.environment-secret: by name, by format, by entropy; references are not secrets', () => {
  assert.equal(secretReason('DB_PASSWORD', 'hunter2hunter2'), 'its name says it holds a secret');
  assert.equal(secretReason('STRIPE_API_KEY', 'abcdefghij'), 'its name says it holds a secret');
  assert.equal(secretReason('BUCKET', 'AKIAIOSFODNN7EXAMPLE'), 'its value is an AWS access key ID');
  assert.equal(
    secretReason('SIGNATURE', 'q8Zr4Tn1Vx7Lp2Ws9Kd3Hb6Fm0Yc5Ge8Ju1Ra4'),
    'its value looks like a random key',
  );
  assert.equal(secretReason('DB_PASSWORD_ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db'), undefined);
  assert.equal(secretReason('TOKEN_TTL', '3600'), undefined);
  // A resource name the CDK generated from its construct path.
  assert.equal(
    secretReason('FIREHOSE_DELIVERYSTREAM_NAME', 'KinesisFirehosefarfhsfargateServPropsdestinationfirehose9D4304E8'),
    undefined,
  );
  assert.equal(secretReason('SECRET_NAME', 'prod/db/password'), undefined);
  assert.equal(secretReason('LOG_LEVEL', 'info'), undefined);
  assert.equal(secretReason('ACCESS_TOKEN', 'MY_ACCESS_TOKEN'), undefined);
  assert.equal(secretReason('DB_PASSWORD', '${DB_PASSWORD}'), undefined);
  assert.equal(secretReason('HOME_URL', 'https://example.com/a/very/long/path/with/Mixed/Case/1234'), undefined);
  passes('security.environment-secret', task({}, { environment: [{ name: 'LOG_LEVEL', value: 'info' }] }));
  fails('security.environment-secret', task({}, { environment: [{ name: 'DB_PASSWORD', value: 'hunter2hunter2' }] }), [
    '"hunter2hunter2"',
  ]);
});

/** The name test as the data reads: the upper-cased name split on `_`, `-` and `.` into segments. */
function secretBySegments(name: string): boolean {
  const segments = name
    .toUpperCase()
    .split(/[_\-.]+/)
    .filter(Boolean);
  if (secretNameReferenceSuffixes.includes(segments[segments.length - 1])) return false;
  return (
    secretNamePairs.some(([a, b]) => segments.some((s, i) => s === a && segments[i + 1] === b)) ||
    segments.some((s) => secretNameWords.includes(s))
  );
}

test('security.environment-secret: the name test agrees with splitting the name into segments, on 20,000 names', () => {
  const pieces = [
    ...secretNameWords,
    ...secretNamePairs.flat(),
    ...secretNameReferenceSuffixes,
    'db',
    'Api',
    'x',
    'ß',
    'ı',
    '',
  ];
  const separators = ['_', '-', '.', '__', '-.', ''];
  // A xorshift generator: the same names on every run.
  let seed = 0x9e3779b9;
  const next = (n: number) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  let secrets = 0;
  for (let k = 0; k < 20_000; k++) {
    let name = next(3) === 0 ? separators[next(separators.length)] : '';
    for (let parts = 1 + next(4); parts > 0; parts--) {
      // One piece in four is a pair of segments, joined as a name may join them.
      const piece =
        next(4) === 0
          ? secretNamePairs[next(secretNamePairs.length)].join(separators[next(separators.length)])
          : pieces[next(pieces.length)];
      name +=
        (next(2) ? piece.toLowerCase() : piece) +
        (parts > 1 || next(3) === 0 ? separators[next(separators.length)] : '');
    }
    // A value no value test decides, so the name alone decides.
    const bySegments = secretBySegments(name);
    assert.equal(secretReason(name, 'plain-value') !== undefined, bySegments, name);
    if (bySegments) secrets++;
  }
  assert.ok(secrets > 2_000 && secrets < 18_000, `${secrets} secrets`);
});

test('security.environment-secret: a short value is a secret when the name says so', () => {
  assert.equal(secretReason('DB_PASSWORD', 'hunter2'), 'its name says it holds a secret');
  assert.equal(secretReason('API_TOKEN', 'abc'), 'its name says it holds a secret');
  assert.equal(secretReason('DB_PASSWORD', ''), undefined);
  assert.equal(secretReason('DB_PASSWORD', '<password>'), undefined);
  assert.equal(secretReason('LOG_LEVEL', 'warn'), undefined);
  fails('security.environment-secret', task({}, { environment: [{ name: 'DB_PASSWORD', value: 'hunter2' }] }), [
    '"hunter2"',
  ]);
});

test('security.environment-secret: the quick fix moves the entry to secrets with a valueFrom placeholder', () => {
  const doc = task(
    {},
    {
      environment: [
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'API_TOKEN', value: 'abcd1234efgh5678' },
      ],
    },
  );
  const [finding] = fails('security.environment-secret', doc, ['"abcd1234efgh5678"']);
  const fixed = applyFix(
    doc,
    finding,
    'Move API_TOKEN to "secrets" (valueFrom a Secrets Manager secret to fill in)',
  ) as { containerDefinitions: Array<Record<string, unknown>> };
  assert.deepEqual(fixed.containerDefinitions[0].environment, [{ name: 'LOG_LEVEL', value: 'info' }]);
  assert.deepEqual(fixed.containerDefinitions[0].secrets, [
    { name: 'API_TOKEN', valueFrom: 'arn:aws:secretsmanager:<REGION>:<ACCOUNT_ID>:secret:API_TOKEN' },
  ]);
  const withSecrets = task(
    {},
    {
      environment: [{ name: 'API_TOKEN', value: 'abcd1234efgh5678' }],
      secrets: [{ name: 'DB', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/db' }],
    },
  );
  const [second] = fails('security.environment-secret', withSecrets, ['"abcd1234efgh5678"']);
  const fixed2 = applyFix(
    withSecrets,
    second,
    'Move API_TOKEN to "secrets" (valueFrom a Secrets Manager secret to fill in)',
  ) as { containerDefinitions: Array<Record<string, unknown>> };
  assert.deepEqual(fixed2.containerDefinitions[0].environment, []);
  assert.equal((fixed2.containerDefinitions[0].secrets as unknown[]).length, 2);
});

test('security.execution-role-as-task-role', () => {
  const role = 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole';
  passes(
    'security.execution-role-as-task-role',
    task({ executionRoleArn: role, taskRoleArn: 'arn:aws:iam::123456789012:role/app' }),
  );
  fails('security.execution-role-as-task-role', task({ executionRoleArn: role, taskRoleArn: role }), [
    JSON.stringify(role),
  ]);
});

test('security.no-logging', () => {
  passes('security.no-logging', task({}, { logConfiguration: { logDriver: 'awslogs', options: {} } }));
  fails('security.no-logging', task(), ['"app"']);
});

test('security.mutable-image-tag', () => {
  passes('security.mutable-image-tag', task({}, { image: 'nginx:1.27' }));
  passes('security.mutable-image-tag', task({}, { image: `nginx@sha256:${'a'.repeat(64)}` }));
  fails('security.mutable-image-tag', task({}, { image: 'nginx:latest' }), ['"nginx:latest"']);
  fails('security.mutable-image-tag', task({}, { image: 'nginx' }), ['"nginx"']);
  fails('security.mutable-image-tag', task({}, { versionConsistency: 'disabled' }), ['"disabled"']);
});

test('security.public-ip', () => {
  passes(
    'security.public-ip',
    service({ networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], assignPublicIp: 'DISABLED' } } }),
  );
  fails(
    'security.public-ip',
    service({ networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], assignPublicIp: 'ENABLED' } } }),
    ['"ENABLED"'],
  );
});

test('security.fargate-platform-version', () => {
  passes('security.fargate-platform-version', service({ launchType: 'FARGATE', platformVersion: 'LATEST' }));
  passes('security.fargate-platform-version', service({ launchType: 'FARGATE', platformVersion: '1.0.0' }));
  fails('security.fargate-platform-version', service({ launchType: 'FARGATE', platformVersion: '1.3.0' }), ['"1.3.0"']);
  fails(
    'security.fargate-platform-version',
    service({ launchType: 'FARGATE', platformVersion: '1.0.0' }),
    ['"1.0.0"'],
    [fargateTask()],
  );
});

test('every security rule has a reference entry, and every entry names a rule', () => {
  const codes = allRules.map((r) => r.code);
  for (const code of codes.filter((c) => c.startsWith('security.')))
    assert.ok(scannerIds[code], `${code} has no scanner entry`);
  for (const code of Object.keys(scannerIds))
    assert.ok((codes as readonly string[]).includes(code), `${code} is not a rule`);
  for (const ids of Object.values(scannerIds)) {
    if (ids.checkov) assert.match(ids.checkov, /^CKV_AWS_\d+$/);
    if (ids.trivy) assert.match(ids.trivy, /^AVD-AWS-\d{4}$/);
    if (ids.securityHub) for (const id of ids.securityHub.split(', ')) assert.match(id, /^ECS\.\d+$/);
  }
});

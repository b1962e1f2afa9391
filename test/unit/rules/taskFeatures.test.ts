import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, fails, fargateTask, passes, task } from './helpers';

const windows = { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } };

test('containers.restart-policy', () => {
  passes(
    'containers.restart-policy',
    task({}, { restartPolicy: { enabled: true, ignoredExitCodes: [0, 1], restartAttemptPeriod: 60 } }),
  );
  fails('containers.restart-policy', task({}, { restartPolicy: { enabled: true, restartAttemptPeriod: 30 } }), ['30']);
  const codes = Array.from({ length: 51 }, (_, i) => i);
  const found = check(
    'containers.restart-policy',
    task({}, { restartPolicy: { enabled: true, ignoredExitCodes: codes } }),
  );
  assert.deepEqual(
    found.map((f) => f.covered.startsWith('[')),
    [true],
  );
});

test('containers.credential-specs', () => {
  passes(
    'containers.credential-specs',
    task({}, { credentialSpecs: ['credentialspecdomainless:arn:aws:s3:::bucket/spec.json'] }),
  );
  fails(
    'containers.credential-specs',
    task(
      {},
      {
        credentialSpecs: [
          'credentialspec:arn:aws:ssm:us-east-1:123456789012:parameter/a',
          'credentialspec:arn:aws:ssm:us-east-1:123456789012:parameter/b',
        ],
      },
    ),
    ['"credentialspec:arn:aws:ssm:us-east-1:123456789012:parameter/b"'],
  );
});

test('containers.swap', () => {
  passes('containers.swap', task({}, { linuxParameters: { maxSwap: 512, swappiness: 10 } }));
  passes('containers.swap', fargateTask({}, { linuxParameters: { swappiness: 10 } }));
  fails('containers.swap', task({}, { linuxParameters: { maxSwap: 512, swappiness: 101 } }), ['101']);
  fails('containers.swap', task({}, { linuxParameters: { maxSwap: -1 } }), ['-1']);
  fails('containers.swap', task({}, { linuxParameters: { swappiness: 30 } }), ['"swappiness"']);
});

test('task.pid-mode-windows', () => {
  passes('task.pid-mode-windows', task({ pidMode: 'task' }));
  fails('task.pid-mode-windows', task({ ...windows, pidMode: 'task' }), ['"pidMode"']);
});

test('task.fault-injection', () => {
  passes('task.fault-injection', task({ networkMode: 'awsvpc', enableFaultInjection: true }));
  passes('task.fault-injection', task({ enableFaultInjection: false }));
  fails('task.fault-injection', task({ enableFaultInjection: true }), ['true']);
  fails('task.fault-injection', task({ ...windows, networkMode: 'awsvpc', enableFaultInjection: true }), ['true']);
});

test('task.managed-instances-network-mode', () => {
  passes(
    'task.managed-instances-network-mode',
    task({ requiresCompatibilities: ['MANAGED_INSTANCES'], networkMode: 'awsvpc' }),
  );
  passes('task.managed-instances-network-mode', task({ requiresCompatibilities: ['EC2'], networkMode: 'bridge' }));
  fails(
    'task.managed-instances-network-mode',
    task({ requiresCompatibilities: ['MANAGED_INSTANCES'], networkMode: 'bridge' }),
    ['"bridge"'],
  );
});

test('task.configured-at-launch', () => {
  passes(
    'task.configured-at-launch',
    task({ volumes: [{ name: 'data', configuredAtLaunch: true }, { name: 'scratch' }] }),
  );
  fails(
    'task.configured-at-launch',
    task({
      volumes: [
        { name: 'a', configuredAtLaunch: true },
        { name: 'b', configuredAtLaunch: true },
      ],
    }),
    ['true'],
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, fails, passes, task } from './helpers';

const proxy = (containerName: string) => ({ type: 'APPMESH', containerName, properties: [] });

test('task.proxy-configuration: existing container and awsvpc', () => {
  passes('task.proxy-configuration', task({ networkMode: 'awsvpc', proxyConfiguration: proxy('app') }));
  fails('task.proxy-configuration', task({ networkMode: 'awsvpc', proxyConfiguration: proxy('envoy') }), ['"envoy"']);
  const doc = task({ proxyConfiguration: proxy('app') });
  const [f] = fails('task.proxy-configuration', doc, ['"proxyConfiguration"']);
  assert.equal((applyFix(doc, f, 'Add "networkMode": "awsvpc"') as any).networkMode, 'awsvpc');
});

test('task.external-network-mode', () => {
  passes('task.external-network-mode', task({ requiresCompatibilities: ['EXTERNAL'], networkMode: 'bridge' }));
  fails('task.external-network-mode', task({ requiresCompatibilities: ['EXTERNAL'], networkMode: 'awsvpc' }), [
    '"awsvpc"',
  ]);
});

test('task.arm64-windows', () => {
  passes('task.arm64-windows', task({ runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' } }));
  const doc = task({
    runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' },
  });
  const [f] = fails('task.arm64-windows', doc, ['"ARM64"']);
  assert.equal(
    (applyFix(doc, f, 'Set "cpuArchitecture" to "X86_64"') as any).runtimePlatform.cpuArchitecture,
    'X86_64',
  );
});

test('task.efs-transit-encryption', () => {
  const efs = (config: object) =>
    task({ volumes: [{ name: 'v', efsVolumeConfiguration: { fileSystemId: 'fs-1234', ...config } }] });
  passes('task.efs-transit-encryption', efs({ transitEncryption: 'ENABLED', authorizationConfig: { iam: 'ENABLED' } }));
  passes('task.efs-transit-encryption', efs({}));
  fails(
    'task.efs-transit-encryption',
    efs({ transitEncryption: 'DISABLED', authorizationConfig: { iam: 'ENABLED' } }),
    ['"DISABLED"'],
  );
  const doc = efs({ authorizationConfig: { accessPointId: 'fsap-1' } });
  const [f] = fails('task.efs-transit-encryption', doc, ['"efsVolumeConfiguration"']);
  assert.equal(
    (applyFix(doc, f, 'Add "transitEncryption": "ENABLED"') as any).volumes[0].efsVolumeConfiguration.transitEncryption,
    'ENABLED',
  );
});

test('task.placement-constraints: memberOf with an expression, at most 10', () => {
  passes(
    'task.placement-constraints',
    task({ placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.os-type == linux' }] }),
  );
  fails(
    'task.placement-constraints',
    task({ placementConstraints: [{ type: 'distinctInstance' }, { type: 'memberOf' }] }),
    ['"memberOf"'],
  );
  const many = Array.from({ length: 11 }, () => ({ type: 'memberOf', expression: 'attribute:a == b' }));
  fails('task.placement-constraints', task({ placementConstraints: many }), ['"placementConstraints"']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, fails, fargateTask, passes, service, task } from './helpers';

const named = task({ networkMode: 'awsvpc' }, { portMappings: [{ containerPort: 8080, name: 'http' }] });
const net = { networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } } };

test('service.port-name: Service Connect and VPC Lattice name a port mapping', () => {
  const connect = (portName: string) =>
    service({
      ...net,
      serviceConnectConfiguration: {
        enabled: true,
        namespace: 'internal',
        services: [{ portName, clientAliases: [{ port: 80 }] }],
      },
    });
  passes('service.port-name', connect('http'), [named]);
  passes('service.port-name', connect('web'));
  fails('service.port-name', connect('web'), ['"web"'], [named]);
  const lattice = service({
    ...net,
    vpcLatticeConfigurations: [
      {
        roleArn: 'arn:aws:iam::123456789012:role/lattice',
        targetGroupArn: 'arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-1',
        portName: 'grpc',
      },
    ],
  });
  fails('service.port-name', lattice, ['"grpc"'], [named]);
});

test('service.volume-configured-at-launch', () => {
  const withVolume = task({ volumes: [{ name: 'data', configuredAtLaunch: true }] });
  const config = (name: string) =>
    service({
      volumeConfigurations: [
        { name, managedEBSVolume: { roleArn: 'arn:aws:iam::123456789012:role/ebs', sizeInGiB: 10 } },
      ],
    });
  passes('service.volume-configured-at-launch', config('data'), [withVolume]);
  fails('service.volume-configured-at-launch', config('logs'), ['"logs"'], [withVolume]);
  fails('service.volume-configured-at-launch', config('data'), ['"data"'], [task({ volumes: [{ name: 'data' }] })]);
});

test('service.ebs-volume', () => {
  const ebs = (volume: Record<string, unknown>, over: Record<string, unknown> = {}) =>
    service({
      ...over,
      volumeConfigurations: [
        { name: 'data', managedEBSVolume: { roleArn: 'arn:aws:iam::123456789012:role/ebs', ...volume } },
      ],
    });
  passes('service.ebs-volume', ebs({ volumeType: 'gp3', sizeInGiB: 100 }));
  passes('service.ebs-volume', ebs({ snapshotId: 'snap-0123456789abcdef0' }));
  fails('service.ebs-volume', ebs({ volumeType: 'st1' }), ['"managedEBSVolume"']);
  fails('service.ebs-volume', ebs({ volumeType: 'st1', sizeInGiB: 100 }), ['100']);
  fails('service.ebs-volume', ebs({ volumeType: 'standard', sizeInGiB: 100 }, { launchType: 'FARGATE' }), [
    '"standard"',
  ]);
});

test('service.fargate-platform-version', () => {
  const big = fargateTask({ cpu: '8192', memory: '16384', pidMode: 'task' });
  passes('service.fargate-platform-version', service({ ...net, launchType: 'FARGATE', platformVersion: '1.4.0' }), [
    big,
  ]);
  passes('service.fargate-platform-version', service({ ...net, launchType: 'FARGATE', platformVersion: '1.3.0' }), [
    fargateTask(),
  ]);
  fails(
    'service.fargate-platform-version',
    service({ ...net, launchType: 'FARGATE', platformVersion: '1.3.0' }),
    ['"1.3.0"'],
    [big],
  );
});

// SDK ServiceConnectService.clientAliases doc comment: at most 1 client alias.
test('service.connect-client-aliases', () => {
  const connect = (clientAliases: unknown[]) =>
    service({
      ...net,
      serviceConnectConfiguration: { enabled: true, services: [{ portName: 'http', clientAliases }] },
    });
  passes('service.connect-client-aliases', connect([{ port: 80, dnsName: 'web' }]));
  const found = check(
    'service.connect-client-aliases',
    connect([
      { port: 80, dnsName: 'web' },
      { port: 8080, dnsName: 'web2' },
    ]),
  );
  assert.equal(found.length, 1);
  assert.match(found[0].covered, /"dnsName": "web2"/);
  assert.match(found[0].message, /at most 1 client alias/);
});

// SDK CreateServiceRequest.launchType doc comment: Managed Instances take a capacityProviderStrategy, not a launchType.
test('service.managed-instances-launch-type', () => {
  passes('service.managed-instances-launch-type', service({ launchType: 'EC2' }));
  passes(
    'service.managed-instances-launch-type',
    service({ capacityProviderStrategy: [{ capacityProvider: 'managed-instances', weight: 1 }] }),
  );
  fails('service.managed-instances-launch-type', service({ launchType: 'MANAGED_INSTANCES' }), ['"MANAGED_INSTANCES"']);
});

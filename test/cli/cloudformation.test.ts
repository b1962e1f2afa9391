import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
const bin = join(repoRoot, 'bin', 'ecs-lens.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: repoRoot });
const stack = 'examples/cloudformation/stack.yaml';

test('check reads a template and points into it: the example stack has its one mistake', () => {
  const r = run('check', stack);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const serious = r.stdout.split('\n').filter((l) => / (error|warning) /.test(l));
  assert.equal(serious.length, 1, r.stdout);
  assert.match(serious[0], /^examples\/cloudformation\/stack\.yaml:58:15 warning logging\.awslogs-unknown-option /);
});

test('check reads a CDK output folder and reports at template positions in JSON', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-cdk-'));
  mkdirSync(join(folder, 'cdk.out'));
  const template = {
    Resources: {
      TaskDef54694570: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          Family: 'web',
          NetworkMode: 'awsvpcc',
          ContainerDefinitions: [{ Name: 'web', Image: { 'Fn::Sub': '${AWS::AccountId}.dkr.ecr/web:1' }, Memory: 512 }],
        },
      },
    },
  };
  const path = join(folder, 'cdk.out', 'Stack.template.json');
  writeFileSync(path, JSON.stringify(template, null, 1));
  const r = run('check', path);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const errors = r.stdout.split('\n').filter((l) => / error /.test(l));
  assert.deepEqual(
    errors.map((l) => l.slice(path.length)),
    [
      ':7:20 error schema.enum The string "awsvpcc" is not allowed. Allowed values: "awsvpc", "bridge", "host", "none".',
    ],
  );
});

test('simulate takes a service and its task definition from a template by logical ID, as from JSON files', () => {
  const fromTemplate = run(
    'simulate',
    '--cluster',
    'examples/web.cluster.json',
    '--task-definition',
    `${stack}#WorkerTaskDefinition`,
    '--service',
    `${stack}#WorkerService`,
  );
  const fromJson = run(
    'simulate',
    '--cluster',
    'examples/web.cluster.json',
    '--task-definition',
    'examples/ec2-worker-task-def.json',
    '--service',
    'examples/ec2-worker-service-def.json',
  );
  assert.equal(fromTemplate.status, 0, fromTemplate.stderr);
  assert.equal(fromTemplate.stdout, fromJson.stdout);
  const missing = run('simulate', '--cluster', 'examples/web.cluster.json', '--task-definition', `${stack}#Nope`);
  assert.equal(missing.status, 2);
  assert.match(
    missing.stderr,
    /no resource Nope in it \(it declares WebTaskDefinition, WebService, WorkerTaskDefinition, WorkerService\)/,
  );
});

test('deploy takes the service and the new task definition from a template, as from JSON files', () => {
  const deploy = (service: string, taskDefinition: string) =>
    run('deploy', '--cluster', 'examples/web.cluster.json', '--service', service, '--task-definition', taskDefinition);
  const fromTemplate = deploy(`${stack}#WorkerService`, `${stack}#WorkerTaskDefinition`);
  const fromJson = deploy('examples/ec2-worker-service-def.json', 'examples/ec2-worker-task-def.json');
  assert.equal(fromTemplate.status, 0, fromTemplate.stderr);
  assert.match(fromTemplate.stdout, /^Deployment completes in /);
  assert.equal(fromTemplate.stdout, fromJson.stdout);
  const missing = deploy(`${stack}#Nope`, `${stack}#WorkerTaskDefinition`);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--service file .*stack\.yaml#Nope: no resource Nope in it/);
});

test("a template's capacity providers feed the simulator as a cluster file's do", () => {
  const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-cfn-cp-'));
  const template = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  MaxStep:
    Type: Number
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: worker
      NetworkMode: bridge
      RequiresCompatibilities: [EC2]
      ContainerDefinitions:
        - Name: worker
          Image: public.ecr.aws/docker/library/python:3.12-slim
          Essential: true
          Cpu: 256
          Memory: 768
  Service:
    Type: AWS::ECS::Service
    Properties:
      Cluster: production
      ServiceName: worker
      TaskDefinition: !Ref Task
      DesiredCount: 20
      CapacityProviderStrategy:
        - CapacityProvider: !Ref Provider
          Weight: 1
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '4'
  Provider:
    Type: AWS::ECS::CapacityProvider
    Properties:
      AutoScalingGroupProvider:
        AutoScalingGroupArn: !Ref Group
        ManagedScaling:
          Status: ENABLED
          TargetCapacity: 50
          MaximumScalingStepSize: !Ref MaxStep
  Associations:
    Type: AWS::ECS::ClusterCapacityProviderAssociations
    Properties:
      Cluster: production
      CapacityProviders: [!Ref Provider]
      DefaultCapacityProviderStrategy:
        - CapacityProvider: !Ref Provider
          Weight: 1
`;
  const cluster = {
    name: 'production',
    instanceGroups: [
      { instanceType: 'm5.large', availabilityZones: ['us-east-1a'], count: 1, capacityProvider: 'Provider' },
    ],
  };
  writeFileSync(join(folder, 'stack.yaml'), template);
  writeFileSync(join(folder, 'cluster.json'), JSON.stringify(cluster));
  // The same providers written in the cluster file, and the service as JSON: the unknown step size left out.
  writeFileSync(
    join(folder, 'cluster-with-providers.json'),
    JSON.stringify({
      ...cluster,
      capacityProviders: [
        {
          name: 'Provider',
          managedScaling: { status: 'ENABLED', targetCapacity: 50 },
          autoScalingGroup: { minSize: 1, maxSize: 4 },
        },
      ],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'Provider', weight: 1 }],
    }),
  );
  writeFileSync(
    join(folder, 'service.json'),
    JSON.stringify({
      cluster: 'production',
      serviceName: 'worker',
      taskDefinition: 'worker',
      desiredCount: 20,
      capacityProviderStrategy: [{ capacityProvider: 'Provider', weight: 1 }],
    }),
  );
  const simulate = (clusterFile: string, service: string) =>
    run(
      'simulate',
      '--cluster',
      join(folder, clusterFile),
      '--task-definition',
      `${join(folder, 'stack.yaml')}#Task`,
      '--service',
      service,
      '--format',
      'json',
    );
  const fromTemplate = simulate('cluster.json', `${join(folder, 'stack.yaml')}#Service`);
  const fromFiles = simulate('cluster-with-providers.json', join(folder, 'service.json'));
  const withoutProviders = simulate('cluster.json', join(folder, 'service.json'));
  assert.equal(fromTemplate.stderr, '');
  const scaleOut = (r: ReturnType<typeof run>) => JSON.parse(r.stdout).scaleOut;
  assert.deepEqual(scaleOut(fromTemplate), scaleOut(fromFiles));
  assert.equal(fromTemplate.stdout, fromFiles.stdout);
  assert.notDeepEqual(scaleOut(fromTemplate), scaleOut(withoutProviders), 'the providers change the estimate');
});

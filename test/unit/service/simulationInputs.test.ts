import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSettings } from '../../../server/src/service/settings';
import { prepareSurfaces, readSourceFile } from '../../../server/src/surfaces';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/service/document';
import { quickCluster, simulationRequest, simulationSources } from '../../../server/src/service/simulationInputs';
import { staticWorkspace, taskDefinitionOfService } from '../../../server/src/service/workspace';

function workspace(files: Record<string, unknown>) {
  return staticWorkspace(
    Object.entries(files).map(([uri, v]) => parseDocument(uri, typeof v === 'string' ? v : JSON.stringify(v))),
  );
}

const td = (family: string, extra: Record<string, unknown> = {}) => ({
  family,
  containerDefinitions: [{ name: 'app', image: 'nginx', memory: 256 }],
  ...extra,
});

test('the quick cluster is one instance group; blank zones are left to the simulator', () => {
  assert.deepEqual(quickCluster({ instanceType: ' m5.large ', count: 2, availabilityZones: ['a', ' b', ''] }), {
    instanceGroups: [{ instanceType: 'm5.large', availabilityZones: ['a', 'b'], count: 2 }],
  });
  assert.deepEqual(quickCluster({ instanceType: 't3.small', count: 1, availabilityZones: [' '] }), {
    instanceGroups: [{ instanceType: 't3.small', count: 1 }],
  });
});

test('describe output counts as a task definition for a service', () => {
  const ws = workspace({
    'file:///w/svc-service-def.json': { serviceName: 'web', taskDefinition: 'web' },
    'file:///w/describe.json': { taskDefinition: td('web') },
  });
  const sources = simulationSources(ws, 'file:///w/svc-service-def.json');
  assert.equal(sources.taskDefinition, 'file:///w/describe.json');
  assert.equal(sources.family, 'web');
  assert.equal(sources.error, undefined);
});

test('a service simulates the task definition its diagnostics check, in either direction', () => {
  const files = {
    'file:///w/app/web-service-def.json': { serviceName: 'web', taskDefinition: 'web:7' },
    'file:///w/app/web-task-def.json': td('web'),
    'file:///w/releases/web-7.json': { taskDefinition: td('web', { revision: 7 }) },
    'file:///w/other/web-service-def.json': { serviceName: 'web2', taskDefinition: 'web' },
  };
  const ws = workspace(files);
  const service = ws.documents().find((d) => d.uri === 'file:///w/app/web-service-def.json')!;
  assert.equal(simulationSources(ws, service.uri).taskDefinition, taskDefinitionOfService(ws, service)?.uri);
  assert.equal(simulationSources(ws, service.uri).taskDefinition, 'file:///w/releases/web-7.json');
  // From the task definition next to it, the service whose diagnostics use it: the one in the other folder.
  assert.equal(
    simulationSources(ws, 'file:///w/app/web-task-def.json').service,
    'file:///w/other/web-service-def.json',
  );
  assert.equal(simulationSources(ws, 'file:///w/releases/web-7.json').service, 'file:///w/app/web-service-def.json');
});

test('files that cannot be simulated say why', () => {
  const ws = workspace({
    'file:///w/a-service-def.json': { serviceName: 'a', taskDefinition: 'a' },
    'file:///w/b-task-def.json': '{"family": "b", ',
    'file:///w/b-service-def.json': { serviceName: 'b', taskDefinition: 'b' },
    'file:///w/package.json': { name: 'x' },
  });
  assert.match(
    simulationSources(ws, 'file:///w/a-service-def.json').error ?? '',
    /No task definition of family "a" in the workspace for a-service-def\.json/,
  );
  assert.match(
    simulationSources(ws, 'file:///w/package.json').error ?? '',
    /package\.json is not a task definition or service file/,
  );
  const broken = simulationRequest(ws, {
    uri: 'file:///w/b-task-def.json',
    cluster: { quick: { instanceType: 'm5.large', count: 1, availabilityZones: [] } },
  });
  assert.equal(broken.request, undefined);
  assert.match(broken.error ?? '', /^b-task-def\.json, line 1: .* Fix the JSON to simulate\.$/);
  const noCluster = simulationRequest(ws, {
    uri: 'file:///w/b-service-def.json',
    cluster: { uri: 'file:///w/missing.cluster.json' },
  });
  assert.ok(noCluster.error);
});

test('the request carries the documents as they are, and the options', () => {
  const cluster = { instanceGroups: [{ instanceType: 'm5.large', count: 1 }] };
  const ws = workspace({ 'file:///w/web-task-def.json': td('web'), 'file:///w/prod.cluster.json': cluster });
  const { request, sources } = simulationRequest(ws, {
    uri: 'file:///w/web-task-def.json',
    cluster: { uri: 'file:///w/prod.cluster.json' },
    options: { count: 3 },
  });
  assert.deepEqual(request, { taskDefinition: td('web'), cluster, options: { count: 3 } });
  assert.deepEqual(sources, {
    taskDefinition: 'file:///w/web-task-def.json',
    family: 'web',
    clusters: ['file:///w/prod.cluster.json'],
  });
});

test('a Terraform file simulates its first service (or the resource its #address names) with the task definition it references', async () => {
  await prepareSurfaces();
  const text = readFileSync(join(__dirname, '..', '..', '..', '..', 'examples', 'infra', 'ecs.tf'), 'utf8');
  const file = readSourceFile('file:///w/infra/ecs.tf', text, defaultSettings);
  const cluster = parseDocument('file:///w/web.cluster.json', JSON.stringify({ instanceGroups: [] }));
  const ws = staticWorkspace([...file.documents, cluster]);
  const first = simulationSources(ws, 'file:///w/infra/ecs.tf');
  assert.equal(first.error, undefined);
  assert.equal(first.service, 'file:///w/infra/ecs.tf#aws_ecs_service.web');
  assert.equal(first.taskDefinition, 'file:///w/infra/ecs.tf#aws_ecs_task_definition.web');
  const named = simulationSources(ws, 'file:///w/infra/ecs.tf#aws_ecs_task_definition.worker');
  assert.equal(named.taskDefinition, 'file:///w/infra/ecs.tf#aws_ecs_task_definition.worker');
  assert.equal(named.service, 'file:///w/infra/ecs.tf#aws_ecs_service.worker');
  const request = simulationRequest(ws, { uri: 'file:///w/infra/ecs.tf', cluster: { uri: cluster.uri } });
  assert.equal(request.error, undefined);
  assert.ok(request.request, 'a simulator request from the Terraform resources');
});

test("the panel's request for a template's service adds the template's capacity providers to the cluster file's", () => {
  const text = `Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: worker
      ContainerDefinitions: [{ Name: app, Image: nginx, Memory: 256 }]
  Service:
    Type: AWS::ECS::Service
    Properties:
      TaskDefinition: !Ref Task
      DesiredCount: 2
      CapacityProviderStrategy: [{ CapacityProvider: !Ref Provider, Weight: 1 }]
  Provider:
    Type: AWS::ECS::CapacityProvider
    Properties:
      Name: workers
      AutoScalingGroupProvider:
        AutoScalingGroupArn: arn:aws:autoscaling:us-east-1:111122223333:autoScalingGroup:x
        ManagedScaling: { TargetCapacity: 80 }
`;
  const file = readSourceFile('file:///w/stack.yaml', text, defaultSettings);
  const listed = { name: 'listed', instanceType: 'm5.large' };
  const cluster = parseDocument(
    'file:///w/web.cluster.json',
    JSON.stringify({ instanceGroups: [], capacityProviders: [listed] }),
  );
  const ws = staticWorkspace([...file.documents, cluster]);
  const { request, error } = simulationRequest(ws, {
    uri: 'file:///w/stack.yaml#Service',
    cluster: { uri: cluster.uri },
  });
  assert.equal(error, undefined);
  assert.deepEqual((request!.cluster as { capacityProviders: unknown[] }).capacityProviders, [
    listed,
    { name: 'workers', managedScaling: { targetCapacity: 80 } },
  ]);
  // The service names the provider as the template's Ref reads: its Name.
  assert.deepEqual((request!.service as { capacityProviderStrategy: unknown }).capacityProviderStrategy, [
    { capacityProvider: 'workers', weight: 1 },
  ]);
});

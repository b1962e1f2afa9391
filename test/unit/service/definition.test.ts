import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definition } from '../../../server/src/service/definition';
import { parseDocument } from '../../../server/src/service/document';
import { staticWorkspace } from '../../../server/src/service/workspace';
import { parseMarkers } from '../markers';

const taskDefinition = parseMarkers(
  '{"family": [|"web"|], "containerDefinitions": [{"name": [|"app"|], "dependsOn": [{"containerName": "logs", "condition": "START"}], "mountPoints": [{"sourceVolume": "data", "containerPath": "/d"}]}, {"name": [|"logs"|]}], "volumes": [{"name": [|"data"|]}]}',
);
const td = parseDocument('file:///w/web-task-def.json', taskDefinition.text);

test('within a task definition: dependsOn names a container, mountPoints a volume', () => {
  const depends = taskDefinition.text.indexOf('"logs"') + 3;
  assert.deepEqual(
    definition(td, depends, staticWorkspace([td])).map((t) => ({ offset: t.offset, length: t.length })),
    [taskDefinition.ranges[2]],
  );
  const volume = taskDefinition.text.indexOf('"data"') + 3;
  assert.deepEqual(
    definition(td, volume, staticWorkspace([td])).map((t) => ({ offset: t.offset, length: t.length })),
    [taskDefinition.ranges[3]],
  );
});

test('from a service: its task definition by family, and load balancer container names', () => {
  const text =
    '{"serviceName": "web", "taskDefinition": "web:7", "loadBalancers": [{"targetGroupArn": "x", "containerName": "app", "containerPort": 80}]}';
  const service = parseDocument('file:///w/web-service-def.json', text);
  const ws = staticWorkspace([td, service]);
  const toFamily = definition(service, text.indexOf('web:7') + 1, ws);
  assert.equal(toFamily[0].doc.uri, td.uri);
  assert.deepEqual({ offset: toFamily[0].offset, length: toFamily[0].length }, taskDefinition.ranges[0]);
  const toContainer = definition(service, text.indexOf('"app"') + 2, ws);
  assert.deepEqual(
    toContainer.map((t) => ({ offset: t.offset, length: t.length })),
    [taskDefinition.ranges[1]],
  );
  assert.deepEqual(definition(service, text.indexOf('"app"') + 2, staticWorkspace([service])), []);
});

test('from a service: Service Connect and VPC Lattice portName to the named port mapping', () => {
  const marked = parseMarkers(
    '{"family": "api", "containerDefinitions": [{"name": "app", "portMappings": [{"containerPort": 8080, "name": [|"http"|]}]}]}',
  );
  const api = parseDocument('file:///w/api-task-def.json', marked.text);
  const text =
    '{"serviceName": "api", "taskDefinition": "api", "serviceConnectConfiguration": {"enabled": true, "services": [{"portName": "http"}]}, "vpcLatticeConfigurations": [{"portName": "http"}, {"portName": "grpc"}]}';
  const service = parseDocument('file:///w/api-service-def.json', text);
  const ws = staticWorkspace([api, service]);
  const ranges = (offset: number) =>
    definition(service, offset, ws).map((t) => ({ uri: t.doc.uri, offset: t.offset, length: t.length }));
  assert.deepEqual(ranges(text.indexOf('"http"') + 2), [{ uri: api.uri, ...marked.ranges[0] }]);
  assert.deepEqual(ranges(text.lastIndexOf('"http"') + 2), [{ uri: api.uri, ...marked.ranges[0] }]);
  assert.deepEqual(ranges(text.indexOf('"grpc"') + 2), []);
});

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DeployResponse, ScaleResponse } from '../../server/src/protocol';
import { LspClient } from './client';

const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-lsp-dynamics-'));
const uri = (name: string) => pathToFileURL(join(folder, name)).toString();
let client: LspClient;

const files: Record<string, unknown> = {
  'web-task-def.json': {
    family: 'web',
    containerDefinitions: [
      { name: 'web', image: 'nginx', cpu: 512, memory: 512, portMappings: [{ containerPort: 80, hostPort: 80 }] },
    ],
  },
  'web-service-def.json': { serviceName: 'web', taskDefinition: 'web', desiredCount: 3 },
  'prod.cluster.json': {
    instanceGroups: [
      {
        instanceType: 'm5.large',
        count: 3,
        runningTasks: [{ group: 'service:web', cpu: 512, memory: 512, hostPorts: [80] }],
      },
    ],
  },
  'web-target.json': {
    ServiceNamespace: 'ecs',
    ResourceId: 'service/prod/web',
    ScalableDimension: 'ecs:service:DesiredCount',
    MinCapacity: 1,
    MaxCapacity: 10,
  },
  'web-policy.json': {
    PolicyName: 'cpu',
    ServiceNamespace: 'ecs',
    ResourceId: 'service/prod/web',
    ScalableDimension: 'ecs:service:DesiredCount',
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: 50,
      PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
    },
  },
  'web.load.json': {
    metric: 'CPUUtilization',
    demand: [
      [0, 512],
      [300, 2048],
    ],
  },
};

before(async () => {
  client = new LspClient();
  await client.initialize(pathToFileURL(folder).toString());
  // The panel's files are open documents, unsaved edits included: the server reads them by URI.
  // Each file is in the server's index once its diagnostics are published.
  for (const [name, value] of Object.entries(files)) {
    const published = client.diagnostics(uri(name));
    await client.open(uri(name), JSON.stringify(value, null, 2));
    await published;
  }
});

after(async () => {
  assert.equal(await client.stop(), 0);
});

test('ecsLens/deploy pairs the task definition with its service and runs the deployment on the chosen cluster', async () => {
  const response = await client.request<DeployResponse>('ecsLens/deploy', {
    uri: uri('web-task-def.json'),
    cluster: { uri: uri('prod.cluster.json') },
  });
  assert.equal(response.error, undefined);
  assert.equal(response.sources.service, uri('web-service-def.json'));
  assert.equal(response.result?.outcome, 'stalled');
  assert.equal(response.result?.reason?.code, 'port-conflict');
  assert.ok(response.result?.fixes?.some((f) => /dynamic host ports/.test(f)));
  assert.equal(response.result?.timeline?.instances.length, 3, 'the panel gets old and new tasks per instance');
  // The server says what kind of deployment it is, so the panel names no strategy itself.
  assert.equal(response.result?.rollingUpdate, true);
});

test('ecsLens/deploy on a quick cluster, and a file that is no ECS file, answer with a result or a message', async () => {
  const quick = await client.request<DeployResponse>('ecsLens/deploy', {
    uri: uri('web-service-def.json'),
    cluster: { quick: { instanceType: 'm5.large', count: 4, availabilityZones: ['us-east-1a'] } },
  });
  assert.equal(quick.result?.outcome, 'completed', JSON.stringify(quick.result?.reason));
  const wrong = await client.request<DeployResponse>('ecsLens/deploy', {
    uri: uri('web.load.json'),
    cluster: { uri: uri('prod.cluster.json') },
  });
  assert.match(wrong.error ?? '', /not a task definition or service file/);
});

test('ecsLens/scale finds the scalable target, policy and load profile of the workspace and returns the series', async () => {
  const response = await client.request<ScaleResponse>('ecsLens/scale', {
    uri: uri('web-task-def.json'),
    cluster: { uri: uri('prod.cluster.json') },
    durationSeconds: 1800,
  });
  assert.equal(response.error, undefined, response.error);
  assert.equal(response.sources.load, uri('web.load.json'));
  assert.equal(response.result?.series.length, 31);
  assert.ok(response.result.summary.peakDesired > 3);
});

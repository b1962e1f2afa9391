/**
 * Simulations run on threads of their kind: a newer request replaces the older of its kind, which never runs,
 * and an explanation does not end the placement it explains.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DeployResponse, SimulateResponse } from '../../server/src/protocol';
import { LspClient } from './client';

const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-lsp-lanes-'));
const uri = (name: string) => pathToFileURL(join(folder, name)).toString();
let client: LspClient;

const tasks = 200;
const files: Record<string, unknown> = {
  'web-task-def.json': {
    family: 'web',
    containerDefinitions: [
      { name: 'web', image: 'nginx', cpu: 256, memory: 512, portMappings: [{ containerPort: 80, hostPort: 80 }] },
    ],
  },
  // Every instance runs one task on host port 80: the new revision cannot start beside it, so the deployment stalls.
  'web-service-def.json': { serviceName: 'web', taskDefinition: 'web', desiredCount: tasks },
  'prod.cluster.json': {
    instanceGroups: [
      {
        instanceType: 'm5.large',
        count: tasks,
        availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
        runningTasks: [{ group: 'service:web', cpu: 256, memory: 512, hostPorts: [80] }],
      },
    ],
  },
};

before(async () => {
  client = new LspClient();
  await client.initialize(pathToFileURL(folder).toString());
  for (const [name, value] of Object.entries(files)) {
    const published = client.diagnostics(uri(name));
    await client.open(uri(name), JSON.stringify(value, null, 2));
    await published;
  }
});

after(async () => {
  assert.equal(await client.stop(), 0);
  rmSync(folder, { recursive: true, force: true });
});

test('a newer deployment request replaces the older, which answers as cancelled and never runs', async () => {
  const params = { uri: uri('web-task-def.json'), cluster: { uri: uri('prod.cluster.json') } };
  const first = client.request<DeployResponse>('ecsLens/deploy', params, 60_000);
  const second = client.request<DeployResponse>('ecsLens/deploy', params, 60_000);
  await assert.rejects(first, (error: { code?: number }) => error.code === -32800);
  const answer = await second;
  assert.ok(answer.result?.outcome === 'stalled' || answer.error);
});

test('asking why a task landed where it did does not end the placement it explains', async () => {
  const params = { uri: uri('web-task-def.json'), cluster: { uri: uri('prod.cluster.json') } };
  const simulation = client.request<SimulateResponse>('ecsLens/simulate', params, 60_000);
  const explanation = client.request<unknown>('ecsLens/explainTask', { ...params, task: 0 }, 60_000);
  const [simulated] = await Promise.all([simulation, explanation]);
  assert.equal(simulated.error, undefined);
  assert.ok(simulated.result, 'the simulation answered with its result');
});

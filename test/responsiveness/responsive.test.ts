/**
 * Deployments and auto scaling run off the server's thread: while a large deployment and a day of scaling are
 * simulated, the server keeps answering the editor's requests on other files. What it watches is how long answers
 * wait, so it runs alone, on a machine not busy with other work: `npm run build && npm run test:responsiveness`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { DeployResponse, ScaleResponse } from '../../server/src/protocol';
import { LspClient } from '../lsp/client';

const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-lsp-responsive-'));
const uri = (name: string) => pathToFileURL(join(folder, name)).toString();
let client: LspClient;

const tasks = 2000;
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
  'web-target.json': {
    ServiceNamespace: 'ecs',
    ResourceId: 'service/prod/web',
    ScalableDimension: 'ecs:service:DesiredCount',
    MinCapacity: 1000,
    MaxCapacity: 5000,
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
      [0, 256_000],
      [21_600, 512_000],
      [43_200, 128_000],
      [64_800, 384_000],
    ],
  },
  'other-task-def.json': {
    family: 'other',
    containerDefinitions: [{ name: 'app', image: 'nginx', memory: 512 }],
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

/** Asks for the outline of another file every 10 ms until `done` settles; returns how long each answer waited. */
async function outlineWaits(done: () => boolean): Promise<number[]> {
  const waits: number[] = [];
  while (!done()) {
    const sent = performance.now();
    await client.request('textDocument/documentSymbol', { textDocument: { uri: uri('other-task-def.json') } });
    waits.push(performance.now() - sent);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return waits;
}

test('a stalled 2,000-task deployment and a day of scaling leave every other request answered within 100 ms', async () => {
  // The editor has asked for the outline before: the first answer's start-up is not what is measured.
  await client.request('textDocument/documentSymbol', { textDocument: { uri: uri('other-task-def.json') } });
  // The same requests for two seconds with nothing simulated: what an answer waits for with the server idle, printed
  // when the test fails (on a machine busy with other work that alone can pass 100 ms; the test is meant to run alone).
  const quietUntil = performance.now() + 2000;
  const quiet = await outlineWaits(() => performance.now() >= quietUntil);

  let running = true;
  const deploy = client.request<DeployResponse>(
    'ecsLens/deploy',
    { uri: uri('web-task-def.json'), cluster: { uri: uri('prod.cluster.json') } },
    60_000,
  );
  const scale = client.request<ScaleResponse>(
    'ecsLens/scale',
    { uri: uri('web-task-def.json'), cluster: { uri: uri('prod.cluster.json') }, durationSeconds: 86_400 },
    60_000,
  );
  const both = Promise.allSettled([deploy, scale]).then(() => (running = false));
  const waits = await outlineWaits(() => !running);
  await both;
  const deployed = await deploy;
  const scaled = await scale;
  // Both ran to the end within their budgets (the deployment stalls and its fixes are found; the day is simulated),
  // and the editor was answered meanwhile.
  assert.equal(deployed.error, undefined, JSON.stringify(deployed.error));
  assert.equal(deployed.result?.outcome, 'stalled');
  assert.ok((deployed.result?.fixes?.length ?? 0) > 0, 'the stalled deployment has its fixes');
  assert.equal(scaled.error, undefined, JSON.stringify(scaled.error));
  assert.ok((scaled.result?.series.length ?? 0) > 0, 'a day of scaling has its series');
  assert.ok(waits.length >= 5, `only ${waits.length} requests were asked while the simulations ran`);
  const slowest = Math.max(...waits);
  assert.ok(
    slowest < 100,
    `a documentSymbol request waited ${Math.round(slowest)} ms (allowed: under 100 ms; with nothing simulated the slowest waited ${Math.round(Math.max(...quiet))} ms)`,
  );
});

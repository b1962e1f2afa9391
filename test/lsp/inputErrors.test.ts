/**
 * The panel's errors come from the server named by file, as the CLI names them: each error's input decides the
 * file (the cluster, the scalable target, the load profile, the policy for the alarms under it), never its words.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DeployResponse, ScaleResponse, WorkspaceFilesResponse } from '../../server/src/protocol';
import { LspClient } from './client';

const files: Record<string, unknown> = {
  'web-task-def.json': {
    family: 'web',
    containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 256, memory: 512 }],
  },
  'web-service-def.json': { serviceName: 'web', taskDefinition: 'web', desiredCount: 2 },
  'infra/prod.cluster.json': { instanceGroups: [{ instanceType: 'm5.large', count: 2 }, { count: 1 }] },
  'infra/ok.cluster.json': { instanceGroups: [{ instanceType: 'm5.large', count: 2 }] },
  'scaling/web-target.json': {
    ServiceNamespace: 'ecs',
    ScalableDimension: 'ecs:service:DesiredCount',
    MinCapacity: 10,
    MaxCapacity: 2,
  },
  'scaling/ok-target.json': {
    ServiceNamespace: 'ecs',
    ScalableDimension: 'ecs:service:DesiredCount',
    MinCapacity: 1,
    MaxCapacity: 4,
  },
  'scaling/web-policy.json': {
    PolicyName: 'step',
    ServiceNamespace: 'ecs',
    ScalableDimension: 'ecs:service:DesiredCount',
    PolicyType: 'StepScaling',
    StepScalingPolicyConfiguration: {
      AdjustmentType: 'ChangeInCapacity',
      StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
    },
    Alarms: [
      {
        AlarmName: 'memory-high',
        MetricName: 'MemoryUtilization',
        Threshold: 70,
        ComparisonOperator: 'GreaterThanThreshold',
        Period: 60,
        EvaluationPeriods: 1,
      },
    ],
  },
  'scaling/web.load.json': { metric: 'Disk', demand: [[0, 1]] },
  'scaling/ok.load.json': { metric: 'CPUUtilization', demand: [[0, 256]] },
};

async function workspace(t: TestContext): Promise<{ client: LspClient; uri: (name: string) => string }> {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'ecs-lens-input-errors-lsp-')));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  mkdirSync(join(base, 'infra'));
  mkdirSync(join(base, 'scaling'));
  for (const [name, value] of Object.entries(files)) writeFileSync(join(base, name), JSON.stringify(value, null, 2));
  const uri = (name: string) => pathToFileURL(join(base, name)).toString();
  const client = new LspClient();
  await client.initialize(pathToFileURL(base).toString());
  t.after(async () => {
    await client.stop();
  });
  const wanted = Object.keys(files).map(uri);
  for (let i = 0; i < 300; i++) {
    const { files: listed } = await client.request<WorkspaceFilesResponse>('ecsLens/workspaceFiles', {});
    const seen = new Set(listed.map((f) => f.uri));
    if (wanted.every((u) => seen.has(u))) return { client, uri };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the index never listed the files');
}

test('deploy and scale errors name the file of their input inside the workspace', async (t) => {
  const { client, uri } = await workspace(t);
  const deployed = await client.request<DeployResponse>('ecsLens/deploy', {
    uri: uri('web-service-def.json'),
    cluster: { uri: uri('infra/prod.cluster.json') },
  });
  assert.deepEqual(deployed.result?.errors, ['infra/prod.cluster.json: instanceGroups[1].instanceType: is required']);

  const scaled = await client.request<ScaleResponse>('ecsLens/scale', {
    uri: uri('web-service-def.json'),
    cluster: { uri: uri('infra/ok.cluster.json') },
    target: uri('scaling/web-target.json'),
    policy: uri('scaling/web-policy.json'),
    load: uri('scaling/web.load.json'),
  });
  assert.deepEqual(scaled.result?.errors, [
    'scaling/web-target.json: MinCapacity: must be at most MaxCapacity',
    'scaling/web.load.json: metric: must be CPUUtilization, MemoryUtilization or RequestCount',
  ]);

  // The alarm came under the policy's "Alarms": its error names the policy file.
  const alarmed = await client.request<ScaleResponse>('ecsLens/scale', {
    uri: uri('web-service-def.json'),
    cluster: { uri: uri('infra/ok.cluster.json') },
    target: uri('scaling/ok-target.json'),
    policy: uri('scaling/web-policy.json'),
    load: uri('scaling/ok.load.json'),
  });
  assert.deepEqual(alarmed.result?.errors, [
    'scaling/web-policy.json: MetricName: an alarm of a step policy watches MemoryUtilization, but the load profile gives CPUUtilization',
  ]);
});

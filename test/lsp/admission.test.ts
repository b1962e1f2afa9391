/**
 * The editor's side of the admission layer: a cluster file as large as ECS allows (5,000 instances of
 * describe-container-instances output) is read with the budget the CLI uses and simulated, one instance more is
 * refused naming the file and the limit, and the errors the panel shows name the file inside the workspace and the
 * member, never the role and never a value read. Each test builds its files in a temporary folder and removes it.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DeployResponse, SimulateResponse, WorkspaceFilesResponse } from '../../server/src/protocol';
import { LspClient } from './client';
import { describeContainerInstances } from '../bench/clusterFiles';

const taskDefinition = {
  family: 'web',
  containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 256, memory: 512 }],
};

function scratch(t: TestContext): string {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'ecs-lens-admission-lsp-')));
  t.after(() => {
    rmSync(base, { recursive: true, force: true });
    assert.equal(existsSync(base), false);
  });
  return base;
}

async function started(t: TestContext, folder: string): Promise<LspClient> {
  const client = new LspClient();
  await client.initialize(pathToFileURL(folder).toString());
  t.after(async () => {
    await client.stop();
  });
  return client;
}

/** Waits until the index lists every one of `uris` (the scan runs after start-up). */
async function indexed(client: LspClient, uris: string[]): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const { files } = await client.request<WorkspaceFilesResponse>('ecsLens/workspaceFiles', {});
    const listed = new Set(files.map((f) => f.uri));
    if (uris.every((u) => listed.has(u))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the index never listed ${uris.join(', ')}`);
}

test('the panel simulates a 5,000-instance describe-container-instances file and refuses 5,001 by the ECS limit', async (t) => {
  const ws = scratch(t);
  mkdirSync(join(ws, 'clusters'));
  // Not named as a cluster file: recognised by its first bytes, as the CLI reads any --cluster file.
  const five = join(ws, 'clusters', 'prod.json');
  writeFileSync(five, describeContainerInstances(5000));
  const more = join(ws, 'clusters', 'more.cluster.json');
  writeFileSync(more, describeContainerInstances(5001));
  assert.ok(statSync(five).size > 5 * 1024 * 1024, 'the file is larger than any limit in bytes alone would take');
  const app = pathToFileURL(join(ws, 'web-task-def.json')).toString();
  writeFileSync(join(ws, 'web-task-def.json'), JSON.stringify(taskDefinition));
  const client = await started(t, ws);
  const fiveUri = pathToFileURL(five).toString();
  const moreUri = pathToFileURL(more).toString();
  await indexed(client, [fiveUri, moreUri, app]);

  const read = await client.request<SimulateResponse>(
    'ecsLens/simulate',
    { uri: app, cluster: { uri: fiveUri }, options: { count: 3 } },
    120_000,
  );
  assert.equal(read.error, undefined, read.error);
  assert.deepEqual(read.result!.errors, []);
  assert.equal(read.result!.placements.length, 3);
  assert.ok(read.sources.clusters.includes(fiveUri));

  const refused = await client.request<SimulateResponse>('ecsLens/simulate', { uri: app, cluster: { uri: moreUri } });
  assert.equal(refused.result, undefined);
  assert.match(
    String(refused.error),
    /^clusters\/more\.cluster\.json: lists more than 5,000 container instances \(ECS registers at most 5,000 container instances per cluster\)/,
  );
  // The server is still up and answers.
  const again = await client.request<SimulateResponse>('ecsLens/simulate', { uri: app, cluster: { uri: fiveUri } });
  assert.equal(again.result!.placements.length, 1);
});

test("the panel's errors name the file inside the workspace and the member, and quote no value read", async (t) => {
  const ws = scratch(t);
  mkdirSync(join(ws, 'infra'));
  const marker = 'MARKER7f3a';
  const clusterPath = join(ws, 'infra', 'prod.cluster.json');
  writeFileSync(clusterPath, JSON.stringify({ instanceGroups: [{ instanceType: 'm5.large', count: 1e9 }] }));
  const markedCluster = join(ws, 'infra', 'marked.cluster.json');
  writeFileSync(markedCluster, JSON.stringify({ instanceGroups: [{ instanceType: `m5.${marker}` }] }));
  const app = pathToFileURL(join(ws, 'web-task-def.json')).toString();
  writeFileSync(join(ws, 'web-task-def.json'), JSON.stringify({ ...taskDefinition, cpu: marker }));
  writeFileSync(join(ws, 'api-task-def.json'), JSON.stringify({ ...taskDefinition, family: 'api' }));
  const service = pathToFileURL(join(ws, 'api-service-def.json')).toString();
  writeFileSync(
    join(ws, 'api-service-def.json'),
    JSON.stringify({
      serviceName: 'api',
      taskDefinition: 'api',
      desiredCount: 2,
      deploymentConfiguration: { strategy: marker, maximumPercent: marker },
    }),
  );
  const client = await started(t, ws);
  const cluster = pathToFileURL(clusterPath).toString();
  const marked = pathToFileURL(markedCluster).toString();
  await indexed(client, [cluster, marked, app, service]);

  const simulated = await client.request<SimulateResponse>('ecsLens/simulate', { uri: app, cluster: { uri: cluster } });
  const errors = simulated.result?.errors ?? [String(simulated.error)];
  assert.ok(
    errors.some((e) =>
      /^infra\/prod\.cluster\.json: instanceGroups\[0\]\.count: must be a whole number from 0 to 5,000/.test(e),
    ),
    errors.join('\n'),
  );
  assert.ok(!errors.some((e) => /^cluster:/.test(e)), 'no error names the role instead of the file');

  const answers: string[] = [];
  for (const uri of [cluster, marked]) {
    const s = await client.request<SimulateResponse>('ecsLens/simulate', { uri: app, cluster: { uri } });
    answers.push(String(s.error ?? ''), ...(s.result?.errors ?? []));
  }
  const quick = { quick: { instanceType: 'm5.large', count: 2, availabilityZones: [] } };
  const d = await client.request<DeployResponse>('ecsLens/deploy', { uri: service, cluster: quick });
  answers.push(String(d.error ?? ''), ...(d.result?.errors ?? []));
  const all = answers.filter((a) => a !== '');
  assert.ok(all.length >= 4, all.join('\n'));
  for (const a of all) assert.ok(!a.includes(marker), `no message quotes a value read: ${a}`);
  assert.ok(
    all.some((a) => a.startsWith('api-service-def.json: deploymentConfiguration.strategy: must be ROLLING')),
    all.join('\n'),
  );
});

test('workspace folders /, /proc and thousands of missing ones: the server answers and checks the open file', async (t) => {
  const ws = scratch(t);
  const missing = Array.from({ length: 5000 }, (_, i) => pathToFileURL(join(ws, 'gone', `m${i}`)).toString());
  const folders = ['file:///', 'file:///proc', pathToFileURL(ws).toString(), ...missing];
  const client = new LspClient();
  t.after(async () => {
    await client.stop();
  });
  await client.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folders[0],
    workspaceFolders: folders.map((uri, i) => ({ uri, name: `f${i}` })),
    capabilities: { workspace: { configuration: true } },
  });
  await client.connection.sendNotification('initialized', {});
  const app = pathToFileURL(join(ws, 'web-task-def.json')).toString();
  const published = client.diagnostics(app, () => true, 60_000);
  await client.open(
    app,
    JSON.stringify({ ...taskDefinition, requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512' }, null, 2),
  );
  await published;
  for (let i = 0; i < 5; i++) {
    const symbols = await client.request<unknown[]>(
      'textDocument/documentSymbol',
      { textDocument: { uri: app } },
      60_000,
    );
    assert.ok(symbols.length > 0);
    await new Promise((r) => setTimeout(r, 200));
  }
  // `/` and `/proc` are not walked (it would read the whole machine): the log says so, and nothing from outside the
  // real folder is indexed.
  for (let i = 0; i < 300 && !client.logMessages.some((m) => m.includes('does not index the workspace folders')); i++)
    await new Promise((r) => setTimeout(r, 100));
  assert.ok(
    client.logMessages.some((m) => m.includes('does not index the workspace folders "/", "/proc"')),
    client.logMessages.join('\n'),
  );
  const files = await client.request<WorkspaceFilesResponse>('ecsLens/workspaceFiles', {}, 60_000);
  for (const f of files.files) assert.ok(f.uri.startsWith(pathToFileURL(ws).toString()), f.uri);
  assert.equal(client.process.exitCode, null, 'the server is still running');
});

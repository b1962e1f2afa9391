import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-types';
import { LspClient, messageText } from './client';
import { schemas } from '../../server/src/service/schema';
import {
  simulateRequest,
  simulationSourcesRequest,
  type SimulateResponse,
  type SimulationSourcesResponse,
} from '../../server/src/protocol';

const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-lsp-'));
const uri = (name: string) => pathToFileURL(join(folder, name)).toString();
let client: LspClient;

const brokenTaskDef = `{
  "family": "web",
  "networkMode": "awsvpc",
  "containerDefinitions": [
    { "name": "web", "image": "nginx", "portMapping": [], "memory": "512" }
  ]
}`;

before(async () => {
  writeFileSync(
    join(folder, 'batch-task-def.json'),
    JSON.stringify({ family: 'batch', containerDefinitions: [{ name: 'job', image: 'busybox', memory: 512 }] }),
  );
  writeFileSync(
    join(folder, 'batch-service-def.json'),
    JSON.stringify({ serviceName: 'batch', taskDefinition: 'batch', desiredCount: 2 }),
  );
  writeFileSync(
    join(folder, 'one.cluster.json'),
    JSON.stringify({ instanceGroups: [{ instanceType: 'm5.large', availabilityZones: ['us-east-1a'], count: 1 }] }),
  );
  writeFileSync(
    join(folder, 'web-task-def.json'),
    '{"family": "web", "networkMode": "awsvpc", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 512, "portMappings": [{"containerPort": 80}]}]}',
  );
  client = new LspClient();
  const init = (await client.initialize(pathToFileURL(folder).toString())) as { capabilities: Record<string, unknown> };
  assert.ok(init.capabilities.completionProvider);
  assert.ok(init.capabilities.hoverProvider);
  assert.ok(init.capabilities.codeActionProvider);
});

after(async () => {
  const code = await client.stop();
  assert.equal(code, 0);
});

test('didOpen of a broken task definition publishes diagnostics with codes, source and ranges', async () => {
  const u = uri('broken-task-def.json');
  const published = client.diagnostics(u);
  await client.open(u, brokenTaskDef);
  const { diagnostics } = await published;
  const byCode = new Map(diagnostics.map((d) => [d.code, d]));
  const unknown = byCode.get('schema.unknown-member')!;
  assert.equal(unknown.source, 'ecs-lens');
  assert.deepEqual(unknown.range, { start: { line: 4, character: 39 }, end: { line: 4, character: 52 } });
  assert.match(messageText(unknown), /portMappings/);
  assert.ok(byCode.has('schema.type'));
});

test('a code action renames the unknown member', async () => {
  const u = uri('fix-task-def.json');
  const published = client.diagnostics(u);
  await client.open(u, brokenTaskDef);
  const { diagnostics } = await published;
  const d = diagnostics.find((x) => x.code === 'schema.unknown-member') as Diagnostic;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: u },
    range: d.range,
    context: { diagnostics: [d] },
  });
  const rename = actions.find((a) => a.title === 'Rename to "portMappings"')!;
  assert.equal(rename.kind, 'quickfix');
  const edits = rename.edit!.changes![u];
  assert.deepEqual(edits, [{ range: d.range, newText: '"portMappings"' }]);
});

test('diagnostics follow edits; a fixed file gets none', async () => {
  const u = uri('edit-task-def.json');
  const first = client.diagnostics(u);
  await client.open(u, brokenTaskDef);
  assert.ok((await first).diagnostics.length > 0);
  const second = client.diagnostics(u, (p) => p.version === 2);
  await client.change(u, brokenTaskDef.replace('"portMapping": []', '"portMappings": []').replace('"512"', '512'), 2);
  assert.deepEqual(
    (await second).diagnostics.filter((d) => d.severity === 1),
    [],
  );
});

test('completion and hover answer over the protocol', async () => {
  const u = uri('complete-task-def.json');
  const text = '{"family": "web", "containerDefinitions": [{"name": "web", }]}';
  const published = client.diagnostics(u);
  await client.open(u, text);
  await published;
  const list = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri: u },
    position: { line: 0, character: text.indexOf('}]') - 1 },
  });
  assert.ok(list.items.some((i) => i.label === 'portMappings'));
  const hover = await client.request<Hover>('textDocument/hover', {
    textDocument: { uri: u },
    position: { line: 0, character: 3 },
  });
  assert.match((hover.contents as { value: string }).value, /\*\*family\*\*/);
  // The description comes from the schema file the server reads beside its bundle.
  const described = (schemas.taskDefinition.properties?.family?.description ?? '').slice(0, 40);
  assert.ok(described.length > 10 && (hover.contents as { value: string }).value.includes(described));
  assert.ok(
    list.items.find((i) => i.label === 'portMappings')?.documentation,
    'completion items carry their description',
  );
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
  assert.ok(symbols.some((s) => s.name === 'web'));
});

test('plain JSON files get no diagnostics from ECS Lens', async () => {
  const u = uri('package.json');
  const published = client.diagnostics(u);
  await client.open(u, '{"name": "x", "version": "1.0.0", }');
  assert.deepEqual((await published).diagnostics, []);
});

test('turning validation off clears the diagnostics', async () => {
  const u = uri('toggle-task-def.json');
  const first = client.diagnostics(u);
  await client.open(u, brokenTaskDef);
  assert.ok((await first).diagnostics.length > 0);
  client.settings = { validate: { enable: false } };
  const cleared = client.diagnostics(u, (p) => p.diagnostics.length === 0);
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await cleared;
  client.settings = {};
});

test('garbage input never takes the server down', async () => {
  const u = uri('garbage-task-def.json');
  const published = client.diagnostics(u);
  await client.open(u, '{"containerDefinitions": [{"name": ' + '['.repeat(5000) + '\u0000\uffff}}}');
  const { diagnostics } = await published;
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['json.too-deep'],
  );
  const u2 = uri('garbage2-task-def.json');
  const published2 = client.diagnostics(u2);
  await client.open(u2, '{"family": \u0000 "x" ,, ]] {{ "containerDefinitions": 5');
  assert.ok((await published2).diagnostics.some((d) => d.code === 'json.syntax'));
  const hover = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri: u },
    position: { line: 0, character: 40 },
  });
  assert.equal(hover, null);
  const list = await client.request<CompletionList | null>('textDocument/completion', {
    textDocument: { uri: uri('never-opened.json') },
    position: { line: 0, character: 0 },
  });
  assert.equal(list, null);
});

test('editing a task definition re-checks the open service that runs it', async () => {
  const tdUri = uri('shop-task-def.json');
  const svcUri = uri('shop-service-def.json');
  const td = (container: string) =>
    JSON.stringify({
      family: 'shop',
      containerDefinitions: [
        { name: container, image: 'nginx', memory: 256, portMappings: [{ containerPort: 80, hostPort: 0 }] },
      ],
    });
  const tdPublished = client.diagnostics(tdUri);
  await client.open(tdUri, td('web'));
  await tdPublished;
  const withError = client.diagnostics(svcUri, (p) =>
    p.diagnostics.some((d) => d.code === 'service.load-balancer-container'),
  );
  await client.open(
    svcUri,
    JSON.stringify({
      serviceName: 'shop',
      taskDefinition: 'shop',
      desiredCount: 1,
      loadBalancers: [
        {
          targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop/0123456789abcdef',
          containerName: 'app',
          containerPort: 80,
        },
      ],
    }),
  );
  await withError;
  const fixed = client.diagnostics(
    svcUri,
    (p) => !p.diagnostics.some((d) => d.code === 'service.load-balancer-container'),
  );
  await client.change(tdUri, td('app'), 2);
  await fixed;
});

test('while a task definition is half-typed, the open service keeps its diagnostics', async () => {
  const tdUri = uri('cart-task-def.json');
  const svcUri = uri('cart-service-def.json');
  const td = (name: string) => `{
  "family": "cart",
  "containerDefinitions": [
    {
      "name": ${name},
      "image": "nginx",
      "memory": 256,
      "portMappings": [{ "containerPort": 80, "hostPort": 0 }]
    }
  ]
}`;
  const tdPublished = client.diagnostics(tdUri);
  await client.open(tdUri, td('"web"'));
  await tdPublished;
  const first = client.diagnostics(svcUri);
  await client.open(
    svcUri,
    JSON.stringify({
      serviceName: 'cart',
      taskDefinition: 'cart',
      desiredCount: 1,
      loadBalancers: [
        {
          targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/cart/0123456789abcdef',
          containerName: 'web',
          containerPort: 80,
        },
      ],
    }),
  );
  const before = (await first).diagnostics;
  assert.ok(!before.some((d) => d.code === 'service.load-balancer-container'), JSON.stringify(before));
  // The container's name being retyped: its closing quote is not there yet.
  const typing = client.diagnostics(svcUri);
  const tdTyping = client.diagnostics(tdUri, (p) => p.diagnostics.length > 0);
  await client.change(tdUri, td('"we'), 2);
  assert.deepEqual(
    (await tdTyping).diagnostics.map((d) => d.code),
    ['json.syntax'],
  );
  assert.deepEqual((await typing).diagnostics, before);
  const renamed = client.diagnostics(svcUri, (p) =>
    p.diagnostics.some((d) => d.code === 'service.load-balancer-container'),
  );
  await client.change(tdUri, td('"app"'), 3);
  await renamed;
});

test('ecsLens/simulate pairs the service with its task definition and simulates the open text, unsaved edits included', async () => {
  const params = { uri: uri('batch-service-def.json'), cluster: { uri: uri('one.cluster.json') } };
  const sources = await client.request<SimulationSourcesResponse>(simulationSourcesRequest.method, { uri: params.uri });
  assert.deepEqual(sources, {
    service: uri('batch-service-def.json'),
    taskDefinition: uri('batch-task-def.json'),
    family: 'batch',
    clusters: [uri('one.cluster.json')],
  });
  const saved = await client.request<SimulateResponse>(simulateRequest.method, params);
  assert.equal(saved.error, undefined);
  assert.equal(saved.result?.placements.length, 2, 'both tasks of 512 MiB fit on one m5.large');
  // The task definition is edited in the editor and not saved: 6 GiB per task leaves room for one.
  await client.open(
    uri('batch-task-def.json'),
    JSON.stringify({ family: 'batch', containerDefinitions: [{ name: 'job', image: 'busybox', memory: 6144 }] }),
  );
  const edited = await client.request<SimulateResponse>(simulateRequest.method, params);
  assert.equal(edited.result?.placements.length, 1);
  assert.equal(edited.result?.unplaced.length, 1);
  const broken = await client.request<SimulateResponse>(simulateRequest.method, {
    ...params,
    cluster: { uri: uri('missing.cluster.json') },
  });
  assert.match(broken.error ?? '', /missing\.cluster\.json is not a cluster file of the workspace/);
});

test('ecsLens/simulate answers without explanations; ecsLens/explainTask explains the task asked for', async () => {
  const params = { uri: uri('batch-service-def.json'), cluster: { uri: uri('one.cluster.json') } };
  const simulated = await client.request<SimulateResponse>(simulateRequest.method, params);
  const result = simulated.result!;
  assert.deepEqual(result.explanations, []);
  const placed = result.placements[0];
  const explained = await client.request<{ task: number; instance?: string; steps: unknown[] } | null>(
    'ecsLens/explainTask',
    { ...params, task: placed.task },
  );
  assert.equal(explained!.instance, placed.instance);
  assert.ok(explained!.steps.length >= 2);
  assert.equal(await client.request('ecsLens/explainTask', { ...params, task: 40 }), null);
});

test('saving, creating or deleting .ecs-lens.json re-checks the open files under it', async () => {
  const project = join(folder, 'project');
  mkdirSync(join(project, '.git'), { recursive: true });
  const u = pathToFileURL(join(project, 'app-task-def.json')).toString();
  const config = join(project, '.ecs-lens.json');
  const configUri = pathToFileURL(config).toString();
  const codes = (p: { diagnostics: Diagnostic[] }) => p.diagnostics.map((d) => String(d.code));
  const first = client.diagnostics(u);
  await client.open(u, '{"family": "app", "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 512}]}');
  assert.ok(codes(await first).includes('security.mutable-image-tag'), codes(await first).join());
  writeFileSync(config, JSON.stringify({ rules: { 'security.mutable-image-tag': 'off' } }));
  const quiet = client.diagnostics(u, (p) => !codes(p).includes('security.mutable-image-tag'));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: configUri, type: 1 }],
  });
  await quiet;
  rmSync(config);
  const back = client.diagnostics(u, (p) => codes(p).includes('security.mutable-image-tag'));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: configUri, type: 3 }],
  });
  await back;
});

test('an open .ecs-lens.json shows each misspelt rule code, however often it changes', async () => {
  const u = pathToFileURL(join(folder, 'project', '.ecs-lens.json')).toString();
  const first = client.diagnostics(u, (p) => p.diagnostics.length > 0);
  await client.open(u, '{"rules": {"security.privilegd": "off"}}');
  const [d] = (await first).diagnostics;
  assert.equal(d.code, 'config.unknown-rule');
  assert.match(messageText(d), /Did you mean "security\.privileged"\?/);
  assert.equal(d.range.start.character, 11);
  const second = client.diagnostics(u, (p) => p.diagnostics.some((x) => /"json\.syntax"/.test(messageText(x))));
  await client.change(u, '{"rules": {"json.syntx": "off"}}', 2);
  assert.match((await second).diagnostics[0].message as string, /Did you mean "json\.syntax"\?/);
});

test('ecsLens/simulate names the errors ECS would reject the task definition for, above any result', async () => {
  const u = uri('bad-task-def.json');
  await client.open(
    u,
    '{\n  "family": "bad",\n  "containerDefinitions": [{ "name": "job", "image": "busybox:1.36", "memory": 512, "cpu": "lots" }],\n  "bogus": 1\n}',
  );
  const answer = await client.request<SimulateResponse>(simulateRequest.method, {
    uri: u,
    cluster: { uri: uri('one.cluster.json') },
  });
  assert.ok(answer.result, answer.error);
  assert.equal(answer.inputErrors?.count, 2);
  assert.equal(answer.inputErrors?.first.uri, u);
  assert.equal(answer.inputErrors?.first.line, 2);
  assert.equal(answer.inputErrors?.first.code, 'schema.type');
  const clean = await client.request<SimulateResponse>(simulateRequest.method, {
    uri: uri('batch-service-def.json'),
    cluster: { uri: uri('one.cluster.json') },
  });
  assert.equal(clean.inputErrors, undefined);
});

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-types';
import { LspClient } from './client';

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
  writeFileSync(join(folder, 'web-task-def.json'), '{"family": "web", "networkMode": "awsvpc", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 512, "portMappings": [{"containerPort": 80}]}]}');
  client = new LspClient();
  const init = await client.initialize(pathToFileURL(folder).toString()) as { capabilities: Record<string, unknown> };
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
  assert.match(String(unknown.message), /portMappings/);
  assert.ok(byCode.has('schema.type'));
});

test('a code action renames the unknown member', async () => {
  const u = uri('fix-task-def.json');
  const published = client.diagnostics(u);
  await client.open(u, brokenTaskDef);
  const { diagnostics } = await published;
  const d = diagnostics.find((x) => x.code === 'schema.unknown-member') as Diagnostic;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: d.range, context: { diagnostics: [d] } });
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
  assert.deepEqual((await second).diagnostics.filter((d) => d.severity === 1), []);
});

test('completion and hover answer over the protocol', async () => {
  const u = uri('complete-task-def.json');
  const text = '{"family": "web", "containerDefinitions": [{"name": "web", }]}';
  const published = client.diagnostics(u);
  await client.open(u, text);
  await published;
  const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: u }, position: { line: 0, character: text.indexOf('}]') - 1 } });
  assert.ok(list.items.some((i) => i.label === 'portMappings'));
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 3 } });
  assert.match((hover.contents as { value: string }).value, /\*\*family\*\*/);
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
  assert.deepEqual(diagnostics.map((d) => d.code), ['json.too-deep']);
  const u2 = uri('garbage2-task-def.json');
  const published2 = client.diagnostics(u2);
  await client.open(u2, '{"family": \u0000 "x" ,, ]] {{ "containerDefinitions": 5');
  assert.ok((await published2).diagnostics.some((d) => d.code === 'json.syntax'));
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 40 } });
  assert.equal(hover, null);
  const list = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: uri('never-opened.json') }, position: { line: 0, character: 0 } });
  assert.equal(list, null);
});

test('editing a task definition re-checks the open service that runs it', async () => {
  const tdUri = uri('shop-task-def.json');
  const svcUri = uri('shop-service-def.json');
  const td = (container: string) => JSON.stringify({ family: 'shop', containerDefinitions: [{ name: container, image: 'nginx', memory: 256, portMappings: [{ containerPort: 80, hostPort: 0 }] }] });
  const tdPublished = client.diagnostics(tdUri);
  await client.open(tdUri, td('web'));
  await tdPublished;
  const withError = client.diagnostics(svcUri, (p) => p.diagnostics.some((d) => d.code === 'service.load-balancer-container'));
  await client.open(svcUri, JSON.stringify({ serviceName: 'shop', taskDefinition: 'shop', desiredCount: 1, loadBalancers: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop/0123456789abcdef', containerName: 'app', containerPort: 80 }] }));
  await withError;
  const fixed = client.diagnostics(svcUri, (p) => !p.diagnostics.some((d) => d.code === 'service.load-balancer-container'));
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
  await client.open(svcUri, JSON.stringify({ serviceName: 'cart', taskDefinition: 'cart', desiredCount: 1, loadBalancers: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/cart/0123456789abcdef', containerName: 'web', containerPort: 80 }] }));
  const before = (await first).diagnostics;
  assert.ok(!before.some((d) => d.code === 'service.load-balancer-container'), JSON.stringify(before));
  // The container's name being retyped: its closing quote is not there yet.
  const typing = client.diagnostics(svcUri);
  const tdTyping = client.diagnostics(tdUri, (p) => p.diagnostics.length > 0);
  await client.change(tdUri, td('"we'), 2);
  assert.deepEqual((await tdTyping).diagnostics.map((d) => d.code), ['json.syntax']);
  assert.deepEqual((await typing).diagnostics, before);
  const renamed = client.diagnostics(svcUri, (p) => p.diagnostics.some((d) => d.code === 'service.load-balancer-container'));
  await client.change(tdUri, td('"app"'), 3);
  await renamed;
});

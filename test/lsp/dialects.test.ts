// Clients other than VS Code, over the real protocol: one that refuses every request the server makes,
// one that cannot register capabilities, one without snippet support.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InsertTextFormat, type CompletionList, type Hover, type TextEdit } from 'vscode-languageserver-types';
import { fullCapabilities, LspClient } from './client';

const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-dialects-'));
const rootUri = pathToFileURL(folder).toString();
const uri = (name: string) => pathToFileURL(join(folder, name)).toString();
const taskDef =
  '{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 512, "portMapping": []}]}';
writeFileSync(join(folder, 'web-task-def.json'), taskDef);

const settle = () => new Promise((r) => setTimeout(r, 300));

test('a client that refuses every request (registration, configuration) does not end the server, which keeps answering', async () => {
  const client = new LspClient({ refuseRequests: true });
  await client.initialize(rootUri, fullCapabilities);
  const u = uri('refused-task-def.json');
  const published = client.diagnostics(u, (p) => p.diagnostics.length > 0);
  await client.open(u, taskDef);
  const { diagnostics } = await published;
  assert.ok(
    diagnostics.some((d) => d.code === 'schema.unknown-member'),
    JSON.stringify(diagnostics),
  );
  await settle();
  assert.ok(
    client.requestsFromServer.includes('client/registerCapability'),
    `the server asked: ${client.requestsFromServer.join(', ')}`,
  );
  assert.equal(client.process.exitCode, null, 'the server is running after the refusals');
  assert.ok(
    client.logMessages.some((m) => /refused to register/.test(m)),
    client.logMessages.join('\n'),
  );
  const hover = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri: u },
    position: { line: 0, character: 3 },
  });
  assert.ok(hover);
  assert.equal(await client.stop(), 0);
});

test('a client that cannot register dynamically is not asked to', async () => {
  const client = new LspClient();
  await client.initialize(rootUri, {
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
  });
  const u = uri('static-task-def.json');
  const published = client.diagnostics(u, (p) => p.diagnostics.length > 0);
  await client.open(u, taskDef);
  await published;
  await settle();
  assert.ok(!client.requestsFromServer.includes('client/registerCapability'), client.requestsFromServer.join(', '));
  // Settings pushed with didChangeConfiguration still reach the server.
  client.settings = { rules: { 'schema.unknown-member': 'off' } };
  const quiet = client.diagnostics(u, (p) => !p.diagnostics.some((d) => d.code === 'schema.unknown-member'));
  await client.connection.sendNotification('workspace/didChangeConfiguration', {
    settings: { ecsLens: client.settings },
  });
  await quiet;
  assert.equal(await client.stop(), 0);
});

test('a client without snippet support gets plain, single-line completion text (no $1, no line breaks)', async () => {
  const client = new LspClient();
  await client.initialize(rootUri, { textDocument: { completion: { completionItem: { snippetSupport: false } } } });
  const u = uri('plain-task-def.json');
  const text = '{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 512, "ul}]}';
  await client.open(u, text);
  const list = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri: u },
    position: { line: 0, character: text.indexOf('"ul') + 3 },
  });
  assert.ok(list.items.length > 10);
  for (const item of list.items) {
    const newText = (item.textEdit as TextEdit).newText;
    assert.notEqual(item.insertTextFormat, InsertTextFormat.Snippet, item.label);
    assert.doesNotMatch(newText, /\$\d|\$\{|[\n\0]/, `${item.label}: ${JSON.stringify(newText)}`);
  }
  const ulimits = list.items.find((i) => i.label === 'ulimits')!;
  assert.equal(
    (ulimits.textEdit as TextEdit).newText,
    'ulimits": [{ "name": "nofile", "softLimit": 65535, "hardLimit": 65535 }]',
  );
  assert.equal(await client.stop(), 0);
});

test('with snippet support declared, completion sends snippets', async () => {
  const client = new LspClient();
  await client.initialize(rootUri, fullCapabilities);
  const u = uri('snippet-task-def.json');
  const text = '{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 512, "ess}]}';
  await client.open(u, text);
  const list = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri: u },
    position: { line: 0, character: text.indexOf('"ess') + 4 },
  });
  const essential = list.items.find((i) => i.label === 'essential')!;
  assert.equal(essential.insertTextFormat, InsertTextFormat.Snippet);
  assert.match((essential.textEdit as TextEdit).newText, /\$\{1:true\}/);
  assert.equal(await client.stop(), 0);
});

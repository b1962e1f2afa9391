import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionItem, CompletionList, Hover } from 'vscode-languageserver-types';
import type { DeployContextResponse, DocumentAtResponse, SimulationSourcesResponse } from '../../server/src/protocol';
import { LspClient } from './client';

// The Terraform example over the protocol: its one mistake at its place in the .tf file, the fix in HCL,
// completion inside heredoc JSON, hover on the resource's own arguments.
const repoRoot = join(__dirname, '..', '..', '..');
const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-lsp-tf-'));
copyFileSync(join(repoRoot, 'examples', 'infra', 'ecs.tf'), join(folder, 'ecs.tf'));
const text = readFileSync(join(folder, 'ecs.tf'), 'utf8');
const u = pathToFileURL(join(folder, 'ecs.tf')).toString();
let client: LspClient;

function position(needle: string, delta = 0): { line: number; character: number } {
  const offset = text.indexOf(needle) + delta;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

before(async () => {
  client = new LspClient();
  await client.initialize(pathToFileURL(folder).toString());
});

after(async () => {
  assert.equal(await client.stop(), 0);
});

test('a Terraform file: its one mistake is reported on the HCL key, and the fix renames it there', async () => {
  const published = client.diagnostics(u);
  await client.open(u, text);
  const { diagnostics } = await published;
  const serious = diagnostics.filter((d) => d.severity === 1 || d.severity === 2);
  assert.deepEqual(
    serious.map((d) => ({ code: d.code, start: d.range.start })),
    [{ code: 'schema.unknown-member', start: position('helthCheck') }],
  );
  const d = serious[0];
  assert.deepEqual(d.range.end, position('helthCheck', 'helthCheck'.length));
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: u },
    range: d.range,
    context: { diagnostics: [d] },
  });
  const rename = actions.find((a) => a.title === 'Rename to "healthCheck"');
  assert.ok(rename, actions.map((a) => a.title).join(', '));
  assert.deepEqual(rename.edit!.changes![u], [{ range: d.range, newText: 'healthCheck' }]);
});

test('completion inside heredoc JSON offers container members, and hover explains a resource argument', async () => {
  const completion = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
    textDocument: { uri: u },
    position: position('"essential": true,\n        "cpu"'),
  });
  const items = Array.isArray(completion) ? completion : (completion?.items ?? []);
  assert.ok(
    items.some((i) => /healthCheck/.test(i.label)),
    items
      .map((i) => i.label)
      .slice(0, 20)
      .join(', '),
  );
  const hover = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri: u },
    position: position('network_mode', 2),
  });
  assert.ok(hover, 'a hover on network_mode');
});

test('completion of a half-typed name inside jsonencode and among resource arguments is written in HCL', async () => {
  const typed = text
    .replace('      essential = true\n', '      essential = true\n      stopTim\n')
    .replace('  family                   = "web"\n', '  family                   = "web"\n  ipc\n');
  await client.change(u, typed, 2);
  const at = (needle: string, delta = needle.length) => {
    const before = typed.slice(0, typed.indexOf(needle) + delta).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  const itemsAt = async (needle: string) => {
    const completion = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri: u },
      position: at(needle),
    });
    return Array.isArray(completion) ? completion : (completion?.items ?? []);
  };
  const member = (await itemsAt('stopTim')).find((i) => i.label === 'stopTimeout');
  assert.ok(member?.textEdit && 'range' in member.textEdit, 'stopTimeout offered in jsonencode');
  assert.match(member.textEdit.newText, /^stopTimeout = /);
  assert.deepEqual(member.textEdit.range, { start: at('stopTim', 0), end: at('stopTim') });
  const argument = (await itemsAt('  ipc')).find((i) => i.label === 'ipc_mode');
  assert.ok(argument?.textEdit && 'range' in argument.textEdit, 'ipc_mode offered among the arguments');
  assert.match(argument.textEdit.newText, /^ipc_mode = "\$\{1\|/);
});

test('the status bar and the panel take the resource under the cursor, deployed by terraform', async () => {
  await client.change(u, text, 3);
  const inWorker = position('resource "aws_ecs_service" "worker"', 40);
  const at = await client.request<DocumentAtResponse>('ecsLens/documentAt', { uri: u, position: inWorker });
  assert.deepEqual(at, { uri: `${u}#aws_ecs_service.worker`, kind: 'service' });
  const inWebTask = await client.request<DocumentAtResponse>('ecsLens/documentAt', {
    uri: u,
    position: position('network_mode', 2),
  });
  assert.deepEqual(inWebTask, { uri: `${u}#aws_ecs_task_definition.web`, kind: 'task-definition' });
  // Outside every resource (a variable), the file's first service, as `ecs-lens simulate ecs.tf` takes it.
  const inVariable = await client.request<DocumentAtResponse>('ecsLens/documentAt', {
    uri: u,
    position: position('variable "subnets"', 3),
  });
  assert.deepEqual(inVariable, { uri: `${u}#aws_ecs_service.web`, kind: 'service' });

  const sources = await client.request<SimulationSourcesResponse>('ecsLens/simulationSources', { uri: at.uri });
  assert.equal(sources.service, `${u}#aws_ecs_service.worker`);
  assert.equal(sources.taskDefinition, `${u}#aws_ecs_task_definition.worker`);

  const context = await client.request<DeployContextResponse>('ecsLens/deployContext', { uri: at.uri });
  assert.equal(context?.name, 'terraform');
  assert.match(context.reason, /aws_ecs_service\.worker in ecs\.tf/);
  assert.doesNotMatch(context.markdown, /list of container definitions/);
});

test('a value not typed yet after `=` completes to the enum values as HCL strings, arguments and jsonencode alike', async () => {
  const typed = text
    .replace('network_mode             = "awsvpc"', 'network_mode             = ')
    .replace('logDriver = "awslogs"', 'logDriver = ');
  await client.change(u, typed, 4);
  const after = (needle: string) => {
    const lines = typed.slice(0, typed.indexOf(needle) + needle.length).split('\n');
    return { line: lines.length - 1, character: lines[lines.length - 1].length };
  };
  const itemsAt = async (needle: string) => {
    const completion = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri: u },
      position: after(needle),
    });
    return Array.isArray(completion) ? completion : (completion?.items ?? []);
  };
  const modes = await itemsAt('network_mode             = ');
  const awsvpc = modes.find((i) => i.label === '"awsvpc"');
  assert.ok(awsvpc?.textEdit && 'range' in awsvpc.textEdit, modes.map((i) => i.label).join(', '));
  assert.equal(awsvpc.textEdit.newText, '"awsvpc"');
  const cursor = after('network_mode             = ');
  assert.deepEqual(awsvpc.textEdit.range, { start: cursor, end: cursor });
  assert.ok(!modes.some((i) => i.label === 'cpu'), 'no argument names where a value is due');
  const drivers = await itemsAt('logDriver = ');
  const awslogs = drivers.find((i) => i.label === '"awslogs"');
  assert.ok(awslogs?.textEdit && 'range' in awslogs.textEdit, drivers.map((i) => i.label).join(', '));
  assert.equal(awslogs.textEdit.newText, '"awslogs"');
});

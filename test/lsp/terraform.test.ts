import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover } from 'vscode-languageserver-types';
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
  const d = serious[0] as Diagnostic;
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

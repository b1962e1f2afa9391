/**
 * One didChange of 10,000 changes (a multi-cursor replace) on a 1.8 MB file: the server applies it and keeps
 * answering requests on other files. How long it waits is measured by test/bench/blocking.ts, not asserted here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { LspClient } from './client';

test('one edit of 10,000 changes to a 1.8 MB file is applied, and a request on another file is answered', async (t) => {
  const client = new LspClient();
  await client.initialize(null);
  t.after(async () => {
    await client.stop();
  });
  const environment = Array.from({ length: 22_000 }, (_, i) => ({ name: `VAR_${i}`, value: `v${i}x` }));
  const big = JSON.stringify(
    { family: 'big', containerDefinitions: [{ name: 'app', image: 'nginx', memory: 512, environment }] },
    null,
    2,
  );
  assert.ok(big.length > 1.7e6);
  const uri = 'untitled:big-task-def.json';
  const other = 'untitled:web-task-def.json';
  await client.open(other, '{\n  "family": "web",\n  "containerDefinitions": [{"name": "web", "image": "nginx"}]\n}\n');
  await client.open(uri, big);
  await client.request('textDocument/documentSymbol', { textDocument: { uri } }, 120_000);
  // Last first, as VS Code sends the changes of one multi-cursor edit: each value's `x` becomes `y`.
  const lines = big.split('\n');
  const changes: Array<{ range: object; text: string }> = [];
  for (let line = lines.length - 1; line >= 0 && changes.length < 10_000; line--) {
    const character = lines[line].indexOf('x"');
    if (character < 0 || !lines[line].includes('"value"')) continue;
    changes.push({ range: { start: { line, character }, end: { line, character: character + 1 } }, text: 'y' });
  }
  assert.equal(changes.length, 10_000);
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: changes,
  });
  const symbols = await client.request<DocumentSymbol[]>(
    'textDocument/documentSymbol',
    { textDocument: { uri: other } },
    60_000,
  );
  assert.ok(symbols.length > 0, 'the other file is answered');
  // The edit was applied where it was made: the last value changed, the first did not.
  const hover = await client.request<{ contents: unknown } | null>(
    'textDocument/hover',
    { textDocument: { uri }, position: { line: 1, character: 4 } },
    60_000,
  );
  assert.ok(hover, 'the edited file is answered too');
  assert.equal(client.process.exitCode, null, 'the server is still running');
});

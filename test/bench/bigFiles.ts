/**
 * Large files over a real stdio LSP connection: a 2,000-resource Terraform module, a CDK-sized JSON template and
 * a 3.9 MiB task definition are each opened, edited twice in quick succession as VS Code sends edits (a range and
 * its new text), then replaced whole (as when `cdk synth` rewrites an open template), while the outline of another
 * (small) file is asked for every 10 ms. Prints the longest wait of that outline request and the time from each
 * change to the file's diagnostics. `node out/test/bench/bench.js big-files` runs it alone; the responsiveness suite
 * runs the same cases against the 100 ms budget.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams, Range } from 'vscode-languageserver-protocol';
import { LspClient } from '../lsp/client';
import { cdkTemplate } from './cloudformation';
import { generatedTaskDefinition } from './speed';
import { terraformModule } from './terraform';

export interface BigFile {
  /** What the file is, for the printed row. */
  label: string;
  name: string;
  languageId: string;
  text: string;
  /** An edit the user might make: the first `find` becomes `value(1)`, then `value(2)` (one value changed, same shape). */
  edit: { find: string; value: (n: number) => string };
}

/** The three large files of issues 19, 20 and 23, generated. */
export function bigFiles(): BigFile[] {
  const tf = terraformModule(1000);
  const cdk = cdkTemplate(5 * 1024 * 1024);
  const task = generatedTaskDefinition(10, 4800);
  return [
    {
      label: `Terraform module, 2,000 resources (${mib(tf)})`,
      name: 'ecs.tf',
      languageId: 'terraform',
      text: tf,
      edit: { find: 'desired_count   = 2', value: (n) => `desired_count   = ${3 + n}` },
    },
    {
      label: `CDK template (${mib(cdk)})`,
      name: 'Stack.template.json',
      languageId: 'json',
      text: cdk,
      edit: { find: '"DesiredCount": 2', value: (n) => `"DesiredCount": ${3 + n}` },
    },
    {
      label: `task definition (${mib(task)})`,
      name: 'big-task-def.json',
      languageId: 'json',
      text: task,
      edit: { find: '"cpu": "4096"', value: (n) => `"cpu": "${n % 2 ? 2048 : 4096}"` },
    },
  ];
}

function mib(text: string): string {
  return `${(Buffer.byteLength(text) / 1024 / 1024).toFixed(2)} MiB`;
}

export const smallTaskDefinition = JSON.stringify(
  { family: 'other', containerDefinitions: [{ name: 'app', image: 'nginx', memory: 512 }] },
  null,
  2,
);

export interface BigFileRun {
  label: string;
  /** The longest a documentSymbol request on another file waited while the file was opened and checked. */
  openLongestWait: number;
  /** From the open to the file's first diagnostics. */
  openToDiagnostics: number;
  /** The longest wait while two edits, sent as VS Code sends them (a range and its new text), arrived 30 ms apart. */
  editLongestWait: number;
  /** From the second edit to diagnostics of its version. */
  editToDiagnostics: number;
  /** The longest wait while the whole text was replaced (as when `cdk synth` rewrites an open template). */
  replaceLongestWait: number;
  /** From the replacement to diagnostics of its version. */
  replaceToDiagnostics: number;
  /** Versions that received diagnostics: the first edit's must not (its result is dropped). */
  publishedVersions: number[];
  diagnostics: PublishDiagnosticsParams['diagnostics'];
  requests: number;
}

/** The edits of `file` as VS Code sends them under incremental sync: version 2, then 3, at the same place. */
export function rangeEdits(file: BigFile): Array<{ range: Range; text: string }> {
  const offset = file.text.indexOf(file.edit.find);
  if (offset < 0) throw new Error(`${file.name} has no ${file.edit.find}`);
  const line = file.text.slice(0, offset).split('\n').length - 1;
  const character = offset - (file.text.lastIndexOf('\n', offset - 1) + 1);
  const at = (length: number): Range => ({ start: { line, character }, end: { line, character: character + length } });
  return [
    { range: at(file.edit.find.length), text: file.edit.value(1) },
    { range: at(file.edit.value(1).length), text: file.edit.value(2) },
  ];
}

/** Asks for the outline of `uri` every 10 ms until `done` settles; returns how long each answer waited. */
export async function outlineWaits(client: LspClient, uri: string, done: () => boolean): Promise<number[]> {
  const waits: number[] = [];
  while (!done()) {
    const sent = performance.now();
    await client.request('textDocument/documentSymbol', { textDocument: { uri } }, 120_000);
    waits.push(performance.now() - sent);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return waits;
}

/**
 * Sends `send` (a change of `uri` to `version`) while asking for the outline of `other`; returns the longest wait and
 * the time from the send to diagnostics of that version. `before` runs first, inside the measured time.
 */
async function measured(
  client: LspClient,
  uri: string,
  other: string,
  version: number,
  send: () => Promise<void>,
  before?: () => Promise<void>,
): Promise<{ waits: number[]; toDiagnostics: number; published: PublishDiagnosticsParams }> {
  let done = false;
  const diagnostics = client
    .diagnostics(uri, (p) => p.version === version, 300_000)
    .then((p) => {
      done = true;
      return p;
    });
  const waiting = outlineWaits(client, other, () => done);
  await before?.();
  const start = performance.now();
  await send();
  const waits = await waiting;
  const published = await diagnostics;
  return { waits, toDiagnostics: performance.now() - start, published };
}

/**
 * Opens `file` in the server `client` talks to, edits it twice, replaces its text, and measures; `other` is an open
 * small file. Every large message is encoded before the clock runs: in the editor, the client that serialises it is
 * another process, and here it would delay the answers this process times.
 */
export async function runBigFile(client: LspClient, folder: string, file: BigFile, other: string): Promise<BigFileRun> {
  const uri = pathToFileURL(join(folder, file.name)).toString();
  const before = client.published.length;
  const open = client.prepare('textDocument/didOpen', {
    textDocument: { uri, languageId: file.languageId, version: 1, text: file.text },
  });
  const [first, second] = rangeEdits(file).map((change, i) => () => client.change(uri, [change], 2 + i));
  const replace = client.prepare('textDocument/didChange', {
    textDocument: { uri, version: 4 },
    contentChanges: [{ text: file.text.replace(file.edit.find, file.edit.value(3)) }],
  });
  const opened = await measured(client, uri, other, 1, open);
  const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 30));
  const edited = await measured(client, uri, other, 3, second, async () => {
    await first();
    await pause();
  });
  const replaced = await measured(client, uri, other, 4, replace);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  const published = client.published
    .slice(before)
    .filter((p) => p.uri === uri)
    .map((p) => p.version ?? -1);
  const waits = [opened.waits, edited.waits, replaced.waits];
  return {
    label: file.label,
    openLongestWait: Math.max(...opened.waits),
    openToDiagnostics: opened.toDiagnostics,
    editLongestWait: Math.max(...edited.waits),
    editToDiagnostics: edited.toDiagnostics,
    replaceLongestWait: Math.max(...replaced.waits),
    replaceToDiagnostics: replaced.toDiagnostics,
    publishedVersions: published,
    diagnostics: edited.published.diagnostics,
    requests: waits.reduce((n, w) => n + w.length, 0),
  };
}

/** A server with one small file open, ready for `runBigFile`. */
export async function startWithSmallFile(): Promise<{ client: LspClient; folder: string; other: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-big-files-'));
  const client = new LspClient();
  await client.initialize(pathToFileURL(folder).toString());
  const other = pathToFileURL(join(folder, 'other-task-def.json')).toString();
  const published = client.diagnostics(other);
  await client.open(other, smallTaskDefinition);
  await published;
  await client.request('textDocument/documentSymbol', { textDocument: { uri: other } });
  return { client, folder, other };
}

export async function benchBigFiles(): Promise<Array<{ name: string; ms: number; detail: string }>> {
  const rows: Array<{ name: string; ms: number; detail: string }> = [];
  const { client, folder, other } = await startWithSmallFile();
  try {
    for (const file of bigFiles()) {
      const run = await runBigFile(client, folder, file, other);
      const detail = `${run.diagnostics.length} diagnostics; ${run.requests} outline requests; versions published ${run.publishedVersions.join(',')}`;
      rows.push({ name: `${run.label}: open, longest outline wait on another file`, ms: run.openLongestWait, detail });
      rows.push({ name: `${run.label}: open to diagnostics`, ms: run.openToDiagnostics, detail: '' });
      rows.push({ name: `${run.label}: two edits, longest outline wait`, ms: run.editLongestWait, detail: '' });
      rows.push({ name: `${run.label}: last edit to diagnostics`, ms: run.editToDiagnostics, detail: '' });
      rows.push({ name: `${run.label}: text replaced, longest outline wait`, ms: run.replaceLongestWait, detail: '' });
      rows.push({ name: `${run.label}: replaced to diagnostics`, ms: run.replaceToDiagnostics, detail: '' });
    }
  } finally {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  }
  return rows;
}

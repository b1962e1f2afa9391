/**
 * Large files over a real stdio LSP connection: a 2,000-resource Terraform module, a CDK-sized JSON template and
 * a 3.9 MiB task definition are each opened, then edited twice in quick succession, while the outline of another
 * (small) file is asked for every 10 ms. Prints the longest wait of that outline request and the time from the
 * open (and from the last edit) to the file's diagnostics. `node out/test/bench/bench.js big-files` runs it alone;
 * the responsiveness suite runs the same cases against the 100 ms budget.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
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
  /** The same file after an edit the user might make (one value changed, same shape). */
  edited: (n: number) => string;
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
      edited: (n) => tf.replace('desired_count   = 2', `desired_count   = ${3 + n}`),
    },
    {
      label: `CDK template (${mib(cdk)})`,
      name: 'Stack.template.json',
      languageId: 'json',
      text: cdk,
      edited: (n) => cdk.replace('"DesiredCount": 2', `"DesiredCount": ${3 + n}`),
    },
    {
      label: `task definition (${mib(task)})`,
      name: 'big-task-def.json',
      languageId: 'json',
      text: task,
      edited: (n) => task.replace('"cpu": "4096"', `"cpu": "${n % 2 ? 2048 : 4096}"`),
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
  /** The longest wait while two edits arrived 200 ms apart and the second one was checked. */
  editLongestWait: number;
  /** From the second edit to diagnostics of its version. */
  editToDiagnostics: number;
  /** Versions that received diagnostics: the first edit's must not (its result is dropped). */
  publishedVersions: number[];
  diagnostics: PublishDiagnosticsParams['diagnostics'];
  requests: number;
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

/** Opens `file` in the server `client` talks to, edits it twice, and measures; `other` is an open small file. */
export async function runBigFile(client: LspClient, folder: string, file: BigFile, other: string): Promise<BigFileRun> {
  const uri = pathToFileURL(join(folder, file.name)).toString();
  const before = client.published.length;
  let start = performance.now();
  let done = false;
  const first = client
    .diagnostics(uri, (p) => p.version === 1, 300_000)
    .then((p) => {
      done = true;
      return p;
    });
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: file.languageId, version: 1, text: file.text },
  });
  const openWaits = await outlineWaits(client, other, () => done);
  await first;
  const openToDiagnostics = performance.now() - start;

  // The edited texts are made before the clock runs: the test's own string work is not the server's wait.
  const edits = [file.edited(1), file.edited(2)];
  done = false;
  const second = client
    .diagnostics(uri, (p) => p.version === 3, 300_000)
    .then((p) => {
      done = true;
      return p;
    });
  const waiting = outlineWaits(client, other, () => done);
  await client.change(uri, edits[0], 2);
  await new Promise((resolve) => setTimeout(resolve, 30));
  start = performance.now();
  await client.change(uri, edits[1], 3);
  const editWaits = await waiting;
  const last = await second;
  const editToDiagnostics = performance.now() - start;
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  const published = client.published
    .slice(before)
    .filter((p) => p.uri === uri)
    .map((p) => p.version ?? -1);
  return {
    label: file.label,
    openLongestWait: Math.max(...openWaits),
    openToDiagnostics,
    editLongestWait: Math.max(...editWaits),
    editToDiagnostics,
    publishedVersions: published,
    diagnostics: last.diagnostics,
    requests: openWaits.length + editWaits.length,
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
    }
  } finally {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  }
  return rows;
}

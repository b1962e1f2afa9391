/**
 * The longest the language server leaves a request waiting while it does something heavy, over LSP: a
 * documentSymbol request on a small open file is sent again as soon as the last one is answered, and the slowest
 * answer is reported with the server's peak memory. Cases: a 5,000-instance describe-container-instances file in
 * the workspace (scan, then a simulation on it), one edit of 10,000 changes to a 1.8 MB file, and odd workspace
 * folders (`/`, `/proc`, 5,000 missing ones). Measures; never asserts.
 *
 * `node out/test/bench/blocking.js [cluster|edit|folders]…`
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../lsp/client';
import { describeContainerInstances } from './clusterFiles';

interface Row {
  name: string;
  /** Wall time of the operation, until its answer (or the server's next answer). */
  operationMs: number;
  /** The slowest documentSymbol answer while it ran. */
  longestWaitMs: number;
  probes: number;
  /** Peak resident memory of the server process. */
  peakMb: number;
}

const small = '{\n  "family": "probe",\n  "containerDefinitions": [{"name": "p", "image": "nginx", "memory": 64}]\n}\n';

function peakMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+)/.exec(status);
    return kb ? Math.round(Number(kb[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/** Probes with documentSymbol on `probe` until `operation` settles; the slowest answer and the operation's time. */
async function measured(client: LspClient, probe: string, name: string, operation: () => Promise<unknown>) {
  let done = false;
  let longest = 0;
  let probes = 0;
  const loop = (async () => {
    while (!done) {
      const t0 = performance.now();
      await client.request('textDocument/documentSymbol', { textDocument: { uri: probe } }, 120_000);
      longest = Math.max(longest, performance.now() - t0);
      probes++;
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const t0 = performance.now();
  await operation();
  const operationMs = performance.now() - t0;
  done = true;
  await loop;
  const row: Row = {
    name,
    operationMs: Math.round(operationMs),
    longestWaitMs: Math.round(longest),
    probes,
    peakMb: peakMb(client.process.pid),
  };
  console.log(JSON.stringify(row));
  return row;
}

async function startedWith(folders: string[], probe: string): Promise<LspClient> {
  const client = new LspClient();
  await client.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folders[0] ?? null,
    workspaceFolders: folders.map((uri, i) => ({ uri, name: `f${i}` })),
    capabilities: { workspace: { configuration: true } },
  });
  await client.connection.sendNotification('initialized', {});
  await client.open(probe, small);
  // The first answer loads the schemas and surfaces: not what is measured.
  await client.request('textDocument/documentSymbol', { textDocument: { uri: probe } }, 120_000);
  return client;
}

async function clusterCase(base: string): Promise<void> {
  const ws = join(base, 'cluster');
  mkdirSync(ws);
  const text = describeContainerInstances(5000);
  writeFileSync(join(ws, 'prod.cluster.json'), text);
  writeFileSync(
    join(ws, 'web-task-def.json'),
    JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 256, memory: 512 }] }),
  );
  console.error(`cluster file: ${(text.length / 1024 / 1024).toFixed(1)} MiB`);
  const probe = pathToFileURL(join(ws, 'probe-task-def.json')).toString();
  const cluster = pathToFileURL(join(ws, 'prod.cluster.json')).toString();
  const app = pathToFileURL(join(ws, 'web-task-def.json')).toString();
  const t0 = performance.now();
  const client = await startedWith([pathToFileURL(ws).toString()], probe);
  await measured(client, probe, 'scan of a workspace with a 5,000-instance describe output', async () => {
    for (;;) {
      const { files } = await client.request<{ files: Array<{ uri: string }> }>('ecsLens/workspaceFiles', {});
      if (files.some((f) => f.uri === cluster)) return;
      if (performance.now() - t0 > 120_000) throw new Error('never indexed');
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  await measured(client, probe, 'simulate on it (3 tasks)', async () => {
    const r = await client.request<{ error?: string; result?: { placements: unknown[] } }>(
      'ecsLens/simulate',
      { uri: app, cluster: { uri: cluster }, options: { count: 3 } },
      120_000,
    );
    if (!r.result) console.error(`simulate: ${r.error}`);
  });
  await client.stop();
}

/** A 1.8 MB task definition (many environment entries) and one didChange of 10,000 one-character edits. */
async function editCase(base: string): Promise<void> {
  const ws = join(base, 'edit');
  mkdirSync(ws);
  const environment = Array.from({ length: 22_000 }, (_, i) => ({ name: `VAR_${i}`, value: `v${i}x` }));
  const big = JSON.stringify(
    { family: 'big', containerDefinitions: [{ name: 'app', image: 'nginx', memory: 512, environment }] },
    null,
    2,
  );
  console.error(`edited file: ${(big.length / 1e6).toFixed(2)} MB, ${big.split('\n').length} lines`);
  const probe = pathToFileURL(join(ws, 'probe-task-def.json')).toString();
  const uri = pathToFileURL(join(ws, 'big-task-def.json')).toString();
  const client = await startedWith([pathToFileURL(ws).toString()], probe);
  await client.open(uri, big);
  await client.request('textDocument/documentSymbol', { textDocument: { uri } }, 120_000);
  // Each `x` after a value's number becomes `y`, last first as editors send multi-cursor edits.
  const lines = big.split('\n');
  const changes: Array<{ range: object; text: string }> = [];
  for (let line = lines.length - 1; line >= 0 && changes.length < 10_000; line--) {
    const character = lines[line].indexOf('x"');
    if (character < 0 || !lines[line].includes('"value"')) continue;
    changes.push({
      range: { start: { line, character }, end: { line, character: character + 1 } },
      text: 'y',
    });
  }
  await measured(client, probe, `one didChange of ${changes.length} changes to a 1.8 MB file`, async () => {
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: changes,
    });
    // The edit is applied when the next request on the file is answered.
    await client.request('textDocument/documentSymbol', { textDocument: { uri } }, 120_000);
  });
  await client.stop();
}

async function foldersCase(base: string, odd: boolean): Promise<void> {
  const ws = join(base, odd ? 'folders' : 'one-folder');
  mkdirSync(ws);
  const probe = pathToFileURL(join(ws, 'probe-task-def.json')).toString();
  const missing = Array.from({ length: 5000 }, (_, i) => pathToFileURL(join(base, 'missing', `m${i}`)).toString());
  const folders = odd
    ? ['file:///', 'file:///proc', pathToFileURL(ws).toString(), ...missing]
    : [pathToFileURL(ws).toString()];
  const t0 = performance.now();
  const client = await startedWith(folders, probe);
  console.error(`initialize to first answer: ${Math.round(performance.now() - t0)} ms`);
  // The scan of `/` runs for a while: the probes measure the waits it causes over 10 s.
  const name = odd
    ? 'workspace folders /, /proc and 5,000 missing ones (10 s after start)'
    : 'one ordinary workspace folder (10 s after start)';
  await measured(client, probe, name, async () => {
    await new Promise((r) => setTimeout(r, 10_000));
  });
  await client.stop();
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const all = wanted.length === 0;
  const base = mkdtempSync(join(tmpdir(), 'ecs-lens-blocking-'));
  try {
    if (all || wanted.includes('cluster')) await clusterCase(base);
    if (all || wanted.includes('edit')) await editCase(base);
    if (all || wanted.includes('folders')) {
      await foldersCase(base, false);
      await foldersCase(base, true);
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

/**
 * Monorepo scale: start-up to first diagnostics in a workspace of 5,000 ordinary JSON files, hover at
 * the end of an 8,000-line file, and `ecs-lens check` over 30,000 mixed files. Measures, never asserts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../../server/src/service/document';
import { hover } from '../../server/src/service/hover';
import { defaultSettings } from '../../server/src/service/settings';
import { median } from './simulate';

const ordinaryJson = (i: number) =>
  JSON.stringify(
    { name: `package-${i}`, version: '1.0.0', scripts: { build: 'tsc' }, dependencies: { left: '1.0.0' } },
    null,
    2,
  );
const taskDef = (family: string) =>
  JSON.stringify(
    {
      family,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        { name: 'app', image: 'nginx:1.27', essential: true, portMappings: [{ containerPort: 80 }] },
      ],
    },
    null,
    2,
  );
const serviceDef = (family: string) =>
  JSON.stringify(
    { serviceName: family, cluster: 'main', taskDefinition: family, desiredCount: 2, launchType: 'FARGATE' },
    null,
    2,
  );

/** A workspace of `files` ordinary JSON files in folders of 50. */
function ordinaryWorkspace(files: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-lens-bench-ws-'));
  for (let i = 0; i < files; i++) {
    const folder = join(dir, `pkg-${Math.floor(i / 50)}`);
    if (i % 50 === 0) mkdirSync(folder);
    writeFileSync(join(folder, `data-${i}.json`), ordinaryJson(i));
  }
  return dir;
}

/** Spawns the server with `rootUri`, opens a task definition and measures until its first diagnostics. */
function startToFirstDiagnostics(root: string | null, text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [
      join(__dirname, '..', '..', '..', 'bin', 'ecs-lens-language-server.js'),
      '--stdio',
    ]);
    let buffer = '';
    const send = (msg: object) => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes('"id":1,"result"') && !buffer.includes('__opened')) {
        buffer += '__opened';
        send({ method: 'initialized', params: {} });
        send({
          method: 'textDocument/didOpen',
          params: {
            textDocument: {
              uri: pathToFileURL(join(root ?? '/bench', 'web-task-def.json')).toString(),
              languageId: 'json',
              version: 1,
              text,
            },
          },
        });
      }
      if (buffer.includes('textDocument/publishDiagnostics')) {
        const ms = performance.now() - t0;
        child.kill();
        resolve(ms);
      }
    });
    child.on('error', reject);
    const rootUri = root ? pathToFileURL(root).toString() : null;
    send({
      id: 1,
      method: 'initialize',
      params: {
        processId: process.pid,
        rootUri,
        workspaceFolders: rootUri ? [{ uri: rootUri, name: 'w' }] : null,
        capabilities: {},
      },
    });
  });
}

/** A task definition of about `lines` lines: containers with long environment lists. */
function longTaskDefinition(lines: number): string {
  const environment = Array.from({ length: Math.ceil(lines / 4) }, (_, i) => ({
    name: `VAR_${i}`,
    value: `value-${i}`,
  }));
  return JSON.stringify(
    {
      family: 'long',
      containerDefinitions: [{ name: 'app', image: 'nginx', memory: 512, environment, essential: true }],
    },
    null,
    2,
  );
}

/** 30,000 files: ordinary JSON, task definitions and services of 1,000 families, and other files, in nested folders. */
function mixedTree(total: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-lens-bench-mixed-'));
  for (let i = 0; i < total; i++) {
    const folder = join(dir, `team-${Math.floor(i / 1000)}`, `app-${Math.floor(i / 50)}`);
    if (i % 50 === 0) mkdirSync(folder, { recursive: true });
    const kind = i % 30;
    if (kind === 0) writeFileSync(join(folder, `svc-${i}-task-def.json`), taskDef(`family-${i}`));
    else if (kind === 1) writeFileSync(join(folder, `svc-${i}-service-def.json`), serviceDef(`family-${i - 1}`));
    else if (kind < 20) writeFileSync(join(folder, `data-${i}.json`), ordinaryJson(i));
    else writeFileSync(join(folder, `notes-${i}.md`), `# notes ${i}\n`);
  }
  return dir;
}

export async function benchScale(
  repoRoot: string,
): Promise<Array<{ name: string; medianMs: number; detail?: string }>> {
  const rows: Array<{ name: string; medianMs: number; detail?: string }> = [];
  const text = taskDef('web');
  const ws = ordinaryWorkspace(5000);
  try {
    const empty: number[] = [];
    const full: number[] = [];
    for (let i = 0; i < 3; i++) {
      empty.push(await startToFirstDiagnostics(null, text));
      full.push(await startToFirstDiagnostics(ws, text));
    }
    rows.push({ name: 'server start to first diagnostics, no workspace folder', medianMs: median(empty) });
    rows.push({
      name: 'server start to first diagnostics, workspace of 5,000 ordinary JSON files',
      medianMs: median(full),
    });
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }

  const long = longTaskDefinition(8000);
  const td = TextDocument.create('file:///bench/long-task-def.json', 'json', 1, long);
  const doc = parseDocument(td.uri, long, defaultSettings);
  const end = long.lastIndexOf('"value"') + 2;
  const samples: number[] = [];
  for (let i = 0; i < 205; i++) {
    const t0 = performance.now();
    hover(doc, td, end);
    if (i >= 5) samples.push(performance.now() - t0);
  }
  rows.push({
    name: `hover at the end of a ${td.lineCount.toLocaleString('en-US')}-line file (parsed tree cached)`,
    medianMs: median(samples),
  });

  const tree = mixedTree(30_000);
  try {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'ecs-lens.js'), 'check', '--format', 'json', tree], {
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    const ms = performance.now() - t0;
    const checked =
      r.status === 2
        ? `exit 2: ${r.stderr.slice(0, 200)}`
        : `${(JSON.parse(r.stdout) as unknown[]).length.toLocaleString('en-US')} ECS files checked, exit ${r.status}`;
    rows.push({
      name: 'ecs-lens check over 30,000 mixed files (1,000 task definitions, 1,000 services, 17,000 other JSON, 11,000 other files)',
      medianMs: ms,
      detail: checked,
    });
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
  return rows;
}

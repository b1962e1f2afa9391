/**
 * `npm run bench`: measures, never asserts. Prints medians; the budgets (README) are read off
 * the output: full check of the realistic file < 5 ms, the large file no slower than schema-only
 * validation by vscode-json-languageservice, server start to first diagnostics < 500 ms, and the
 * simulator cases.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'vscode-json-languageservice';
import { complete } from '../../server/src/service/completion';
import { parseDocument } from '../../server/src/service/document';
import { schemas, warmUpSchemas } from '../../server/src/service/schema';
import { defaultSettings } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation';
import { emptyWorkspace } from '../../server/src/service/workspace';
import { benchDynamics } from './dynamics';
import { benchFixSearch } from './fixSearch';
import { benchLinearity } from './linearity';
import { benchBigFiles } from './bigFiles';
import { benchCloudFormation } from './cloudformation';
import { benchPanelRender } from './panelRender';
import { benchScale } from './scale';
import { benchSpeed, benchStart, peerCheckMain } from './speed';
import { benchSimulate, cliRun, median, panelRoundTrip } from './simulate';
import { benchTerraform } from './terraform';

const repoRoot = join(__dirname, '..', '..', '..');

function container(i: number, envCount: number) {
  return {
    name: `app-${i}`,
    image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/app-${i}:1.0.${i}`,
    essential: i === 0,
    cpu: 256,
    memory: 1024,
    memoryReservation: 512,
    portMappings: [{ containerPort: 8080 + i, protocol: 'tcp', name: `http-${i}` }],
    environment: Array.from({ length: envCount }, (_, j) => ({ name: `VAR_${i}_${j}`, value: `value-${j}` })),
    secrets: [{ name: `SECRET_${i}`, valueFrom: `arn:aws:ssm:us-east-1:123456789012:parameter/app/${i}` }],
    healthCheck: {
      command: ['CMD-SHELL', `curl -f http://localhost:${8080 + i}/ || exit 1`],
      interval: 30,
      timeout: 5,
      retries: 3,
    },
    logConfiguration: {
      logDriver: 'awslogs',
      options: { 'awslogs-group': '/ecs/app', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': `app-${i}` },
    },
    ...(i > 0 ? { dependsOn: [{ containerName: 'app-0', condition: 'START' }] } : {}),
  };
}

function taskDefinition(containers: number, envCount: number): string {
  return JSON.stringify(
    {
      family: 'bench',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '4096',
      memory: '16384',
      executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
      taskRoleArn: 'arn:aws:iam::123456789012:role/app',
      containerDefinitions: Array.from({ length: containers }, (_, i) => container(i, envCount)),
    },
    null,
    2,
  );
}

async function time(runs: number, fn: () => unknown): Promise<number> {
  for (let i = 0; i < Math.min(5, runs); i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const rows: Array<[string, number]> = [];
const row = (name: string, ms: number) => {
  rows.push([name, ms]);
  console.log(`${ms.toFixed(2).padStart(10)} ms  ${name}`);
};

async function validationBench(label: string, text: string, runs: number): Promise<void> {
  const uri = 'file:///bench/bench-task-def.json';
  const lines = text.split('\n').length;
  const ours = await time(runs, () =>
    validateDocument(parseDocument(uri, text, defaultSettings), defaultSettings, emptyWorkspace),
  );
  const peer = getLanguageService({});
  peer.configure({
    validate: true,
    schemas: [
      {
        uri: 'ecs-lens://schemas/task-definition.json',
        fileMatch: ['*task-def*.json'],
        schema: schemas.taskDefinition,
      },
    ],
  });
  const td = TextDocument.create(uri, 'json', 1, text);
  const theirs = await time(runs, () => peer.doValidation(td, peer.parseJSONDocument(td)));
  row(`ECS Lens full check (syntax, schema, rules), ${label}, ${lines} lines`, ours);
  row(`vscode-json-languageservice schema-only validation, ${label}`, theirs);
  console.log(`            ratio ECS Lens / peer: ${(ours / theirs).toFixed(2)}`);
}

async function completionBench(text: string): Promise<void> {
  const uri = 'file:///bench/bench-task-def.json';
  const td = TextDocument.create(uri, 'json', 1, text);
  const doc = parseDocument(uri, text, defaultSettings);
  const positions: Array<[string, number]> = [
    ['member name in a container', text.indexOf('"essential"')],
    ['enum value (networkMode)', text.indexOf('"awsvpc"') + 1],
    ['member name at the top level', text.indexOf('"family"')],
  ];
  for (const [name, offset] of positions)
    row(`completion: ${name}`, await time(200, () => complete(doc, td, offset, emptyWorkspace)));
}

/** Spawns the server bin and measures until the first publishDiagnostics for an opened file. */
function serverStart(text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'ecs-lens-language-server.js'), '--stdio']);
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
          params: { textDocument: { uri: 'file:///bench/web-task-def.json', languageId: 'json', version: 1, text } },
        });
      }
      if (buffer.includes('textDocument/publishDiagnostics')) {
        const ms = performance.now() - t0;
        child.kill();
        resolve(ms);
      }
    });
    child.on('error', reject);
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  });
}

async function speed(quick: boolean, only?: 'start'): Promise<void> {
  console.log('Against peers and floors (side by side in one run, alternating; medians):');
  for (const r of only === 'start' ? await benchStart(repoRoot, 9) : await benchSpeed(repoRoot, quick)) {
    const unit = r.unit ?? 'ms';
    console.log(
      `${r.ours.toFixed(2).padStart(10)} ${unit.padEnd(2)}  ${r.name}\n${r.peer.toFixed(2).padStart(10)} ${unit.padEnd(2)}    ${r.against}\n            ratio: ${(r.ours / r.peer).toFixed(2)}`,
    );
  }
}

async function bigFilesRows(): Promise<void> {
  console.log('Large files over stdio LSP (documentSymbol on another file every 10 ms; budget: every wait < 100 ms):');
  for (const r of await benchBigFiles()) {
    row(r.name, r.ms);
    if (r.detail) console.log(`            ${r.detail}`);
  }
}

async function main(): Promise<void> {
  // `bench.js peer-check <manifest>`: the peer's whole process in the speed comparison.
  if (process.argv[2] === 'peer-check') return peerCheckMain(process.argv[3]);
  console.log(`ECS Lens benchmarks (node ${process.version}, medians)`);
  // `bench.js speed [--quick]`: only the comparisons against peers and floors.
  if (process.argv[2] === 'speed') return speed(process.argv.includes('--quick'));
  // `bench.js start`: only the server's start against `node -e 0`, in 9 alternated rounds.
  if (process.argv[2] === 'start') return speed(true, 'start');
  // `bench.js big-files`: only the large files opened and edited over a real LSP connection.
  if (process.argv[2] === 'big-files') return bigFilesRows();
  await speed(false);
  await bigFilesRows();
  warmUpSchemas();
  const realistic = taskDefinition(3, 6);
  const large = taskDefinition(10, 200);
  await validationBench('realistic (3 containers)', realistic, 200);
  await validationBench('large (10 containers x 200 environment variables)', large, 30);
  await completionBench(realistic);
  for (const r of benchLinearity()) row(r.name, r.ms);
  for (const r of [...benchCloudFormation(), ...(await benchTerraform())]) {
    row(r.name, r.ms);
    if (r.detail) console.log(`            ${r.detail}`);
  }
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) starts.push(await serverStart(realistic));
  row('server start to first diagnostics (spawn, initialize, didOpen)', median(starts));
  for (const r of await benchScale(repoRoot)) {
    row(r.name, r.medianMs);
    if (r.detail) console.log(`            ${r.detail}`);
  }
  for (const r of await benchSimulate()) row(r.name, r.medianMs);
  for (const r of [...benchDynamics(), ...benchFixSearch()]) {
    row(r.name, r.medianMs);
    console.log(`            ${r.detail}`);
  }
  const panel = await benchPanelRender(repoRoot);
  if (panel.length === 0)
    console.log('            (panel render case skipped: no Chromium at /usr/bin/chromium or ECS_LENS_CHROMIUM)');
  for (const r of panel) row(r.name, r.medianMs);
  row(
    'ecs-lens simulate CLI run: 5,000 tasks on 5,000 instances (process start to exit)',
    cliRun(repoRoot, 5000, 5000, 5),
  );
  row(
    'ecs-lens simulate CLI run: 1,000 tasks on 100 instances (process start to exit)',
    cliRun(repoRoot, 100, 1000, 5),
  );
  for (const [instances, tasks, runs] of [
    [5000, 5000, 5],
    [100, 1000, 10],
  ] as const) {
    const trip = await panelRoundTrip(instances, tasks, runs);
    const label = `${tasks.toLocaleString('en-US')} tasks on ${instances.toLocaleString('en-US')} instances`;
    row(
      `panel round trip through the language server, ${label} (${(trip.bytes / 1024 / 1024).toFixed(2)} MiB answer; budget 500 ms)`,
      trip.ms,
    );
    row(`explanation of the last task through the language server, ${label}`, trip.explainMs);
  }
}

void main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

/**
 * A repository built to hurt: links out of the workspace and to devices, a FIFO named like a task
 * definition, pathological files and settings, simulations over budget. The real server over stdio
 * must keep answering a hover on an ordinary file, list nothing from outside, and leave no trace.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver-types';
import type { SimulateResponse, WorkspaceFilesResponse } from '../../server/src/protocol';
import { LspClient, messageText } from './client';

const ordinaryTaskDef =
  '{\n  "family": "web",\n  "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 512}]\n}\n';
/** Generous: the budget is a second on an idle machine; the suite shares two cores. */
const hoverTimeoutMs = 10_000;

/** A temporary folder removed after the test; the test checks nothing is left behind. */
function scratch(t: TestContext): string {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'ecs-lens-hostile-')));
  t.after(() => {
    rmSync(base, { recursive: true, force: true });
    assert.equal(existsSync(base), false, 'the hostile workspace, its links and FIFO are removed');
  });
  return base;
}

async function started(
  t: TestContext,
  rootUri: string | null,
  settings: Record<string, unknown> = {},
  initializationOptions?: unknown,
) {
  const client = new LspClient();
  client.settings = settings;
  const logs: string[] = [];
  client.connection.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  await client.initialize(rootUri, undefined, initializationOptions);
  t.after(async () => {
    await client.stop();
  });
  return { client, logs };
}

/** Hovers on `"family"` of an ordinary open task definition; fails after a generous timeout, prints the time. */
async function hoverAnswers(t: TestContext, client: LspClient, uri: string): Promise<number> {
  const start = Date.now();
  const hover = await Promise.race([
    client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 4 } }),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no hover within ${hoverTimeoutMs} ms`)), hoverTimeoutMs),
    ),
  ]);
  const ms = Date.now() - start;
  assert.ok(hover && JSON.stringify(hover.contents).length > 0, 'the hover has content');
  t.diagnostic(`hover answered in ${ms} ms`);
  return ms;
}

async function openOrdinary(client: LspClient, folder: string): Promise<string> {
  const uri = pathToFileURL(join(folder, 'ordinary-task-def.json')).toString();
  const published = client.diagnostics(uri);
  await client.open(uri, ordinaryTaskDef);
  await published;
  return uri;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('the workspace index stays inside the folder: links out, to devices and to stdin, FIFOs and loops are left alone', async (t) => {
  const base = scratch(t);
  const ws = join(base, 'ws');
  const outside = join(base, 'outside');
  mkdirSync(join(ws, 'deploy'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(ws, 'deploy', 'web-task-def.json'), ordinaryTaskDef);
  writeFileSync(
    join(ws, 'deploy', 'prod.cluster.json'),
    '{"instanceGroups": [{"instanceType": "m5.large", "count": 2}]}',
  );
  writeFileSync(join(outside, 'secret-task-def.json'), '{"family": "secret", "containerDefinitions": []}');
  execFileSync('mkfifo', [join(ws, 'pipe-task-def.json')]);
  symlinkSync('/dev/zero', join(ws, 'zero-task-def.json'));
  symlinkSync('/proc/self/fd/0', join(ws, 'stdin-task-def.json'));
  symlinkSync('/', join(ws, 'root'));
  symlinkSync(outside, join(ws, 'outside-link'));
  symlinkSync(join(outside, 'secret-task-def.json'), join(ws, 'secret-task-def.json'));
  symlinkSync(ws, join(ws, 'deploy', 'loop'));
  const { client } = await started(t, pathToFileURL(ws).toString());
  const ordinary = await openOrdinary(client, ws);
  await hoverAnswers(t, client, ordinary);
  const files = await until('the workspace scan', async () => {
    const r = await client.request<WorkspaceFilesResponse>('ecsLens/workspaceFiles', {});
    return r.files.some((f) => f.uri.endsWith('/deploy/prod.cluster.json')) ? r.files : undefined;
  });
  const wsUri = pathToFileURL(ws).toString() + '/';
  for (const f of files) assert.ok(f.uri.startsWith(wsUri), `${f.uri} is inside the workspace`);
  assert.deepEqual(files.map((f) => f.uri.slice(wsUri.length)).sort(), [
    'deploy/prod.cluster.json',
    'deploy/web-task-def.json',
    'ordinary-task-def.json',
  ]);
  await hoverAnswers(t, client, ordinary);
});

test('hostile file patterns in the settings neither hang nor disable the server; each is reported once', async (t) => {
  const base = scratch(t);
  const backtracking = '*a'.repeat(40) + '*X';
  const settings = {
    files: {
      taskDefinition: [backtracking, '{a**,b}', '[a-', '**/*task-def*.json'],
      service: ['x'.repeat(5000)],
      cluster: ['**/*.cluster.json'],
    },
  };
  const { client, logs } = await started(t, pathToFileURL(base).toString(), settings);
  // A long name full of "a"s: the pattern that used to backtrack for minutes is tried on it.
  const uri = pathToFileURL(join(base, 'a'.repeat(200) + '.json')).toString();
  const published = client.diagnostics(uri);
  await client.open(uri, '{"family": "x", "containerDefinitions": [{"name": "a", "image": "b", "memory": "lots"}]}');
  const { diagnostics } = await published;
  assert.ok(
    diagnostics.some((d) => d.code === 'schema.type'),
    'the file is still checked',
  );
  const ordinary = await openOrdinary(client, base);
  await hoverAnswers(t, client, ordinary);
  await until('the pattern warnings', async () => (logs.some((m) => m.includes('"[a-"')) ? true : undefined));
  assert.equal(logs.filter((m) => m.includes('ignores the file pattern "[a-"')).length, 1);
  assert.equal(logs.filter((m) => m.includes('ignores the file pattern "xxxx')).length, 1);
});

test('pathological documents: a megabyte of "{{", 150,000 syntax errors; diagnostics are capped and the server answers', async (t) => {
  const base = scratch(t);
  const { client } = await started(t, pathToFileURL(base).toString());
  const braces = pathToFileURL(join(base, 'braces-task-def.json')).toString();
  const bracesPublished = client.diagnostics(braces);
  await client.open(
    braces,
    `{"family": "x", "containerDefinitions": [{"name": "a", "image": "${'{{'.repeat(500_000)}", "memory": 512}]}`,
  );
  await bracesPublished;
  const broken = pathToFileURL(join(base, 'broken-task-def.json')).toString();
  const brokenPublished = client.diagnostics(broken);
  await client.open(broken, `{"family": "x", "containerDefinitions": [${'1 '.repeat(150_000)}]}`);
  const { diagnostics } = await brokenPublished;
  assert.equal(diagnostics.length, 1001);
  assert.match(messageText(diagnostics[1000]), /^[\d,]+ more problems not shown/);
  const ordinary = await openOrdinary(client, base);
  await hoverAnswers(t, client, ordinary);
});

const taskDefinition = { family: 'app', containerDefinitions: [{ name: 'app', image: 'nginx', cpu: 16, memory: 16 }] };

test('simulations: expansion checked before it is built, a time budget, a newer request ends the older, typing goes on', async (t) => {
  const base = scratch(t);
  const { client } = await started(t, pathToFileURL(base).toString(), {}, { simulation: { timeMs: 1000 } });
  const ordinary = await openOrdinary(client, base);
  const open = async (name: string, value: unknown) => {
    const uri = pathToFileURL(join(base, name)).toString();
    const published = client.diagnostics(uri);
    await client.open(uri, JSON.stringify(value));
    await published;
    return uri;
  };
  const app = await open('app-task-def.json', taskDefinition);
  const slowApp = await open('slow-task-def.json', {
    ...taskDefinition,
    family: 'slow',
    placementConstraints: [
      { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ m5.* and attribute:team != blue' },
    ],
  });

  // A few KB that would expand to 5,000 instances × 302 cells: 1.5 million, over the simulator's million.
  const runningTasks = [{ cpu: 1, memory: 1, hostPorts: Array.from({ length: 300 }, (_, p) => 1000 + p) }];
  const huge = await open('huge.cluster.json', {
    instanceGroups: [{ instanceType: 'm5.large', count: 5000, runningTasks }],
  });
  const expanded = await client.request<SimulateResponse>('ecsLens/simulate', { uri: app, cluster: { uri: huge } });
  assert.ok(expanded.result, JSON.stringify(expanded).slice(0, 300));
  assert.match(expanded.result.errors.join('\n'), /more than 1,000,000 instances × running tasks and host ports/);

  // ECS's own limits: 5,000 instances per cluster, 5,000 tasks per service.
  const big = await open('big.cluster.json', { instanceGroups: [{ instanceType: 'm5.large', count: 5_000 }] });
  const slow = { uri: slowApp, cluster: { uri: big }, options: { count: 5_000, explain: true } };
  const first = client.request<SimulateResponse>('ecsLens/simulate', slow).then(
    (r) => r.error ?? 'answered',
    (e: Error) => `rejected: ${e.message}`,
  );
  await new Promise((r) => setTimeout(r, 50));
  const second = client.request<SimulateResponse>('ecsLens/simulate', slow).then(
    (r) => r.error ?? 'answered',
    (e: Error) => `rejected: ${e.message}`,
  );
  await hoverAnswers(t, client, ordinary);
  assert.match(await first, /^rejected: A newer simulation replaced this one/);
  assert.match(await second, /^The simulation took longer than 1 s, the time ECS Lens gives one/);

  const small = await open('small.cluster.json', { instanceGroups: [{ instanceType: 'm5.large', count: 2 }] });
  const answered = await client.request<SimulateResponse>('ecsLens/simulate', { uri: app, cluster: { uri: small } });
  assert.deepEqual(answered.result!.errors, []);
  assert.equal(answered.result!.placements.length, 1);
});

test("the panel's simulation reads only cluster files the workspace index knows, never another URI", async (t) => {
  const base = scratch(t);
  const secret = join(base, 'secret.cluster.json');
  const ws = join(base, 'ws');
  mkdirSync(ws);
  writeFileSync(secret, '{"instanceGroups": [{"instanceType": "m5.large", "count": 1}]}');
  const { client } = await started(t, pathToFileURL(ws).toString());
  const app = pathToFileURL(join(ws, 'app-task-def.json')).toString();
  const published = client.diagnostics(app);
  await client.open(app, JSON.stringify(taskDefinition));
  await published;
  for (const target of [pathToFileURL(secret).toString(), 'file:///etc/passwd', app]) {
    const answer = await client.request<SimulateResponse>('ecsLens/simulate', { uri: app, cluster: { uri: target } });
    assert.equal(answer.result, undefined, target);
    assert.match(String(answer.error), /is not a cluster file of the workspace/);
    assert.ok(!String(answer.error).includes('root:'), 'nothing of the file is sent back');
  }
});

test('a quick fix for a member that is there with a null value replaces the value, and the problem goes', async (t) => {
  const base = scratch(t);
  const { client } = await started(t, pathToFileURL(base).toString());
  const uri = pathToFileURL(join(base, 'fargate-task-def.json')).toString();
  const text =
    '{\n  "family": "web",\n  "requiresCompatibilities": ["FARGATE"],\n  "networkMode": "awsvpc",\n  "cpu": "1024",\n  "memory": null,\n  "containerDefinitions": [{"name": "web", "image": "nginx", "essential": true}]\n}\n';
  const published = client.diagnostics(uri);
  await client.open(uri, text);
  const { diagnostics } = await published;
  const sizeRequired = diagnostics.find((d) => d.code === 'fargate.size-required')!;
  assert.ok(sizeRequired, JSON.stringify(diagnostics.map((d) => d.code)));
  const actions = await client.request<
    Array<{
      title: string;
      edit?: {
        changes?: Record<
          string,
          Array<{
            range: { start: { line: number; character: number }; end: { line: number; character: number } };
            newText: string;
          }>
        >;
      };
    }>
  >('textDocument/codeAction', {
    textDocument: { uri },
    range: sizeRequired.range,
    context: { diagnostics: [sizeRequired] },
  });
  const set = actions.find((a) => a.title === 'Set "memory": "2048"');
  assert.ok(set, actions.map((a) => a.title).join(', '));
  const lines = text.split('\n');
  const offsetOf = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let fixed = text;
  for (const e of [...set.edit!.changes![uri]].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start))) {
    fixed = fixed.slice(0, offsetOf(e.range.start)) + e.newText + fixed.slice(offsetOf(e.range.end));
  }
  assert.equal(fixed.match(/"memory"/g)!.length, 1, fixed);
  const again = client.diagnostics(uri);
  await client.change(uri, fixed, 2);
  const after = await again;
  assert.ok(
    !after.diagnostics.some((d) => d.code === 'fargate.size-required' || d.code === 'schema.null-value'),
    JSON.stringify(after.diagnostics.map((d) => d.code)),
  );
});

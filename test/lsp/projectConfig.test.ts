/**
 * The editor reads the workspace folder's own `.ecs-lens.json` through the bounded reader: never one above
 * the folder, never a link out of it, and its text reaches hovers as plain text and logs not at all.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver-types';
import { LspClient } from './client';

const taskDef =
  '{\n  "family": "web",\n  "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 512}]\n}\n';

function scratch(t: TestContext): string {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'ecs-lens-config-')));
  t.after(() => {
    rmSync(base, { recursive: true, force: true });
    assert.equal(existsSync(base), false);
  });
  return base;
}

async function started(t: TestContext, folder: string, env?: Record<string, string>): Promise<LspClient> {
  const saved = { ...process.env };
  Object.assign(process.env, env ?? {});
  const client = new LspClient();
  process.env = saved;
  await client.initialize(pathToFileURL(folder).toString());
  t.after(async () => {
    await client.stop();
  });
  return client;
}

async function firstLineHover(client: LspClient, uri: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 0 },
    });
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    // The index learns the deploy contexts after start-up: wait until the configuration's context shows.
    if (/ecspresso/.test(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the first-line hover never named the deploy context set by the workspace configuration');
}

test("the workspace's own .ecs-lens.json decides, not one above; its glob is shown as text, not markdown", async (t) => {
  const base = scratch(t);
  const ws = join(base, 'ws');
  mkdirSync(ws);
  writeFileSync(
    join(base, '.ecs-lens.json'),
    JSON.stringify({ overrides: [{ files: ['**'], deployContext: 'terraform' }] }),
  );
  const glob = '{![t](https:/x.test/i.png),web-task-def.json}';
  writeFileSync(
    join(ws, '.ecs-lens.json'),
    JSON.stringify({ overrides: [{ files: [glob], deployContext: 'ecspresso' }] }),
  );
  writeFileSync(join(ws, 'web-task-def.json'), taskDef);
  const client = await started(t, ws);
  const uri = pathToFileURL(join(ws, 'web-task-def.json')).toString();
  const published = client.diagnostics(uri);
  await client.open(uri, taskDef);
  await published;
  const value = await firstLineHover(client, uri);
  assert.doesNotMatch(value, /terraform/, 'the file above the workspace is not read');
  assert.doesNotMatch(value, /!\[t\]\(/, 'no markdown image from the repository');
  assert.match(value, /\\!\\\[t\\\]\\\(https\\:\\\/x\\\.test/, 'the glob is there, escaped');
});

test('a workspace .ecs-lens.json linked to /proc/self/environ is not read and nothing of it is logged', async (t) => {
  const ws = scratch(t);
  writeFileSync(join(ws, 'web-task-def.json'), taskDef);
  mkdirSync(join(ws, 'svc'));
  writeFileSync(join(ws, 'svc', 'api-task-def.json'), taskDef);
  writeFileSync(
    join(ws, 'svc', '.ecs-lens.json'),
    '{"rules": {"x": "VALUE-SEEN", "security.privileged": "VALUE-SEEN"}, "KEY-SEEN": 1}',
  );
  symlinkSync('/proc/self/environ', join(ws, '.ecs-lens.json'));
  const client = await started(t, ws, { K: 'SECRET42' });
  for (const name of ['web-task-def.json', 'svc/api-task-def.json']) {
    const uri = pathToFileURL(join(ws, name)).toString();
    const published = client.diagnostics(uri);
    await client.open(uri, taskDef);
    await published;
  }
  const logs = client.logMessages.join('\n');
  assert.doesNotMatch(logs, /SECRET42|VALUE-SEEN|KEY-SEEN/);
  assert.match(logs, /config-\w+\/\.ecs-lens\.json: leads outside the folder ECS Lens checks/);
  assert.match(logs, /svc\/\.ecs-lens\.json: line 1, column 12: in "rules", no rule has this code/);
  assert.match(logs, /svc\/\.ecs-lens\.json: line 1, column 54: a level in "rules"/);
});

test('a file named with +, ( and ) is one document whatever spelling the client gives its URI', async (t) => {
  const ws = scratch(t);
  const td = '{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 512}]}';
  const svc =
    '{"serviceName": "web", "taskDefinition": "web", "desiredCount": 1, "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/w/1", "containerName": "nope", "containerPort": 80}]}';
  writeFileSync(join(ws, 'web+(1)-task-def.json'), td);
  writeFileSync(join(ws, 'web+(1)-service-def.json'), svc);
  const client = await started(t, ws);
  // VS Code's spelling: `+`, `(` and `)` percent-encoded; the server's scan writes them as they are.
  const vscodeUri = (name: string) =>
    pathToFileURL(join(ws, name)).toString().replace(/\+/g, '%2B').replace(/\(/g, '%28').replace(/\)/g, '%29');
  for (let i = 0; i < 100; i++) {
    const files = await client.request<{ files: Array<{ uri: string }> }>('ecsLens/workspaceFiles', {});
    if (files.files.length >= 2) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const tdUri = vscodeUri('web+(1)-task-def.json');
  await client.open(tdUri, td);
  const svcUri = vscodeUri('web+(1)-service-def.json');
  const published = client.diagnostics(svcUri, (p) =>
    p.diagnostics.some((d) => d.code === 'service.load-balancer-container'),
  );
  await client.open(svcUri, svc);
  const found = await published;
  assert.ok(!found.diagnostics.some((d) => d.code === 'service.task-definition-ambiguous'));
  const files = await client.request<{ files: Array<{ uri: string }> }>('ecsLens/workspaceFiles', {});
  assert.equal(files.files.filter((f) => f.uri.includes('task-def')).length, 1, JSON.stringify(files.files));
});

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, messageText } from './client';

// CodeDeploy user guide, AppSpec "Resources" section for Amazon ECS: LoadBalancerInfo.ContainerName must be a
// container of the task definition deployed (taskdef.json beside the appspec). The editor shows the mismatch in
// the appspec itself, at the ContainerName value.
const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-lsp-appspec-'));
mkdirSync(join(folder, '.git'));
writeFileSync(
  join(folder, 'taskdef.json'),
  JSON.stringify({
    family: 'web',
    containerDefinitions: [{ name: 'web', image: '<IMAGE1_NAME>', memory: 256, portMappings: [{ containerPort: 80 }] }],
  }),
);
const text = [
  'version: 0.0',
  'Resources:',
  '  - TargetService:',
  '      Type: AWS::ECS::Service',
  '      Properties:',
  '        TaskDefinition: <TASK_DEFINITION>',
  '        LoadBalancerInfo:',
  '          ContainerName: api',
  '          ContainerPort: 80',
  '',
].join('\n');
writeFileSync(join(folder, 'appspec.yml'), text);
const u = pathToFileURL(join(folder, 'appspec.yml')).toString();
let client: LspClient;

before(async () => {
  client = new LspClient();
  await client.initialize(pathToFileURL(folder).toString());
});

after(async () => {
  assert.equal(await client.stop(), 0);
});

test('an appspec naming a container taskdef.json lacks: one error at the ContainerName value', async () => {
  // The first publication may precede the workspace scan that finds taskdef.json; the next one follows it.
  const published = client.diagnostics(u, (p) => p.diagnostics.length > 0);
  await client.open(u, text);
  const { diagnostics } = await published;
  assert.deepEqual(
    diagnostics.map((d) => ({ code: d.code, severity: d.severity, start: d.range.start, end: d.range.end })),
    [
      {
        code: 'codedeploy.appspec-container',
        severity: 1,
        start: { line: 7, character: 25 },
        end: { line: 7, character: 28 },
      },
    ],
  );
  assert.match(
    messageText(diagnostics[0]),
    /ContainerName "api" is not a container of the task definition in taskdef\.json; its containers are "web"/,
  );
  // Fixed in the editor, the diagnostic goes.
  const cleared = client.diagnostics(u, (p) => p.diagnostics.length === 0);
  await client.change(u, text.replace('ContainerName: api', 'ContainerName: web'), 2);
  await cleared;
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
const bin = join(repoRoot, 'bin', 'ecs-lens.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: repoRoot });

// A repository as GitHub's starter workflow for ECS lays it out, plus Terraform with a container template.
const repo = mkdtempSync(join(tmpdir(), 'ecs-lens-context-cli-'));
const write = (path: string, text: string) => {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), text);
};
mkdirSync(join(repo, '.git'));
write(
  '.github/workflows/aws.yml',
  'jobs:\n  deploy:\n    steps:\n      - uses: aws-actions/amazon-ecs-deploy-task-definition@v2\n        with:\n          task-definition: .aws/task-definition.json\n',
);
const exported = {
  family: 'web',
  revision: 4,
  status: 'ACTIVE',
  taskRoleArn: null,
  containerDefinitions: [{ name: 'web', image: 'nginx:1.27', memory: 256, environment: [] }],
};
write('.aws/task-definition.json', JSON.stringify(exported, null, 2));
write(
  'infra/ecs.tf',
  'resource "aws_ecs_task_definition" "t" {\n  container_definitions = file("containers.json.tpl")\n}\n',
);
write(
  'infra/containers.json.tpl',
  JSON.stringify([{ name: 'app', image: 'nginx', memory: 256, memoryReservation: 512 }], null, 2),
);

interface FileReport {
  file: string;
  kind: string;
  deployContext: { name: string; reason: string };
  diagnostics: Array<{ code: string; severity: string }>;
}

test('check finds .aws/task-definition.json, judges it as the deploy action sends it and says why', () => {
  const r = run('check', '--format', 'json', repo);
  const out = JSON.parse(r.stdout) as FileReport[];
  const aws = out.find((f) => f.file.endsWith(join('.aws', 'task-definition.json')));
  assert.ok(aws, 'the dot-folder the starter workflow uses is checked');
  assert.equal(aws.deployContext.name, 'github-action');
  assert.equal(
    aws.deployContext.reason,
    'deployed by aws-actions/amazon-ecs-deploy-task-definition in .github/workflows/aws.yml line 6',
  );
  assert.deepEqual(
    aws.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'),
    [],
  );
});

test('check reads the Terraform container template a *.tf names and reports its mistake', () => {
  const r = run('check', '--format', 'json', repo);
  assert.equal(r.status, 1, r.stderr);
  const out = JSON.parse(r.stdout) as FileReport[];
  const tpl = out.find((f) => f.file.endsWith('containers.json.tpl'));
  assert.ok(tpl, 'the template is checked, not skipped');
  assert.equal(tpl.kind, 'container-definitions');
  assert.equal(tpl.deployContext.name, 'terraform');
  assert.deepEqual(
    tpl.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code),
    ['resources.reservation-above-memory'],
  );
});

test('--deploy-context aws-cli makes the same file strict: its null is an error', () => {
  const r = run('check', '--deploy-context', 'aws-cli', '--format', 'json', join(repo, '.aws', 'task-definition.json'));
  assert.equal(r.status, 1);
  const [file] = JSON.parse(r.stdout) as FileReport[];
  assert.equal(file.deployContext.name, 'aws-cli');
  assert.match(file.deployContext.reason, /--deploy-context aws-cli/);
  assert.ok(file.diagnostics.some((d) => d.code === 'schema.null-value' && d.severity === 'error'));
});

test('--deploy-context refuses an unknown context with usage', () => {
  const r = run('check', '--deploy-context', 'helm', repo);
  assert.equal(r.status, 2);
  assert.match(
    r.stderr,
    /--deploy-context takes aws-cli \| github-action \| ecspresso \| codedeploy \| terraform, not "helm"/,
  );
});

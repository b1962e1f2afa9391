import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// CodeDeploy user guide, AppSpec "Resources" section for Amazon ECS (reference-appspec-file-structure-resources.html):
// LoadBalancerInfo.ContainerName and ContainerPort name a container of the task definition CodeDeploy deploys and a
// port that container maps. A mismatch fails the deployment; `check` reports it on the appspec and on taskdef.json.
const repoRoot = join(__dirname, '..', '..', '..');
const bin = join(repoRoot, 'bin', 'ecs-lens.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: repoRoot });

const repo = mkdtempSync(join(tmpdir(), 'ecs-lens-appspec-cli-'));
const write = (path: string, text: string) => {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), text);
};
mkdirSync(join(repo, '.git'));
const taskdef = (name: string, containerPort: number) =>
  JSON.stringify(
    {
      family: 'web',
      containerDefinitions: [{ name, image: '<IMAGE1_NAME>', memory: 256, portMappings: [{ containerPort }] }],
    },
    null,
    2,
  );
const appspecYaml = (name: string, port: number) =>
  [
    'version: 0.0',
    'Resources:',
    '  - TargetService:',
    '      Type: AWS::ECS::Service',
    '      Properties:',
    '        TaskDefinition: <TASK_DEFINITION>',
    '        LoadBalancerInfo:',
    `          ContainerName: "${name}"`,
    `          ContainerPort: ${port}`,
    '',
  ].join('\n');
// YAML, the port wrong; the buildspec lists taskdef.json, as CodePipeline's ECS blue/green tutorial does.
write('port/appspec.yaml', appspecYaml('web', 8080));
write('port/taskdef.json', taskdef('web', 80));
write('port/buildspec.yml', 'version: 0.2\nartifacts:\n  files:\n    - appspec.yaml\n    - taskdef.json\n');
// JSON on one line, the container wrong.
write(
  'name/appspec.json',
  '{"version": 0.0, "Resources": [{"TargetService": {"Type": "AWS::ECS::Service", "Properties": {"TaskDefinition": "<TASK_DEFINITION>", "LoadBalancerInfo": {"ContainerName": "api", "ContainerPort": 80}}}}]}\n',
);
write('name/taskdef.json', taskdef('web', 80));
// .yml, both agree.
write('ok/appspec.yml', appspecYaml('web', 80));
write('ok/taskdef.json', taskdef('web', 80));
// An appspec for EC2 deployments (hooks, files): not an ECS file, left alone.
write('ec2/appspec.yml', 'version: 0.0\nos: linux\nfiles:\n  - source: /\n    destination: /srv/app\n');

interface FileReport {
  file: string;
  kind: string;
  diagnostics: Array<{ code: string; severity: string; message: string; range: { start: { line: number } } }>;
}

const report = (() => {
  const r = run('check', '--format', 'json', repo);
  assert.equal(r.status, 1, r.stderr);
  return JSON.parse(r.stdout) as FileReport[];
})();
const findings = (path: string) =>
  (report.find((f) => f.file.endsWith(join(...path.split('/'))))?.diagnostics ?? []).filter(
    (d) => d.code === 'codedeploy.appspec-container',
  );

test('a ContainerPort the task definition does not map: one error on the appspec at the port, one on taskdef.json', () => {
  const onAppspec = findings('port/appspec.yaml');
  assert.equal(onAppspec.length, 1);
  assert.equal(onAppspec[0].severity, 'error');
  assert.equal(onAppspec[0].range.start.line, 8, 'the ContainerPort line');
  assert.match(
    onAppspec[0].message,
    /ContainerPort 8080 is not a port that "web" maps in taskdef\.json \(it maps port 80\)/,
  );
  const onTaskdef = findings('port/taskdef.json');
  assert.equal(onTaskdef.length, 1);
  assert.match(onTaskdef[0].message, /routes traffic to port 8080 of "web", which maps port 80/);
});

test('a ContainerName that is not a container, in a JSON appspec: reported at the name on both sides', () => {
  const onAppspec = findings('name/appspec.json');
  assert.equal(onAppspec.length, 1);
  assert.match(onAppspec[0].message, /ContainerName "api" is not a container of the task definition in taskdef\.json/);
  assert.equal(report.find((f) => f.file.endsWith(join('name', 'appspec.json')))?.kind, 'appspec');
  assert.equal(findings('name/taskdef.json').length, 1);
});

test('an appspec that agrees with its task definition, and an EC2 appspec, say nothing', () => {
  assert.deepEqual(findings('ok/appspec.yml'), []);
  assert.deepEqual(findings('ok/taskdef.json'), []);
  assert.equal(
    report.some((f) => f.file.endsWith(join('ec2', 'appspec.yml'))),
    false,
  );
});

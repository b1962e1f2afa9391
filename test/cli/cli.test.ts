import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
const bin = join(repoRoot, 'bin', 'ecs-lens.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: repoRoot });

const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-cli-'));
mkdirSync(join(folder, 'nested'));
const good = join(folder, 'good-task-def.json');
const bad = join(folder, 'nested', 'bad-task-def.json');
writeFileSync(
  good,
  JSON.stringify(
    {
      family: 'web',
      containerDefinitions: [
        {
          name: 'web',
          image: 'nginx:1.27',
          memory: 512,
          readonlyRootFilesystem: true,
          logConfiguration: { logDriver: 'json-file' },
        },
      ],
    },
    null,
    2,
  ),
);
const badLine = '  "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 512, "enviroment": []}]';
writeFileSync(bad, `{\n  "family": "web",\n${badLine}\n}`);
const badColumn = badLine.indexOf('"enviroment"');
writeFileSync(join(folder, 'package.json'), '{"name": "not-ecs"}');

test('check on the examples finds only the mistakes left in the Terraform and CloudFormation examples', () => {
  const r = run('check', 'examples');
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /files checked/);
  const serious = r.stdout.split('\n').filter((l) => / (error|warning) /.test(l));
  assert.deepEqual(
    serious.map((l) => l.replace(/:\d+:\d+ .*? (\S+) .*$/, ' $1')),
    [
      'examples/cloudformation/stack.yaml logging.awslogs-unknown-option',
      'examples/infra/ecs.tf schema.unknown-member',
    ],
  );
});

test('check prints path:line:column severity code message and exits 1 on an error', () => {
  const r = run('check', folder);
  assert.equal(r.status, 1);
  const line = r.stdout.split('\n').find((l) => l.includes('schema.unknown-member'))!;
  assert.equal(
    line,
    `${bad}:3:${badColumn + 1} error schema.unknown-member Unknown member "enviroment" in ContainerDefinition. Did you mean "environment"?`,
  );
  assert.ok(!r.stdout.includes('package.json'), 'non-ECS files in folders are skipped');
});

test('check --format json gives 0-based LSP ranges and the document kind', () => {
  const r = run('check', '--format', 'json', good, bad);
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout) as Array<{
    file: string;
    kind: string;
    diagnostics: Array<{ range: { start: { line: number; character: number } }; severity: string; code: string }>;
  }>;
  assert.deepEqual(
    out.map((f) => [f.file, f.kind]),
    [
      [good, 'task-definition'],
      [bad, 'task-definition'],
    ],
  );
  assert.deepEqual(out[0].diagnostics, []);
  const d = out[1].diagnostics.find((x) => x.code === 'schema.unknown-member')!;
  assert.deepEqual(d.range.start, { line: 2, character: badColumn });
  assert.equal(d.severity, 'error');
});

test('--rule changes a severity', () => {
  const r = run('check', '--rule', 'schema.unknown-member=warning', bad);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /warning schema.unknown-member/);
  const off = run('check', '--rule', 'schema.unknown-member=off', bad);
  assert.ok(!off.stdout.includes('schema.unknown-member'));
});

test('bad usage and unreadable files exit 2 with a message saying which', () => {
  const missing = run('check', join(folder, 'nope.json'));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.json/);
  assert.equal(run('check').status, 2);
  assert.equal(run('check', '--format', 'xml', good).status, 2);
  assert.equal(run('frobnicate').status, 2);
});

test('a dangling link, a huge file and a binary file: the CLI says which file and goes on', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-lens-cli-odd-'));
  writeFileSync(join(dir, 'ok-task-def.json'), readFileSync(good));
  symlinkSync(join(dir, 'gone.json'), join(dir, 'dangling-task-def.json'));
  symlinkSync(join(dir, 'gone.txt'), join(dir, 'dangling.txt'));
  const huge = join(dir, 'huge-task-def.json');
  writeFileSync(huge, '{"family": "x", "containerDefinitions": [], "tags": [' + ' '.repeat(5 * 1024 * 1024) + ']}');
  const walked = run('check', dir);
  assert.equal(walked.status, 2, walked.stderr);
  assert.match(walked.stderr, /cannot read ".*dangling-task-def\.json": ENOENT/);
  assert.doesNotMatch(walked.stderr, /dangling\.txt/);
  assert.match(
    walked.stderr,
    /huge-task-def\.json" is 5\.0 MiB, larger than ECS Lens checks \(4\.0 MiB; ECS takes at most 64 KiB per document\); skipped/,
  );
  assert.match(walked.stdout, /1 file checked: no problems/);

  const named = run('check', '--format', 'json', huge);
  assert.equal(named.status, 2);
  assert.deepEqual(JSON.parse(named.stdout), []);
  assert.match(named.stderr, /huge-task-def\.json" is 5\.0 MiB/);

  // A template holds many documents: as in the editor, it may be larger than one ECS document.
  const template = join(dir, 'Stack.template.json');
  const padding = ' '.repeat(5 * 1024 * 1024);
  writeFileSync(
    template,
    `{"Resources": {"Td": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"Cpu": "3", ${padding}"ContainerDefinitions": [{"Name": "a", "Image": "nginx", "Memory": 512}]}}}}`,
  );
  const large = run('check', '--format', 'json', template);
  assert.equal(large.status, 1, large.stderr);
  const [report] = JSON.parse(large.stdout) as Array<{ kind: string; diagnostics: Array<{ code: string }> }>;
  assert.equal(report.kind, 'cloudformation');
  assert.ok(
    report.diagnostics.some((d) => d.code === 'resources.task-cpu-range'),
    large.stdout,
  );

  writeFileSync(
    template,
    `{"Resources": {"Td": {"Type": "AWS::ECS::TaskDefinition", ${' '.repeat(9 * 1024 * 1024)}}}}`,
  );
  assert.match(
    run('check', template).stderr,
    /Stack\.template\.json" is 9\.0 MiB, larger than ECS Lens checks \(8\.0 MiB/,
  );

  const binary = join(dir, 'image.bin');
  writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  const r = run('check', binary);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /image\.bin" is not UTF-8 text/);
  assert.doesNotMatch(r.stdout, /json\.syntax/);
});

test('rules lists every rule with code, severity, summary and rationale', () => {
  const r = run('rules', '--format', 'json');
  assert.equal(r.status, 0);
  const rules = JSON.parse(r.stdout) as Array<{ code: string; severity: string; summary: string; rationale: string }>;
  assert.ok(rules.some((x) => x.code === 'schema.null-value'));
  assert.ok(rules.every((x) => x.summary && x.rationale && x.severity));
  assert.equal(new Set(rules.map((x) => x.code)).size, rules.length, 'codes are unique');
});

test('docs/rules.md is the generated rule reference, up to date', () => {
  const r = run('rules', '--format', 'markdown');
  assert.equal(r.status, 0);
  assert.equal(
    r.stdout,
    readFileSync(join(repoRoot, 'docs', 'rules.md'), 'utf8'),
    'regenerate with: node bin/ecs-lens.js rules --format markdown > docs/rules.md',
  );
});

test('simulate on the examples places every worker task; explanations only with --explain', () => {
  const args = [
    'simulate',
    '--cluster',
    'examples/web.cluster.json',
    '--task-definition',
    'examples/ec2-worker-task-def.json',
    '--service',
    'examples/ec2-worker-service-def.json',
    '--format',
    'json',
  ];
  const plain = run(...args);
  assert.equal(plain.status, 0, plain.stderr);
  const result = JSON.parse(plain.stdout) as {
    placements: Array<{ task: number; instance: string }>;
    unplaced: unknown[];
    explanations: unknown[];
  };
  assert.equal(result.placements.length, 6);
  assert.deepEqual(result.unplaced, []);
  assert.deepEqual(result.explanations, []);
  const explained = JSON.parse(run(...args, '--explain').stdout) as {
    explanations: Array<{ task: number; steps: unknown[] }>;
  };
  assert.equal(explained.explanations.length, 6);
  assert.ok(explained.explanations.every((e) => e.steps.length >= 3));
});

test('check follows a linked folder loop only once', () => {
  const { symlinkSync } = require('node:fs') as typeof import('node:fs');
  const loopRoot = mkdtempSync(join(tmpdir(), 'ecs-lens-loop-'));
  mkdirSync(join(loopRoot, 'a'));
  writeFileSync(
    join(loopRoot, 'a', 'x-task-def.json'),
    JSON.stringify({ family: 'x', containerDefinitions: [{ name: 'x', image: 'nginx', memory: 128 }] }),
  );
  symlinkSync(loopRoot, join(loopRoot, 'a', 'back'));
  const r = run('check', loopRoot);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /1 file checked/);
});

test('every command takes --help: usage on stdout, exit 0', () => {
  for (const command of ['check', 'simulate', 'deploy', 'scale', 'rules', 'policy']) {
    const r = run(command, '--help');
    assert.equal(r.status, 0, `${command}: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`^(usage|Usage): ecs-lens ${command}\\b`, 'm'), command);
  }
});

test('the summary counts information findings without a plural s', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-lens-summary-'));
  writeFileSync(
    join(dir, 'web-task-def.json'),
    JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx:1.27', memory: 512 }] }),
  );
  const r = spawnSync(process.execPath, [bin, 'check', 'web-task-def.json'], { encoding: 'utf8', cwd: dir });
  assert.match(r.stdout, /1 file checked: 2 information\n$/);
});

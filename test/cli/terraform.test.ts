import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
const bin = join(repoRoot, 'bin', 'ecs-lens.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: repoRoot });
const example = 'examples/infra/ecs.tf';

test('check reads the Terraform example and points at its one mistake in the .tf file', () => {
  const r = run('check', example);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const text = readFileSync(join(repoRoot, example), 'utf8');
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('helthCheck')) + 1;
  const column = lines[line - 1].indexOf('helthCheck') + 1;
  const errors = r.stdout.split('\n').filter((l) => / error /.test(l));
  assert.deepEqual(
    errors.map((l) => l.split(' Unknown member')[0]),
    [`${example}:${line}:${column} error schema.unknown-member`],
  );
  assert.match(errors[0], /drops members the API does not define without a word/);
});

test('simulate takes a task definition and a service from a Terraform file', () => {
  const r = run(
    'simulate',
    '--cluster',
    'examples/web.cluster.json',
    '--task-definition',
    `${example}#aws_ecs_task_definition.worker`,
    '--service',
    `${example}#aws_ecs_service.worker`,
    '--format',
    'json',
  );
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const out = JSON.parse(r.stdout) as { placements: unknown[]; unplaced: unknown[] };
  // The service's desired_count (6) is the number of tasks placed or explained as unplaced.
  assert.equal(out.placements.length + out.unplaced.length, 6);
});

test('a resource the Terraform file does not declare is a clear input error', () => {
  const r = run(
    'simulate',
    '--cluster',
    'examples/web.cluster.json',
    '--task-definition',
    `${example}#aws_ecs_task_definition.api`,
  );
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no resource aws_ecs_task_definition\.api in it \(it declares aws_ecs_task_definition\.web, /);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
const bin = join(repoRoot, 'bin', 'ecs-lens.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: repoRoot });

const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-deploy-'));
const write = (name: string, value: unknown) => {
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
};
const clusterPath = write('web.cluster.json', {
  name: 'web',
  instanceGroups: [
    {
      instanceType: 'm5.large',
      count: 3,
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      runningTasks: [{ group: 'service:web', cpu: 256, memory: 512, hostPorts: [80] }],
    },
  ],
});
const staticPort = write('web-task-def.json', {
  family: 'web',
  containerDefinitions: [
    { name: 'web', image: 'nginx', cpu: 256, memory: 512, portMappings: [{ containerPort: 80, hostPort: 80 }] },
  ],
});
const dynamicPort = write('web-dynamic-task-def.json', {
  family: 'web',
  containerDefinitions: [
    { name: 'web', image: 'nginx', cpu: 256, memory: 512, portMappings: [{ containerPort: 80, hostPort: 0 }] },
  ],
});
const servicePath = write('web-service-def.json', { serviceName: 'web', taskDefinition: 'web', desiredCount: 3 });

test('deploy --format json: a stall on a static host port exits 1 with the reason and the fixes', () => {
  const r = run(
    'deploy',
    '--cluster',
    clusterPath,
    '--service',
    servicePath,
    '--task-definition',
    staticPort,
    '--format',
    'json',
  );
  assert.equal(r.status, 1, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out).slice(0, 7), [
    'outcome',
    'durationSeconds',
    'peakTasks',
    'peakInstances',
    'steps',
    'reason',
    'fixes',
  ]);
  assert.equal(out.outcome, 'stalled');
  assert.equal(out.reason.code, 'port-conflict');
  assert.ok(out.fixes.some((f: string) => /^minimumHealthyPercent 66/.test(f)));
  assert.deepEqual(Object.keys(out.steps[0]), ['t', 'old', 'new', 'pending', 'instances']);
});

test('deploy completes with dynamic host ports and exits 0; text shows the steps', () => {
  const r = run('deploy', '--cluster', clusterPath, '--service', servicePath, '--task-definition', dynamicPort);
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stdout,
    /^Deployment completes in 1:10 \(rolling update, minimumHealthyPercent 100, maximumPercent 200; 3 desired tasks\)/,
  );
  assert.match(r.stdout, /time\s+old\s+new\s+pending\s+instances/);
  const json = JSON.parse(
    run('deploy', '--cluster', clusterPath, '--service', servicePath, '--task-definition', dynamicPort, '--format=json')
      .stdout,
  );
  assert.equal(json.outcome, 'completed');
  assert.equal(json.reason, undefined);
  assert.equal(json.peakTasks, 6);
});

test('deploy --fail-health-checks with a circuit breaker rolls back and exits 1', () => {
  const breaker = write('breaker-service-def.json', {
    serviceName: 'web',
    taskDefinition: 'web',
    desiredCount: 3,
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
  });
  const r = run(
    'deploy',
    '--cluster',
    clusterPath,
    '--service',
    breaker,
    '--task-definition',
    dynamicPort,
    '--fail-health-checks',
    '--format',
    'json',
  );
  assert.equal(r.status, 1);
  assert.equal(JSON.parse(r.stdout).outcome, 'rolled-back');
});

test('deploy exits 2 on bad usage and bad files, naming the file', () => {
  assert.equal(run('deploy', '--cluster', clusterPath).status, 2);
  const badDuration = run(
    'deploy',
    '--cluster',
    clusterPath,
    '--service',
    servicePath,
    '--task-definition',
    staticPort,
    '--task-start',
    'soon',
  );
  assert.equal(badDuration.status, 2);
  assert.match(badDuration.stderr, /--task-start must be a duration/);
  const notJson = join(folder, 'broken.json');
  writeFileSync(notJson, '{');
  const broken = run('deploy', '--cluster', notJson, '--service', servicePath, '--task-definition', staticPort);
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /broken\.json is not valid JSON/);
  const badCluster = run('deploy', '--cluster', servicePath, '--service', servicePath, '--task-definition', staticPort);
  assert.equal(badCluster.status, 2);
  assert.match(badCluster.stderr, /web-service-def\.json: expected a compact cluster file/);
});

test('deploy --task-start 0: a new task starts at once and the deployment completes, it does not stall at 0:00', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-lens-deploy-start-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, value: unknown) => {
    writeFileSync(join(dir, name), JSON.stringify(value));
    return join(dir, name);
  };
  const cluster = file('c.cluster.json', { instanceGroups: [{ instanceType: 'm5.large', count: 2 }] });
  const task = file('t.json', {
    family: 'web',
    containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 256, memory: 512 }],
  });
  const service = file('s.json', { serviceName: 'web', taskDefinition: 'web', desiredCount: 2 });
  const at = (start: string) =>
    run(
      'deploy',
      '--cluster',
      cluster,
      '--service',
      service,
      '--task-definition',
      task,
      '--task-start',
      start,
      '--format',
      'json',
    );
  const zero = at('0');
  assert.equal(zero.status, 0, zero.stdout + zero.stderr);
  const out = JSON.parse(zero.stdout) as { outcome: string; steps: Array<{ t: number; new: number }> };
  assert.equal(out.outcome, 'completed');
  assert.ok(
    out.steps.some((s) => s.t === 0 && s.new > 0),
    'the new tasks run at 0:00',
  );
  // The same deployment with a one-second start completes too, one second later at most per start.
  assert.equal(JSON.parse(at('1s').stdout).outcome, 'completed');
});

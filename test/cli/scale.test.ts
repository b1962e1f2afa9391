import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scaleExample } from './scaleExample';

const repoRoot = join(__dirname, '..', '..', '..');
const bin = join(repoRoot, 'bin', 'ecs-lens.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: repoRoot });
const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-scale-'));

test('scale --format json: series per minute, events and summary; the cluster without a capacity provider leaves tasks unplaced (exit 1)', () => {
  const r = run('scale', ...scaleExample, '--duration', '40m', '--format', 'json');
  assert.equal(r.status, 1, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out).slice(0, 3), ['series', 'events', 'summary']);
  assert.equal(out.series.length, 41);
  assert.deepEqual(Object.keys(out.series[0]), [
    't',
    'load',
    'utilization',
    'desired',
    'running',
    'pending',
    'provisioning',
    'instances',
    'capacityProviderReservation',
  ]);
  assert.equal(out.series[1].t - out.series[0].t, 60);
  assert.equal(out.summary.peakInstances, 6);
  assert.ok(out.summary.peakDesired > out.series[out.series.length - 1].running);
  assert.ok(out.events.some((e: { message: string }) => /tasks not started/.test(e.message)));
});

test('scale exits 0 once every desired task runs by the end; the text report lists the changes', () => {
  const r = run('scale', ...scaleExample, '--duration', '2h');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Peak desired \d+ tasks, peak 6 instances/);
  assert.match(r.stdout, /scale-out alarm: desired 6 → \d+/);
});

test('scale with a capacity provider in the service strategy grows the cluster', () => {
  const service = JSON.parse(readFileSync(join(repoRoot, 'examples', 'ec2-worker-service-def.json'), 'utf8'));
  delete service.launchType;
  service.capacityProviderStrategy = [{ capacityProvider: 'm5-provider', weight: 1 }];
  const servicePath = join(folder, 'worker-cp-service-def.json');
  writeFileSync(servicePath, JSON.stringify(service));
  const args = [...scaleExample];
  args[args.indexOf('examples/ec2-worker-service-def.json')] = servicePath;
  const out = JSON.parse(run('scale', ...args, '--duration', '1h', '--format', 'json').stdout);
  assert.ok(out.summary.peakInstances > 6, JSON.stringify(out.summary));
  assert.ok(out.series.some((p: { provisioning: number }) => p.provisioning > 0));
  assert.ok(
    out.series.some((p: { capacityProviderReservation: number | null }) => (p.capacityProviderReservation ?? 0) > 100),
  );
});

test('scale exits 2 on bad input and names the file', () => {
  assert.equal(run('scale', '--cluster', 'examples/web.cluster.json').status, 2);
  const badLoad = join(folder, 'bad.load.json');
  writeFileSync(badLoad, JSON.stringify({ metric: 'Latency', demand: [] }));
  const args = [...scaleExample];
  args[args.indexOf('examples/worker.load.json')] = badLoad;
  const r = run('scale', ...args);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bad\.load\.json: metric: must be CPUUtilization, MemoryUtilization or RequestCount/);
  assert.match(run('scale', ...scaleExample, '--duration', 'forever').stderr, /--duration must be a duration/);
});

test('scale warns on stderr when the scalable target or policy names another service', () => {
  const service = JSON.parse(readFileSync(join(repoRoot, 'examples', 'ec2-worker-service-def.json'), 'utf8'));
  const servicePath = join(folder, 'api-service-def.json');
  writeFileSync(servicePath, JSON.stringify({ ...service, serviceName: 'api' }));
  const args = [...scaleExample];
  args[args.indexOf('examples/ec2-worker-service-def.json')] = servicePath;
  const r = run('scale', ...args, '--duration', '10m');
  assert.match(r.stderr, /warning: The scalable target's ResourceId names another service than this one/);
  assert.match(r.stderr, /warning: The scaling policy's ResourceId/);
  assert.doesNotMatch(run('scale', ...scaleExample, '--duration', '10m').stderr, /warning/);
});

test('scale --fail-on-shortfall exits 1 when the service runs short for longer than allowed at a stretch', () => {
  // The example ends with every desired task running (exit 0), after tasks went unstarted for a while.
  const json = JSON.parse(run('scale', ...scaleExample, '--duration', '2h', '--format', 'json').stdout);
  const short = json.series.filter((p: { running: number; desired: number }) => p.running < p.desired).length;
  assert.ok(short > 2, `${short} short minutes`);
  const strict = run('scale', ...scaleExample, '--duration', '2h', '--fail-on-shortfall', '1m');
  assert.equal(strict.status, 1, strict.stderr);
  assert.match(
    strict.stderr,
    /ran below its desired count for \d+:\d\d(:\d\d)? \(from \d+:\d\d(:\d\d)? to .*\), longer than --fail-on-shortfall 1m/,
  );
  assert.equal(run('scale', ...scaleExample, '--duration', '2h', '--fail-on-shortfall', '3h').status, 0);
  const bad = run('scale', ...scaleExample, '--fail-on-shortfall', 'soon');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--fail-on-shortfall must be a duration/);
  assert.match(run('scale', '--help').stdout, /--fail-on-shortfall <duration>/);
});

/**
 * Simulator timings at ECS's own limits (5,000 tasks on 5,000 instances: in process under 300 ms,
 * the panel's round trip through the server under 500 ms) beside 1,000 tasks on 100 instances,
 * with the growth exponent between them. Measures only; budgets are checked from the output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { simulate } from '../../server/src/placement';
import { LspClient } from '../lsp/client';
import type { SimulationRequest } from '../../server/src/placement';
import { errorText } from '../unit/errorText';

/** A service on a two-type cluster across three zones, with spread, binpack and memberOf. */
export function request(instances: number, tasks: number): SimulationRequest {
  const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
  return {
    taskDefinition: {
      family: 'bench',
      containerDefinitions: [
        {
          name: 'app',
          image: 'app:latest',
          cpu: 128,
          memory: 256,
          portMappings: [{ containerPort: 8080, hostPort: 0 }],
        },
      ],
    },
    service: {
      serviceName: 'bench',
      desiredCount: tasks,
      placementStrategy: [
        { type: 'spread', field: 'attribute:ecs.availability-zone' },
        { type: 'binpack', field: 'memory' },
      ],
      placementConstraints: [
        { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ m5.* and attribute:team != batch' },
      ],
    },
    cluster: {
      instanceGroups: [
        {
          instanceType: 'm5.2xlarge',
          availabilityZones: zones,
          count: Math.ceil(instances / 2),
          attributes: { team: 'web' },
        },
        {
          instanceType: 'c5.2xlarge',
          availabilityZones: zones,
          count: Math.floor(instances / 2),
          runningTasks: [{ group: 'service:other', cpu: 512, memory: 1024 }],
        },
      ],
    },
    options: { seed: 42 },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function measure(instances: number, tasks: number, runs: number): number {
  const times: number[] = [];
  simulate(request(instances, tasks)); // warm-up
  for (let i = 0; i < runs; i++) {
    const input = request(instances, tasks);
    const start = performance.now();
    const result = simulate(input);
    times.push(performance.now() - start);
    if (result.errors.length > 0 || result.placements.length !== tasks)
      throw new Error(`bench simulation went wrong: ${result.errors.map(errorText).join('; ')}`);
  }
  return median(times);
}

/** The bench inputs as workspace files: a service, its task definition and a cluster file. */
function writeInputs(
  instances: number,
  tasks: number,
): { dir: string; service: string; taskDefinition: string; cluster: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-lens-bench-'));
  const input = request(instances, tasks);
  const files = {
    service: join(dir, 'bench-service-def.json'),
    taskDefinition: join(dir, 'bench-task-def.json'),
    cluster: join(dir, 'bench.cluster.json'),
  };
  writeFileSync(files.cluster, JSON.stringify(input.cluster));
  writeFileSync(files.taskDefinition, JSON.stringify(input.taskDefinition));
  writeFileSync(files.service, JSON.stringify({ ...(input.service as object), taskDefinition: 'bench' }));
  return { dir, ...files };
}

/**
 * The panel's round trip through the real language server over stdio, as the panel asks: the service's
 * URI and the cluster file's, the server reading the files; from the request written to the answer parsed.
 */
export async function panelRoundTrip(
  instances: number,
  tasks: number,
  runs: number,
): Promise<{ ms: number; bytes: number; explainMs: number }> {
  const files = writeInputs(instances, tasks);
  const client = new LspClient();
  try {
    await client.initialize(pathToFileURL(files.dir).toString());
    // As in the editor: the service is the active file; its task definition and the cluster are open too.
    for (const path of [files.taskDefinition, files.cluster, files.service])
      await client.open(pathToFileURL(path).toString(), readFileSync(path, 'utf8'));
    const params = {
      uri: pathToFileURL(files.service).toString(),
      cluster: { uri: pathToFileURL(files.cluster).toString() },
      options: { seed: 42 },
    };
    const times: number[] = [];
    const explains: number[] = [];
    let bytes = 0;
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      const answer = await client.request<{ result?: { placements: unknown[] }; error?: string }>(
        'ecsLens/simulate',
        params,
      );
      const ms = performance.now() - t0;
      if (answer.result?.placements.length !== tasks)
        throw new Error(`panel round trip went wrong: ${JSON.stringify(answer).slice(0, 300)}`);
      const t1 = performance.now();
      const explained = await client.request<{ task: number } | null>('ecsLens/explainTask', {
        ...params,
        task: tasks - 1,
      });
      if (explained?.task !== tasks - 1) throw new Error('no explanation came back');
      // The first round trip warms the server up.
      if (i > 0) {
        times.push(ms);
        explains.push(performance.now() - t1);
      }
      bytes = Buffer.byteLength(JSON.stringify(answer));
    }
    return { ms: median(times), bytes, explainMs: median(explains) };
  } finally {
    await client.stop();
  }
}

/** Process start to exit of `ecs-lens simulate --format json` on the bench inputs. */
export function cliRun(repoRoot: string, instances: number, tasks: number, runs: number): number {
  const { service, taskDefinition, cluster } = writeInputs(instances, tasks);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        join(repoRoot, 'bin', 'ecs-lens.js'),
        'simulate',
        '--cluster',
        cluster,
        '--task-definition',
        taskDefinition,
        '--service',
        service,
        '--format',
        'json',
        '--seed',
        '42',
      ],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    samples.push(performance.now() - t0);
    if (r.status === 2) throw new Error(r.stderr);
  }
  return median(samples);
}

/** How time grows with size between two cases: the exponent k in time ~ size^k. */
export function growthExponent(smallMs: number, smallSize: number, largeMs: number, largeSize: number): number {
  return Math.log(largeMs / smallMs) / Math.log(largeSize / smallSize);
}

export async function benchSimulate(): Promise<{ name: string; medianMs: number }[]> {
  const small = measure(100, 1000, 20);
  const full = measure(5000, 5000, 5);
  const k = growthExponent(small, 1000 + 100, full, 5000 + 5000);
  const kProduct = growthExponent(small, 1000 * 100, full, 5000 * 5000);
  console.log(
    `            growth 1,000x100 -> 5,000x5,000: exponent ${k.toFixed(2)} in tasks+instances (1 = linear), ${kProduct.toFixed(2)} in tasks*instances (1 = a scan per task)`,
  );
  return [
    {
      name: 'simulate 1,000 tasks on 100 instances in process (spread zone, binpack memory, memberOf)',
      medianMs: small,
    },
    {
      name: 'simulate 5,000 tasks on 5,000 instances in process (spread zone, binpack memory, memberOf; budget 300 ms)',
      medianMs: full,
    },
    { name: 'simulate 100 tasks on 50 instances (panel-sized)', medianMs: measure(50, 100, 20) },
  ];
}

if (require.main === module) {
  void benchSimulate().then((rows) => {
    for (const r of rows) console.log(`${r.medianMs.toFixed(1).padStart(9)} ms  ${r.name}`);
  });
}

/**
 * The fix search of a stalled deployment at 500, 1,000, 2,000 and 5,000 tasks (one task per instance on a static
 * host port, minimumHealthyPercent 100: nothing can start until a fix frees room), with the growth exponent
 * between sizes (1 is linear), from CPU time (on a shared machine the wall time also measures the other processes).
 * Measures only; budgets are checked from the output (2,000 tasks under 300 ms).
 * Run alone: `npm run build && node out/test/bench/fixSearch.js`.
 */
import { simulateDeployment } from '../../server/src/dynamics';
import type { DeploymentRequest } from '../../server/src/dynamics';
import { median } from './simulate';

export function stalledDeployment(tasks: number): DeploymentRequest {
  return {
    cluster: {
      instanceGroups: [
        {
          instanceType: 'm5.large',
          count: tasks,
          availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
          runningTasks: [{ group: 'service:bench', cpu: 256, memory: 512, hostPorts: [8080] }],
        },
      ],
    },
    service: { serviceName: 'bench', desiredCount: tasks },
    taskDefinition: {
      family: 'bench',
      containerDefinitions: [
        { name: 'app', image: 'app:2', cpu: 256, memory: 512, portMappings: [{ containerPort: 8080, hostPort: 8080 }] },
      ],
    },
  };
}

export const fixSearchSizes = [500, 1000, 2000, 5000] as const;

/**
 * Tasks searched per sample: each size runs as many searches as this volume holds (20 at 500, 2 at 5,000), so every
 * sample allocates about as much and the collector's work is spread over as many searches as it serves.
 */
const sampleVolume = 10_000;

interface Sample {
  cpuMs: number;
  wallMs: number;
}

/**
 * One sample: CPU and wall time per search over a volume of searches, and the fixes the last one found. No collection
 * is forced between samples: the search right after a forced full collection measured two to three times slower than
 * the ones after it, so every sample would measure that instead of the search.
 */
function sample(request: DeploymentRequest, tasks: number): Sample & { fixes: number } {
  const searches = Math.max(1, Math.round(sampleVolume / tasks));
  let fixes = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < searches; i++) {
    const r = simulateDeployment(request);
    fixes = r.fixes?.length ?? 0;
    if (r.outcome !== 'stalled') throw new Error(`the bench deployment of ${tasks} tasks did not stall`);
  }
  const wallMs = (performance.now() - t0) / searches;
  const c = process.cpuUsage(c0);
  return { cpuMs: (c.user + c.system) / 1000 / searches, wallMs, fixes };
}

/**
 * Each round takes one sample of every size, in turn, after one round of warm-up: a busy moment of the machine
 * falls on all sizes alike instead of on one. The growth exponent compares each size's lowest CPU time per search
 * over the rounds (load from other processes only adds time); the median is printed beside it.
 */
export function benchFixSearch(rounds = 7): Array<{ name: string; medianMs: number; detail: string }> {
  const requests = fixSearchSizes.map((tasks) => stalledDeployment(tasks));
  const samples: Sample[][] = fixSearchSizes.map(() => []);
  const fixes: number[] = fixSearchSizes.map(() => 0);
  for (let round = 0; round <= rounds; round++) {
    fixSearchSizes.forEach((tasks, k) => {
      const s = sample(requests[k], tasks);
      fixes[k] = s.fixes;
      if (round > 0) samples[k].push(s);
    });
  }
  const minCpu = samples.map((s) => Math.min(...s.map((x) => x.cpuMs)));
  const medianCpu = samples.map((s) => median(s.map((x) => x.cpuMs)));
  const exponent = (values: number[], k: number, from = k - 1) =>
    (Math.log(values[k] / values[from]) / Math.log(fixSearchSizes[k] / fixSearchSizes[from])).toFixed(2);
  return fixSearchSizes.map((tasks, k) => {
    let detail = `${fixes[k]} fixes, ${minCpu[k].toFixed(0)} ms of CPU (lowest of ${rounds} rounds; median ${medianCpu[k].toFixed(0)} ms)`;
    if (k > 0)
      detail += `; growth exponent from ${fixSearchSizes[k - 1]}: ${exponent(minCpu, k)} (medians: ${exponent(medianCpu, k)})`;
    if (k === fixSearchSizes.length - 1)
      detail += `; from ${fixSearchSizes[0]}: ${exponent(minCpu, k, 0)} (medians: ${exponent(medianCpu, k, 0)})`;
    return {
      name: `deploy: fix search of a stalled deployment, ${tasks.toLocaleString('en-US')} tasks on as many instances`,
      medianMs: median(samples[k].map((x) => x.wallMs)),
      detail,
    };
  });
}

if (require.main === module) {
  for (const r of benchFixSearch()) console.log(`${r.medianMs.toFixed(1).padStart(10)} ms  ${r.name}  (${r.detail})`);
}

/**
 * The fix search of a stalled deployment at 500, 1,000, 2,000 and 5,000 tasks (one task per instance on a static
 * host port, minimumHealthyPercent 100: nothing can start until a fix frees room), with the growth exponent
 * between sizes (1 is linear). Measures only; budgets are checked from the output (2,000 tasks under 300 ms).
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

export function benchFixSearch(runs = 5): Array<{ name: string; medianMs: number; detail: string }> {
  const rows: Array<{ name: string; medianMs: number; cpuMs: number; detail: string; tasks: number }> = [];
  for (const tasks of fixSearchSizes) {
    const request = stalledDeployment(tasks);
    let fixes = 0;
    const once = () => {
      const r = simulateDeployment(request);
      fixes = r.fixes?.length ?? 0;
      if (r.outcome !== 'stalled') throw new Error(`the bench deployment of ${tasks} tasks did not stall`);
    };
    once();
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      once();
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    rows.push({
      tasks,
      name: `deploy: fix search of a stalled deployment, ${tasks.toLocaleString('en-US')} tasks on as many instances`,
      medianMs: median(times),
      cpuMs: median(cpu),
      detail: `${fixes} fixes, ${median(cpu).toFixed(0)} ms of CPU`,
    });
  }
  return rows.map((r, k) => {
    if (k === 0) return r;
    const prev = rows[k - 1];
    // From CPU time: on a shared machine the wall time also measures the other processes.
    const exponent = Math.log(r.cpuMs / prev.cpuMs) / Math.log(r.tasks / prev.tasks);
    return { ...r, detail: `${r.detail}; growth exponent from ${prev.tasks}: ${exponent.toFixed(2)}` };
  });
}

if (require.main === module) {
  for (const r of benchFixSearch()) console.log(`${r.medianMs.toFixed(1).padStart(10)} ms  ${r.name}  (${r.detail})`);
}

/**
 * Simulator timings: a large cluster (10,000 tasks on 1,000 instances, budget 1 s) and a
 * panel-sized one (100 tasks on 50 instances, budget 200 ms). Measures only; budgets are checked from the output.
 */
import { simulate } from '../../server/src/placement';
import type { SimulationRequest } from '../../server/src/placement';

/** A service on a two-type cluster across three zones, with spread, binpack and memberOf. */
export function request(instances: number, tasks: number): SimulationRequest {
  const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
  return {
    taskDefinition: {
      family: 'bench',
      containerDefinitions: [{ name: 'app', image: 'app:latest', cpu: 128, memory: 256, portMappings: [{ containerPort: 8080, hostPort: 0 }] }],
    },
    service: {
      serviceName: 'bench',
      desiredCount: tasks,
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }],
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ m5.* and attribute:team != batch' }],
    },
    cluster: {
      instanceGroups: [
        { instanceType: 'm5.2xlarge', availabilityZones: zones, count: Math.ceil(instances / 2), attributes: { team: 'web' } },
        { instanceType: 'c5.2xlarge', availabilityZones: zones, count: Math.floor(instances / 2), runningTasks: [{ group: 'service:other', cpu: 512, memory: 1024 }] },
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
    if (result.errors.length > 0 || result.placements.length !== tasks) throw new Error(`bench simulation went wrong: ${result.errors.join('; ')}`);
  }
  return median(times);
}

export async function benchSimulate(): Promise<{ name: string; medianMs: number }[]> {
  return [
    { name: 'simulate 10,000 tasks on 1,000 instances (spread zone, binpack memory, memberOf)', medianMs: measure(1000, 10_000, 5) },
    { name: 'simulate 100 tasks on 50 instances (panel update)', medianMs: measure(50, 100, 20) },
  ];
}

if (require.main === module) {
  void benchSimulate().then((rows) => {
    for (const r of rows) console.log(`${r.medianMs.toFixed(1).padStart(9)} ms  ${r.name}`);
  });
}

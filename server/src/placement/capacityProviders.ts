/**
 * Capacity provider strategies: which provider launches each task of a service.
 * Facts: Amazon ECS Developer Guide, "Amazon ECS capacity providers" (cluster-capacity-providers.html)
 * and "AWS Fargate capacity providers" (fargate-capacity-providers.html).
 */
import { isFargateProvider } from '../ecs/fargateProviders';
import { textOf } from './text';

export interface ProviderShare {
  capacityProvider: string;
  base: number;
  weight: number;
}

/**
 * Whether the tasks run on Fargate, the one decision the placement engine, `deploy` and `scale` share: a launch type
 * decides alone; else a capacity provider strategy of Fargate providers only; else (no service, or neither set) a task
 * definition that is compatible with Fargate only (API reference, CreateService launchType and
 * capacityProviderStrategy; RegisterTaskDefinition requiresCompatibilities).
 */
export function runsOnFargate(
  service: { launchType?: string; providerStrategy: ProviderShare[] } | undefined,
  task: { requiresCompatibilities: string[] },
): boolean {
  if (service?.launchType) return service.launchType === 'FARGATE';
  if (service && service.providerStrategy.length > 0)
    return service.providerStrategy.every((c) => isFargateProvider(c.capacityProvider));
  // Without a launch type, a task definition that only runs on Fargate cannot land on EC2 instances.
  return task.requiresCompatibilities.length > 0 && task.requiresCompatibilities.every((c) => c === 'FARGATE');
}

function whole(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

/** A capacityProviderStrategy list; base and weight default to 0 as in the API (cluster-capacity-providers.html). */
export function parseStrategy(list: unknown): ProviderShare[] {
  if (!Array.isArray(list)) return [];
  const out: ProviderShare[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
    const raw = item as Record<string, unknown>;
    if (raw.capacityProvider === undefined) continue;
    out.push({ capacityProvider: textOf(raw.capacityProvider, 255), base: whole(raw.base), weight: whole(raw.weight) });
  }
  return out;
}

/**
 * The provider (index into `shares`) of each of `count` tasks. cluster-capacity-providers.html: the one
 * provider with a base gets that many tasks first; the rest go by weight, and a weight of 0 gets none.
 * Within the weights, each task goes to the provider furthest below its share (ties: the first listed).
 */
export function splitTasks(shares: ProviderShare[], count: number): { perTask: number[]; error?: string } {
  const perTask: number[] = [];
  const withBase = shares.findIndex((s) => s.base > 0);
  if (shares.filter((s) => s.base > 0).length > 1)
    return { perTask, error: 'only one capacity provider in a strategy may set a base' };
  const baseTasks = withBase >= 0 ? Math.min(count, shares[withBase].base) : 0;
  for (let t = 0; t < baseTasks; t++) perTask.push(withBase);
  const rest = count - baseTasks;
  const total = shares.reduce((sum, s) => sum + s.weight, 0);
  if (rest > 0 && total === 0)
    return {
      perTask,
      error: 'at least one capacity provider in the strategy needs a weight above 0 to place tasks beyond the base',
    };
  const assigned = shares.map(() => 0);
  for (let k = 0; k < rest; k++) {
    let best = -1;
    let bestDeficit = -Infinity;
    for (let i = 0; i < shares.length; i++) {
      if (shares[i].weight === 0) continue;
      const deficit = (shares[i].weight * (k + 1)) / total - assigned[i];
      if (deficit > bestDeficit + 1e-9) {
        best = i;
        bestDeficit = deficit;
      }
    }
    assigned[best]++;
    perTask.push(best);
  }
  return { perTask };
}

/**
 * Capacity provider strategies: which provider launches each task of a service.
 * Facts: Amazon ECS Developer Guide, "Amazon ECS capacity providers" (cluster-capacity-providers.html)
 * and "AWS Fargate capacity providers" (fargate-capacity-providers.html).
 */
import { isFargateProvider } from '../ecs/fargateProviders';
import type { ClusterModel, SimInstance } from './clusterModel';
import type { CompiledConstraint } from './constraints';
import type { CapacityProviderEntry } from './managedScaling';
import { textOf } from './text';
import type { CapacityProviderSettings } from './types';

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

/**
 * The capacity provider strategy the tasks launch with: the service's, else the cluster's default strategy, else the
 * cluster file's single `capacityProvider` (or the panel's) as that default (cluster-capacity-providers.html). A launch
 * type rules a strategy out (cluster-auto-scaling.html: only tasks launched through a provider make it scale out).
 */
export function strategyInEffect(
  service: { launchType?: string; providerStrategy: ProviderShare[] } | undefined,
  cluster: Pick<ClusterModel, 'defaultStrategy' | 'capacityProvider'> | undefined,
  panelProvider?: CapacityProviderSettings,
): ProviderShare[] {
  if (service?.launchType) return [];
  if (service && service.providerStrategy.length > 0) return service.providerStrategy;
  if (!cluster) return [];
  if (cluster.defaultStrategy.length > 0) return cluster.defaultStrategy;
  if (cluster.capacityProvider || panelProvider)
    return [
      {
        capacityProvider: cluster.capacityProvider?.name ?? panelProvider?.name ?? 'default',
        base: 0,
        weight: 1,
      },
    ];
  return [];
}

/** An Auto Scaling group capacity provider as scale-out models it: its name, its settings and its group's instances. */
export interface ProviderGroup {
  name: string;
  /** The cluster file's settings for it; undefined when the file has none (the API defaults and its instances' type apply). */
  entry?: CapacityProviderEntry;
  /** Its own instances when the file says which instance is whose; else every instance of the cluster. */
  instances: SimInstance[];
}

/**
 * The group behind provider `name`, the one choice the placement estimate, `deploy` and `scale` make: the file's
 * provider of that name, else its single `capacityProvider` (a provider without a list of names serves the strategy's).
 */
export function providerGroup(
  cluster: Pick<ClusterModel, 'providers' | 'capacityProvider' | 'instances'>,
  name: string,
): ProviderGroup {
  const entry = cluster.providers.get(name) ?? cluster.capacityProvider;
  const own = providerMembership([name], cluster.instances);
  const instances = own ? cluster.instances.filter((i) => own.allows(i)) : cluster.instances;
  return entry ? { name, entry, instances } : { name, instances };
}

/**
 * The instances the tasks of these Auto Scaling group providers may run on: each provider's own (its group's)
 * instances only (cluster-capacity-providers.html), as a constraint of the placement; none when the cluster file does
 * not say which instance belongs to which provider, or when no such provider is named.
 */
export function providerMembership(
  names: readonly string[],
  instances: readonly Pick<SimInstance, 'capacityProvider'>[],
): CompiledConstraint | undefined {
  const own = names.filter((n) => !isFargateProvider(n));
  if (own.length === 0 || !instances.some((i) => i.capacityProvider !== undefined)) return undefined;
  return {
    input: { type: 'memberOf' },
    label: `capacityProvider(${own.join(', ')})`,
    allows: own.length === 1 ? (i) => i.capacityProvider === own[0] : (i) => own.includes(i.capacityProvider ?? ''),
  };
}

/** The instances a service's tasks may run on, by the Auto Scaling group providers of the strategy in effect. */
export function serviceMembership(
  service: { launchType?: string; providerStrategy: ProviderShare[] } | undefined,
  cluster: Pick<ClusterModel, 'defaultStrategy' | 'capacityProvider' | 'instances'>,
): CompiledConstraint | undefined {
  return providerMembership(
    strategyInEffect(service, cluster).map((s) => s.capacityProvider),
    cluster.instances,
  );
}

/**
 * The one group a simulation over time scales (deploy and scale model one): that of the first Auto Scaling group
 * provider in the strategy in effect; undefined without one (a launch type, Fargate only, or no strategy at all).
 */
export function launchGroup(
  service: { launchType?: string; providerStrategy: ProviderShare[] } | undefined,
  cluster: Pick<ClusterModel, 'defaultStrategy' | 'capacityProvider' | 'providers' | 'instances'>,
): ProviderGroup | undefined {
  const share = strategyInEffect(service, cluster).find((s) => !isFargateProvider(s.capacityProvider));
  return share && providerGroup(cluster, share.capacityProvider);
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

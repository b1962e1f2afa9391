/**
 * What a deployment needs from the service, the cluster file and the task definition beyond placement:
 * deployment configuration, load balancers, health timing, capacity provider, and the tasks running now.
 */
import {
  circuitBreakerResetOnHealthyTaskDefault,
  circuitBreakerThresholdTypes,
  circuitBreakerThresholdValueMin,
  containerHealthCheckDefaults,
  deploymentDefaults,
  type CircuitBreakerThresholdConfiguration,
  type CircuitBreakerThresholdType,
  defaultDeploymentStrategy,
  deploymentStrategyOf,
  type DeploymentStrategy,
} from '../ecs/deployments';
import type { ClusterModel, SimInstance } from '../placement/clusterModel';
import { launchGroup } from '../placement/capacityProviders';
import { resolveManagedScaling, type ManagedScaling, type ManagedScalingOverrides } from '../placement/managedScaling';
import type { TaskRequirement } from '../placement/taskModel';
import { inputError, type InputError } from '../placement/inputErrors';

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** describe-services output holds a list; the first service is the one deployed. */
export function serviceObject(input: unknown): Json | undefined {
  if (isObject(input) && Array.isArray(input.services))
    return isObject(input.services[0]) ? input.services[0] : undefined;
  return isObject(input) ? input : undefined;
}

export interface DeploymentSettings {
  strategy: DeploymentStrategy;
  minimumHealthyPercent: number;
  maximumPercent: number;
  circuitBreaker: {
    enable: boolean;
    rollback: boolean;
    /** thresholdConfiguration when given (BOUNDED_PERCENT 50 otherwise). */
    threshold?: Partial<CircuitBreakerThresholdConfiguration>;
    /** Whether a task that turns healthy resets the failure count. */
    resetOnHealthyTask: boolean;
  };
  bakeTimeMinutes: number;
  linear?: { stepPercent?: number; stepBakeTimeInMinutes?: number };
  canary?: { canaryPercent?: number; canaryBakeTimeInMinutes?: number };
  loadBalanced: boolean;
  healthCheckGracePeriodSeconds: number;
  /** The revision the service runs now (describe-services output), when it says. */
  currentTaskDefinition?: string;
  errors: InputError[];
}

export function deploymentSettings(service: Json, daemon: boolean): DeploymentSettings {
  const errors: InputError[] = [];
  const dc = isObject(service.deploymentConfiguration) ? service.deploymentConfiguration : {};
  const defaults = daemon ? deploymentDefaults.daemon : deploymentDefaults.replica;
  const percent = (key: 'minimumHealthyPercent' | 'maximumPercent', fallback: number): number => {
    if (dc[key] === undefined) return fallback;
    const v = num(dc[key]);
    if (v === undefined || v < 0 || !Number.isInteger(v)) {
      const at = `deploymentConfiguration.${key}`;
      errors.push(inputError('service', 'must be a whole number of percent', at));
      return fallback;
    }
    return v;
  };
  const rawStrategy = typeof dc.strategy === 'string' ? dc.strategy : defaultDeploymentStrategy;
  const strategy = deploymentStrategyOf(rawStrategy) ?? defaultDeploymentStrategy;
  if (rawStrategy !== strategy)
    errors.push(
      inputError('service', 'must be ROLLING, BLUE_GREEN, LINEAR or CANARY', 'deploymentConfiguration.strategy'),
    );
  const cb = isObject(dc.deploymentCircuitBreaker) ? dc.deploymentCircuitBreaker : {};
  const lc = isObject(dc.linearConfiguration) ? dc.linearConfiguration : undefined;
  const cc = isObject(dc.canaryConfiguration) ? dc.canaryConfiguration : undefined;
  const lbs = Array.isArray(service.loadBalancers) ? service.loadBalancers.filter(isObject) : [];
  let current: string | undefined;
  if (Array.isArray(service.deployments)) {
    const primary = service.deployments.filter(isObject).find((d) => d.status === 'PRIMARY');
    if (primary && typeof primary.taskDefinition === 'string') current = primary.taskDefinition;
  }
  if (!current && typeof service.taskDefinitionArn === 'string') current = service.taskDefinitionArn;
  return {
    strategy,
    minimumHealthyPercent: percent('minimumHealthyPercent', defaults.minimumHealthyPercent),
    maximumPercent: percent('maximumPercent', defaults.maximumPercent),
    circuitBreaker: {
      enable: cb.enable === true,
      rollback: cb.rollback === true,
      threshold: thresholdConfiguration(cb.thresholdConfiguration),
      resetOnHealthyTask:
        typeof cb.resetOnHealthyTask === 'boolean' ? cb.resetOnHealthyTask : circuitBreakerResetOnHealthyTaskDefault,
    },
    bakeTimeMinutes: num(dc.bakeTimeInMinutes) ?? 0,
    linear: lc ? { stepPercent: num(lc.stepPercent), stepBakeTimeInMinutes: num(lc.stepBakeTimeInMinutes) } : undefined,
    canary: cc
      ? { canaryPercent: num(cc.canaryPercent), canaryBakeTimeInMinutes: num(cc.canaryBakeTimeInMinutes) }
      : undefined,
    loadBalanced: lbs.length > 0,
    healthCheckGracePeriodSeconds: num(service.healthCheckGracePeriodSeconds) ?? 0,
    currentTaskDefinition: current,
    errors,
  };
}

/** The circuit breaker's thresholdConfiguration, the parts of it that are known and in range (`check` reports the rest). */
function thresholdConfiguration(raw: unknown): Partial<CircuitBreakerThresholdConfiguration> | undefined {
  if (!isObject(raw)) return undefined;
  const out: Partial<CircuitBreakerThresholdConfiguration> = {};
  if (circuitBreakerThresholdTypes.includes(raw.type as CircuitBreakerThresholdType))
    out.type = raw.type as CircuitBreakerThresholdType;
  const value = num(raw.value);
  if (value !== undefined && Number.isInteger(value) && value >= circuitBreakerThresholdValueMin) out.value = value;
  return out;
}

/** The container health check of the essential containers: the longest interval and the most patient failure detection. */
export interface HealthTiming {
  hasHealthCheck: boolean;
  interval: number;
  retries: number;
  startPeriod: number;
}

export function healthTiming(taskDefinition: unknown): HealthTiming {
  const td =
    isObject(taskDefinition) && isObject(taskDefinition.taskDefinition)
      ? taskDefinition.taskDefinition
      : taskDefinition;
  const d = containerHealthCheckDefaults;
  const timing: HealthTiming = { hasHealthCheck: false, interval: 0, retries: 0, startPeriod: 0 };
  const containers =
    isObject(td) && Array.isArray(td.containerDefinitions) ? td.containerDefinitions.filter(isObject) : [];
  for (const c of containers) {
    if (c.essential === false || !isObject(c.healthCheck)) continue;
    timing.hasHealthCheck = true;
    timing.interval = Math.max(timing.interval, num(c.healthCheck.interval) ?? d.interval);
    timing.retries = Math.max(timing.retries, num(c.healthCheck.retries) ?? d.retries);
    timing.startPeriod = Math.max(timing.startPeriod, num(c.healthCheck.startPeriod) ?? d.startPeriod);
  }
  return timing;
}

/**
 * The Auto Scaling group capacity provider a service launches through, chosen as the placement estimate chooses it
 * (placement/capacityProviders.ts `launchGroup`: the first such provider of the strategy in effect), resolved by the
 * one managed-scaling model.
 */
export function capacityProviderFor(
  cluster: ClusterModel,
  names: string[],
  launchType: string | undefined,
  overrides: ManagedScalingOverrides,
): ManagedScaling | undefined {
  const providerStrategy = names.map((capacityProvider) => ({ capacityProvider, base: 0, weight: 1 }));
  const group = launchGroup({ launchType, providerStrategy }, cluster);
  return group && resolveManagedScaling(group.entry, overrides, group.instances);
}

/** One task of the service running now: where, and what it holds there. */
export interface CurrentTask {
  instance: SimInstance;
  task: TaskRequirement;
}

/**
 * The service's tasks in the cluster file: compact `runningTasks` entries whose group is the service's,
 * or describe-tasks output under `tasks` in describe-container-instances output.
 */
export function currentTasks(
  cluster: unknown,
  instances: SimInstance[],
  group: string,
  fallback: TaskRequirement,
): CurrentTask[] {
  const found: CurrentTask[] = [];
  if (!isObject(cluster)) return found;
  if (Array.isArray(cluster.instanceGroups)) {
    let offset = 0;
    for (const raw of cluster.instanceGroups) {
      if (!isObject(raw)) continue;
      const count = raw.count === undefined ? 1 : (num(raw.count) ?? 0);
      const tasks = Array.isArray(raw.runningTasks) ? raw.runningTasks.filter(isObject) : [];
      for (const t of tasks) {
        if (t.group !== group) continue;
        const req: TaskRequirement = {
          ...fallback,
          cpu: num(t.cpu) ?? 0,
          memory: num(t.memory) ?? 0,
          tcpPorts: Array.isArray(t.hostPorts) ? t.hostPorts.filter((p): p is number => typeof p === 'number') : [],
          udpPorts: Array.isArray(t.udpHostPorts)
            ? t.udpHostPorts.filter((p): p is number => typeof p === 'number')
            : [],
          networkMode: t.networkMode === 'awsvpc' ? 'awsvpc' : 'bridge',
          gpus: num(t.gpus) ?? 0,
        };
        const n = num(t.count) ?? 1;
        for (let k = 0; k < count; k++) {
          const instance = instances[offset + k];
          if (instance) for (let i = 0; i < n; i++) found.push({ instance, task: req });
        }
      }
      offset += count;
    }
  } else if (Array.isArray(cluster.containerInstances) && Array.isArray(cluster.tasks)) {
    const byArn = new Map<string, SimInstance>();
    cluster.containerInstances.forEach((ci, i) => {
      if (isObject(ci) && typeof ci.containerInstanceArn === 'string' && instances[i])
        byArn.set(ci.containerInstanceArn, instances[i]);
    });
    for (const t of cluster.tasks.filter(isObject)) {
      if (t.group !== group || t.lastStatus === 'STOPPED' || typeof t.containerInstanceArn !== 'string') continue;
      const instance = byArn.get(t.containerInstanceArn);
      if (!instance) continue;
      const ports: number[] = [];
      for (const c of Array.isArray(t.containers) ? t.containers.filter(isObject) : []) {
        for (const b of Array.isArray(c.networkBindings) ? c.networkBindings.filter(isObject) : []) {
          const p = num(b.hostPort);
          if (p !== undefined && p > 0) ports.push(p);
        }
      }
      const eni =
        Array.isArray(t.attachments) && t.attachments.some((a) => isObject(a) && a.type === 'ElasticNetworkInterface');
      found.push({
        instance,
        task: {
          ...fallback,
          cpu: num(t.cpu) ?? fallback.cpu,
          memory: num(t.memory) ?? fallback.memory,
          tcpPorts: ports,
          udpPorts: [],
          networkMode: eni ? 'awsvpc' : 'bridge',
        },
      });
    }
  }
  return found;
}

/**
 * Admission of the numbers a simulation reads: every member the simulators take a number from is checked
 * against the ECS, Application Auto Scaling or CloudWatch limit it stands for, before any work, so no value
 * a repository holds (`stepPercent: 0`, `minimumScalingStepSize: 1e9`, a running-task `count` of 1e8) can
 * make a loop run for ever or a list grow past memory. Collections are bounded by ECS's own limits too
 * (5,000 instances per cluster, 5,000 tasks per service), not by bytes alone.
 *
 * An error names the file, the member and the limit; it never quotes the value it found.
 */
import {
  autoScalingLimits as as,
  deregistrationDelayLimit,
  attributeLimits,
  ecsNumericLimits as ecs,
  healthCheckLimits,
  type NumericLimit,
} from '../ecs/limits';
import { simulatorDefaults } from '../dynamics/defaults';
import { generalError, inputError, type InputError, type SimulationInput } from '../placement/inputErrors';

type Json = Record<string, unknown>;

/** The inputs of a simulation, by role; each is checked when present. */
export interface AdmissionInput {
  cluster?: unknown;
  service?: unknown;
  taskDefinition?: unknown;
  currentTaskDefinition?: unknown;
  target?: unknown;
  policy?: unknown;
  alarms?: unknown[];
  load?: unknown;
  options?: unknown;
}

/** What a number is read from: an input (its errors name it) or the simulator's own options. */
type Role = SimulationInput | 'options';

// The simulator's own inputs (no ECS file holds them): bounded by its horizon and by ECS's instance limit.
const horizon = simulatorDefaults.deploymentHorizonSeconds;
const optionLimits: Record<string, NumericLimit> = {
  deregistrationDelaySeconds: deregistrationDelayLimit,
  taskStartSeconds: { min: 0, max: horizon, integer: true, source: 'the simulated horizon of 6 hours' },
  instanceLaunchSeconds: { min: 0, max: horizon, integer: true, source: 'the simulated horizon of 6 hours' },
  maxInstances: ecs.instances,
  minimumScalingStepSize: ecs.scalingStepSize,
  maximumScalingStepSize: ecs.scalingStepSize,
  seed: { min: 0, max: 2 ** 32 - 1, integer: true, source: 'a 32-bit seed' },
  healthyEvery: { ...ecs.desiredCount, min: 1 },
  timelineInstances: ecs.instances,
};

/** Seconds a load profile can span: the longest scaling simulation (7 days). */
const loadSeconds: NumericLimit = { min: 0, max: 7 * 24 * 3600, source: 'the longest scaling simulation, 7 days' };
const loadAmount: NumericLimit = { min: 0, max: 1e15, source: 'a finite demand' };
/** Points of a load profile: one a second over the longest simulation. */
const maxLoadPoints = 7 * 24 * 3600;

/** Errors listed at most: enough to fix a file, not one per entry of a huge list. */
const maxErrors = 20;

/** Errors for every number outside its limit, one per member; empty when all may be simulated. */
export function admitSimulationInput(input: AdmissionInput): InputError[] {
  const errors: InputError[] = [];
  const check = (role: Role) => {
    return (member: string, value: unknown, limit: NumericLimit) => {
      // A file of a million bad numbers gets a few lines, not a million.
      if (errors.length >= maxErrors) return;
      const problem = outside(value, limit);
      if (!problem) return;
      errors.push(role === 'options' ? generalError(problem, `options.${member}`) : inputError(role, problem, member));
    };
  };
  if (input.service !== undefined) admitService(serviceObject(input.service), check('service'));
  if (input.taskDefinition !== undefined) admitTaskDefinition(input.taskDefinition, check('task definition'));
  if (input.currentTaskDefinition !== undefined)
    admitTaskDefinition(input.currentTaskDefinition, check('current task definition'));
  if (input.cluster !== undefined) admitCluster(input.cluster, check('cluster'), errors);
  if (input.target !== undefined) admitTarget(input.target, check('scalable target'));
  if (input.policy !== undefined) admitPolicy(input.policy, check('scaling policy'));
  (input.alarms ?? []).forEach((a, i) => admitAlarm(a, `[${i}]`, check('alarm')));
  if (input.load !== undefined) admitLoad(input.load, check('load profile'), errors);
  if (isObject(input.options)) {
    const c = check('options');
    for (const [key, limit] of Object.entries(optionLimits)) {
      const value = input.options[key];
      // Options come from flags and requests, not files: a number, never a numeric string.
      if (value !== undefined && typeof value !== 'number' && errors.length < maxErrors)
        errors.push(generalError(`must be a number (${limit.source}); not simulated.`, `options.${key}`));
      else c(key, value, limit);
    }
  }
  return errors;
}

type Check = (member: string, value: unknown, limit: NumericLimit) => void;

/** Why a value is not allowed, in words that say what is; undefined when it is, or when it is no number at all. */
function outside(value: unknown, limit: NumericLimit): string | undefined {
  const n = numeric(value);
  if (n === undefined) return undefined;
  const range = `${limit.integer ? 'a whole number ' : ''}from ${format(limit.min)} to ${format(limit.max)}`;
  if (!Number.isFinite(n) || n < limit.min || n > limit.max || (limit.integer && !Number.isInteger(n)))
    return `must be ${range} (${limit.source}); not simulated.`;
  return undefined;
}

/** A number, or a numeric string as the parsers take it; anything else is for the parsers to report. */
function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.length < 40 && /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(value))
    return Number(value);
  return undefined;
}

function format(n: number): string {
  return Math.abs(n) >= 1e6 || (n !== 0 && Math.abs(n) < 1e-3) ? n.toExponential() : n.toLocaleString('en-US');
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function serviceObject(input: unknown): Json | undefined {
  if (isObject(input) && Array.isArray(input.services))
    return isObject(input.services[0]) ? input.services[0] : undefined;
  return isObject(input) ? input : undefined;
}

function admitService(service: Json | undefined, c: Check): void {
  if (!service) return;
  c('desiredCount', service.desiredCount, ecs.desiredCount);
  c('healthCheckGracePeriodSeconds', service.healthCheckGracePeriodSeconds, ecs.healthCheckGracePeriodSeconds);
  const dc = isObject(service.deploymentConfiguration) ? service.deploymentConfiguration : undefined;
  if (!dc) return;
  const at = 'deploymentConfiguration.';
  c(`${at}minimumHealthyPercent`, dc.minimumHealthyPercent, ecs.minimumHealthyPercent);
  c(`${at}maximumPercent`, dc.maximumPercent, ecs.maximumPercent);
  c(`${at}bakeTimeInMinutes`, dc.bakeTimeInMinutes, ecs.bakeTimeInMinutes);
  if (isObject(dc.linearConfiguration)) {
    c(`${at}linearConfiguration.stepPercent`, dc.linearConfiguration.stepPercent, ecs.stepPercent);
    c(
      `${at}linearConfiguration.stepBakeTimeInMinutes`,
      dc.linearConfiguration.stepBakeTimeInMinutes,
      ecs.stepBakeTimeInMinutes,
    );
  }
  if (isObject(dc.canaryConfiguration)) {
    c(`${at}canaryConfiguration.canaryPercent`, dc.canaryConfiguration.canaryPercent, ecs.canaryPercent);
    c(
      `${at}canaryConfiguration.canaryBakeTimeInMinutes`,
      dc.canaryConfiguration.canaryBakeTimeInMinutes,
      ecs.canaryBakeTimeInMinutes,
    );
  }
}

function admitTaskDefinition(input: unknown, c: Check): void {
  const td = isObject(input) && isObject(input.taskDefinition) ? input.taskDefinition : input;
  if (!isObject(td)) return;
  list(td.containerDefinitions).forEach((container, i) => {
    if (!isObject(container) || !isObject(container.healthCheck)) return;
    const h = container.healthCheck;
    for (const key of ['interval', 'timeout', 'retries', 'startPeriod'] as const)
      c(`containerDefinitions[${i}].healthCheck.${key}`, h[key], {
        ...healthCheckLimits[key],
        integer: true,
        source: 'ECS HealthCheck',
      });
  });
}

function admitCluster(cluster: unknown, c: Check, errors: InputError[]): void {
  if (!isObject(cluster)) return;
  // Instances: what ECS registers in one cluster, whatever the file's form.
  if (Array.isArray(cluster.containerInstances) && cluster.containerInstances.length > ecs.instances.max)
    errors.push(
      inputError(
        'cluster',
        `lists more than ${format(ecs.instances.max)} instances (${ecs.instances.source}); not simulated.`,
        'containerInstances',
      ),
    );
  const before = errors.length;
  let instances = 0;
  /** Running tasks per service group: ECS runs at most 5,000 of a service. */
  const perGroup = new Map<string, number>();
  list(cluster.instanceGroups).forEach((g, i) => {
    if (!isObject(g)) return;
    c(`instanceGroups[${i}].count`, g.count, ecs.instances);
    const count = numeric(g.count) ?? 1;
    if (Number.isFinite(count) && count >= 0) instances += count;
    list(g.runningTasks).forEach((t, k) => {
      if (!isObject(t)) return;
      c(`instanceGroups[${i}].runningTasks[${k}].count`, t.count, ecs.tasksOfOneService);
      const n = numeric(t.count) ?? 1;
      // Only a service's tasks share a quota; other groups (run-task, no group) are bounded per entry.
      const group = typeof t.group === 'string' && t.group.startsWith('service:') ? t.group : undefined;
      if (group !== undefined && Number.isFinite(n) && n >= 0 && Number.isFinite(count) && count >= 0)
        perGroup.set(group, (perGroup.get(group) ?? 0) + n * count);
    });
  });
  // One mistake, one error: a sum is said only when no single count was out of bounds.
  if (instances > ecs.instances.max && errors.length === before)
    errors.push(
      inputError(
        'cluster',
        `the instance groups add up to more than ${format(ecs.instances.max)} instances (${ecs.instances.source}); not simulated.`,
        'instanceGroups',
      ),
    );
  for (const total of perGroup.values())
    if (total > ecs.tasksOfOneService.max && errors.length === before) {
      errors.push(
        inputError(
          'cluster',
          `the running tasks of one group (count × instances) add up to more than ${format(ecs.tasksOfOneService.max)} (${ecs.tasksOfOneService.source}); not simulated.`,
          'instanceGroups',
        ),
      );
      break;
    }
  admitAttributes(cluster, errors);
  const providers = Array.isArray(cluster.capacityProviders)
    ? cluster.capacityProviders
    : cluster.capacityProvider !== undefined
      ? [cluster.capacityProvider]
      : [];
  providers.forEach((p, i) => {
    if (!isObject(p)) return;
    const at = Array.isArray(cluster.capacityProviders) ? `capacityProviders[${i}]` : 'capacityProvider';
    const ms = isObject(p.managedScaling) ? p.managedScaling : p;
    const msAt = isObject(p.managedScaling) ? `${at}.managedScaling` : at;
    c(`${msAt}.targetCapacity`, ms.targetCapacity, ecs.targetCapacity);
    c(`${msAt}.minimumScalingStepSize`, ms.minimumScalingStepSize, ecs.scalingStepSize);
    c(`${msAt}.maximumScalingStepSize`, ms.maximumScalingStepSize, ecs.scalingStepSize);
    c(`${msAt}.instanceWarmupPeriod`, ms.instanceWarmupPeriod, ecs.instanceWarmupPeriod);
    const asg = isObject(p.autoScalingGroup) ? p.autoScalingGroup : p;
    const asgAt = isObject(p.autoScalingGroup) ? `${at}.autoScalingGroup` : at;
    c(`${asgAt}.maxSize`, asg.maxSize, ecs.instances);
    c(`${asgAt}.minSize`, asg.minSize, ecs.instances);
  });
}

function admitTarget(input: unknown, c: Check): void {
  const raw: unknown = isObject(input) && Array.isArray(input.ScalableTargets) ? input.ScalableTargets[0] : input;
  if (!isObject(raw)) return;
  c('MinCapacity', raw.MinCapacity, as.capacity);
  c('MaxCapacity', raw.MaxCapacity, as.capacity);
}

function admitPolicy(input: unknown, c: Check): void {
  const policies =
    isObject(input) && Array.isArray(input.ScalingPolicies)
      ? input.ScalingPolicies
      : Array.isArray(input)
        ? input
        : [input];
  policies.forEach((raw, i) => {
    if (!isObject(raw)) return;
    const at = policies.length > 1 ? `[${i}].` : '';
    const tt = raw.TargetTrackingScalingPolicyConfiguration;
    if (isObject(tt)) {
      const t = `${at}TargetTrackingScalingPolicyConfiguration.`;
      c(`${t}TargetValue`, tt.TargetValue, as.targetValue);
      c(`${t}ScaleOutCooldown`, tt.ScaleOutCooldown, as.cooldown);
      c(`${t}ScaleInCooldown`, tt.ScaleInCooldown, as.cooldown);
    }
    const step = raw.StepScalingPolicyConfiguration;
    if (isObject(step)) {
      const s = `${at}StepScalingPolicyConfiguration.`;
      c(`${s}Cooldown`, step.Cooldown, as.cooldown);
      c(`${s}MinAdjustmentMagnitude`, step.MinAdjustmentMagnitude, as.capacity);
      list(step.StepAdjustments).forEach((a, k) => {
        if (isObject(a)) c(`${s}StepAdjustments[${k}].ScalingAdjustment`, a.ScalingAdjustment, as.scalingAdjustment);
      });
    }
    list(raw.Alarms).forEach((a, k) => admitAlarm(a, `${at}Alarms[${k}]`, c));
  });
}

function admitAlarm(raw: unknown, at: string, c: Check): void {
  if (!isObject(raw)) return;
  c(`${at}.EvaluationPeriods`, raw.EvaluationPeriods, as.evaluationPeriods);
  c(`${at}.DatapointsToAlarm`, raw.DatapointsToAlarm, as.datapointsToAlarm);
}

function admitLoad(input: unknown, c: Check, errors: InputError[]): void {
  if (!isObject(input) || !Array.isArray(input.demand)) return;
  if (input.demand.length > maxLoadPoints) {
    errors.push(
      inputError(
        'load profile',
        `has more than ${format(maxLoadPoints)} points (one a second over the longest simulation, 7 days); not simulated.`,
        'demand',
      ),
    );
    return;
  }
  input.demand.forEach((point, i) => {
    if (!Array.isArray(point)) return;
    c(`demand[${i}][0]`, point[0], loadSeconds);
    c(`demand[${i}][1]`, point[1], loadAmount);
  });
}

/** Bytes a cluster file takes per instance it lists: describe-container-instances output with every attribute. */
export const clusterBytesPerInstance = 16 * 1024;
/** Bytes any cluster file may take: 5,000 instances (ECS's per-cluster limit) at the size above. */
export const maxClusterFileBytes = ecs.instances.max * clusterBytesPerInstance;
/** Below this, a cluster file is read whatever it holds (a compact file, a few instances with long attributes). */
const clusterBaseBytes = 4 * 1024 * 1024;

/**
 * Admits the text of a cluster file before it is parsed: its budget grows with the instances it lists
 * (counted by a linear scan for the member every describe-container-instances entry has), and a list
 * longer than ECS's 5,000 instances per cluster is refused by that limit, not by its size.
 */
export function admitClusterText(text: string, name: string): string | undefined {
  const instances = countOf(text, '"containerInstanceArn"');
  // describe-tasks entries inside the same file name their instance too: at most one marker per task more.
  const tasks = countOf(text, '"taskArn"');
  const listed = Math.max(0, instances - tasks);
  if (listed > ecs.instances.max)
    return `${name}: lists more than ${format(ecs.instances.max)} container instances (${ecs.instances.source}); not simulated.`;
  const budget = Math.max(clusterBaseBytes, listed * clusterBytesPerInstance);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > budget)
    return `${name}: ${formatMiB(bytes)} is more than ECS Lens reads for ${format(listed)} instances (${formatMiB(budget)}: ${formatMiB(clusterBaseBytes)}, or ${clusterBytesPerInstance / 1024} KiB an instance); not simulated.`;
  return undefined;
}

function countOf(text: string, marker: string): number {
  let n = 0;
  for (let i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + marker.length)) n++;
  return n;
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Attribute names and values longer than ECS keeps (128 characters): a `=~` constraint over 5,000 instances
 * each with a 200 KB attribute would scan a gigabyte. The first one found is named.
 */
function admitAttributes(cluster: Json, errors: InputError[]): void {
  const limit = attributeLimits.valueLength;
  const tooLong = (v: unknown) => typeof v === 'string' && v.length > limit;
  const say = (where: string) =>
    errors.push(
      inputError(
        'cluster',
        `longer than ${limit} characters (an ECS attribute's name and value take 1 to ${limit}); not simulated.`,
        where,
      ),
    );
  const groups = list(cluster.instanceGroups);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (!isObject(g) || !isObject(g.attributes)) continue;
    for (const [k, v] of Object.entries(g.attributes))
      if (k.length > attributeLimits.nameLength || tooLong(v)) return void say(`instanceGroups[${i}].attributes`);
  }
  const instances = list(cluster.containerInstances);
  for (let i = 0; i < instances.length; i++) {
    const ci = instances[i];
    if (!isObject(ci)) continue;
    const attrs = list(ci.attributes);
    for (let k = 0; k < attrs.length; k++) {
      const a = attrs[k];
      if (isObject(a) && (tooLong(a.name) || tooLong(a.value)))
        return void say(`containerInstances[${i}].attributes[${k}]`);
    }
  }
}

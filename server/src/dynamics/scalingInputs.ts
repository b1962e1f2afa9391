/**
 * The inputs of service auto scaling: a scalable target (register-scalable-target input), scaling
 * policies (put-scaling-policy input, step-scaling alarms as put-metric-alarm input) and a load profile.
 */
import { ecsPredefinedMetrics, targetTrackingDefaults } from '../ecs/deployments';
import { isObject } from './serviceInputs';
import { asItem, inputError, type InputError } from '../placement/inputErrors';

type Json = Record<string, unknown>;

export type LoadMetric = 'CPUUtilization' | 'MemoryUtilization' | 'RequestCount';

export interface LoadProfile {
  metric: LoadMetric;
  /** [seconds, total demand] points, ascending; piecewise constant between them. */
  demand: Array<[number, number]>;
}

export interface ScalableTarget {
  min: number;
  max: number;
}

export interface StepAdjustment {
  lower?: number;
  upper?: number;
  adjustment: number;
}

export interface Alarm {
  name: string;
  /** What the alarm watches, derived from the load: utilization in percent, or requests per target or in total per minute. */
  metric: 'CPUUtilization' | 'MemoryUtilization' | 'RequestCountPerTarget' | 'RequestCount';
  threshold: number;
  comparison:
    'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';
  evaluationPeriods: number;
  datapointsToAlarm: number;
}

export type ScalingPolicy =
  | {
      kind: 'target-tracking';
      name: string;
      metric: (typeof ecsPredefinedMetrics)[number];
      target: number;
      scaleOutCooldown: number;
      scaleInCooldown: number;
      disableScaleIn: boolean;
    }
  | {
      kind: 'step';
      name: string;
      adjustmentType: 'ChangeInCapacity' | 'PercentChangeInCapacity' | 'ExactCapacity';
      steps: StepAdjustment[];
      cooldown: number;
      minAdjustmentMagnitude: number;
      alarms: Alarm[];
    };

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function parseLoadProfile(input: unknown): { profile?: LoadProfile; errors: InputError[] } {
  const error = (message: string, path?: string) => inputError('load profile', message, path);
  if (!isObject(input)) return { errors: [error('expected an object with "metric" and "demand"')] };
  const errors: InputError[] = [];
  const metric = input.metric;
  if (metric !== 'CPUUtilization' && metric !== 'MemoryUtilization' && metric !== 'RequestCount') {
    errors.push(error('must be CPUUtilization, MemoryUtilization or RequestCount', 'metric'));
  }
  const demand: Array<[number, number]> = [];
  if (!Array.isArray(input.demand) || input.demand.length === 0)
    errors.push(error('must be a non-empty list of [seconds, amount] pairs', 'demand'));
  else {
    input.demand.forEach((point, i) => {
      const s = Array.isArray(point) ? num(point[0]) : undefined;
      const a = Array.isArray(point) ? num(point[1]) : undefined;
      const at = `demand[${i}]`;
      if (!Array.isArray(point) || point.length !== 2 || s === undefined || a === undefined || s < 0 || a < 0) {
        errors.push(error('must be [seconds, amount] with both at least 0', at));
      } else if (demand.length > 0 && s <= demand[demand.length - 1][0]) {
        errors.push(error('must come after the point before it in time', at));
      } else demand.push([s, a]);
    });
  }
  if (errors.length > 0) return { errors };
  return { profile: { metric: metric as LoadMetric, demand }, errors };
}

/** The demand at a time: the last point at or before it (the first point before it begins). */
export function demandAt(profile: LoadProfile, t: number, from = 0): { value: number; index: number } {
  let i = from;
  while (i + 1 < profile.demand.length && profile.demand[i + 1][0] <= t) i++;
  return { value: profile.demand[i][1], index: i };
}

/** The time-weighted mean demand over [from, to): one CloudWatch datapoint of a complete period. */
export function demandOver(profile: LoadProfile, from: number, to: number): number {
  let total = 0;
  let t = from;
  let i = demandAt(profile, from).index;
  while (t < to) {
    const next = i + 1 < profile.demand.length ? Math.min(to, profile.demand[i + 1][0]) : to;
    total += profile.demand[i][1] * (next - t);
    t = next;
    i++;
  }
  return to > from ? total / (to - from) : demandAt(profile, from).value;
}

export function parseScalableTarget(input: unknown): { target?: ScalableTarget; errors: InputError[] } {
  // describe-scalable-targets output holds a list; the first target is the one used.
  const raw: unknown = isObject(input) && Array.isArray(input.ScalableTargets) ? input.ScalableTargets[0] : input;
  const error = (message: string, path?: string) => inputError('scalable target', message, path);
  if (!isObject(raw))
    return { errors: [error('expected register-scalable-target input (an object with MinCapacity and MaxCapacity)')] };
  const errors: InputError[] = [];
  if (raw.ServiceNamespace !== undefined && raw.ServiceNamespace !== 'ecs')
    errors.push(error('must be ecs for a service', 'ServiceNamespace'));
  if (raw.ScalableDimension !== undefined && raw.ScalableDimension !== 'ecs:service:DesiredCount')
    errors.push(error('must be ecs:service:DesiredCount', 'ScalableDimension'));
  const min = num(raw.MinCapacity);
  const max = num(raw.MaxCapacity);
  if (min === undefined || !Number.isInteger(min) || min < 0)
    errors.push(error('must be a whole number of at least 0', 'MinCapacity'));
  if (max === undefined || !Number.isInteger(max) || max < 0)
    errors.push(error('must be a whole number of at least 0', 'MaxCapacity'));
  if (min !== undefined && max !== undefined && min > max)
    errors.push(error('must be at most MaxCapacity', 'MinCapacity'));
  if (errors.length > 0) return { errors };
  return { target: { min: min!, max: max! }, errors };
}

/** Alarms are counted over the policy's "Alarms" and the --alarm files together: an error names its place in that list. */
function parseAlarm(raw: unknown, i: number, errors: InputError[]): Alarm | undefined {
  const error = (message: string, path?: string) => asItem(inputError('alarm', message, path), i + 1);
  if (!isObject(raw)) {
    errors.push(error('expected put-metric-alarm input (an object)'));
    return undefined;
  }
  const metric = raw.MetricName;
  const metrics = ['CPUUtilization', 'MemoryUtilization', 'RequestCountPerTarget', 'RequestCount'];
  if (typeof metric !== 'string' || !metrics.includes(metric)) {
    errors.push(error(`must be one of ${metrics.join(', ')} (what the load profile can drive)`, 'MetricName'));
    return undefined;
  }
  const threshold = num(raw.Threshold);
  if (threshold === undefined) errors.push(error('must be a number', 'Threshold'));
  const comparisons = [
    'GreaterThanOrEqualToThreshold',
    'GreaterThanThreshold',
    'LessThanThreshold',
    'LessThanOrEqualToThreshold',
  ];
  if (typeof raw.ComparisonOperator !== 'string' || !comparisons.includes(raw.ComparisonOperator)) {
    errors.push(error(`must be one of ${comparisons.join(', ')}`, 'ComparisonOperator'));
  }
  const period = num(raw.Period) ?? 60;
  if (period !== 60)
    errors.push(error('must be 60 to be simulated; the simulation evaluates one-minute datapoints', 'Period'));
  const evaluationPeriods = num(raw.EvaluationPeriods) ?? 1;
  const datapointsToAlarm = num(raw.DatapointsToAlarm) ?? evaluationPeriods;
  if (threshold === undefined || errors.length > 0) return undefined;
  return {
    name: typeof raw.AlarmName === 'string' ? raw.AlarmName : `alarm ${i + 1}`,
    metric: metric as Alarm['metric'],
    threshold,
    comparison: raw.ComparisonOperator as Alarm['comparison'],
    evaluationPeriods: Math.max(1, Math.floor(evaluationPeriods)),
    datapointsToAlarm: Math.max(1, Math.min(Math.floor(evaluationPeriods), Math.floor(datapointsToAlarm))),
  };
}

export function parseScalingPolicy(
  input: unknown,
  extraAlarms: unknown[] = [],
): { policies: ScalingPolicy[]; errors: InputError[] } {
  // describe-scaling-policies output holds a list; a plain list of put-scaling-policy inputs works too.
  const list =
    isObject(input) && Array.isArray(input.ScalingPolicies)
      ? input.ScalingPolicies
      : Array.isArray(input)
        ? input
        : [input];
  const policies: ScalingPolicy[] = [];
  const errors: InputError[] = [];
  list.forEach((raw, i) => {
    // Of several policies (a list, or several files), an error names its place among them.
    const error = (message: string, path?: string) => {
      const e = inputError('scaling policy', message, path);
      return list.length > 1 ? asItem(e, i + 1) : e;
    };
    if (!isObject(raw)) return void errors.push(error('expected put-scaling-policy input (an object)'));
    const name = typeof raw.PolicyName === 'string' ? raw.PolicyName : `policy ${i + 1}`;
    const type =
      raw.PolicyType ??
      (isObject(raw.TargetTrackingScalingPolicyConfiguration)
        ? 'TargetTrackingScaling'
        : isObject(raw.StepScalingPolicyConfiguration)
          ? 'StepScaling'
          : undefined);
    if (type === 'TargetTrackingScaling') {
      const c: Json = isObject(raw.TargetTrackingScalingPolicyConfiguration)
        ? raw.TargetTrackingScalingPolicyConfiguration
        : {};
      const target = num(c.TargetValue);
      if (target === undefined || target <= 0)
        return void errors.push(
          error('must be a number above 0', 'TargetTrackingScalingPolicyConfiguration.TargetValue'),
        );
      const spec = isObject(c.PredefinedMetricSpecification) ? c.PredefinedMetricSpecification : undefined;
      const metric = spec?.PredefinedMetricType;
      if (!spec)
        return void errors.push(
          error(
            `only PredefinedMetricSpecification is simulated (${ecsPredefinedMetrics.join(', ')}); a customized metric has no load to follow`,
            'TargetTrackingScalingPolicyConfiguration',
          ),
        );
      if (typeof metric !== 'string' || !(ecsPredefinedMetrics as readonly string[]).includes(metric)) {
        return void errors.push(
          error(
            `must be one of ${ecsPredefinedMetrics.join(', ')} for an ECS service`,
            'TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType',
          ),
        );
      }
      policies.push({
        kind: 'target-tracking',
        name,
        metric: metric as (typeof ecsPredefinedMetrics)[number],
        target,
        scaleOutCooldown: num(c.ScaleOutCooldown) ?? targetTrackingDefaults.scaleOutCooldown,
        scaleInCooldown: num(c.ScaleInCooldown) ?? targetTrackingDefaults.scaleInCooldown,
        disableScaleIn: c.DisableScaleIn === true,
      });
    } else if (type === 'StepScaling') {
      const c: Json = isObject(raw.StepScalingPolicyConfiguration) ? raw.StepScalingPolicyConfiguration : {};
      const adjustmentType = c.AdjustmentType;
      if (
        adjustmentType !== 'ChangeInCapacity' &&
        adjustmentType !== 'PercentChangeInCapacity' &&
        adjustmentType !== 'ExactCapacity'
      ) {
        return void errors.push(
          error(
            'must be ChangeInCapacity, PercentChangeInCapacity or ExactCapacity',
            'StepScalingPolicyConfiguration.AdjustmentType',
          ),
        );
      }
      const steps: StepAdjustment[] = [];
      for (const s of Array.isArray(c.StepAdjustments) ? c.StepAdjustments : []) {
        if (!isObject(s) || num(s.ScalingAdjustment) === undefined)
          return void errors.push(
            error('every step adjustment needs a ScalingAdjustment', 'StepScalingPolicyConfiguration.StepAdjustments'),
          );
        steps.push({
          lower: num(s.MetricIntervalLowerBound),
          upper: num(s.MetricIntervalUpperBound),
          adjustment: num(s.ScalingAdjustment)!,
        });
      }
      if (steps.length === 0)
        return void errors.push(error('needs at least one step', 'StepScalingPolicyConfiguration.StepAdjustments'));
      const alarmInputs: unknown[] = [...(Array.isArray(raw.Alarms) ? (raw.Alarms as unknown[]) : []), ...extraAlarms];
      if (alarmInputs.length === 0)
        return void errors.push(
          error(
            'a step scaling policy acts on an alarm: give its put-metric-alarm input under "Alarms" in the policy file or with --alarm',
          ),
        );
      const alarms = alarmInputs.map((a, k) => parseAlarm(a, k, errors)).filter((a): a is Alarm => !!a);
      policies.push({
        kind: 'step',
        name,
        adjustmentType,
        steps,
        cooldown: num(c.Cooldown) ?? 0,
        minAdjustmentMagnitude: num(c.MinAdjustmentMagnitude) ?? 0,
        alarms,
      });
    } else errors.push(error('must be TargetTrackingScaling or StepScaling', 'PolicyType'));
  });
  return { policies, errors };
}

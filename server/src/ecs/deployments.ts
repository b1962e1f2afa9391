/**
 * Facts about service deployments, service auto scaling and cluster auto scaling that the
 * simulator over time reads. Each line names where the figure comes from.
 */

// Source: @aws-sdk/client-ecs DeploymentConfiguration doc comments (minimumHealthyPercent, maximumPercent).
export const deploymentDefaults = {
  replica: { minimumHealthyPercent: 100, maximumPercent: 200 },
  daemon: { minimumHealthyPercent: 0, maximumPercent: 100 },
} as const;

// Source: @aws-sdk/client-ecs DeploymentConfiguration.minimumHealthyPercent: without a load balancer or a
// container health check, a task counts toward the minimum healthy 40 seconds after it reaches RUNNING.
export const healthyWithoutChecksSeconds = 40;

// Source: @aws-sdk/client-ecs HealthCheck doc comments (interval 30 s, retries 3, start period 0 by default).
export const containerHealthCheckDefaults = { interval: 30, retries: 3, startPeriod: 0 } as const;

// Source: Elastic Load Balancing target group attributes and health checks (deregistration_delay 300 s;
// HealthyThresholdCount 5 and UnhealthyThresholdCount 2 at a 30 s interval).
export const loadBalancerDefaults = {
  deregistrationDelaySeconds: 300,
  healthCheckIntervalSeconds: 30,
  healthyThreshold: 5,
  unhealthyThreshold: 2,
} as const;

// Source: @aws-sdk/client-ecs ThresholdType.BOUNDED_PERCENT and ThresholdConfiguration doc comments, API reference
// ServiceDeploymentCircuitBreaker.threshold (value 50 percent of the desired count by default, clamped to 3..200).
export const circuitBreakerThreshold = { defaultType: 'BOUNDED_PERCENT', defaultValue: 50, min: 3, max: 200 } as const;

// Source: @aws-sdk/client-ecs ThresholdType enum (COUNT is the value itself; UNBOUNDED_PERCENT skips the 3..200 clamp).
export const circuitBreakerThresholdTypes = ['BOUNDED_PERCENT', 'UNBOUNDED_PERCENT', 'COUNT'] as const;
export type CircuitBreakerThresholdType = (typeof circuitBreakerThresholdTypes)[number];

// Source: @aws-sdk/client-ecs ThresholdConfiguration.value doc comment ("the integer"); a threshold counts failed tasks.
export const circuitBreakerThresholdValueMin = 1;

// Source: @aws-sdk/client-ecs DeploymentCircuitBreaker.resetOnHealthyTask doc comment (a healthy task resets the count; default true).
export const circuitBreakerResetOnHealthyTaskDefault = true;

export interface CircuitBreakerThresholdConfiguration {
  type: CircuitBreakerThresholdType;
  value: number;
}

/** The failure count at which the deployment circuit breaker marks a deployment FAILED. */
export function circuitBreakerFailureThreshold(
  desiredCount: number,
  configuration?: Partial<CircuitBreakerThresholdConfiguration>,
): number {
  const t = circuitBreakerThreshold;
  const type = configuration?.type ?? t.defaultType;
  const value = configuration?.value ?? t.defaultValue;
  if (type === 'COUNT') return value;
  const computed = Math.ceil((value * desiredCount) / 100);
  if (type === 'UNBOUNDED_PERCENT') return Math.max(1, computed);
  return Math.min(t.max, Math.max(t.min, computed));
}

// Source: developer guide, deployment-type-ecs.md (the minimum is rounded up, the maximum rounded down).
export function deploymentBounds(
  desiredCount: number,
  minimumHealthyPercent: number,
  maximumPercent: number,
): { minHealthy: number; maxTasks: number } {
  return {
    minHealthy: Math.ceil((desiredCount * minimumHealthyPercent) / 100),
    maxTasks: Math.floor((desiredCount * maximumPercent) / 100),
  };
}

// Source: @aws-sdk/client-ecs LinearConfiguration and CanaryConfiguration doc comments (defaults).
export const trafficShiftDefaults = {
  linearStepPercent: 10,
  linearStepBakeMinutes: 6,
  canaryPercent: 5,
  canaryBakeMinutes: 10,
} as const;

// Managed scaling's facts live in managedScaling.ts; these names stay for the modules that import them from here.
export { managedScalingDefaults, reservationWithNoInstances } from './managedScaling';

// Source: Application Auto Scaling user guide, target-tracking-scaling-policy-overview (alarms: 3 one-minute
// datapoints above the target to scale out, 15 below to scale in; ECS services default to 300 s cooldowns).
// A datapoint is a complete one-minute period (CloudWatch user guide, AlarmThatSendsEmail "Evaluating an alarm"):
// the minute in progress is not one, so the minute the load changes in counts once it has ended.
export const targetTrackingDefaults = {
  scaleOutDatapoints: 3,
  scaleInDatapoints: 15,
  scaleOutCooldown: 300,
  scaleInCooldown: 300,
  datapointSeconds: 60,
} as const;

// Source: Application Auto Scaling API Reference, PredefinedMetricSpecification (the metrics an ECS service tracks).
export const ecsPredefinedMetrics = [
  'ECSServiceAverageCPUUtilization',
  'ECSServiceAverageMemoryUtilization',
  'ALBRequestCountPerTarget',
] as const;

// Source: @aws-sdk/client-ecs doc comments of DeploymentConfiguration, LinearConfiguration,
// CanaryConfiguration, DeploymentLifecycleHook and DeploymentCircuitBreaker (CreateService input).

export const deploymentStrategies = ['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'] as const;

export type DeploymentStrategy = (typeof deploymentStrategies)[number];

/** A strategy by its API name; undefined for anything else. */
export function deploymentStrategyOf(value: unknown): DeploymentStrategy | undefined {
  return deploymentStrategies.find((s) => s === value);
}

/** The strategy ECS uses when `deploymentConfiguration.strategy` is absent. */
export const defaultDeploymentStrategy: DeploymentStrategy = 'ROLLING';

/**
 * A rolling update replaces tasks in place within minimumHealthyPercent and maximumPercent, and the circuit breaker
 * applies to it; the other strategies start a second set of tasks and shift traffic to it.
 */
export function isRollingUpdate(strategy: DeploymentStrategy): strategy is 'ROLLING' {
  return strategy === 'ROLLING';
}

/** Members of deploymentConfiguration that only one strategy accepts (the SDK: "only valid when the strategy is …"). */
export const strategyOnlyMembers: Readonly<Record<string, DeploymentStrategy>> = {
  linearConfiguration: 'LINEAR',
  canaryConfiguration: 'CANARY',
  earlySuccessCriteria: 'ROLLING',
};

/** Members a strategy requires (the SDK: bakeTimeInMinutes "must" be given for BLUE_GREEN). */
export const strategyRequiredMembers: Readonly<Partial<Record<DeploymentStrategy, readonly string[]>>> = {
  BLUE_GREEN: ['bakeTimeInMinutes'],
};

/** Strategies other than ROLLING are taken only with the ECS deployment controller. */
export const strategiesNeedingEcsController: readonly DeploymentStrategy[] = ['BLUE_GREEN', 'LINEAR', 'CANARY'];

export interface NumberRange {
  min: number;
  max: number;
  /** Values are multiples of this step (0.1 for traffic percentages). */
  step?: number;
}

/** Ranges of the traffic-shifting settings, by shape and member. */
export const trafficShiftRanges: Readonly<Record<string, Readonly<Record<string, NumberRange>>>> = {
  linearConfiguration: { stepPercent: { min: 3, max: 100, step: 0.1 }, stepBakeTimeInMinutes: { min: 0, max: 1440 } },
  canaryConfiguration: {
    canaryPercent: { min: 0.1, max: 100, step: 0.1 },
    canaryBakeTimeInMinutes: { min: 0, max: 1440 },
  },
};

/** Lifecycle stages a PAUSE hook may not use: only AWS_LAMBDA hooks run while traffic shifts. */
export const lambdaOnlyLifecycleStages: readonly string[] = ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'];

/** A hook's targetType when absent. */
export const defaultHookTargetType = 'AWS_LAMBDA';

/** Deployment controllers the circuit breaker watches ("rolling update (ECS) deployment type"). */
export const circuitBreakerControllers: readonly string[] = ['ECS'];

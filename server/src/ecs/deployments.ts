// Source: @aws-sdk/client-ecs doc comments of DeploymentConfiguration, LinearConfiguration,
// CanaryConfiguration, DeploymentLifecycleHook and DeploymentCircuitBreaker (CreateService input).

export type DeploymentStrategy = 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY';

/** The strategy ECS uses when `deploymentConfiguration.strategy` is absent. */
export const defaultDeploymentStrategy: DeploymentStrategy = 'ROLLING';

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
  canaryConfiguration: { canaryPercent: { min: 0.1, max: 100, step: 0.1 }, canaryBakeTimeInMinutes: { min: 0, max: 1440 } },
};

/** Lifecycle stages a PAUSE hook may not use: only AWS_LAMBDA hooks run while traffic shifts. */
export const lambdaOnlyLifecycleStages: readonly string[] = ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'];

/** A hook's targetType when absent. */
export const defaultHookTargetType = 'AWS_LAMBDA';

/** Deployment controllers the circuit breaker watches ("rolling update (ECS) deployment type"). */
export const circuitBreakerControllers: readonly string[] = ['ECS'];

// Source: Amazon ECS API Reference (RegisterTaskDefinition, ContainerDefinition, CreateService) and Developer Guide service quotas.

export const limits = {
  containersPerTaskDefinition: 10,
  taskDefinitionBytes: 65536,
  environmentFiles: 10,
  taskPlacementConstraints: 10,
  servicePlacementConstraints: 10,
  servicePlacementStrategies: 5,
  serviceTargetGroups: 5,
  subnets: { min: 1, max: 16 },
  securityGroups: 5,
  ephemeralStorageGiB: { min: 21, max: 200 },
  ec2TaskCpu: { min: 128, max: 196608 },
  /** Docker 20.10+ reserves this much per container; less cannot start. */
  containerMemoryMinMiB: 6,
  imageReferenceLength: 255,
  portMappingNameLength: 64,
  minimumHealthyPercent: { min: 0, max: 100 },
  daemonMaximumPercent: 100,
} as const;

// Source: Amazon ECS API Reference, HealthCheck (seconds, and attempts for retries).
export const healthCheckLimits = {
  interval: { min: 5, max: 300 },
  timeout: { min: 2, max: 60 },
  retries: { min: 1, max: 10 },
  startPeriod: { min: 0, max: 300 },
} as const;

export type HealthCheckField = keyof typeof healthCheckLimits;

/** A limit the rules check (the schema does not hold it), by API shape and member: what hover shows. */
export interface MemberLimit {
  min?: number;
  max?: number;
  maxItems?: number;
}

export const memberLimits: Readonly<Record<string, MemberLimit>> = {
  'HealthCheck.interval': healthCheckLimits.interval,
  'HealthCheck.timeout': healthCheckLimits.timeout,
  'HealthCheck.retries': healthCheckLimits.retries,
  'HealthCheck.startPeriod': healthCheckLimits.startPeriod,
  'EphemeralStorage.sizeInGiB': limits.ephemeralStorageGiB,
  'RegisterTaskDefinitionRequest.containerDefinitions': { maxItems: limits.containersPerTaskDefinition },
  'RegisterTaskDefinitionRequest.placementConstraints': { maxItems: limits.taskPlacementConstraints },
  'CreateServiceRequest.placementConstraints': { maxItems: limits.servicePlacementConstraints },
  'CreateServiceRequest.placementStrategy': { maxItems: limits.servicePlacementStrategies },
};

// Source: @aws-sdk/client-ecs, Ulimit doc comment (Fargate's default soft and hard `nofile` limit).
export const fargateNofileDefault = 65535;

/** A numeric limit of the API or a service quota, with the words an error uses for it. */
export interface NumericLimit {
  min: number;
  max: number;
  integer?: boolean;
  /** Where the limit comes from, as an error names it. */
  source: string;
}

// Source: Amazon ECS service quotas (developer guide, service-quotas.html): tasks per service and
// container instances per cluster, 5,000 each.
export const ecsQuotas = {
  tasksPerService: 5_000,
  containerInstancesPerCluster: 5_000,
} as const;

// Source: @aws-sdk/client-ecs doc comments of DeploymentConfiguration, LinearConfiguration,
// CanaryConfiguration and ManagedScaling; CreateService (healthCheckGracePeriodSeconds, an Integer).
export const ecsNumericLimits = {
  desiredCount: {
    min: 0,
    max: ecsQuotas.tasksPerService,
    integer: true,
    source: 'ECS runs at most 5,000 tasks per service',
  },
  minimumHealthyPercent: { min: 0, max: 100, integer: true, source: 'ECS DeploymentConfiguration' },
  maximumPercent: { min: 0, max: 2_147_483_647, integer: true, source: 'ECS DeploymentConfiguration (an Integer)' },
  bakeTimeInMinutes: { min: 0, max: 1440, integer: true, source: 'ECS DeploymentConfiguration: at most 24 hours' },
  stepPercent: { min: 3, max: 100, source: 'ECS LinearConfiguration: 3.0 to 100.0 percent' },
  stepBakeTimeInMinutes: { min: 0, max: 1440, integer: true, source: 'ECS LinearConfiguration: 0 to 1440 minutes' },
  canaryPercent: { min: 0.1, max: 100, source: 'ECS CanaryConfiguration: 0.1 to 100.0 percent' },
  canaryBakeTimeInMinutes: { min: 0, max: 1440, integer: true, source: 'ECS CanaryConfiguration: 0 to 1440 minutes' },
  healthCheckGracePeriodSeconds: {
    min: 0,
    max: 2_147_483_647,
    integer: true,
    source: 'ECS CreateService (an Integer)',
  },
  targetCapacity: { min: 1, max: 100, integer: true, source: 'ECS ManagedScaling: above 0 and at most 100' },
  scalingStepSize: { min: 1, max: 10_000, integer: true, source: 'ECS ManagedScaling: 1 to 10,000 instances' },
  instanceWarmupPeriod: { min: 0, max: 10_000, integer: true, source: 'ECS ManagedScaling: 0 to 10,000 seconds' },
  instances: {
    min: 0,
    max: ecsQuotas.containerInstancesPerCluster,
    integer: true,
    source: 'ECS registers at most 5,000 container instances per cluster',
  },
  tasksOfOneService: {
    min: 0,
    max: ecsQuotas.tasksPerService,
    integer: true,
    source: 'ECS runs at most 5,000 tasks per service',
  },
} as const satisfies Record<string, NumericLimit>;

// Source: Elastic Load Balancing target group attributes, deregistration_delay.timeout_seconds: 0 to 3600.
export const deregistrationDelayLimit: NumericLimit = {
  min: 0,
  max: 3600,
  integer: true,
  source: 'a target group drains for 0 to 3,600 seconds',
};

// Source: Application Auto Scaling API Reference, RegisterScalableTarget and TargetTrackingScalingPolicyConfiguration
// (TargetValue 8.515920e-109 to 1.174271e+108); CloudWatch PutMetricAlarm (EvaluationPeriods × Period at most one day).
export const autoScalingLimits = {
  capacity: {
    min: 0,
    max: ecsQuotas.tasksPerService,
    integer: true,
    source: 'an ECS service runs at most 5,000 tasks',
  },
  targetValue: { min: 8.51592e-109, max: 1.174271e108, source: 'Application Auto Scaling TargetValue' },
  cooldown: { min: 0, max: 2_147_483_647, integer: true, source: 'Application Auto Scaling (an Integer of seconds)' },
  scalingAdjustment: {
    min: -ecsQuotas.tasksPerService,
    max: ecsQuotas.tasksPerService,
    integer: true,
    source: 'an ECS service runs at most 5,000 tasks',
  },
  evaluationPeriods: {
    min: 1,
    max: 1440,
    integer: true,
    source: 'CloudWatch: EvaluationPeriods × Period is at most one day',
  },
  datapointsToAlarm: { min: 1, max: 1440, integer: true, source: 'CloudWatch: at most EvaluationPeriods' },
} as const satisfies Record<string, NumericLimit>;

// Source: @aws-sdk/client-ecs, Attribute: a name and a value each of 1 to 128 characters.
export const attributeLimits = { nameLength: 128, valueLength: 128 } as const;

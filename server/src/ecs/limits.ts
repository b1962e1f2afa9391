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

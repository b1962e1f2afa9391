// Facts about task-definition features added since 2024, each with its source.

// Source: @aws-sdk/client-ecs doc comment of ContainerRestartPolicy.
export const restartPolicyLimits = {
  ignoredExitCodes: 50,
  restartAttemptPeriod: { min: 60, max: 1800 },
} as const;

// Source: @aws-sdk/client-ecs doc comment of ContainerDefinition.credentialSpecs ("The maximum number of ARNs is 1").
export const maxCredentialSpecs = 1;

// Source: @aws-sdk/client-ecs doc comments of LinuxParameters.swappiness and maxSwap.
export const swappinessRange = { min: 0, max: 100 } as const;

// Source: Amazon ECS Developer Guide, "Use fault injection with your Amazon ECS and Fargate workloads".
export const faultInjectionNetworkModes: readonly string[] = ['awsvpc', 'host'];

// Source: Amazon ECS Developer Guide, "Amazon ECS task networking for Amazon ECS Managed Instances" and the API
// reference of ManagedInstancesNetworkConfiguration (awsvpc, host and none; bridge is not among them).
export const managedInstancesNetworkModes: readonly string[] = ['awsvpc', 'host', 'none'];

// Source: @aws-sdk/client-ecs doc comment of Volume.configuredAtLaunch ("only one volume configured at launch").
export const maxVolumesConfiguredAtLaunch = 1;

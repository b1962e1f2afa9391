// Facts about a service's Service Connect configuration and where its tasks run, each with its source.

// Source: @aws-sdk/client-ecs ServiceConnectService.clientAliases doc comment ("The maximum number of client aliases … is 1").
export const maxServiceConnectClientAliases = 1;

// Source: @aws-sdk/client-ecs CreateServiceRequest.launchType doc comment: Managed Instances take a capacityProviderStrategy
// and no launchType (the LaunchType enum lists MANAGED_INSTANCES for task filters, not for CreateService).
export const launchTypesTakenAsCapacityProviders: readonly string[] = ['MANAGED_INSTANCES'];

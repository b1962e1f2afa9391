// Source: @aws-sdk/client-ecs doc comments of CreateExpressGatewayServiceRequest.

/** Members a request may not set together with taskDefinitionArn (the task definition supplies them). */
export const expressMembersExcludedByTaskDefinition: readonly string[] = [
  'primaryContainer',
  'executionRoleArn',
  'taskRoleArn',
  'cpu',
  'memory',
  'cpuArchitecture',
];

/** healthCheckPath starts with a slash; the default is /ping. */
export const expressHealthCheckPathPrefix = '/';
export const expressDefaultHealthCheckPath = '/ping';

/** Express services run on Fargate: cpu and memory are a Fargate task size (defaults 256 and 512). */
export const expressDefaultSize = { cpu: 256, memory: 512 } as const;

/* eslint-disable @typescript-eslint/no-require-imports -- each schema is loaded on first use */
import type { JsonSchema } from './schema';

/**
 * Where the schemas come from: bundled with the code (the CLI, tests). The language server's bundle
 * swaps this module for schemaSourcesOnDisk.ts, which reads the schema files shipped beside it.
 */
export const schemaSources: Record<
  | 'taskDefinition'
  | 'service'
  | 'cluster'
  | 'daemonTaskDefinition'
  | 'expressService'
  | 'scalableTarget'
  | 'scalingPolicy'
  | 'loadProfile',
  () => JsonSchema
> = {
  taskDefinition: () => require('../../../schemas/generated/task-definition.schema.json') as JsonSchema,
  service: () => require('../../../schemas/generated/service.schema.json') as JsonSchema,
  cluster: () => require('../../../schemas/cluster.schema.json') as JsonSchema,
  daemonTaskDefinition: () => require('../../../schemas/generated/daemon-task-definition.schema.json') as JsonSchema,
  expressService: () => require('../../../schemas/generated/express-service.schema.json') as JsonSchema,
  scalableTarget: () => require('../../../schemas/generated/scalable-target.schema.json') as JsonSchema,
  scalingPolicy: () => require('../../../schemas/generated/scaling-policy.schema.json') as JsonSchema,
  loadProfile: () => require('../../../schemas/load-profile.schema.json') as JsonSchema,
};

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonSchema } from './schema';
import type { schemaSources as bundled } from './schemaSources';

// The server bundle lives in dist/; the .vsix ships the schema files in schemas/ beside it, so the bundle does not carry them twice.
const read = (file: string) => () =>
  JSON.parse(readFileSync(join(__dirname, '..', 'schemas', file), 'utf8')) as JsonSchema;

export const schemaSources: typeof bundled = {
  taskDefinition: read('generated/task-definition.schema.json'),
  service: read('generated/service.schema.json'),
  cluster: read('cluster.schema.json'),
  daemonTaskDefinition: read('generated/daemon-task-definition.schema.json'),
  expressService: read('generated/express-service.schema.json'),
  scalableTarget: read('generated/scalable-target.schema.json'),
  scalingPolicy: read('generated/scaling-policy.schema.json'),
  loadProfile: read('load-profile.schema.json'),
};

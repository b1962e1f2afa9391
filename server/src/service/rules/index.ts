import type { Rule } from './types';
import { fargateRules } from './fargate';
import { resourceRules } from './resources';
import { portRules } from './ports';
import { containerRules } from './containers';
import { healthCheckRules } from './healthCheck';
import { imageRules } from './images';
import { environmentRules } from './environment';
import { roleRules } from './roles';
import { loggingRules } from './logging';
import { taskMemberRules } from './taskMembers';
import { serviceRules } from './services';
import { crossFileRules } from './crossFile';
import { placeholderRules } from './placeholders';
import { placementExpression } from './placementExpression';
import { deploymentRules } from './deployments';
import { taskFeatureRules } from './taskFeatures';
import { serviceFeatureRules } from './serviceFeatures';
import { securityRules } from './security';
import { expressRules } from './express';

export type { Rule, RuleContext, Finding } from './types';

/** Every semantic rule, in the order the rule reference lists them. */
export const allRules: readonly Rule[] = [
  ...fargateRules,
  ...resourceRules,
  ...portRules,
  ...containerRules,
  ...healthCheckRules,
  ...imageRules,
  ...environmentRules,
  ...roleRules,
  ...loggingRules,
  ...taskMemberRules,
  ...serviceRules,
  ...crossFileRules,
  ...taskFeatureRules,
  ...deploymentRules,
  ...serviceFeatureRules,
  ...securityRules,
  ...expressRules,
  placementExpression,
  ...placeholderRules,
];

/** Rules that need only the containers: they also check Terraform's container_definitions files, which hold nothing else. */
export const containerListRuleCodes: ReadonlySet<string> = new Set([
  'containers.no-essential',
  'containers.duplicate-name',
  'containers.too-many',
  'containers.depends-on',
  'containers.links',
  'containers.volumes-from',
  'env.blank-name',
  'env.duplicate',
  'secrets.duplicate',
  'env.secret-conflict',
  'secrets.value-from',
  'env.files',
  'health-check.command',
  'health-check.range',
  'health-check.timeout-exceeds-interval',
  'image.reference',
  'logging.awslogs-options',
  'logging.awslogs-unknown-option',
  'logging.firelens-container',
  'placeholder.value',
  'ports.duplicate-container-port',
  'ports.container-port-range',
  'ports.mapping-name',
  'resources.reservation-above-memory',
  'resources.container-memory-minimum',
]);

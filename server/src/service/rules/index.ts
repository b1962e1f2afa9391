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

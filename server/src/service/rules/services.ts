import { elements, member, numberValue, stringValue, type JsonNode } from '../json';
import { limits } from '../../ecs/limits';
import { placementStrategyTypes, readStrategyField, strategyType } from '../../ecs/placementStrategies';
import { isPlaceholder } from '../../ecs/placeholders';
import { FARGATE_PROVIDERS, isFargateProvider, mixesProviderKinds } from '../../ecs/fargateProviders';
import { at, type Rule, type RuleContext } from './types';
import { keyNode } from './task';

const kinds = ['service'] as const;

function providers(ctx: RuleContext): JsonNode[] {
  return elements(member(ctx.body, 'capacityProviderStrategy'));
}

/** The node that makes the service run on Fargate: launchType FARGATE or a Fargate capacity provider. */
export function fargateMarker(ctx: RuleContext): JsonNode | undefined {
  const launchType = member(ctx.body, 'launchType');
  if (stringValue(launchType) === 'FARGATE') return launchType;
  for (const p of providers(ctx)) {
    const name = member(p, 'capacityProvider');
    if (isFargateProvider(stringValue(name) ?? '')) return name;
  }
  return undefined;
}

export const launchTypeAndProviders: Rule = {
  code: 'service.launch-type-and-capacity-providers',
  severity: 'error',
  kinds,
  summary: 'A service sets launchType or capacityProviderStrategy, not both.',
  rationale: 'Both choose where tasks run; CreateService rejects a request that sets both.',
  check(ctx) {
    const key = keyNode(ctx.body, 'launchType');
    if (key && member(ctx.body, 'launchType')?.type !== 'null' && providers(ctx).length > 0) {
      ctx.report(at(key, 'launchType and capacityProviderStrategy exclude each other; keep one.'));
    }
  },
};

export const capacityProviderStrategy: Rule = {
  code: 'service.capacity-provider-strategy',
  severity: 'error',
  kinds,
  summary:
    'At most one capacity provider has a base, with several providers at least one has a weight above 0, and the providers are all Fargate or all Auto Scaling groups.',
  rationale:
    'The base is a minimum for a single provider; with several providers all weighted 0 no task can be placed.',
  check(ctx) {
    const items = providers(ctx);
    let withBase = 0;
    for (const p of items) {
      const base = member(p, 'base');
      if ((numberValue(base) ?? 0) > 0 && ++withBase > 1)
        ctx.report(at(base!, 'Only one capacity provider in a strategy can have a base.'));
    }
    // cluster-capacity-providers.html: one strategy holds Fargate providers or Auto Scaling group providers only.
    const named = items.map((p) => {
      const name = stringValue(member(p, 'capacityProvider'));
      return name === undefined || isPlaceholder(name) ? '' : name;
    });
    if (mixesProviderKinds(named)) {
      const first = named.findIndex((n) => isFargateProvider(n));
      const other = named.findIndex((n) => n !== '' && !isFargateProvider(n));
      const later = member(items[Math.max(first, other)], 'capacityProvider')!;
      ctx.report(
        at(
          later,
          `A capacity provider strategy holds Fargate providers (${FARGATE_PROVIDERS.join(', ')}) or Auto Scaling group providers, not both: this one names ${named[first]} and ${named[other]}.`,
        ),
      );
    }
    if (items.length > 1 && items.every((p) => (numberValue(member(p, 'weight')) ?? 0) === 0)) {
      ctx.report(
        at(
          keyNode(ctx.body, 'capacityProviderStrategy')!,
          'With several capacity providers at least one needs a weight above 0 (weight defaults to 0).',
        ),
      );
    }
  },
};

export const placementStrategy: Rule = {
  code: 'service.placement-strategy',
  severity: 'error',
  kinds,
  summary: `At most ${limits.servicePlacementStrategies} placement strategies; ${placementStrategyTypes.map((t) => t.fieldRule.replace(/\.$/, '')).join('; ')}.`,
  rationale: 'The scheduler only knows these strategy/field combinations; CreateService rejects others.',
  check(ctx) {
    const items = elements(member(ctx.body, 'placementStrategy'));
    if (items.length > limits.servicePlacementStrategies)
      ctx.report(
        at(
          keyNode(ctx.body, 'placementStrategy')!,
          `${items.length} placement strategies; at most ${limits.servicePlacementStrategies} are allowed.`,
        ),
      );
    for (const item of items) {
      // An unknown type is the schema's to report.
      const info = strategyType(stringValue(member(item, 'type')));
      const fieldNode = member(item, 'field');
      const field = stringValue(fieldNode);
      if (!info || (field !== undefined && isPlaceholder(field))) continue;
      if (fieldNode && field === undefined) continue;
      if (!readStrategyField(info, field)) ctx.report(at(fieldNode ?? member(item, 'type')!, info.fieldRule));
    }
  },
};

export const placementConstraint: Rule = {
  code: 'service.placement-constraint',
  severity: 'error',
  kinds,
  summary: `At most ${limits.servicePlacementConstraints} placement constraints; distinctInstance without an expression, memberOf with one.`,
  rationale:
    'distinctInstance is complete by itself and memberOf is defined by its expression; the API rejects the other combinations.',
  check(ctx) {
    const items = elements(member(ctx.body, 'placementConstraints'));
    if (items.length > limits.servicePlacementConstraints)
      ctx.report(
        at(
          keyNode(ctx.body, 'placementConstraints')!,
          `${items.length} placement constraints; at most ${limits.servicePlacementConstraints} are allowed.`,
        ),
      );
    for (const item of items) {
      const typeNode = member(item, 'type');
      const type = stringValue(typeNode);
      const expression = member(item, 'expression');
      if (type === 'distinctInstance' && expression && expression.type !== 'null' && stringValue(expression) !== '') {
        ctx.report(
          at(
            keyNode(item, 'expression')!,
            'distinctInstance takes no expression; use a separate memberOf constraint to filter instances.',
          ),
        );
      } else if (type === 'memberOf' && (!expression || stringValue(expression)?.trim() === '')) {
        ctx.report(
          at(
            expression ?? typeNode!,
            'A memberOf constraint needs an expression, e.g. "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]".',
          ),
        );
      }
    }
  },
};

export const placementOnFargate: Rule = {
  code: 'service.placement-on-fargate',
  severity: 'error',
  kinds,
  summary: 'Services on Fargate set no placement strategies or constraints.',
  rationale: 'Fargate chooses the host itself; CreateService rejects placement options for Fargate tasks.',
  check(ctx) {
    if (!fargateMarker(ctx)) return;
    for (const name of ['placementStrategy', 'placementConstraints']) {
      if (elements(member(ctx.body, name)).length)
        ctx.report(at(keyNode(ctx.body, name)!, `Fargate places tasks itself; remove "${name}".`));
    }
  },
};

export const daemonService: Rule = {
  code: 'service.daemon',
  severity: 'error',
  kinds,
  summary:
    'A DAEMON service runs on EC2 or external instances with the ECS deployment controller and no placement strategy or desiredCount.',
  rationale:
    'A daemon runs one task per instance: Fargate has no instances, strategies and desired counts do not apply, and blue/green or external deployments are not offered for daemons.',
  check(ctx) {
    if (stringValue(member(ctx.body, 'schedulingStrategy')) !== 'DAEMON') return;
    if (elements(member(ctx.body, 'placementStrategy')).length)
      ctx.report(
        at(
          keyNode(ctx.body, 'placementStrategy')!,
          'DAEMON services take no placement strategy (one task goes on every instance).',
        ),
      );
    const fargate = fargateMarker(ctx);
    if (fargate) ctx.report(at(fargate, 'DAEMON services cannot run on Fargate.'));
    const controller = member(member(ctx.body, 'deploymentController'), 'type');
    const type = stringValue(controller);
    if (type === 'CODE_DEPLOY' || type === 'EXTERNAL')
      ctx.report(at(controller!, `DAEMON services use the ECS deployment controller, not ${type}.`));
    const desired = keyNode(ctx.body, 'desiredCount');
    if (desired)
      ctx.report(
        at(desired, 'DAEMON services ignore desiredCount (the count follows the number of instances); remove it.', {
          severity: 'warning',
        }),
      );
  },
};

export const deploymentPercent: Rule = {
  code: 'service.deployment-percent',
  severity: 'error',
  kinds,
  summary: `minimumHealthyPercent is ${limits.minimumHealthyPercent.min}–${limits.minimumHealthyPercent.max}; a DAEMON service keeps maximumPercent at ${limits.daemonMaximumPercent}.`,
  rationale:
    'A minimum above the desired count is impossible; a daemon cannot run a second task on an instance, so it cannot exceed 100%.',
  check(ctx) {
    const config = member(ctx.body, 'deploymentConfiguration');
    const minNode = member(config, 'minimumHealthyPercent');
    const min = numberValue(minNode);
    if (min !== undefined && (min < limits.minimumHealthyPercent.min || min > limits.minimumHealthyPercent.max)) {
      ctx.report(
        at(
          minNode!,
          `minimumHealthyPercent is ${limits.minimumHealthyPercent.min}–${limits.minimumHealthyPercent.max}.`,
        ),
      );
    }
    const maxNode = member(config, 'maximumPercent');
    const max = numberValue(maxNode);
    if (
      max !== undefined &&
      stringValue(member(ctx.body, 'schedulingStrategy')) === 'DAEMON' &&
      max !== limits.daemonMaximumPercent
    ) {
      ctx.report(at(maxNode!, `A DAEMON service keeps maximumPercent at ${limits.daemonMaximumPercent}.`));
    }
  },
};

export const loadBalancers: Rule = {
  code: 'service.load-balancer',
  severity: 'error',
  kinds,
  summary: `A load balancer entry is a target group with containerName and containerPort, or a Classic Load Balancer name; at most ${limits.serviceTargetGroups} target groups.`,
  rationale:
    'Application and Network Load Balancers register targets in a target group; Classic Load Balancers are named directly. Mixing them or omitting the container fails CreateService.',
  check(ctx) {
    const items = elements(member(ctx.body, 'loadBalancers'));
    const targetGroups = items.filter((i) => member(i, 'targetGroupArn'));
    if (targetGroups.length > limits.serviceTargetGroups)
      ctx.report(
        at(
          keyNode(ctx.body, 'loadBalancers')!,
          `${targetGroups.length} target groups; a service takes at most ${limits.serviceTargetGroups}.`,
        ),
      );
    for (const item of items) {
      const tg = keyNode(item, 'targetGroupArn');
      const classic = keyNode(item, 'loadBalancerName');
      if (tg && classic) {
        ctx.report(
          at(
            classic,
            'Give either targetGroupArn (Application/Network Load Balancer) or loadBalancerName (Classic), not both.',
          ),
        );
      } else if (!tg && !classic) {
        ctx.report({
          offset: item.offset,
          length: 1,
          message:
            'A load balancer entry needs targetGroupArn (Application/Network Load Balancer) or loadBalancerName (Classic).',
        });
      }
      const missing = ['containerName', 'containerPort'].filter((m) => !member(item, m));
      if (missing.length)
        ctx.report(
          at(
            tg ?? classic ?? item,
            `The load balancer entry needs ${missing.join(' and ')}: the container and port that receive traffic.`,
          ),
        );
    }
  },
};

export const awsvpcConfiguration: Rule = {
  code: 'service.network-configuration',
  severity: 'error',
  kinds,
  summary: `awsvpcConfiguration has ${limits.subnets.min}–${limits.subnets.max} subnets and at most ${limits.securityGroups} security groups.`,
  rationale: 'CreateService caps the subnets and security groups of a task interface and needs at least one subnet.',
  check(ctx) {
    const config = member(member(ctx.body, 'networkConfiguration'), 'awsvpcConfiguration');
    // Not an object: the schema's to report, or a value known only at deploy time.
    if (!config || config.type !== 'object') return;
    const subnets = member(config, 'subnets');
    const n = elements(subnets).length;
    if (!subnets)
      ctx.report(
        at(
          keyNode(member(ctx.body, 'networkConfiguration'), 'awsvpcConfiguration')!,
          'awsvpcConfiguration needs "subnets" (1 to 16 subnet IDs).',
        ),
      );
    // A value that is not a list (a placeholder, a Terraform variable) is the schema's or unknown.
    else if (subnets.type === 'array' && (n < limits.subnets.min || n > limits.subnets.max))
      ctx.report(at(subnets, `${n} subnets; give ${limits.subnets.min} to ${limits.subnets.max}.`));
    const groups = member(config, 'securityGroups');
    const g = elements(groups).length;
    if (groups && g > limits.securityGroups)
      ctx.report(at(groups, `${g} security groups; at most ${limits.securityGroups} are allowed.`));
  },
};

export const serviceRules: readonly Rule[] = [
  launchTypeAndProviders,
  capacityProviderStrategy,
  placementStrategy,
  placementConstraint,
  placementOnFargate,
  daemonService,
  deploymentPercent,
  loadBalancers,
  awsvpcConfiguration,
];

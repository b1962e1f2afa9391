import { booleanValue, elements, member, numberValue, properties, stringValue, type JsonNode } from '../json';
import {
  circuitBreakerControllers,
  circuitBreakerThresholdValueMin,
  defaultDeploymentStrategy,
  defaultHookTargetType,
  lambdaOnlyLifecycleStages,
  strategiesNeedingEcsController,
  strategyOnlyMembers,
  strategyRequiredMembers,
  trafficShiftRanges,
  type DeploymentStrategy,
  type NumberRange,
  deploymentStrategyOf,
} from '../../ecs/deployments';
import { at, type Rule, type RuleContext } from './types';
import { keyNode } from './task';

const kinds = ['service'] as const;

function deploymentConfiguration(ctx: RuleContext): JsonNode | undefined {
  const config = member(ctx.body, 'deploymentConfiguration');
  return config?.type === 'object' ? config : undefined;
}

/** The strategy in force, or undefined when the member holds something else (the schema reports that). */
function strategyOf(config: JsonNode): DeploymentStrategy | undefined {
  const node = member(config, 'strategy');
  if (!node) return defaultDeploymentStrategy;
  return deploymentStrategyOf(stringValue(node));
}

function controllerOf(ctx: RuleContext): string {
  return stringValue(member(member(ctx.body, 'deploymentController'), 'type')) ?? 'ECS';
}

export const strategySettings: Rule = {
  code: 'deployment.strategy-settings',
  severity: 'error',
  kinds,
  summary:
    'Each deployment strategy takes its own settings: BLUE_GREEN needs bakeTimeInMinutes, linearConfiguration goes with LINEAR, canaryConfiguration with CANARY, earlySuccessCriteria with ROLLING; strategies other than ROLLING need the ECS deployment controller.',
  rationale:
    'The SDK documents bakeTimeInMinutes as required for BLUE_GREEN and the linear, canary and early-success settings as valid only with their strategy (DeploymentConfiguration doc comments); the BLUE_GREEN, LINEAR and CANARY strategies run only under the ECS deployment controller (LinearConfiguration, CanaryConfiguration doc comments).',
  check(ctx) {
    const config = deploymentConfiguration(ctx);
    if (!config) return;
    const strategy = strategyOf(config);
    if (!strategy) return;
    const strategyNode = member(config, 'strategy');
    for (const [name, only] of Object.entries(strategyOnlyMembers)) {
      const key = keyNode(config, name);
      if (key && member(config, name)?.type !== 'null' && only !== strategy) {
        ctx.report(
          at(
            key,
            `"${name}" applies to the ${only} strategy only; this service deploys with ${strategy}${strategyNode ? '' : ' (the default)'}.`,
          ),
        );
      }
    }
    const missing = (strategyRequiredMembers[strategy] ?? []).filter((m) => !member(config, m));
    if (missing.length)
      ctx.report(
        at(
          strategyNode ?? keyNode(ctx.body, 'deploymentConfiguration')!,
          `The ${strategy} strategy needs ${missing.map((m) => `"${m}"`).join(' and ')} in deploymentConfiguration.`,
        ),
      );
    const controller = controllerOf(ctx);
    if (strategyNode && strategiesNeedingEcsController.includes(strategy) && controller !== 'ECS') {
      ctx.report(
        at(
          strategyNode,
          `The ${strategy} strategy runs under the ECS deployment controller; this service uses ${controller}.`,
        ),
      );
    }
  },
};

function outOfRange(value: number, range: NumberRange): boolean {
  if (value < range.min || value > range.max) return true;
  if (range.step) {
    const steps = value / range.step;
    return Math.abs(steps - Math.round(steps)) > 1e-6;
  }
  return !Number.isInteger(value);
}

function describeRange(range: NumberRange): string {
  return range.step
    ? `${range.min} to ${range.max} in steps of ${range.step}`
    : `a whole number from ${range.min} to ${range.max}`;
}

export const trafficShiftRange: Rule = {
  code: 'deployment.traffic-shift-range',
  severity: 'error',
  kinds,
  summary: 'Linear steps are 3–100 percent, canary shares 0.1–100 percent (in tenths), bake times 0–1440 minutes.',
  rationale:
    'The ranges the SDK documents for LinearConfiguration and CanaryConfiguration; CreateService rejects values outside them.',
  check(ctx) {
    const config = deploymentConfiguration(ctx);
    for (const [shape, ranges] of Object.entries(trafficShiftRanges)) {
      const settings = member(config, shape);
      for (const [name, , value] of properties(settings)) {
        const range = ranges[name];
        const n = numberValue(value);
        if (range && n !== undefined && outOfRange(n, range))
          ctx.report(at(value!, `${shape}.${name} is ${describeRange(range)}.`));
      }
    }
  },
};

export const lifecycleHook: Rule = {
  code: 'deployment.lifecycle-hook',
  severity: 'error',
  kinds,
  summary:
    'A lifecycle hook names its stages; an AWS_LAMBDA hook names its function; a PAUSE hook skips the traffic-shift stages and takes no function.',
  rationale:
    'DeploymentLifecycleHook doc comments: lifecycleStages and, for AWS_LAMBDA (the default target type), hookTargetArn must be given; PAUSE hooks cannot run at TEST_TRAFFIC_SHIFT or PRODUCTION_TRAFFIC_SHIFT and have no target.',
  check(ctx) {
    const config = deploymentConfiguration(ctx);
    for (const hook of elements(member(config, 'lifecycleHooks'))) {
      if (hook.type !== 'object') continue;
      const typeNode = member(hook, 'targetType');
      const type = typeNode ? stringValue(typeNode) : defaultHookTargetType;
      const anchor = typeNode
        ? { offset: typeNode.offset, length: typeNode.length }
        : { offset: hook.offset, length: 1 };
      const stages = member(hook, 'lifecycleStages');
      const missing: string[] = [];
      if (!stages) missing.push('"lifecycleStages" (the deployment stages it runs at)');
      if (type === 'AWS_LAMBDA' && !member(hook, 'hookTargetArn'))
        missing.push('"hookTargetArn" (the Lambda function to invoke)');
      if (missing.length)
        ctx.report({
          ...anchor,
          message: `${typeNode ? `This ${type} lifecycle hook` : 'This lifecycle hook (AWS_LAMBDA by default)'} needs ${missing.join(' and ')}.`,
        });
      if (type !== 'PAUSE') continue;
      for (const stage of elements(stages)) {
        if (lambdaOnlyLifecycleStages.includes(stringValue(stage) ?? ''))
          ctx.report(
            at(
              stage,
              `PAUSE hooks cannot run at ${stringValue(stage)}; only AWS_LAMBDA hooks run while traffic shifts.`,
            ),
          );
      }
      const target = keyNode(hook, 'hookTargetArn');
      if (target)
        ctx.report(
          at(
            target,
            'A PAUSE hook has no target; remove "hookTargetArn" (the deployment waits for ContinueServiceDeployment).',
            { severity: 'warning' },
          ),
        );
    }
  },
};

export const circuitBreakerController: Rule = {
  code: 'deployment.circuit-breaker-controller',
  severity: 'warning',
  kinds,
  summary: 'The deployment circuit breaker works with the ECS deployment controller only.',
  rationale:
    'DeploymentCircuitBreaker doc comment: the circuit breaker is used only by the rolling update (ECS) deployment type; under CODE_DEPLOY or EXTERNAL it does nothing. The SDK and the guide name the ECS controller, not a strategy, so ECS Lens does not flag it with the BLUE_GREEN, LINEAR or CANARY strategies of that controller.',
  check(ctx) {
    const breaker = member(deploymentConfiguration(ctx), 'deploymentCircuitBreaker');
    if (!breaker || booleanValue(member(breaker, 'enable')) !== true) return;
    const controller = controllerOf(ctx);
    if (!circuitBreakerControllers.includes(controller)) {
      ctx.report(
        at(
          keyNode(deploymentConfiguration(ctx), 'deploymentCircuitBreaker')!,
          `The circuit breaker watches ECS-controlled deployments only; with the ${controller} controller it has no effect.`,
        ),
      );
    }
  },
};

export const circuitBreakerThresholdRange: Rule = {
  code: 'deployment.circuit-breaker-threshold',
  severity: 'error',
  kinds,
  summary: "The circuit breaker's thresholdConfiguration.value is a whole number of at least 1.",
  rationale:
    'ThresholdConfiguration.value doc comment: the value is an integer, the failure count itself for COUNT and a percent of the desired count for BOUNDED_PERCENT and UNBOUNDED_PERCENT; a threshold counts failed tasks, so it is at least 1. The schema checks the type names.',
  check(ctx) {
    const breaker = member(deploymentConfiguration(ctx), 'deploymentCircuitBreaker');
    const value = member(member(breaker, 'thresholdConfiguration'), 'value');
    const n = numberValue(value);
    if (!value || n === undefined) return;
    if (!Number.isInteger(n) || n < circuitBreakerThresholdValueMin) {
      const type = stringValue(member(member(breaker, 'thresholdConfiguration'), 'type'));
      const unit = type === 'COUNT' ? 'failed tasks' : 'percent of the desired count';
      ctx.report(
        at(
          value,
          `thresholdConfiguration.value is ${unit}: a whole number of at least ${circuitBreakerThresholdValueMin}.`,
        ),
      );
    }
  },
};

export const deploymentRules: readonly Rule[] = [
  circuitBreakerThresholdRange,
  strategySettings,
  trafficShiftRange,
  lifecycleHook,
  circuitBreakerController,
];

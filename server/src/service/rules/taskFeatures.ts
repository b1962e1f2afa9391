import { booleanValue, elements, member, numberValue, stringValue } from '../json';
import {
  faultInjectionNetworkModes,
  managedInstancesNetworkModes,
  maxCredentialSpecs,
  maxVolumesConfiguredAtLaunch,
  restartPolicyLimits,
  swappinessRange,
} from '../../ecs/taskFeatures';
import { at, type Rule } from './types';
import { facts, keyNode, label } from './task';

const kinds = ['task-definition', 'describe-output'] as const;

export const restartPolicy: Rule = {
  code: 'containers.restart-policy',
  severity: 'error',
  kinds: [...kinds, 'daemon-task-definition'],
  summary: `A restart policy ignores at most ${restartPolicyLimits.ignoredExitCodes} exit codes and waits ${restartPolicyLimits.restartAttemptPeriod.min}–${restartPolicyLimits.restartAttemptPeriod.max} seconds between attempts.`,
  rationale:
    'The limits of ContainerRestartPolicy documented in the SDK; RegisterTaskDefinition rejects values outside them.',
  check(ctx) {
    for (const c of facts(ctx).containers) {
      const policy = member(c.node, 'restartPolicy');
      const codes = member(policy, 'ignoredExitCodes');
      const n = elements(codes).length;
      if (n > restartPolicyLimits.ignoredExitCodes)
        ctx.report(
          at(
            codes!,
            `${n} ignored exit codes in ${label(c)}; at most ${restartPolicyLimits.ignoredExitCodes} are allowed.`,
          ),
        );
      const period = member(policy, 'restartAttemptPeriod');
      const seconds = numberValue(period);
      const { min, max } = restartPolicyLimits.restartAttemptPeriod;
      if (seconds !== undefined && (seconds < min || seconds > max))
        ctx.report(at(period!, `restartAttemptPeriod is ${min}–${max} seconds (default 300).`));
    }
  },
};

export const credentialSpecs: Rule = {
  code: 'containers.credential-specs',
  severity: 'error',
  kinds,
  summary: `A container lists at most ${maxCredentialSpecs} credential spec.`,
  rationale:
    'ContainerDefinition.credentialSpecs takes one ARN (SDK doc comment): a container joins one Active Directory domain.',
  check(ctx) {
    for (const c of facts(ctx).containers) {
      const specs = member(c.node, 'credentialSpecs');
      const items = elements(specs);
      for (const extra of items.slice(maxCredentialSpecs))
        ctx.report(at(extra, `${label(c)} takes ${maxCredentialSpecs} credential spec; remove this one.`));
    }
  },
};

export const swap: Rule = {
  code: 'containers.swap',
  severity: 'error',
  kinds,
  summary: `swappiness is ${swappinessRange.min}–${swappinessRange.max} and takes effect only with maxSwap; maxSwap is 0 or more.`,
  rationale:
    'LinuxParameters doc comments: swappiness accepts whole numbers 0 to 100 and is ignored without maxSwap; maxSwap accepts 0 or a positive integer. Fargate rejects both (reported by fargate.unsupported-member).',
  check(ctx) {
    const f = facts(ctx);
    if (f.fargate) return;
    for (const c of f.containers) {
      const linux = member(c.node, 'linuxParameters');
      const swappiness = member(linux, 'swappiness');
      const maxSwap = member(linux, 'maxSwap');
      const s = numberValue(swappiness);
      const m = numberValue(maxSwap);
      if (m !== undefined && m < 0) ctx.report(at(maxSwap!, 'maxSwap is 0 (no swap) or a positive number of MiB.'));
      if (s !== undefined && (s < swappinessRange.min || s > swappinessRange.max || !Number.isInteger(s)))
        ctx.report(
          at(swappiness!, `swappiness is a whole number from ${swappinessRange.min} to ${swappinessRange.max}.`),
        );
      else if (s !== undefined && !maxSwap)
        ctx.report(
          at(
            keyNode(linux, 'swappiness')!,
            `swappiness has no effect without maxSwap in ${label(c)}; set maxSwap too.`,
            { severity: 'warning' },
          ),
        );
    }
  },
};

export const pidModeWindows: Rule = {
  code: 'task.pid-mode-windows',
  severity: 'error',
  kinds,
  summary: 'Windows tasks set no pidMode.',
  rationale: 'RegisterTaskDefinition doc comment of pidMode: the parameter is not supported for Windows containers.',
  check(ctx) {
    const key = keyNode(ctx.body, 'pidMode');
    if (key && facts(ctx).windows && stringValue(member(ctx.body, 'pidMode')))
      ctx.report(at(key, 'Windows containers have no pidMode; remove it.'));
  },
};

export const faultInjection: Rule = {
  code: 'task.fault-injection',
  severity: 'error',
  kinds,
  summary: `enableFaultInjection needs the ${faultInjectionNetworkModes.join(' or ')} network mode and a Linux task.`,
  rationale:
    'Developer Guide, "Use fault injection with your Amazon ECS and Fargate workloads": fault injection works only with awsvpc or host networking and is not available on Windows.',
  check(ctx) {
    const node = member(ctx.body, 'enableFaultInjection');
    if (booleanValue(node) !== true) return;
    const f = facts(ctx);
    if (f.windows) ctx.report(at(node!, 'Fault injection is not available for Windows tasks.'));
    else if (f.mode && !faultInjectionNetworkModes.includes(f.mode))
      ctx.report(
        at(
          node!,
          `Fault injection works with the awsvpc or host network mode; this task uses ${f.networkModeNode ? `"${f.mode}"` : 'bridge (the default)'}.`,
        ),
      );
  },
};

export const managedInstancesNetworkMode: Rule = {
  code: 'task.managed-instances-network-mode',
  severity: 'error',
  kinds,
  summary: `Tasks for ECS Managed Instances use the ${managedInstancesNetworkModes.join(', ')} network mode.`,
  rationale:
    'Developer Guide, "Amazon ECS task networking for Amazon ECS Managed Instances", and the API reference of ManagedInstancesNetworkConfiguration: bridge networking is not offered on Managed Instances.',
  check(ctx) {
    const f = facts(ctx);
    if (!f.compatibilities.has('MANAGED_INSTANCES') || !f.networkModeNode) return;
    const mode = stringValue(f.networkModeNode);
    if (mode && !managedInstancesNetworkModes.includes(mode))
      ctx.report(
        at(
          f.networkModeNode,
          `ECS Managed Instances run tasks with the ${managedInstancesNetworkModes.join(', ')} network mode, not "${mode}".`,
        ),
      );
  },
};

export const configuredAtLaunch: Rule = {
  code: 'task.configured-at-launch',
  severity: 'error',
  kinds,
  summary: `At most ${maxVolumesConfiguredAtLaunch} volume of a task definition is configured at launch.`,
  rationale:
    'Volume.configuredAtLaunch doc comment: each task definition revision may have only one volume configured at launch (the EBS volume a service or RunTask attaches).',
  check(ctx) {
    const atLaunch = elements(member(ctx.body, 'volumes')).filter(
      (v) => booleanValue(member(v, 'configuredAtLaunch')) === true,
    );
    for (const extra of atLaunch.slice(maxVolumesConfiguredAtLaunch)) {
      ctx.report(
        at(
          member(extra, 'configuredAtLaunch')!,
          `Only one volume can be configured at launch ("${stringValue(member(atLaunch[0], 'name')) ?? 'the first'}" already is).`,
        ),
      );
    }
  },
};

export const taskFeatureRules: readonly Rule[] = [
  restartPolicy,
  credentialSpecs,
  swap,
  pidModeWindows,
  faultInjection,
  managedInstancesNetworkMode,
  configuredAtLaunch,
];

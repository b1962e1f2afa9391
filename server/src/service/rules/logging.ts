import { closestName } from '../didYouMean';
import { member, properties, stringValue } from '../json';
import { awslogsOptions, awslogsRequiredOnFargate, awslogsRequiredOptions } from '../../ecs/logDrivers';
import { at, type Rule } from './types';
import { facts, keyNode, label } from './task';

const kinds = ['task-definition', 'describe-output'] as const;

export const awslogsRequired: Rule = {
  code: 'logging.awslogs-options',
  severity: 'error',
  kinds,
  summary: `The awslogs driver has ${awslogsRequiredOptions.join(' and ')} options, and on Fargate ${awslogsRequiredOnFargate.join(' and ')}.`,
  rationale:
    'Without a log group and Region the driver cannot create the stream and the container fails to start; Fargate names its streams from the prefix and requires it.',
  check(ctx) {
    const f = facts(ctx);
    const required = f.fargate ? [...awslogsRequiredOptions, ...awslogsRequiredOnFargate] : awslogsRequiredOptions;
    for (const c of f.containers) {
      const log = member(c.node, 'logConfiguration');
      const driver = member(log, 'logDriver');
      if (stringValue(driver) !== 'awslogs') continue;
      const options = member(log, 'options');
      const missing = required.filter((o) => !member(options, o));
      if (missing.length) {
        const anchor = keyNode(log, 'options') ?? driver!;
        ctx.report(
          at(
            anchor,
            `The awslogs driver of ${label(c)} needs ${missing.map((m) => `"${m}"`).join(' and ')} in options.`,
          ),
        );
      }
    }
  },
};

export const awslogsUnknownOption: Rule = {
  code: 'logging.awslogs-unknown-option',
  severity: 'warning',
  kinds,
  summary: 'awslogs options are ones the driver knows.',
  rationale:
    'Docker refuses to start a container whose log driver gets an option it does not know; a typo shows up only at task start.',
  check(ctx) {
    for (const c of facts(ctx).containers) {
      const log = member(c.node, 'logConfiguration');
      if (stringValue(member(log, 'logDriver')) !== 'awslogs') continue;
      for (const [name, key] of properties(member(log, 'options'))) {
        if (awslogsOptions.includes(name)) continue;
        const meant = closestName(name, awslogsOptions);
        const fixes = meant
          ? [
              {
                title: `Rename to "${meant}"`,
                edits: [{ offset: key.offset, length: key.length, newText: JSON.stringify(meant) }],
                preferred: true,
              },
            ]
          : undefined;
        ctx.report(
          at(
            key,
            meant
              ? `"${name}" is not an awslogs option; did you mean "${meant}"?`
              : `"${name}" is not an awslogs option; known options: ${awslogsOptions.join(', ')}.`,
            { fixes },
          ),
        );
      }
    }
  },
};

export const firelensContainer: Rule = {
  code: 'logging.firelens-container',
  severity: 'error',
  kinds,
  summary: 'A container logging with awsfirelens has a FireLens container (firelensConfiguration) in the task.',
  rationale:
    "awsfirelens sends logs to the task's Fluent Bit or Fluentd sidecar; without one the API rejects the task definition.",
  check(ctx) {
    const containers = facts(ctx).containers;
    if (containers.some((c) => member(c.node, 'firelensConfiguration'))) return;
    for (const c of containers) {
      const driver = member(member(c.node, 'logConfiguration'), 'logDriver');
      if (stringValue(driver) === 'awsfirelens')
        ctx.report(
          at(
            driver!,
            `${label(c)} logs with awsfirelens, but no container has a firelensConfiguration; add a Fluent Bit or Fluentd log router container.`,
          ),
        );
    }
  },
};

export const loggingRules: readonly Rule[] = [awslogsRequired, awslogsUnknownOption, firelensContainer];

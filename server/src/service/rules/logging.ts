import { member, properties, stringValue, type JsonNode } from '../json';
import { closestName } from '../didYouMean';
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
      // A required option written with a typo is one mistake: the unknown-option finding names it, with its fix.
      const misspelt = new Set(misspellings(options).values());
      const missing = required.filter((o) => !member(options, o) && !misspelt.has(o));
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
      const options = member(log, 'options');
      const meant = misspellings(options);
      for (const [name, key] of properties(options)) {
        if (awslogsOptions.includes(name)) continue;
        const option = meant.get(name);
        ctx.report(
          option === undefined
            ? at(key, `"${name}" is not an awslogs option; known options: ${awslogsOptions.join(', ')}.`)
            : at(key, `"${name}" is not an awslogs option. Did you mean "${option}"?`, {
                fixes: [
                  {
                    title: `Rename to "${option}"`,
                    edits: [{ offset: key.offset, length: key.length, newText: JSON.stringify(option) }],
                    preferred: true,
                  },
                ],
                // Written as meant, a required option: its absence keeps the container from starting.
                ...(awslogsRequiredOptions.includes(option) || awslogsRequiredOnFargate.includes(option)
                  ? { severity: 'error' as const }
                  : {}),
              }),
        );
      }
    }
  },
};

/** Unknown option names of an awslogs `options` object mapped to the one option each is close to, if that option is not also written. */
function misspellings(options: JsonNode | undefined): Map<string, string> {
  const meant = new Map<string, string>();
  const written = properties(options);
  const names = new Set(written.map(([name]) => name));
  for (const [name] of written) {
    if (awslogsOptions.includes(name)) continue;
    const option = closestName(name, awslogsOptions);
    if (option !== undefined && !names.has(option)) meant.set(name, option);
  }
  return meant;
}

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

import { elements, member, numberValue, stringValue } from '../json';
import { healthCheckLimits, type HealthCheckField } from '../../ecs/limits';
import { at, type Rule } from './types';
import { facts, label } from './task';

const kinds = ['task-definition', 'describe-output'] as const;

export const healthCheckCommand: Rule = {
  code: 'health-check.command',
  severity: 'error',
  kinds,
  summary: 'healthCheck.command starts with "CMD", "CMD-SHELL" or is ["NONE"].',
  rationale:
    'The first element tells Docker how to run the rest (directly, or with the container shell); without it the check fails and an essential container is restarted forever.',
  check(ctx) {
    for (const c of facts(ctx).containers) {
      const command = member(member(c.node, 'healthCheck'), 'command');
      const items = elements(command);
      if (!command || command.type !== 'array') continue;
      const first = items[0];
      const head = stringValue(first);
      if (head === 'CMD' || head === 'CMD-SHELL' || head === 'NONE') {
        if (head !== 'NONE' && items.length < 2)
          ctx.report(at(command, `A ${head} health check needs the command to run after "${head}".`));
        continue;
      }
      if (!first) {
        ctx.report(
          at(
            command,
            'The health-check command is empty; use ["CMD-SHELL", "<shell command>"] or ["CMD", "<executable>", "<args>…"].',
          ),
        );
        continue;
      }
      const rest = items.map((i) => stringValue(i)).filter((s): s is string => s !== undefined);
      // CMD-SHELL takes one shell string, so the elements are joined; CMD keeps them as exec arguments.
      const fixes = [
        {
          title: 'Run it with CMD-SHELL',
          edits: [
            { offset: command.offset, length: command.length, newText: JSON.stringify(['CMD-SHELL', rest.join(' ')]) },
          ],
          preferred: true,
        },
        { title: 'Prefix it with CMD', edits: [{ offset: first.offset, length: 0, newText: '"CMD", ' }] },
      ];
      ctx.report(
        at(
          first,
          `The health-check command of ${label(c)} must start with "CMD" (exec form), "CMD-SHELL" (shell form) or be ["NONE"]; it starts with ${JSON.stringify(first.value)}.`,
          { fixes: rest.length === items.length ? fixes : undefined },
        ),
      );
    }
  },
};

export const healthCheckRange: Rule = {
  code: 'health-check.range',
  severity: 'error',
  kinds,
  summary: `healthCheck interval ${healthCheckLimits.interval.min}–${healthCheckLimits.interval.max} s, timeout ${healthCheckLimits.timeout.min}–${healthCheckLimits.timeout.max} s, retries ${healthCheckLimits.retries.min}–${healthCheckLimits.retries.max}, startPeriod ${healthCheckLimits.startPeriod.min}–${healthCheckLimits.startPeriod.max} s.`,
  rationale: 'The API accepts health-check timings only within these bounds.',
  check(ctx) {
    for (const c of facts(ctx).containers) {
      const hc = member(c.node, 'healthCheck');
      for (const field of Object.keys(healthCheckLimits) as HealthCheckField[]) {
        const node = member(hc, field);
        const value = numberValue(node);
        const { min, max } = healthCheckLimits[field];
        if (node && value !== undefined && (value < min || value > max)) {
          ctx.report(
            at(
              node,
              `healthCheck.${field} is ${min}–${max}${field === 'retries' ? '' : ' seconds'}; ${value} is out of range.`,
            ),
          );
        }
      }
    }
  },
};

export const healthCheckTimeout: Rule = {
  code: 'health-check.timeout-exceeds-interval',
  severity: 'warning',
  kinds,
  summary: 'healthCheck.timeout is not longer than the interval.',
  rationale:
    'A check that may run longer than the gap between checks overlaps the next one; the timing is almost always a mistake.',
  check(ctx) {
    for (const c of facts(ctx).containers) {
      const hc = member(c.node, 'healthCheck');
      const timeoutNode = member(hc, 'timeout');
      const timeout = numberValue(timeoutNode) ?? 5;
      const interval = numberValue(member(hc, 'interval')) ?? 30;
      if (timeoutNode && timeout > interval)
        ctx.report(
          at(
            timeoutNode,
            `timeout (${timeout} s) is longer than interval (${interval} s) for ${label(c)}; make the timeout shorter than the interval.`,
          ),
        );
    }
  },
};

export const healthCheckRules: readonly Rule[] = [healthCheckCommand, healthCheckRange, healthCheckTimeout];

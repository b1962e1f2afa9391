/**
 * Argument reading shared by `ecs-lens deploy` and `ecs-lens scale`: flags with values, switches,
 * JSON files, durations such as `90`, `90s`, `5m` or `2h`.
 */
import type { DynamicsOptions } from '../dynamics';
import { optionFlags } from './inputErrors';

export interface ParsedArgs {
  values: Map<string, string[]>;
  switches: Set<string>;
  help: boolean;
  error?: string;
}

export function parseArgs(args: string[], flags: ReadonlySet<string>, switches: ReadonlySet<string>): ParsedArgs {
  const values = new Map<string, string[]>();
  const on = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return { values, switches: on, help: true };
    if (switches.has(arg)) {
      on.add(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!flags.has(flag)) return { values, switches: on, help: false, error: `unknown argument ${arg}` };
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '')
      return { values, switches: on, help: false, error: `${flag} needs a value` };
    values.set(flag, [...(values.get(flag) ?? []), value]);
  }
  return { values, switches: on, help: false };
}

/** Seconds from `90`, `90s`, `5m`, `2h` or `1h30m`; undefined when the text is none of these. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(t);
  if (!m || t === '') return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** The simulate command's reader: a file's JSON, or a message naming the flag and the file. */
export { readJson } from './simulate';

/** Simulated time, as the panel prints it too. */
export { clock } from '../shared/clock';

export function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padStart(widths[c])).join('  '));
}

/** The timings and limits no ECS file holds, as `deploy` and `scale` take them: options, or the usage error. */
export function timingOptions(one: (flag: string) => string | undefined): { options: DynamicsOptions; error?: string } {
  const options: DynamicsOptions = {};
  for (const key of ['deregistrationDelaySeconds', 'taskStartSeconds', 'instanceLaunchSeconds'] as const) {
    const flag = optionFlags[key];
    const raw = one(flag);
    if (raw === undefined) continue;
    const seconds = parseDuration(raw);
    if (seconds === undefined)
      return { options, error: `${flag} must be a duration such as 90, 90s, 5m or 1h, not ${raw}` };
    options[key] = seconds;
  }
  for (const key of ['maxInstances', 'minimumScalingStepSize', 'maximumScalingStepSize', 'seed'] as const) {
    const flag = optionFlags[key];
    const raw = one(flag);
    if (raw === undefined) continue;
    if (!/^\d+$/.test(raw)) return { options, error: `${flag} must be a whole number, not ${raw}` };
    options[key] = Number(raw);
  }
  return { options };
}

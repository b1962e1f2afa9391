/**
 * `ecs-lens scale`: service auto scaling over a load profile, minute by minute. Exit 0 when every desired
 * task runs at the end, 1 when tasks are left unplaced or provisioning (or, with --fail-on-shortfall, when the
 * service ran short for longer than allowed), 2 on bad input.
 */
import { simulatorDefaults } from '../dynamics/defaults';
import { simulateScaling, type DynamicsOptions, type ScalingResult } from '../dynamics';
import { cliInputErrors, optionFlags } from './inputErrors';
import type { CliResult } from './result';
import { clock, parseArgs, parseDuration, readJson, table, timingOptions } from './timedArgs';

export const SCALE_USAGE = `usage: ecs-lens scale --cluster <file> --service <file> --task-definition <file> --target <file>
       --policy <file> [--policy <file>]... [--alarm <file>]... --load <file> [--duration 2h] [--format text|json]
       [--task-start <duration>] [--instance-launch <duration>] [--deregistration-delay <duration>]
       [--max-instances <n>] [--min-scaling-step <n>] [--max-scaling-step <n>] [--seed <n>]
       [--fail-on-shortfall <duration>]

--target is register-scalable-target input, --policy put-scaling-policy input (step scaling takes its
put-metric-alarm input under "Alarms" or with --alarm), --load a load profile:
{"metric": "CPUUtilization" | "MemoryUtilization" | "RequestCount", "demand": [[seconds, amount], ...]}.
Exit status: 0 every desired task runs at the end, 1 tasks are left unplaced or provisioning, or with
--fail-on-shortfall the service ran below its desired count for longer than <duration> at a stretch,
2 bad input.
Defaults: --duration 2h, --task-start ${simulatorDefaults.taskStartSeconds}s, --instance-launch ${simulatorDefaults.instanceLaunchSeconds}s, --deregistration-delay 300s behind a load balancer.`;

const FLAGS = new Set([
  '--cluster',
  '--service',
  '--task-definition',
  '--target',
  '--policy',
  '--alarm',
  '--load',
  '--duration',
  '--format',
  '--task-start',
  '--instance-launch',
  '--deregistration-delay',
  '--max-instances',
  '--min-scaling-step',
  '--max-scaling-step',
  '--seed',
  '--fail-on-shortfall',
]);

function usageError(message: string): CliResult {
  return { stdout: '', stderr: `ecs-lens scale: ${message}\n${SCALE_USAGE}\n`, exitCode: 2 };
}

/** The JSON contract: series, events, summary first. */
export function scalingJson(result: ScalingResult): string {
  const { series, events, summary, ...rest } = result;
  return JSON.stringify({ series, events, summary, ...rest }, null, 2);
}

export function scalingText(result: ScalingResult): string {
  const s = result.summary;
  const last = result.series[result.series.length - 1];
  const lines = [
    `Peak desired ${s.peakDesired} tasks, peak ${s.peakInstances} instances; below the desired count for ${clock(s.secondsBelowDesired)}.`,
    last.running >= last.desired
      ? `Every desired task runs at ${clock(last.t)}.`
      : `At ${clock(last.t)} ${last.running} of ${last.desired} desired tasks run (${last.pending} starting, ${last.provisioning} provisioning).`,
    '',
  ];
  // One row per minute at which something other than the load's clock moved.
  const rows: string[][] = [
    ['time', 'load', 'metric', 'desired', 'running', 'pending', 'provisioning', 'instances', 'reservation'],
  ];
  let prev = '';
  for (const p of result.series) {
    const key = [p.load, p.desired, p.running, p.pending, p.provisioning, p.instances].join();
    if (key === prev && p !== last) continue;
    prev = key;
    rows.push([
      clock(p.t),
      String(p.load),
      p.utilization === null ? '-' : String(p.utilization),
      String(p.desired),
      String(p.running),
      String(p.pending),
      String(p.provisioning),
      String(p.instances),
      p.capacityProviderReservation === null ? '-' : `${p.capacityProviderReservation}%`,
    ]);
  }
  lines.push(...table(rows));
  if (result.events.length > 0) lines.push('', 'Events:', ...result.events.map((e) => `  ${clock(e.t)}  ${e.message}`));
  for (const note of result.notes) lines.push(`Note: ${note}`);
  return `${lines.join('\n')}\n`;
}

export function runScaleCli(argv: string[], readFile: (path: string, flag?: string) => string): CliResult {
  const args = argv[0] === 'scale' ? argv.slice(1) : argv;
  const parsed = parseArgs(args, FLAGS, new Set());
  if (parsed.help) return { stdout: `${SCALE_USAGE}\n`, stderr: '', exitCode: 0 };
  if (parsed.error) return usageError(parsed.error);
  const one = (flag: string) => parsed.values.get(flag)?.at(-1);
  for (const flag of ['--cluster', '--service', '--task-definition', '--target', '--policy', '--load'])
    if (!one(flag)) return usageError(`${flag} <file> is required`);
  const format = one('--format') ?? 'text';
  if (format !== 'text' && format !== 'json') return usageError(`--format must be text or json, not ${format}`);

  const timings = timingOptions(one);
  if (timings.error) return usageError(timings.error);
  const options: DynamicsOptions = timings.options;
  let durationSeconds: number | undefined;
  const duration = one(optionFlags.durationSeconds);
  if (duration !== undefined) {
    durationSeconds = parseDuration(duration);
    if (durationSeconds === undefined)
      return usageError(`--duration must be a duration such as 90, 90s, 5m or 2h, not ${duration}`);
  }

  let allowedShortfall: number | undefined;
  const shortfallFlag = one('--fail-on-shortfall');
  if (shortfallFlag !== undefined) {
    allowedShortfall = parseDuration(shortfallFlag);
    if (allowedShortfall === undefined)
      return usageError(`--fail-on-shortfall must be a duration such as 0, 90s, 5m or 1h, not ${shortfallFlag}`);
  }

  const read = (flag: string, path: string): { value?: unknown; error?: string } => readJson(path, flag, readFile);
  const files: Record<string, unknown> = {};
  for (const flag of ['--cluster', '--service', '--task-definition', '--target', '--load']) {
    const r = read(flag, one(flag)!);
    if (r.error) return usageError(r.error);
    files[flag] = r.value;
  }
  const policies: unknown[] = [];
  for (const path of parsed.values.get('--policy') ?? []) {
    const r = read('--policy', path);
    if (r.error) return usageError(r.error);
    policies.push(r.value);
  }
  const alarms: unknown[] = [];
  for (const path of parsed.values.get('--alarm') ?? []) {
    const r = read('--alarm', path);
    if (r.error) return usageError(r.error);
    // describe-alarms output lists MetricAlarms; a file may also hold a list of put-metric-alarm inputs.
    const v = r.value as { MetricAlarms?: unknown[] } | unknown[];
    alarms.push(
      ...(Array.isArray(v)
        ? v
        : Array.isArray(v?.MetricAlarms)
          ? (v as { MetricAlarms: unknown[] }).MetricAlarms
          : [v]),
    );
  }
  const result = simulateScaling({
    cluster: files['--cluster'],
    service: files['--service'],
    taskDefinition: files['--task-definition'],
    target: files['--target'],
    policy: policies.length === 1 ? policies[0] : policies,
    alarms,
    load: files['--load'],
    durationSeconds,
    options,
  });
  if (result.errors.length > 0) {
    // Each file read once: the last of a flag given twice, every --policy and --alarm.
    const pathsOf = (flag: string) =>
      flag === '--policy' || flag === '--alarm'
        ? (parsed.values.get(flag) ?? [])
        : [one(flag)].filter((p) => p !== undefined);
    return { stdout: '', stderr: cliInputErrors('scale', result.errors, pathsOf), exitCode: 2 };
  }
  const last = result.series[result.series.length - 1];
  const stderr = result.warnings.map((w) => `ecs-lens scale: warning: ${w}\n`);
  const short = longestShortfall(result.series);
  const tooShort = allowedShortfall !== undefined && short !== undefined && short.seconds > allowedShortfall;
  if (tooShort)
    stderr.push(
      `ecs-lens scale: the service ran below its desired count for ${clock(short.seconds)} (from ${clock(short.from)} to ${clock(short.to)}, at most ${short.missing} of ${short.desired} desired tasks not running), longer than --fail-on-shortfall ${shortfallFlag}\n`,
    );
  return {
    stdout: format === 'json' ? `${scalingJson(result)}\n` : scalingText(result),
    stderr: stderr.join(''),
    exitCode: last.running >= last.desired && !tooShort ? 0 : 1,
  };
}

/** The longest stretch in which fewer tasks ran than desired; a stretch still open at the end runs to the last point. */
export function longestShortfall(
  series: ScalingResult['series'],
): { from: number; to: number; seconds: number; missing: number; desired: number } | undefined {
  let best: { from: number; to: number; seconds: number; missing: number; desired: number } | undefined;
  let start: number | undefined;
  let missing = 0;
  let desired = 0;
  const close = (to: number) => {
    if (start === undefined) return;
    if (!best || to - start > best.seconds) best = { from: start, to, seconds: to - start, missing, desired };
    start = undefined;
  };
  for (const p of series) {
    if (p.running < p.desired) {
      if (start === undefined) {
        start = p.t;
        missing = 0;
      }
      if (p.desired - p.running > missing) {
        missing = p.desired - p.running;
        desired = p.desired;
      }
    } else close(p.t);
  }
  if (series.length > 0) close(series[series.length - 1].t);
  return best;
}

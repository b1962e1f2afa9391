/**
 * `ecs-lens deploy`: runs a deployment of a new task definition against a cluster file and reports
 * whether it completes. Exit 0 when it completes, 1 when it stalls or rolls back, 2 on bad input.
 */
import { simulatorDefaults } from '../dynamics/defaults';
import { simulateDeployment, type DeploymentResult, type DynamicsOptions } from '../dynamics';
import { isRollingUpdate } from '../ecs/deployments';
import { cliInputErrors } from './inputErrors';
import type { CliResult } from './result';
import { clock, parseArgs, readJson, table, timingOptions } from './timedArgs';

export const DEPLOY_USAGE = `usage: ecs-lens deploy --cluster <file> --service <file> --task-definition <new file> [--format text|json]
       [--current-task-definition <file>] [--deregistration-delay <duration>] [--task-start <duration>]
       [--instance-launch <duration>] [--max-instances <n>] [--min-scaling-step <n>] [--max-scaling-step <n>] [--fail-health-checks] [--seed <n>]

Timings no ECS file holds, with their defaults: --deregistration-delay 300s behind a load balancer (the
target group default), --task-start ${simulatorDefaults.taskStartSeconds}s, --instance-launch ${simulatorDefaults.instanceLaunchSeconds}s (a capacity provider's new instance
until it has registered). --max-instances caps the capacity provider's group; --min-scaling-step and
--max-scaling-step override its managed scaling step sizes. --fail-health-checks marks the
new tasks as failing their health checks.`;

const FLAGS = new Set([
  '--cluster',
  '--service',
  '--task-definition',
  '--current-task-definition',
  '--format',
  '--deregistration-delay',
  '--task-start',
  '--instance-launch',
  '--max-instances',
  '--min-scaling-step',
  '--max-scaling-step',
  '--seed',
]);
const SWITCHES = new Set(['--fail-health-checks']);

function usageError(message: string): CliResult {
  return { stdout: '', stderr: `ecs-lens deploy: ${message}\n${DEPLOY_USAGE}\n`, exitCode: 2 };
}

/** The JSON contract: outcome, duration, peaks and steps first; reason and fixes when it did not complete. */
export function deploymentJson(result: DeploymentResult): string {
  const { outcome, durationSeconds, peakTasks, peakInstances, steps, reason, fixes, timeline, ...rest } = result;
  void timeline;
  return JSON.stringify(
    {
      outcome,
      durationSeconds,
      peakTasks,
      peakInstances,
      steps,
      ...(reason ? { reason } : {}),
      ...(fixes ? { fixes } : {}),
      ...rest,
    },
    null,
    2,
  );
}

export function deploymentText(result: DeploymentResult): string {
  const lines: string[] = [];
  const what = isRollingUpdate(result.strategy)
    ? `rolling update, minimumHealthyPercent ${result.minimumHealthyPercent}, maximumPercent ${result.maximumPercent}`
    : `${result.strategy.toLowerCase().replace('_', '/')} deployment`;
  const head =
    result.outcome === 'completed'
      ? `completes in ${clock(result.durationSeconds)}`
      : result.outcome === 'stalled'
        ? `stalls at ${clock(result.durationSeconds)}`
        : `rolls back at ${clock(result.durationSeconds)}`;
  lines.push(
    `Deployment ${head} (${what}; ${result.desiredCount} desired task${result.desiredCount === 1 ? '' : 's'}${result.mode === 'daemon' ? ', DAEMON' : ''}).`,
  );
  lines.push(
    `Peak: ${result.peakTasks} tasks on ${result.mode === 'fargate' ? 'AWS Fargate' : `${result.peakInstances} instances`}.`,
    '',
  );
  lines.push(
    ...table([
      ['time', 'old', 'new', 'pending', 'instances'],
      ...result.steps.map((s) => [clock(s.t), String(s.old), String(s.new), String(s.pending), String(s.instances)]),
    ]),
  );
  if (result.traffic)
    lines.push('', 'Traffic on the new revision:', ...result.traffic.map((s) => `  ${clock(s.t)}  ${s.percent}%`));
  if (result.events.length > 0) lines.push('', 'Events:', ...result.events.map((e) => `  ${clock(e.t)}  ${e.message}`));
  if (result.reason)
    lines.push(
      '',
      `${result.outcome === 'rolled-back' ? 'Rolled back' : 'Stalled'} (${result.reason.code}): ${result.reason.message}`,
    );
  if (result.fixes && result.fixes.length > 0)
    lines.push('', 'What would unblock it:', ...result.fixes.map((f) => `  - ${f}`));
  for (const note of result.notes) lines.push(`Note: ${note}`);
  return `${lines.join('\n')}\n`;
}

export function runDeployCli(argv: string[], readFile: (path: string, flag?: string) => string): CliResult {
  const args = argv[0] === 'deploy' ? argv.slice(1) : argv;
  const parsed = parseArgs(args, FLAGS, SWITCHES);
  if (parsed.help) return { stdout: `${DEPLOY_USAGE}\n`, stderr: '', exitCode: 0 };
  if (parsed.error) return usageError(parsed.error);
  const one = (flag: string) => parsed.values.get(flag)?.at(-1);
  const pathsOf = (flag: string) => {
    const path = one(flag);
    return path ? [path] : [];
  };
  for (const flag of ['--cluster', '--service', '--task-definition'])
    if (!one(flag)) return usageError(`${flag} <file> is required`);
  const format = one('--format') ?? 'text';
  if (format !== 'text' && format !== 'json') return usageError(`--format must be text or json, not ${format}`);

  const timings = timingOptions(one);
  if (timings.error) return usageError(timings.error);
  const options: DynamicsOptions = {
    ...timings.options,
    failHealthChecks: parsed.switches.has('--fail-health-checks'),
  };

  const files: Record<string, unknown> = {};
  for (const flag of ['--cluster', '--service', '--task-definition', '--current-task-definition']) {
    const path = one(flag);
    if (!path) continue;
    const read = readJson(path, flag, readFile);
    if (read.error) return usageError(read.error);
    files[flag] = read.value;
  }
  const result = simulateDeployment({
    cluster: files['--cluster'],
    service: files['--service'],
    taskDefinition: files['--task-definition'],
    currentTaskDefinition: files['--current-task-definition'],
    options,
  });
  if (result.errors.length > 0)
    return { stdout: '', stderr: cliInputErrors('deploy', result.errors, pathsOf), exitCode: 2 };
  return {
    stdout: format === 'json' ? `${deploymentJson(result)}\n` : deploymentText(result),
    stderr: '',
    exitCode: result.outcome === 'completed' ? 0 : 1,
  };
}

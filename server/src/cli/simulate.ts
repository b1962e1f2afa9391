/**
 * `ecs-lens simulate`: reads the files, runs the simulator and renders the result.
 * Exit 0 when every task is placed, 1 when some are not, 2 on bad usage or input.
 */
import { explainTask, simulate } from '../placement/engine';
import { cliInputErrors, optionFlags } from './inputErrors';
import type { SimulationOptions, SimulationRequest, SimulationResult } from '../placement/types';
import { jsonSyntaxPosition } from '../workspace/plainText';
import type { CliResult } from './result';
import { formatJson, formatText } from './simulateFormat';

export const SIMULATE_USAGE =
  'usage: ecs-lens simulate --cluster <file> --task-definition <file> [--service <file>] [--count <n>] [--seed <n>] [--format text|json] [--explain | --explain-task <n>]';

const FLAGS = new Set([
  '--cluster',
  '--service',
  '--task-definition',
  '--count',
  '--seed',
  '--format',
  '--explain-task',
]);

function usageError(message: string): CliResult {
  return { stdout: '', stderr: `ecs-lens simulate: ${message}\n${SIMULATE_USAGE}\n`, exitCode: 2 };
}

export function readJson(
  path: string,
  flag: string,
  readFile: (path: string, flag?: string) => string,
): { value?: unknown; error?: string } {
  let text: string;
  try {
    text = readFile(path, flag);
  } catch (e) {
    return { error: `cannot read ${flag} file ${path}: ${(e as Error).message}` };
  }
  try {
    // Strip a byte-order mark that some editors write.
    text = text.replace(/^\uFEFF/, '');
    return { value: JSON.parse(text) };
  } catch {
    // JSON.parse's message quotes the text: the position alone is said.
    return { error: `${flag} file ${path} is not valid JSON at ${jsonSyntaxPosition(text)}.` };
  }
}

/** `run` is the simulator to use: the CLI passes one that also plays out a deployment in progress. */
export function runSimulateCli(
  argv: string[],
  readFile: (path: string, flag?: string) => string,
  run: (request: SimulationRequest) => SimulationResult = simulate,
): CliResult {
  const args = argv[0] === 'simulate' ? argv.slice(1) : argv;
  const values = new Map<string, string>();
  let explain = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return { stdout: `${SIMULATE_USAGE}\n`, stderr: '', exitCode: 0 };
    if (arg === '--explain') {
      explain = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!FLAGS.has(flag)) return usageError(`unknown argument ${arg}`);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') return usageError(`${flag} needs a value`);
    values.set(flag, value);
  }

  const clusterPath = values.get('--cluster');
  const taskPath = values.get('--task-definition');
  if (!clusterPath) return usageError('--cluster <file> is required');
  if (!taskPath)
    return usageError(
      '--task-definition <file> is required (the service names its task definition but the simulator needs its content)',
    );
  const format = values.get('--format') ?? 'text';
  if (format !== 'text' && format !== 'json') return usageError(`--format must be text or json, not ${format}`);

  const options: SimulationOptions = {};
  for (const key of ['count', 'seed'] as const) {
    const flag = optionFlags[key];
    const raw = values.get(flag);
    if (raw === undefined) continue;
    if (!/^\d+$/.test(raw)) return usageError(`${flag} must be a whole number, not ${raw}`);
    options[key] = Number(raw);
  }
  const explainOne = values.get('--explain-task');
  if (explainOne !== undefined && !/^\d+$/.test(explainOne))
    return usageError(`--explain-task must be a task number, not ${explainOne}`);
  if (explainOne !== undefined && explain) return usageError('--explain and --explain-task do not go together');

  const cluster = readJson(clusterPath, '--cluster', readFile);
  if (cluster.error) return usageError(cluster.error);
  const taskDefinition = readJson(taskPath, '--task-definition', readFile);
  if (taskDefinition.error) return usageError(taskDefinition.error);
  const servicePath = values.get('--service');
  let service: unknown;
  if (servicePath) {
    const read = readJson(servicePath, '--service', readFile);
    if (read.error) return usageError(read.error);
    service = read.value;
  }

  // Step-by-step explanations are large (every task, every candidate): only on request.
  if (explain) options.explain = true;
  const request = { taskDefinition: taskDefinition.value, service, cluster: cluster.value, options };
  const result = run(request);
  if (explainOne !== undefined && result.errors.length === 0) {
    // One task's explanation costs one more simulation up to that task, whatever the cluster's size.
    const one = explainTask(request, Number(explainOne));
    if (!one)
      return usageError(
        `--explain-task ${explainOne}: the simulation has no task ${explainOne} (tasks 0 to ${result.placements.length + result.unplaced.length - 1})`,
      );
    result.explanations = [one];
  }
  if (result.errors.length > 0) {
    // Each message starts with the input it is about; name the file it came from.
    const pathsOf = (flag: string) => {
      const path = values.get(flag);
      return path ? [path] : [];
    };
    return { stdout: '', stderr: cliInputErrors('simulate', result.errors, pathsOf), exitCode: 2 };
  }
  return {
    stdout: format === 'json' ? `${formatJson(result)}\n` : formatText(result),
    stderr: '',
    exitCode: result.unplaced.length > 0 ? 1 : 0,
  };
}

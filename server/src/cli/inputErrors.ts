/**
 * The CLI's errors: each simulation command (simulate, deploy, scale) names the file an error's input came from
 * the same way, by the error's `input`, from the one table of which flag reads which input.
 */
import { inputFilesOf, namedInputErrors } from '../placement/inputErrors';
import type { InputError, InputFiles, SimulationInput } from '../placement/inputErrors';

/** The flag each input is read from. */
export const inputFlags: Record<SimulationInput, string> = {
  'current task definition': '--current-task-definition',
  'task definition': '--task-definition',
  service: '--service',
  cluster: '--cluster',
  'scalable target': '--target',
  'scaling policy': '--policy',
  'load profile': '--load',
  alarm: '--alarm',
};

/**
 * The flag each option is set by: an error about an option (path `options.<name>`, or the scale's
 * `durationSeconds`) is named by its flag on the command line, where the user wrote it.
 */
export const optionFlags = {
  count: '--count',
  seed: '--seed',
  deregistrationDelaySeconds: '--deregistration-delay',
  taskStartSeconds: '--task-start',
  instanceLaunchSeconds: '--instance-launch',
  maxInstances: '--max-instances',
  minimumScalingStepSize: '--min-scaling-step',
  maximumScalingStepSize: '--max-scaling-step',
  durationSeconds: '--duration',
} as const;

/** An error about an option, named by the flag that set it. */
function byFlag(error: InputError): InputError {
  if (error.input !== undefined || error.path === undefined) return error;
  const name = error.path.startsWith('options.') ? error.path.slice('options.'.length) : error.path;
  const flag = Object.hasOwn(optionFlags, name) ? optionFlags[name as keyof typeof optionFlags] : undefined;
  return flag ? { ...error, path: flag } : error;
}

/** The file of each input, by the flags it is read from (placement/inputErrors.ts `inputFilesOf`). */
export function inputFiles(pathsOf: (flag: string) => readonly string[]): InputFiles {
  return inputFilesOf((input) => pathsOf(inputFlags[input]));
}

/** The error lines of a command, each naming the file of its input. */
export function cliInputErrors(
  command: string,
  errors: readonly InputError[],
  pathsOf: (flag: string) => readonly string[],
): string {
  return namedInputErrors(errors.map(byFlag), inputFiles(pathsOf))
    .map((line) => `ecs-lens ${command}: ${line}\n`)
    .join('');
}

/**
 * The CLI's errors: each simulation command (simulate, deploy, scale) names the file an input came from the same
 * way, through this one function, from the one table of which flag reads which input.
 */
import { namedInputErrors, type SimulationInput } from '../placement/inputErrors';

/** The flag each input is read from. */
const inputFlags: Record<SimulationInput, string> = {
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
 * The error lines of a command: an input read from one file is named by that file; an input read from several
 * files keeps its name. Alarms given under a policy's "Alarms" (no --alarm) are named by the one policy file.
 */
export function cliInputErrors(
  command: string,
  errors: readonly string[],
  pathsOf: (flag: string) => readonly string[],
): string {
  const files: Partial<Record<SimulationInput, string>> = {};
  for (const [input, flag] of Object.entries(inputFlags) as Array<[SimulationInput, string]>) {
    const paths = pathsOf(flag);
    if (paths.length === 1) files[input] = paths[0];
  }
  if (pathsOf('--alarm').length === 0 && files['scaling policy']) files.alarm = files['scaling policy'];
  return namedInputErrors(errors, files)
    .map((line) => `ecs-lens ${command}: ${line}\n`)
    .join('');
}

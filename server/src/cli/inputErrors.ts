/**
 * The CLI's errors: each simulation command (simulate, deploy, scale) names the file an error's input came from
 * the same way, by the error's `input`, from the one table of which flag reads which input.
 */
import { namedInputErrors, type InputError, type InputFiles, type SimulationInput } from '../placement/inputErrors';

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
 * The file of each input: an input read from one file is named by that file; an input read from several files
 * keeps its name. Alarms given under a policy's "Alarms" (no --alarm) are named by the one policy file.
 */
export function inputFiles(pathsOf: (flag: string) => readonly string[]): InputFiles {
  const files: InputFiles = {};
  for (const [input, flag] of Object.entries(inputFlags) as Array<[SimulationInput, string]>) {
    const paths = pathsOf(flag);
    if (paths.length === 1) files[input] = paths[0];
  }
  if (pathsOf('--alarm').length === 0 && files['scaling policy']) files.alarm = files['scaling policy'];
  return files;
}

/** The error lines of a command, each naming the file of its input. */
export function cliInputErrors(
  command: string,
  errors: readonly InputError[],
  pathsOf: (flag: string) => readonly string[],
): string {
  return namedInputErrors(errors, inputFiles(pathsOf))
    .map((line) => `ecs-lens ${command}: ${line}\n`)
    .join('');
}

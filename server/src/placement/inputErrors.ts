/**
 * Errors as values: which input a problem is about, where in it, and what is allowed. Every simulator (placement,
 * deployment, scaling) and the admission layer return these; every command (the CLI's simulate, deploy and scale,
 * the panel) names the file of an error's input through describeInputError, by the `input` field alone.
 */

/** The inputs a simulation reads, each from its own file. */
export const simulationInputs = [
  'current task definition',
  'task definition',
  'service',
  'cluster',
  'scalable target',
  'scaling policy',
  'load profile',
  'alarm',
] as const;

export type SimulationInput = (typeof simulationInputs)[number];

export interface InputError {
  /** The input the error is about; undefined when it is about the options or several inputs together. */
  input?: SimulationInput;
  /**
   * The error's place (from 1) in a list that may span files (the second of two --policy files is "scaling policy
   * 2"): such an error keeps the input's name and its place, since no one file holds it.
   */
  item?: number;
  /**
   * Where in the input (`instanceGroups[0].count`), when known; an option's is `options.<name>`. Only this field
   * names the place: describeInputError puts it before the message, which never repeats it.
   */
  path?: string;
  /** What is wrong and what is allowed, in words that read on after the path (or the input's file without one). */
  message: string;
}

/** The file each input came from, as errors name it; an input without one is named by its role. */
export type InputFiles = Partial<Record<SimulationInput, string>>;

/**
 * The file of each input, for every surface alike (the CLI's flags, the panel's documents): an input read from one
 * file is named by that file; an input read from several keeps its role. Alarms given under a policy's `Alarms`
 * (no alarm file of their own) are named by the one policy file.
 */
export function inputFilesOf(filesOf: (input: SimulationInput) => readonly string[]): InputFiles {
  const files: InputFiles = {};
  for (const input of simulationInputs) {
    const paths = filesOf(input);
    if (paths.length === 1) files[input] = paths[0];
  }
  if (filesOf('alarm').length === 0 && files['scaling policy']) files.alarm = files['scaling policy'];
  return files;
}

/** An error about one input, at a path in it (when known). */
export function inputError(input: SimulationInput, message: string, path?: string): InputError {
  return path === undefined ? { input, message } : { input, path, message };
}

/** An error about the options or about several inputs together, at a path (when known): no file holds it. */
export function generalError(message: string, path?: string): InputError {
  return path === undefined ? { message } : { path, message };
}

/** Where the items of a list are read: the input that holds it (none for the options) and the list's path there. */
export interface ListPlace {
  input?: SimulationInput;
  path: string;
}

/** A list of the service's that the panel may override: `options.<path>` when the options hold it, else the service's. */
export function serviceList(path: string, overridden: boolean): ListPlace {
  return overridden ? { path: `options.${path}` } : { input: 'service', path };
}

/** An error about a whole list, for the file that holds it. */
export function listError(place: ListPlace, message: string): InputError {
  return place.input ? inputError(place.input, message, place.path) : generalError(message, place.path);
}

/** An error about item `index` of a list (at `member` in it, when given), for the file that holds the list. */
export function itemError(place: ListPlace, index: number, message: string, member = ''): InputError {
  return listError({ ...place, path: `${place.path}[${index}]${member}` }, message);
}

/** Errors of one parser, counted among several files of the same input (`alarm 1`, `scaling policy 2`). */
export function asItem(error: InputError, item: number): InputError {
  return { ...error, item };
}

/**
 * The error as the CLI prints it and the panel shows it: the input's file (its role without one), the path in it,
 * then the message, each that is known, as `file: path: message`.
 */
export function describeInputError(error: InputError, files: InputFiles = {}): string {
  const where = !error.input
    ? undefined
    : error.item !== undefined
      ? `${error.input} ${error.item}`
      : (files[error.input] ?? error.input);
  return [where, error.path, error.message].filter((part) => part !== undefined).join(': ');
}

/** Errors as the panel shows them: each names the file its input came from, not the input's role. */
export function namedInputErrors(errors: readonly InputError[], files: InputFiles): string[] {
  return errors.map((e) => describeInputError(e, files));
}

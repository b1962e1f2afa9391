/**
 * Errors as values: which input a problem is about, where in it, and what is allowed. The simulators word their
 * errors as `<input>: <path>: <message>`; inputError reads them back once, so every command (the CLI's simulate,
 * deploy and scale, the panel) names the file the same way.
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
  /** The input the error is about; undefined when it is about the options or the inputs together. */
  input?: SimulationInput;
  /** Where in the input (`instanceGroups[0].count`); empty when the input as a whole is wrong. */
  path: string;
  message: string;
}

// Longest first: "current task definition" before "task definition".
const byLength = [...simulationInputs].sort((a, b) => b.length - a.length);
const pathLike = /^[A-Za-z$_][\w$]*(?:\[\d+\]|\.[A-Za-z$_][\w$]*)*$/;

/** An error message read back as a value. */
export function inputError(error: string): InputError {
  const input = byLength.find((name) => error.startsWith(`${name}:`));
  if (!input) return { path: '', message: error };
  const rest = error.slice(input.length + 1).trim();
  const colon = rest.indexOf(': ');
  const head = colon > 0 ? rest.slice(0, colon) : '';
  return pathLike.test(head)
    ? { input, path: head, message: rest.slice(colon + 2) }
    : { input, path: '', message: rest };
}

/** The value as the CLI prints it: the file (when the input has one), the path, the message. */
export function describeInputError(error: InputError, files: Partial<Record<SimulationInput, string>>): string {
  const where = error.input ? (files[error.input] ?? error.input) : undefined;
  return [where, error.path, error.message].filter((part) => !!part).join(': ');
}

/** Errors as the panel shows them: each names the file its input came from (and the member), not the input's role. */
export function namedInputErrors(errors: readonly string[], files: Partial<Record<SimulationInput, string>>): string[] {
  return errors.map((e) => describeInputError(inputError(e), files));
}

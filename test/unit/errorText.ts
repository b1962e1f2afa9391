import { describeInputError, type InputError } from '../../server/src/placement/inputErrors';

/** An error as a command prints it without file names: the input's role, then the message. */
export function errorText(error: InputError): string {
  return describeInputError(error);
}

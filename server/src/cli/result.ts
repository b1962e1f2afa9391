/** What a CLI command returns: the bin writes it out; tests read it directly. */
export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Bad usage: reported with the usage text and exit status 2. */
export class UsageError extends Error {}

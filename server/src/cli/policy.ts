import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { maxDocumentLength, parseDocument } from '../service/document';
import { executionRolePolicy } from '../service/executionRolePolicy';
import { UsageError, type CliResult } from './result';
import { readFileBounded } from '../workspace/walk';

export const POLICY_USAGE = `usage: ecs-lens policy --task-definition <file>

Prints the least-privilege IAM policy the task's execution role needs for that task definition (image
pulls, awslogs, secrets), as JSON on stdout; notes on what it could not know go to stderr.
Exit status: 0 printed, 2 bad usage or a file that is not a readable task definition.`;

/** `ecs-lens policy --task-definition F`: the execution role's least-privilege IAM policy for that file. */
export function policy(args: string[]): CliResult {
  if (args.includes('--help') || args.includes('-h')) return { stdout: `${POLICY_USAGE}\n`, stderr: '', exitCode: 0 };
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--task-definition') file = args[++i];
    else if (arg.startsWith('--task-definition=')) file = arg.slice('--task-definition='.length);
    else throw new UsageError(`Unknown argument "${arg}".`);
  }
  if (!file) throw new UsageError('policy needs --task-definition <file>.');
  // The same bounded reader as every other input: a FIFO is not waited on, /dev/zero is not read to the end.
  const read = readFileBounded(file, { maxBytes: maxDocumentLength });
  if (!read.ok) return { stdout: '', stderr: `ecs-lens: ${read.message}\n`, exitCode: 2 };
  const text = read.text;
  const doc = parseDocument(pathToFileURL(resolvePath(file)).toString(), text);
  const isTask =
    doc.kind === 'task-definition' || doc.kind === 'describe-output' || doc.kind === 'daemon-task-definition';
  if (!isTask || !doc.body || doc.syntaxProblems.length) {
    return {
      stdout: '',
      stderr: `ecs-lens: "${file}" is not a task definition ECS Lens can read${doc.syntaxProblems.length ? ' (it has syntax errors; run ecs-lens check)' : ''}.\n`,
      exitCode: 2,
    };
  }
  const { policy: document, notes } = executionRolePolicy(doc.body);
  return {
    stdout: JSON.stringify(document, null, 2) + '\n',
    stderr: notes.map((n) => `ecs-lens: ${n}\n`).join(''),
    exitCode: 0,
  };
}

import { simulateWithDeployment } from '../dynamics';
import { version } from '../version';
import { check } from './check';
import { inputReaderFor } from './files';
import { runDeployCli } from './deploy';
import { runScaleCli } from './scale';
import { runSimulateCli } from './simulate';
import { UsageError, type CliResult } from './result';
import { rules } from './rules';
import { policy } from './policy';
import { prepareSurfaces } from '../surfaces';

export type { CliResult } from './result';

const usage = `Usage:
  ecs-lens check [--format text|json|sarif|junit] [--rule <code>=<off|hint|information|warning|error>]... [--deploy-context aws-cli|github-action|ecspresso|codedeploy|terraform] [--kind task-definition|service|cluster] [--allow-empty] <file or folder>...
  ecs-lens simulate --cluster <file> --task-definition <file> [--service <file>] [--count <n>] [--seed <n>] [--format text|json] [--explain]
  ecs-lens deploy --cluster <file> --service <file> --task-definition <file> [--format text|json] [timing options]
  ecs-lens scale --cluster <file> --service <file> --task-definition <file> --target <file> --policy <file> --load <file> [--duration 2h] [--format text|json]
  ecs-lens rules [--format text|json|markdown]
  ecs-lens policy --task-definition <file>
  ecs-lens --version

check   Checks ECS task definitions and services (folders are searched recursively).
        Exit status: 0 no errors, 1 errors found, 2 bad usage, unreadable input or no ECS file.
        Every command takes --help (ecs-lens check --help, ecs-lens policy --help, …).
simulate Previews where ECS would place the tasks. Exit status: 0 all placed, 1 some not, 2 bad input.
deploy  Runs a deployment of the task definition before it happens. Exit status: 0 completes, 1 stalls or
        rolls back, 2 bad input. \`ecs-lens deploy --help\` lists the timing options and their defaults.
scale   Runs service auto scaling over a load profile, minute by minute. Exit status: 0 every desired task
        runs at the end, 1 tasks left unplaced or provisioning (--fail-on-shortfall: or short too long), 2 bad input.
rules   Lists every rule with its code, default severity, what it checks and why.
policy  Prints the least-privilege IAM policy the task's execution role needs for that file (notes on stderr).

A task definition or service file may be one resource of a Terraform file: infra/ecs.tf#aws_ecs_service.web.`;

export function runCli(argv: string[]): CliResult {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return check(rest);
      case 'simulate':
        return runSimulateCli(rest, inputReaderFor(rest), simulateWithDeployment);
      case 'deploy':
        return runDeployCli(rest, inputReaderFor(rest));
      case 'scale':
        return runScaleCli(rest, inputReaderFor(rest));
      case 'rules':
        return rules(rest);
      case 'policy':
        return policy(rest);
      case '--version':
      case '-v':
        return { stdout: `${version}\n`, stderr: '', exitCode: 0 };
      case '--help':
      case '-h':
      case 'help':
        return { stdout: usage + '\n', stderr: '', exitCode: 0 };
      default:
        throw new UsageError(command ? `Unknown command "${command}".` : 'No command given.');
    }
  } catch (error) {
    if (error instanceof UsageError)
      return { stdout: '', stderr: `ecs-lens: ${error.message}\n\n${usage}\n`, exitCode: 2 };
    return { stdout: '', stderr: `ecs-lens: ${(error as Error).message}\n`, exitCode: 2 };
  }
}

/** Entry point of the `ecs-lens` bin: the surfaces' parsers load first, then the command runs. */
export async function main(argv = process.argv.slice(2)): Promise<void> {
  await prepareSurfaces();
  // `ecs-lens check … | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const result = runCli(argv);
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}

if (require.main === module) void main();

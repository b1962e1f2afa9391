import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { runSimulateCli } from './placement/simulateCommand';
import { maxDocumentLength, parseDocument, type EcsDocument } from './service/document';
import type { Problem } from './service/problem';
import { allRules } from './service/rules';
import { queryLanguageRules, structuralRules } from './service/structuralRules';
import { defaultSettings, type EcsLensSettings, type RuleLevel } from './service/settings';
import { validateDocument } from './service/validation';
import { staticWorkspace } from './service/workspace';

const usage = `Usage:
  ecs-lens check [--format text|json] [--rule <code>=<off|hint|information|warning|error>]... <file or folder>...
  ecs-lens simulate --cluster <file> --task-definition <file> [--service <file>] [--count <n>] [--seed <n>] [--format text|json] [--explain]
  ecs-lens rules [--format text|json]
  ecs-lens --version

check   Checks ECS task definitions and services (folders are searched recursively).
        Exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable input.
simulate Previews where ECS would place the tasks. Exit status: 0 all placed, 1 some not, 2 bad input.
rules   Lists every rule with its code, default severity, what it checks and why.`;

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

class UsageError extends Error {}

const levels: readonly RuleLevel[] = ['off', 'hint', 'information', 'warning', 'error'];

export function runCli(argv: string[]): CliResult {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check': return check(rest);
      case 'simulate': return runSimulateCli(rest, (p) => readFileSync(p, 'utf8'));
      case 'rules': return rules(rest);
      case '--version': case '-v': return { stdout: '0.1.0\n', stderr: '', exitCode: 0 };
      case '--help': case '-h': case 'help': return { stdout: usage + '\n', stderr: '', exitCode: 0 };
      default: throw new UsageError(command ? `Unknown command "${command}".` : 'No command given.');
    }
  } catch (error) {
    if (error instanceof UsageError) return { stdout: '', stderr: `ecs-lens: ${error.message}\n\n${usage}\n`, exitCode: 2 };
    return { stdout: '', stderr: `ecs-lens: ${(error as Error).message}\n`, exitCode: 2 };
  }
}

interface CheckOptions {
  format: 'text' | 'json';
  overrides: Record<string, RuleLevel>;
  paths: string[];
}

function parseCheckArgs(args: string[]): CheckOptions {
  const options: CheckOptions = { format: 'text', overrides: {}, paths: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (name: string) => {
      const v = arg.includes('=') && arg.startsWith('--') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value.`);
      return v;
    };
    if (arg === '--format' || arg.startsWith('--format=')) {
      const f = value('--format');
      if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not "${f}".`);
      options.format = f;
    } else if (arg === '--rule' || arg.startsWith('--rule=')) {
      const spec = value('--rule');
      const eq = spec.lastIndexOf('=');
      const code = spec.slice(0, eq);
      const level = spec.slice(eq + 1) as RuleLevel;
      if (eq <= 0 || !levels.includes(level)) throw new UsageError(`--rule takes <code>=<${levels.join('|')}>, not "${spec}".`);
      options.overrides[code] = level;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`Unknown option "${arg}".`);
    } else options.paths.push(arg);
  }
  if (options.paths.length === 0) throw new UsageError('check needs at least one file or folder.');
  return options;
}

interface Input { path: string; explicit: boolean; size: number }

/** Files to check, and messages about what could not be read (the run goes on without it, and exits 2). */
function collectFiles(paths: string[]): { inputs: Input[]; unreadable: string[] } {
  const inputs: Input[] = [];
  const unreadable: string[] = [];
  const reason = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  const visited = new Set<string>();
  const walk = (dir: string) => {
    // Linked folders can form a loop: each real folder is walked once.
    let real: string;
    try { real = realpathSync(dir); } catch { real = dir; }
    if (visited.has(real)) return;
    visited.add(real);
    let names: string[];
    try { names = readdirSync(dir).sort(); } catch (error) { unreadable.push(`cannot read folder "${dir}": ${reason(error)}.`); return; }
    for (const name of names) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(dir, name);
      let stat;
      try {
        stat = statSync(p);
      } catch (error) {
        // A dangling link or an entry gone since the listing matters only when it would have been checked.
        if (name.endsWith('.json')) unreadable.push(`cannot read "${p}": ${reason(error)}.`);
        continue;
      }
      if (stat.isDirectory()) walk(p);
      else if (name.endsWith('.json') && stat.isFile()) inputs.push({ path: p, explicit: false, size: stat.size });
    }
  };
  for (const p of paths) {
    let stat;
    try { stat = statSync(p); } catch { throw new Error(`cannot read "${p}": no such file or folder.`); }
    if (stat.isDirectory()) walk(p);
    else inputs.push({ path: p, explicit: true, size: stat.size });
  }
  return { inputs, unreadable };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const severityNames = ['error', 'warning', 'information', 'hint'] as const;

function check(args: string[]): CliResult {
  const options = parseCheckArgs(args);
  const settings: EcsLensSettings = { ...defaultSettings, rules: options.overrides };
  const { inputs, unreadable } = collectFiles(options.paths);
  const notes: string[] = [];
  const docs: Array<{ input: Input; doc: EcsDocument }> = [];
  for (const input of inputs) {
    if (input.size > maxDocumentLength) {
      const message = `"${input.path}" is ${mib(input.size)}, larger than ECS Lens checks (${mib(maxDocumentLength)}; ECS takes at most 64 KiB); skipped.`;
      // Found in a folder, such a file is not an ECS document (a lock file, data); named, it was meant to be checked.
      (input.explicit ? unreadable : notes).push(message);
      continue;
    }
    let text: string;
    try { text = readFileSync(input.path, 'utf8'); } catch (error) { unreadable.push(`cannot read "${input.path}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`); continue; }
    const doc = parseDocument(pathToFileURL(resolvePath(input.path)).toString(), text, settings);
    if (doc.kind === 'unknown' && !input.explicit) continue;
    docs.push({ input, doc });
  }
  const workspace = staticWorkspace(docs.map((d) => d.doc));
  let errors = 0;
  const results = docs.map(({ input, doc }) => {
    // A file named on the command line that is not ECS JSON still gets its syntax errors.
    const problems: Problem[] = doc.kind === 'unknown' ? doc.syntaxProblems : validateDocument(doc, settings, workspace);
    errors += problems.filter((p) => p.severity === 'error').length;
    return { input, doc, problems };
  });
  let stdout = '';
  if (options.format === 'json') {
    const json = results.map(({ input, doc, problems }) => {
      const td = TextDocument.create(doc.uri, 'json', 0, doc.text);
      return {
        file: input.path,
        kind: doc.kind === 'cluster' ? 'cluster' : doc.kind,
        diagnostics: problems.map((p) => ({
          range: { start: td.positionAt(p.offset), end: td.positionAt(p.offset + p.length) },
          severity: p.severity,
          code: p.code,
          message: p.message,
        })),
      };
    });
    stdout = JSON.stringify(json, null, 2) + '\n';
  } else {
    for (const { input, doc, problems } of results) {
      const td = TextDocument.create(doc.uri, 'json', 0, doc.text);
      for (const p of [...problems].sort((a, b) => a.offset - b.offset)) {
        const pos = td.positionAt(p.offset);
        stdout += `${input.path}:${pos.line + 1}:${pos.character + 1} ${p.severity} ${p.code} ${p.message}\n`;
      }
    }
    const counts = severityNames.map((s) => [s, results.reduce((n, r) => n + r.problems.filter((p) => p.severity === s).length, 0)] as const);
    stdout += `${results.length} file${results.length === 1 ? '' : 's'} checked: ${counts.filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`).join(', ') || 'no problems'}\n`;
  }
  const stderr = [...unreadable, ...notes].map((m) => `ecs-lens: ${m}\n`).join('');
  return { stdout, stderr, exitCode: unreadable.length > 0 ? 2 : errors > 0 ? 1 : 0 };
}

function rules(args: string[]): CliResult {
  const formatArg = args.find((a) => a.startsWith('--format='))?.slice('--format='.length) ?? (args.includes('--format') ? args[args.indexOf('--format') + 1] : 'text');
  if (!['text', 'json', 'markdown'].includes(formatArg)) throw new UsageError(`--format must be text, json or markdown, not "${formatArg}".`);
  const list = [...structuralRules, ...allRules, ...queryLanguageRules].map((r) => ({ code: r.code, severity: r.severity, appliesTo: r.kinds, summary: r.summary, rationale: r.rationale }));
  if (formatArg === 'json') return { stdout: JSON.stringify(list, null, 2) + '\n', stderr: '', exitCode: 0 };
  if (formatArg === 'markdown') return { stdout: rulesMarkdown(list), stderr: '', exitCode: 0 };
  const text = list.map((r) => `${r.code} (${r.severity}, ${r.appliesTo.join('/')})\n  ${r.summary}\n  Why: ${r.rationale}`).join('\n\n');
  return { stdout: text + '\n', stderr: '', exitCode: 0 };
}

/** docs/rules.md: generated from the rules themselves, so the reference cannot drift from the code. */
function rulesMarkdown(list: Array<{ code: string; severity: string; appliesTo: readonly string[]; summary: string; rationale: string }>): string {
  const lines = [
    '# Rule reference',
    '',
    'Every check ECS Lens makes, with its stable code and default severity. Change a severity or turn a rule off with the',
    '`ecsLens.rules` setting (`{"bridge.ephemeral-host-port": "off"}`) or `ecs-lens check --rule <code>=<level>`.',
    'Values that are template placeholders (`<IMAGE1_NAME>`, `{{region}}`, `${ACCOUNT_ID}`, `$$$X$$$`, `REPLACE_ME`, …) are not',
    'checked by the value rules; `placeholder.value` notes them instead. Rules that compare a service with its task definition',
    'run only when the workspace (or the `ecs-lens check` arguments) holds a task definition of the family the service names.',
    '',
    'This page is generated by `ecs-lens rules --format markdown`.',
  ];
  for (const r of list) {
    lines.push('', `## ${r.code}`, '', `**${r.severity}** · ${r.appliesTo.join(', ')}`, '', r.summary, '', `Why: ${r.rationale}`);
  }
  return lines.join('\n') + '\n';
}

/** Entry point of the `ecs-lens` bin. */
export function main(argv = process.argv.slice(2)): void {
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

if (require.main === module) main();

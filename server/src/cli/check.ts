import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { maxDocumentLength, parseDocument, type EcsDocument } from '../service/document';
import type { Problem } from '../service/problem';
import { defaultSettings, type EcsLensSettings, type RuleLevel } from '../service/settings';
import { validateDocument } from '../service/validation';
import { staticWorkspace } from '../service/workspace';
import { collectFiles, type Input } from './files';
import { UsageError, type CliResult } from './result';

const levels: readonly RuleLevel[] = ['off', 'hint', 'information', 'warning', 'error'];

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

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const severityNames = ['error', 'warning', 'information', 'hint'] as const;

export function check(args: string[]): CliResult {
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


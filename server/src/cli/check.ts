import { resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { maxDocumentLength, parseDocument, type EcsDocument } from '../service/document';
import type { Problem } from '../service/problem';
import { defaultSettings, type EcsLensSettings, type RuleLevel } from '../service/settings';
import { validateDocument } from '../service/validation';
import { staticWorkspace, type WorkspaceView } from '../service/workspace';
import { deployContextNames, type DeployContextName } from '../service/context';
import { deployContextFor } from '../service/workspace';
import { repositoryRootOf, RepositoryContexts } from '../workspace/repository';
import { readFileBounded } from '../workspace/walk';
import { collectFiles, type Input } from './files';
import { UsageError, type CliResult } from './result';
import { toSarif } from './sarif';
import { toJunit } from './junit';
import { ruleCatalog } from './ruleCatalog';

const levels: readonly RuleLevel[] = ['off', 'hint', 'information', 'warning', 'error'];

interface CheckOptions {
  format: 'text' | 'json' | 'sarif' | 'junit';
  overrides: Record<string, RuleLevel>;
  paths: string[];
  deployContext?: DeployContextName;
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
      if (f !== 'text' && f !== 'json' && f !== 'sarif' && f !== 'junit') throw new UsageError(`--format must be text, json, sarif or junit, not "${f}".`);
      options.format = f;
    } else if (arg === '--rule' || arg.startsWith('--rule=')) {
      const spec = value('--rule');
      const eq = spec.lastIndexOf('=');
      const code = spec.slice(0, eq);
      const level = spec.slice(eq + 1) as RuleLevel;
      if (eq <= 0 || !levels.includes(level)) throw new UsageError(`--rule takes <code>=<${levels.join('|')}>, not "${spec}".`);
      options.overrides[code] = level;
    } else if (arg === '--deploy-context' || arg.startsWith('--deploy-context=')) {
      const name = value('--deploy-context') as DeployContextName;
      if (!deployContextNames.includes(name)) throw new UsageError(`--deploy-context takes ${deployContextNames.join(' | ')}, not "${name}".`);
      options.deployContext = name;
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
  const { inputs, unreadable, notes } = collectFiles(options.paths);
  // Each file is judged as the tool that deploys it sends it: learnt from the enclosing repository, or the flag.
  const contexts = new RepositoryContexts({ flag: options.deployContext });
  for (const p of options.paths) contexts.add(repositoryRootOf(p));
  const given = new Set(inputs.map((i) => resolvePath(i.path)));
  const named = new Map<string, string>();
  for (const { path, root } of contexts.namedFiles()) {
    // Files a context names in folders the walk skips, or templates not named *.json (containers.json.tpl).
    if (given.has(path) || !options.paths.some((p) => isBelow(path, resolvePath(p)))) continue;
    named.set(path, root);
    inputs.push({ path, explicit: false, size: 0 });
  }
  const docs: Array<{ input: Input; doc: EcsDocument }> = [];
  for (const input of inputs) {
    if (input.size > maxDocumentLength) {
      const message = `"${input.path}" is ${mib(input.size)}, larger than ECS Lens checks (${mib(maxDocumentLength)}; ECS takes at most 64 KiB); skipped.`;
      // Found in a folder, such a file is not an ECS document (a lock file, data); named, it was meant to be checked.
      (input.explicit ? unreadable : notes).push(message);
      continue;
    }
    let text: string;
    const namedRoot = named.get(input.path);
    if (namedRoot) {
      const read = readFileBounded(input.path, { maxBytes: maxDocumentLength, roots: [namedRoot] });
      if (!read.ok) { notes.push(read.message); continue; }
      text = read.text;
    } else {
      // Opened without blocking and checked again through the handle: the entry may have changed since the listing.
      const read = readFileBounded(input.path, { maxBytes: maxDocumentLength });
      if (!read.ok) { unreadable.push(read.message); continue; }
      text = read.text;
    }
    const doc = parseDocument(pathToFileURL(resolvePath(input.path)).toString(), text, settings);
    if (doc.kind === 'unknown' && !input.explicit) continue;
    docs.push({ input, doc });
  }
  const workspace: WorkspaceView = { ...staticWorkspace(docs.map((d) => d.doc)), deployContextOf: (uri) => contexts.contextOf(fileURLToPath(uri)) };
  let errors = 0;
  const results = docs.map(({ input, doc }) => {
    // A file named on the command line that is not ECS JSON still gets its syntax errors.
    const problems: Problem[] = doc.kind === 'unknown' ? doc.syntaxProblems : validateDocument(doc, settings, workspace);
    errors += problems.filter((p) => p.severity === 'error').length;
    return { input, doc, problems };
  });
  let stdout = '';
  if (options.format === 'sarif') {
    stdout = JSON.stringify(toSarif(results.map((r) => ({ path: r.input.path, doc: r.doc, problems: r.problems })), ruleCatalog(), process.cwd()), null, 2) + '\n';
  } else if (options.format === 'junit') {
    stdout = toJunit(results.map((r) => ({ path: r.input.path, doc: r.doc, problems: r.problems })));
  } else if (options.format === 'json') {
    const json = results.map(({ input, doc, problems }) => {
      const td = TextDocument.create(doc.uri, 'json', 0, doc.text);
      return {
        file: input.path,
        kind: doc.kind === 'cluster' ? 'cluster' : doc.kind,
        deployContext: (({ name, reason }) => ({ name, reason }))(deployContextFor(workspace, doc.uri)),
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


function isBelow(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith('/') ? folder : folder + '/');
}

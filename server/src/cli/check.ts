import { dirname, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { closestName } from '../service/didYouMean';
import { maxSourceFileLength, type EcsDocument } from '../service/document';
import { lengthLimitFor, readSourceFile, toSourceProblems, type SourceFile } from '../surfaces';
import { defaultSettings, type EcsLensSettings, type RuleLevel } from '../service/settings';
import { validateDocument } from '../service/validation';
import { staticWorkspace, type WorkspaceView } from '../service/workspace';
import { deployContextNames, type DeployContext, type DeployContextName } from '../service/context';
import { deployContextFor } from '../service/workspace';
import { repositoryRootOf, RepositoryContexts } from '../workspace/repository';
import { readFileBounded } from '../workspace/walk';
import { escapeControls } from '../workspace/plainText';
import { collectFiles, type Input } from './files';
import { UsageError, type CliResult } from './result';
import { stableLocation, toSarif, type ReportProblem } from './sarif';
import { toJunit } from './junit';
import { ruleCatalog } from './ruleCatalog';
import { relative as relativePath, sep } from 'node:path';
import { statSync } from 'node:fs';
import { findProjectConfig, projectConfigFinder, projectSettingsFor } from '../workspace/projectConfigFile';
import { matchesProjectGlob, projectConfigFileName, projectDeployContextGlobs } from '../service/projectConfig';

const levels: readonly RuleLevel[] = ['off', 'hint', 'information', 'warning', 'error'];

const kinds = ['task-definition', 'service', 'cluster'] as const;
type ForcedKind = (typeof kinds)[number];

export const checkUsage = `Usage: ecs-lens check [options] <file or folder>...

Checks ECS task definitions, services and cluster files. Folders are searched recursively for JSON files
that are ECS files by name (*task-def*.json, *service-def*.json, *.cluster.json, ...) or by content.

Options:
  --format text|json|sarif|junit
                              text: path:line:column severity code message (default); json: one entry per
                              file; sarif and junit for code-scanning and test-report tools
  --rule <code>=<level>       severity of a rule: off, hint, information, warning, error (repeatable;
                              \`ecs-lens rules\` lists the codes)
  --deploy-context aws-cli|github-action|ecspresso|codedeploy|terraform
                              judge files as that deployment tool sends them (default: learnt from the repository)
  --kind task-definition|service|cluster
                              check every given file as this kind, whatever its name and content
  --allow-empty               exit 0 when no ECS file was found (by default that is an error, exit 2)
  -h, --help                  this text

Exit status: 0 no errors, 1 errors found, 2 bad usage, an unreadable or unrecognised file, a rule code in
.ecs-lens.json that names no rule, or no ECS file found.`;

interface CheckOptions {
  format: 'text' | 'json' | 'sarif' | 'junit';
  overrides: Record<string, RuleLevel>;
  paths: string[];
  deployContext?: DeployContextName;
  kind?: ForcedKind;
  allowEmpty: boolean;
  help: boolean;
}

/** Every rule code `--rule` can name. */
function ruleCodes(): string[] {
  return ruleCatalog().map((r) => r.code);
}

function parseCheckArgs(args: string[]): CheckOptions {
  const options: CheckOptions = { format: 'text', overrides: {}, paths: [], allowEmpty: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (name: string) => {
      const v = arg.includes('=') && arg.startsWith('--') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value.`);
      return v;
    };
    if (arg === '--format' || arg.startsWith('--format=')) {
      const f = value('--format');
      if (f !== 'text' && f !== 'json' && f !== 'sarif' && f !== 'junit')
        throw new UsageError(`--format must be text, json, sarif or junit, not "${f}".`);
      options.format = f;
    } else if (arg === '--rule' || arg.startsWith('--rule=')) {
      const spec = value('--rule');
      const eq = spec.lastIndexOf('=');
      const code = spec.slice(0, eq);
      const level = spec.slice(eq + 1) as RuleLevel;
      if (eq <= 0 || !levels.includes(level))
        throw new UsageError(`--rule takes <code>=<${levels.join('|')}>, not "${spec}".`);
      const codes = ruleCodes();
      if (!codes.includes(code)) {
        const near = closestName(code, codes, true);
        throw new UsageError(
          `--rule: there is no rule "${code}".${near ? ` Did you mean "${near}"?` : ''} \`ecs-lens rules\` lists every code.`,
        );
      }
      options.overrides[code] = level;
    } else if (arg === '--kind' || arg.startsWith('--kind=')) {
      const k = value('--kind');
      if (!(kinds as readonly string[]).includes(k))
        throw new UsageError(`--kind must be ${kinds.join(', ')}, not "${k}".`);
      options.kind = k as ForcedKind;
    } else if (arg === '--allow-empty') {
      options.allowEmpty = true;
    } else if (arg === '--help' || arg === '-h') {
      options.help = true;
    } else if (arg === '--deploy-context' || arg.startsWith('--deploy-context=')) {
      const name = value('--deploy-context') as DeployContextName;
      if (!deployContextNames.includes(name))
        throw new UsageError(`--deploy-context takes ${deployContextNames.join(' | ')}, not "${name}".`);
      options.deployContext = name;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`Unknown option "${arg}".`);
    } else options.paths.push(arg);
  }
  if (options.paths.length === 0 && !options.help) throw new UsageError('check needs at least one file or folder.');
  return options;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const severityNames = ['error', 'warning', 'information', 'hint'] as const;

/** Settings under which every file is of the forced kind: the kind's file patterns match every path. */
function settingsFor(options: CheckOptions): EcsLensSettings {
  const settings: EcsLensSettings = { ...defaultSettings, rules: options.overrides };
  if (!options.kind) return settings;
  const all = (kind: ForcedKind) => (options.kind === kind ? ['**', '/**'] : []);
  return {
    ...settings,
    files: {
      ...settings.files,
      taskDefinition: all('task-definition'),
      service: all('service'),
      cluster: all('cluster'),
      daemonTaskDefinition: [],
      expressService: [],
    },
  };
}

/** Why a JSON file named on the command line is not an ECS file. */
function unrecognised(doc: EcsDocument): string {
  const top = doc.root?.type;
  const what =
    top === 'object'
      ? 'it has no containerDefinitions (a task definition), no serviceName with taskDefinition or desiredCount (a service) and no instanceGroups or containerInstances (a cluster file)'
      : `its top level is ${top === 'array' ? 'an array' : top ? `a ${top}` : 'empty'}, not an object`;
  return `"${doc.uri.startsWith('file:') ? decodeURIComponent(new URL(doc.uri).pathname) : doc.uri}" is not recognised as an ECS file: ${what}, and its name matches none of the ECS file patterns. Use --kind task-definition|service|cluster to check it as one.`;
}

/**
 * Text that is not UTF-8 (a binary file, another encoding): where the first NUL byte or undecodable byte
 * is. The text was decoded with replacement characters, which then make it longer in bytes than the file.
 */
function notUtf8At(text: string, fileBytes: number): { offset: number; nul: boolean } | undefined {
  const byteOffset = (index: number) => Buffer.byteLength(text.slice(0, index), 'utf8');
  const nul = text.indexOf('\0');
  if (nul >= 0) return { offset: byteOffset(nul), nul: true };
  const replaced = text.indexOf('\uFFFD');
  if (replaced < 0 || Buffer.byteLength(text, 'utf8') === fileBytes) return undefined;
  return { offset: byteOffset(replaced), nul: false };
}

/** The deploy contexts of the repositories that hold the checked paths, with their `.ecs-lens.json` globs. */
function deployContexts(options: CheckOptions, tops: string[]): RepositoryContexts {
  // .ecs-lens.json: the nearest one inside the checked tree (a folder given, or the working folder holding a
  // file given); its deployContext globs are relative to the repository root.
  const projectFiles = new Map<string, { prefix: string; file: NonNullable<ReturnType<typeof findProjectConfig>> }>();
  options.paths.forEach((p, i) => {
    const abs = resolvePath(p);
    const file = findProjectConfig(isDirectory(abs) ? abs : dirname(abs), tops[i]);
    if (file && !projectFiles.has(file.path))
      projectFiles.set(file.path, {
        prefix: relativePath(resolvePath(repositoryRootOf(p)), file.dir)
          .split(sep)
          .join('/'),
        file,
      });
  });
  const contextGlobs = [...projectFiles.values()].flatMap(({ prefix, file }) =>
    projectDeployContextGlobs(file.config, prefix.startsWith('..') ? '' : prefix, file.path),
  );
  const contexts = new RepositoryContexts({
    flag: options.deployContext,
    globs: contextGlobs,
    match: matchesProjectGlob,
  });
  for (const p of options.paths) contexts.add(repositoryRootOf(p));
  return contexts;
}

interface CheckedFile {
  input: Input;
  file: SourceFile;
  settings: EcsLensSettings;
}

/** What the files found become: read, within their bounds, and sorted into checked, refused and left alone. */
class FileReader {
  readonly files: CheckedFile[] = [];
  private readonly reportedConfigs = new Set<string>();
  private readonly findConfig = projectConfigFinder();

  constructor(
    private readonly options: CheckOptions,
    private readonly settings: EcsLensSettings,
    private readonly tops: string[],
    /** Files a deploy context names, with the repository root their read stays inside. */
    private readonly named: Map<string, string>,
    private readonly unreadable: string[],
    private readonly notes: string[],
  ) {}

  add(input: Input): void {
    const fileSettings = this.settingsOf(input);
    if (!fileSettings) return;
    if (input.size > maxSourceFileLength) return this.tooLarge(input, input.size, maxSourceFileLength);
    const read = this.read(input);
    if (!read) return;
    const uri = pathToFileURL(resolvePath(input.path)).toString();
    // The editor's limit: an ECS document is smaller than a Terraform file or template holding many.
    const limit = lengthLimitFor(uri, read.text, fileSettings);
    if (read.text.length > limit) return this.tooLarge(input, read.size, limit);
    const bad = notUtf8At(read.text, read.size);
    if (bad) {
      const message = `"${input.path}" is not UTF-8 text (${bad.nul ? 'a NUL byte' : 'bytes that are not UTF-8'} at byte ${bad.offset}: a binary file or another encoding); ECS files are UTF-8 JSON. Not checked.`;
      (input.explicit ? this.unreadable : this.notes).push(message);
      return;
    }
    const file = readSourceFile(uri, read.text, fileSettings);
    if (file.surface !== 'json') this.addSource(input, file, fileSettings);
    else this.addJson(input, file, fileSettings);
  }

  private tooLarge(input: Input, size: number, limit: number): void {
    const message = `"${input.path}" is ${mib(size)}, larger than ECS Lens checks (${mib(limit)}; ECS takes at most 64 KiB per document); skipped.`;
    // Found in a folder, such a file is not an ECS document (a lock file, data); named, it was meant to be checked.
    (input.explicit ? this.unreadable : this.notes).push(message);
  }

  /** The settings of a file (its project's rules and surfaces over the flags), or none when its project ignores it. */
  private settingsOf(input: Input): EcsLensSettings | undefined {
    const abs = resolvePath(input.path);
    const top = this.tops.filter((t) => isBelow(abs, t)).sort((a, b) => b.length - a.length)[0];
    const project: ReturnType<typeof projectSettingsFor> = top
      ? projectSettingsFor(abs, top, this.findConfig)
      : { ignored: false, rules: {}, surfaces: {} };
    if (project.config && !this.reportedConfigs.has(project.config.path)) {
      this.reportedConfigs.add(project.config.path);
      // A rule code that names no rule stops the check, as an unknown --rule does (exit 2).
      const unknownRules = new Set(project.config.unknownRules ?? []);
      for (const problem of project.config.problems)
        (unknownRules.has(problem) ? this.unreadable : this.notes).push(`${project.config.path}: ${problem}`);
    }
    // Ignore patterns leave out what a folder walk finds; a file named on the command line is still checked.
    if (project.ignored && !input.explicit) return undefined;
    return {
      ...this.settings,
      rules: { ...project.rules, ...this.options.overrides },
      surfaces: { ...this.settings.surfaces, ...project.surfaces },
    };
  }

  private read(input: Input): { text: string; size: number } | undefined {
    const namedRoot = this.named.get(input.path);
    // Opened without blocking and checked again through the handle: the entry may have changed since the listing.
    const read = readFileBounded(input.path, {
      maxBytes: maxSourceFileLength,
      ...(namedRoot ? { roots: [namedRoot] } : {}),
    });
    if (read.ok) return { text: read.text, size: read.size };
    (namedRoot ? this.notes : this.unreadable).push(read.message);
    return undefined;
  }

  private addSource(input: Input, file: SourceFile, fileSettings: EcsLensSettings): void {
    // A Terraform file or template without ECS resources is not ours: found in a folder, it is left alone.
    if (file.documents.length > 0 || file.problems.length > 0) this.files.push({ input, file, settings: fileSettings });
    else if (fileSettings.surfaces?.[file.surface as 'terraform'] === false) {
      if (input.explicit)
        this.notes.push(
          `"${input.path}" is not checked: ${projectConfigFileName} turns ${file.surface} off ("surfaces").`,
        );
    } else if (input.explicit) this.unreadable.push(`"${input.path}" holds no ECS resource; nothing to check.`);
  }

  private addJson(input: Input, file: SourceFile, fileSettings: EcsLensSettings): void {
    const doc = file.documents[0];
    if (doc.kind === 'unknown') {
      // Found in a folder, other JSON is not ours; named, it was meant to be checked: say why it is not.
      if (input.explicit) {
        if (doc.syntaxProblems.length > 0) this.files.push({ input, file, settings: fileSettings });
        else this.unreadable.push(unrecognised(doc));
      }
      return;
    }
    this.files.push({ input, file, settings: fileSettings });
  }
}

interface FileResult {
  input: Input;
  file: SourceFile;
  kind: string;
  problems: ReportProblem[];
}

function checkFile({ input, file, settings }: CheckedFile, workspace: WorkspaceView): FileResult {
  const problems: ReportProblem[] = file.problems.slice();
  for (const doc of file.documents) {
    // A file named on the command line that is not ECS JSON still gets its syntax errors.
    const found = doc.kind === 'unknown' ? doc.syntaxProblems : validateDocument(doc, settings, workspace);
    // Fingerprints follow the API path of a finding, whatever the source syntax: taken before mapping back.
    const locations = found.map((p) => stableLocation(doc, p.offset));
    const mapped = toSourceProblems(doc, found, file.text);
    mapped.forEach((p, i) =>
      problems.push({ ...p, location: doc.origin ? `${doc.origin.address}${locations[i]}` : locations[i] }),
    );
  }
  const doc = file.documents[0];
  const kind = file.surface !== 'json' ? file.surface : doc.kind === 'cluster' ? 'cluster' : doc.kind;
  return { input, file, kind, problems };
}

function jsonReport(results: FileResult[], workspace: WorkspaceView): string {
  const json = results.map(({ input, file, kind, problems }) => {
    const td = TextDocument.create(file.uri, 'json', 0, file.text);
    return {
      file: input.path,
      kind,
      deployContext: (({ name, reason }) => ({ name, reason }))(deployContextFor(workspace, file.documents[0] ?? file)),
      diagnostics: problems.map((p) => ({
        range: { start: td.positionAt(p.offset), end: td.positionAt(p.offset + p.length) },
        severity: p.severity,
        code: p.code,
        message: p.message,
      })),
    };
  });
  return JSON.stringify(json, null, 2) + '\n';
}

function textReport(results: FileResult[]): string {
  let stdout = '';
  for (const { input, file, problems } of results) {
    const td = TextDocument.create(file.uri, 'json', 0, file.text);
    for (const p of [...problems].sort((a, b) => a.offset - b.offset)) {
      const pos = td.positionAt(p.offset);
      // A line break in a file name or a message cannot forge a line of its own.
      stdout += `${escapeControls(input.path)}:${pos.line + 1}:${pos.character + 1} ${p.severity} ${p.code} ${escapeControls(p.message)}\n`;
    }
  }
  const counts = severityNames.map(
    (s) => [s, results.reduce((n, r) => n + r.problems.filter((p) => p.severity === s).length, 0)] as const,
  );
  if (results.length === 0) return `${stdout}no file checked\n`;
  return `${stdout}${results.length} file${results.length === 1 ? '' : 's'} checked: ${
    counts
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}${n === 1 || s === 'information' ? '' : 's'}`)
      .join(', ') || 'no problems'
  }\n`;
}

function report(format: CheckOptions['format'], results: FileResult[], workspace: WorkspaceView): string {
  const files = () =>
    results.map((r) => ({ path: r.input.path, uri: r.file.uri, text: r.file.text, problems: r.problems }));
  if (format === 'sarif') return JSON.stringify(toSarif(files(), ruleCatalog(), process.cwd()), null, 2) + '\n';
  if (format === 'junit') return toJunit(files());
  if (format === 'json') return jsonReport(results, workspace);
  return textReport(results);
}

export function check(args: string[]): CliResult {
  const options = parseCheckArgs(args);
  if (options.help) return { stdout: `${checkUsage}\n`, stderr: '', exitCode: 0 };
  const settings = settingsFor(options);
  const { inputs, unreadable, notes } = collectFiles(options.paths);
  // Each file is judged as the tool that deploys it sends it: learnt from the enclosing repository, or the flag.
  const tops = options.paths.map(checkedTree);
  const contexts = deployContexts(options, tops);
  const given = new Set(inputs.map((i) => resolvePath(i.path)));
  const named = new Map<string, string>();
  for (const { path, root } of contexts.namedFiles()) {
    // Files a context names in folders the walk skips, or templates not named *.json (containers.json.tpl).
    if (given.has(path) || !options.paths.some((p) => isBelow(path, resolvePath(p)))) continue;
    named.set(path, root);
    inputs.push({ path, explicit: false, size: 0 });
  }
  const reader = new FileReader(options, settings, tops, named, unreadable, notes);
  for (const input of inputs) reader.add(input);
  const files = reader.files;
  // Asked several times per document (the check, its rules, the report): the path is worked out once per uri, and
  // the files read here are known by their path already (no URL to parse back).
  const contextByUri = new Map<string, DeployContext>();
  for (const f of files) contextByUri.set(f.file.uri, contexts.contextOf(f.input.path));
  const workspace: WorkspaceView = {
    ...staticWorkspace(files.flatMap((f) => f.file.documents)),
    deployContextOf: (uri) => {
      let context = contextByUri.get(uri);
      if (!context) contextByUri.set(uri, (context = contexts.contextOf(fileURLToPath(uri.replace(/#.*$/, '')))));
      return context;
    },
  };
  const results = files.map((f) => checkFile(f, workspace));
  const errors = results.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'error').length, 0);
  const stdout = report(options.format, results, workspace);
  const empty = files.length === 0 && unreadable.length === 0;
  if (empty) {
    notes.push(
      `no ECS file found in ${options.paths.map((p) => `"${p}"`).join(', ')}: nothing was checked. ECS files are recognised by name (*task-def*.json, *service-def*.json, *.cluster.json, ...) and by content; --kind checks files as one kind${options.allowEmpty ? '' : ', --allow-empty makes this exit 0'}.`,
    );
  }
  const stderr = [...unreadable, ...notes].map((m) => `ecs-lens: ${escapeControls(m)}\n`).join('');
  return {
    stdout,
    stderr,
    exitCode: unreadable.length > 0 ? 2 : errors > 0 ? 1 : empty && !options.allowEmpty ? 2 : 0,
  };
}

/**
 * The tree a path argument checks, above which no `.ecs-lens.json` is read: a folder itself; for a file,
 * the working folder when the file is inside it (`ecs-lens check deploy/web.json` from the repository
 * root), else the file's own folder.
 */
function checkedTree(path: string): string {
  const abs = resolvePath(path);
  if (isDirectory(abs)) return abs;
  const cwd = process.cwd();
  return isBelow(abs, cwd) ? cwd : dirname(abs);
}

function isBelow(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith('/') ? folder : folder + '/');
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

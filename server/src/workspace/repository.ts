import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  deployContextOf,
  isContextSource,
  learnRepository,
  normalizeRepositoryPath,
  type ContextOverrides,
  type DeployContext,
  type RepositoryFacts,
  type RepositoryFile,
} from '../service/context';
import { defaultDeployContext } from '../service/context/apply';
import { readFileBounded, skipDirectoryForEcs, walkFolders, walkSync, type WalkOptions } from './walk';
import { GlobSet } from '../service/glob';
import { prepareSurfaces } from '../surfaces';

/** Workflows, configs, buildspecs and scripts are small; a larger one is not read. */
const maxSourceBytes = 256 * 1024;
/** Context sources read at most per repository. */
const maxSources = 2_000;
/** Folder entries looked at per repository when searching for context sources. */
const maxSourceEntries = 50_000;
/** Bytes of context sources read at most per repository: the scan's cost does not grow with a repository's size. */
const maxTotalSourceBytes = 16 * 1024 * 1024;

/** Folders never entered when looking for context sources, besides node_modules and .git. */
const skippedFolders = new Set(['dist', 'out', 'build', 'cdk.out', '.terraform', 'vendor', 'target']);

/** The nearest folder above `path` (or itself) that holds `.git`, else the folder of `path`. */
export function repositoryRootOf(path: string): string {
  const start = resolve(path);
  let dir = isDirectory(start) ? start : dirname(start);
  for (let i = 0; i < 64; i++) {
    if (existsSync(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return isDirectory(start) ? start : dirname(start);
}

const sourceWalk: WalkOptions = {
  includeFile: (name) => isContextSource(name) || /\.ya?ml$/i.test(name),
  skipDirectory: (name) => skippedFolders.has(name) || skipDirectoryForEcs(name),
  maxFiles: maxSources,
  // A workspace folder of `/` or `/proc` must not hold the server for the time it takes to list it all.
  maxEntries: maxSourceEntries,
};

/** Reads the context sources of one repository (workflows, ecspresso configs, buildspecs, *.tf, scripts). */
export function readRepositoryFacts(root: string): RepositoryFacts {
  const budget = { total: 0 };
  const files: RepositoryFile[] = [];
  for (const file of walkSync([root], sourceWalk).files) {
    const read = readSource(root, file.path, file.size, budget);
    if (read) files.push(read);
  }
  return learnRepository(files);
}

/** Time spent at most between two yields to the event loop by the sliced read. */
const sliceMs = 15;

/**
 * The same facts as readRepositoryFacts, read a few folders and files at a time with yields to the event
 * loop in between, so a server answers requests while a large repository is read.
 */
export async function readRepositoryFactsSliced(root: string): Promise<RepositoryFacts> {
  // Terraform files are read with the HCL parser, whose WebAssembly loads once.
  await prepareSurfaces();
  const walk = await walkFolders([root], { ...sourceWalk, foldersPerChunk: 20 });
  const budget = { total: 0 };
  const files: RepositoryFile[] = [];
  let sliceStart = performance.now();
  for (const file of walk.files) {
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    const read = readSource(root, file.path, file.size, budget);
    if (read) files.push(read);
  }
  return learnRepository(files);
}

/** One context source, within its own size budget and the repository's (`budget.total` counts what was read). */
function readSource(
  root: string,
  filePath: string,
  size: number,
  budget: { total: number },
): RepositoryFile | undefined {
  const path = relative(root, filePath).split(sep).join('/');
  if (!isContextSource(path) || size > maxSourceBytes || budget.total + size > maxTotalSourceBytes) return undefined;
  const read = readFileBounded(filePath, { maxBytes: maxSourceBytes, roots: [root] });
  if (!read.ok) return undefined;
  budget.total += read.text.length;
  return { path, text: read.text };
}

/** Deploy contexts of files on disk: one repository's facts per root, with the flag and glob overrides on top. */
export class RepositoryContexts {
  private readonly facts = new Map<string, RepositoryFacts>();
  /** Answers by path: the rules ask for a file's context several times, and nothing changes between add() calls. */
  private readonly answers = new Map<string, DeployContext>();

  private readonly overrides: ContextOverrides;

  constructor(overrides: ContextOverrides = {}) {
    // Thousands of override globs are compiled once here and matched through an index, not one by one per file.
    const set = overrides.globs?.length ? new GlobSet(overrides.globs.map((g) => g.glob)) : undefined;
    this.overrides = set ? { ...overrides, firstMatching: (path) => set.matching(path)[0] } : overrides;
  }

  /** Learns (once) the repository that holds `root`. */
  add(root: string): void {
    const r = resolve(root);
    if (!this.facts.has(r)) this.facts.set(r, isSystemFolder(r) ? emptyFacts : readRepositoryFacts(r));
    this.answers.clear();
  }

  /** Learns (once) the repository that holds `root`, yielding to the event loop while it reads. */
  async addSliced(root: string): Promise<void> {
    const r = resolve(root);
    if (this.facts.has(r)) return;
    const facts = isSystemFolder(r) ? emptyFacts : await readRepositoryFactsSliced(r);
    this.facts.set(r, facts);
    this.answers.clear();
  }

  /** The context of a file: the innermost known repository holding it decides. */
  contextOf(path: string): DeployContext {
    let answer = this.answers.get(path);
    if (!answer) {
      answer = this.decide(path);
      this.answers.set(path, answer);
    }
    return answer;
  }

  private decide(path: string): DeployContext {
    const file = resolve(path);
    let best: string | undefined;
    for (const root of this.facts.keys()) {
      const rel = relative(root, file);
      if (rel.startsWith('..') || isAbsolute(rel)) continue;
      if (!best || root.length > best.length) best = root;
    }
    if (!best) return this.overrides.flag ? deployContextOf(file, emptyFacts, this.overrides) : defaultDeployContext;
    return deployContextOf(normalizeRepositoryPath(relative(best, file)), this.facts.get(best)!, this.overrides);
  }

  /** Files the repositories' deploy contexts name (a template such as `containers.json.tpl`, a file in a dot-folder) that exist, with their root. */
  namedFiles(): Array<{ path: string; root: string }> {
    const out: Array<{ path: string; root: string }> = [];
    for (const [root, facts] of this.facts) {
      for (const rel of facts.byPath.keys()) {
        const path = join(root, rel);
        if (isFile(path)) out.push({ path, root });
      }
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}

const emptyFacts: RepositoryFacts = learnRepository([]);

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `/` and the kernel's own folders: no repository, and a walk of them reads the whole machine. */
export function isSystemFolder(path: string): boolean {
  return path === '/' || /^\/(proc|sys|dev)(\/|$)/.test(path);
}

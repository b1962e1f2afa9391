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
import { readFileBounded, skipDirectoryForEcs, walkSync } from './walk';
import { GlobSet } from '../service/glob';

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

/** Reads the context sources of one repository (workflows, ecspresso configs, buildspecs, *.tf, scripts). */
export function readRepositoryFacts(root: string): RepositoryFacts {
  const walk = walkSync([root], {
    includeFile: (name) => isContextSource(name) || /\.ya?ml$/i.test(name),
    skipDirectory: (name) => skippedFolders.has(name) || skipDirectoryForEcs(name),
    maxFiles: maxSources,
    // A workspace folder of `/` or `/proc` must not hold the server for the time it takes to list it all.
    maxEntries: maxSourceEntries,
  });
  const files: RepositoryFile[] = [];
  let total = 0;
  for (const file of walk.files) {
    const path = relative(root, file.path).split(sep).join('/');
    if (!isContextSource(path) || file.size > maxSourceBytes || total + file.size > maxTotalSourceBytes) continue;
    const read = readFileBounded(file.path, { maxBytes: maxSourceBytes, roots: [root] });
    if (!read.ok) continue;
    total += read.text.length;
    files.push({ path, text: read.text });
  }
  return learnRepository(files);
}

/** Deploy contexts of files on disk: one repository's facts per root, with the flag and glob overrides on top. */
export class RepositoryContexts {
  private readonly facts = new Map<string, RepositoryFacts>();

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
  }

  /** The context of a file: the innermost known repository holding it decides. */
  contextOf(path: string): DeployContext {
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

/** The file system's root and the kernel's folders: no repository, and listing them costs seconds. */
function isSystemFolder(path: string): boolean {
  return path === '/' || /^\/(proc|sys|dev)(\/|$)/.test(path);
}

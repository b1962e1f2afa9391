import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The one way ECS Lens looks at files on disk, for the editor's workspace index and the CLI alike.
 *
 * A repository may be hostile: links to `/`, `/dev/zero` or `/proc/self/fd/0`, FIFOs named `*.json`,
 * link loops, millions of files. The walk therefore lists regular files only, resolves every entry's
 * real path and never leaves the folders it was given, skips FIFOs, devices and sockets, and stops at
 * a depth and an entry budget. Reads open without blocking, check the opened file is regular and stop
 * at a byte budget.
 */

/** Folder names never entered by default: dependencies and version control. */
export const defaultSkippedFolderNames: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** Default folder filter: the names above and every dot-folder (`.git`, `.venv`, `.idea`, …). */
export function defaultSkipDirectory(name: string): boolean {
  return defaultSkippedFolderNames.has(name) || name.startsWith('.');
}

/**
 * Dot-folders where repositories keep ECS files or the files that say how they are deployed: `.aws/` (GitHub's
 * starter workflow for ECS keeps `.aws/task-definition.json`), `.github/` (workflows), `.ecs/`, `.copilot/`,
 * `.circleci/`, `.buildkite/`, `.gitlab/`.
 */
export const ecsDotFolders: ReadonlySet<string> = new Set([
  '.aws',
  '.github',
  '.ecs',
  '.copilot',
  '.circleci',
  '.buildkite',
  '.gitlab',
]);

/** The folder filter for ECS files: the default, except the dot-folders above. */
export function skipDirectoryForEcs(name: string): boolean {
  return ecsDotFolders.has(name) ? false : defaultSkipDirectory(name);
}

export interface WalkOptions {
  /** Deepest folder level entered below a root (the root is level 0). */
  maxDepth?: number;
  /** Files reported at most; the walk stops when reached and says it was truncated. */
  maxFiles?: number;
  /** Directory entries examined at most (files of any name, folders, links); bounds the work on huge trees. */
  maxEntries?: number;
  /** Which files are wanted, by name (e.g. `*.json`); others are not even stat'ed. */
  includeFile?: (name: string) => boolean;
  /**
   * True for a folder not to enter. `relativePath` is the folder's path from its root with `/` separators.
   * Defaults to {@link defaultSkipDirectory}; callers compose with it to allow named dot-folders.
   */
  skipDirectory?: (name: string, relativePath: string) => boolean;
}

export interface WalkedFile {
  /** The path as found below its root (links inside the root keep their own name). */
  path: string;
  /** The resolved real path, always inside the root's real path. */
  realPath: string;
  /** The root (as given) this file was found under. */
  root: string;
  size: number;
}

export type SkipReason = 'outside-root' | 'not-regular' | 'unreadable' | 'too-deep';

export interface SkippedEntry {
  path: string;
  reason: SkipReason;
  /** The error code for `unreadable` (ENOENT, EACCES, ELOOP…). */
  code?: string;
}

export interface WalkResult {
  files: WalkedFile[];
  /** Wanted files and folders that were left out, with why. */
  skipped: SkippedEntry[];
  /** A budget (files, entries) stopped the walk before it saw everything. */
  truncated: boolean;
}

export const walkDefaults = { maxDepth: 24, maxFiles: 50_000, maxEntries: 500_000 } as const;

/** True when `real` is `root` or below it (both real paths). */
export function isInside(real: string, root: string): boolean {
  if (real === root) return true;
  return real.startsWith(root.endsWith(sep) ? root : root + sep);
}

interface Frame {
  dir: string;
  root: string;
  realRoot: string;
  depth: number;
}

/**
 * A walk in steps: each `step()` lists one folder, so an async caller can let other work run between
 * steps. `walkSync` and `walkFolders` drive it.
 */
export class FolderWalk {
  readonly result: WalkResult = { files: [], skipped: [], truncated: false };
  private readonly stack: Frame[] = [];
  private readonly visitedFolders = new Set<string>();
  private readonly seenFiles = new Set<string>();
  /** Files reached through a link, listed at the end unless the file was found under its own name. */
  private readonly linkedFiles: WalkedFile[] = [];
  private readonly maxDepth: number;
  private readonly maxFiles: number;
  private entriesLeft: number;
  private readonly includeFile: (name: string) => boolean;
  private readonly skipDirectory: (name: string, relativePath: string) => boolean;

  constructor(roots: readonly string[], options: WalkOptions = {}) {
    this.maxDepth = options.maxDepth ?? walkDefaults.maxDepth;
    this.maxFiles = options.maxFiles ?? walkDefaults.maxFiles;
    this.entriesLeft = options.maxEntries ?? walkDefaults.maxEntries;
    this.includeFile = options.includeFile ?? (() => true);
    this.skipDirectory = options.skipDirectory ?? defaultSkipDirectory;
    for (const root of [...roots].reverse()) {
      let realRoot: string;
      let stats: Stats;
      try {
        realRoot = realpathSync(root);
        stats = statSync(realRoot);
      } catch (error) {
        this.result.skipped.push({ path: root, reason: 'unreadable', code: errorCode(error) });
        continue;
      }
      if (!stats.isDirectory()) {
        this.result.skipped.push({ path: root, reason: 'not-regular' });
        continue;
      }
      this.stack.push({ dir: root, root, realRoot, depth: 0 });
    }
  }

  get done(): boolean {
    return this.stack.length === 0;
  }

  /** Lists one folder. Returns false when the walk is over. */
  step(): boolean {
    const frame = this.stack.pop();
    if (!frame) return false;
    this.list(frame);
    if (this.done) this.finish();
    return !this.done;
  }

  private list(frame: Frame): void {
    const { dir, root, realRoot, depth } = frame;
    let realDir: string;
    try {
      realDir = realpathSync(dir);
    } catch (error) {
      this.skip(dir, 'unreadable', error);
      return;
    }
    // A link may point anywhere: only folders whose real path stays below the root's are entered.
    if (!isInside(realDir, realRoot)) {
      this.skip(dir, 'outside-root');
      return;
    }
    // Links inside the root can form loops or reach a folder twice: each real folder is listed once.
    if (this.visitedFolders.has(realDir)) return;
    this.visitedFolders.add(realDir);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (error) {
      this.skip(dir, 'unreadable', error);
      return;
    }
    names.sort();
    const folders: Frame[] = [];
    for (const name of names) {
      if (this.entriesLeft <= 0 || this.result.files.length >= this.maxFiles) {
        this.stop();
        return;
      }
      this.entriesLeft--;
      const path = join(dir, name);
      let lstats: Stats;
      try {
        lstats = lstatSync(path);
      } catch (error) {
        if (this.includeFile(name)) this.skip(path, 'unreadable', error);
        continue;
      }
      const isLink = lstats.isSymbolicLink();
      // A link's target kind is known only by following it; where it leads is checked by real path.
      if (lstats.isDirectory() || (isLink && this.linkIsDirectory(path))) {
        const rel = relative(root, path).split(sep).join('/');
        if (this.skipDirectory(name, rel)) continue;
        if (depth + 1 > this.maxDepth) {
          this.skip(path, 'too-deep');
          continue;
        }
        folders.push({ dir: path, root, realRoot, depth: depth + 1 });
        continue;
      }
      if (!this.includeFile(name)) continue;
      this.consider(path, name, root, realRoot, realDir, isLink ? undefined : lstats);
    }
    // Depth first, in name order.
    for (let i = folders.length - 1; i >= 0; i--) this.stack.push(folders[i]);
  }

  private finish(): void {
    for (const file of this.linkedFiles) {
      if (this.seenFiles.has(file.realPath)) continue;
      if (this.result.files.length >= this.maxFiles) {
        this.result.truncated = true;
        break;
      }
      this.seenFiles.add(file.realPath);
      this.result.files.push(file);
    }
    this.linkedFiles.length = 0;
  }

  private linkIsDirectory(path: string): boolean {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  }

  private consider(
    path: string,
    name: string,
    root: string,
    realRoot: string,
    realDir: string,
    lstats: Stats | undefined,
  ): void {
    let realPath: string;
    let stats: Stats;
    if (lstats) {
      // Not a link, in a folder checked to be inside: the folder's real path plus the name is its own.
      realPath = join(realDir, name);
      stats = lstats;
    } else {
      try {
        realPath = realpathSync(path);
      } catch (error) {
        this.skip(path, 'unreadable', error);
        return;
      }
      if (!isInside(realPath, realRoot)) {
        this.skip(path, 'outside-root');
        return;
      }
      try {
        stats = lstatSync(realPath);
      } catch (error) {
        this.skip(path, 'unreadable', error);
        return;
      }
    }
    if (!stats.isFile()) {
      this.skip(path, 'not-regular');
      return;
    }
    if (!lstats) {
      this.linkedFiles.push({ path, realPath, root, size: stats.size });
      return;
    }
    if (this.seenFiles.has(realPath)) return;
    this.seenFiles.add(realPath);
    this.result.files.push({ path, realPath, root, size: stats.size });
  }

  private skip(path: string, reason: SkipReason, error?: unknown): void {
    this.result.skipped.push(error === undefined ? { path, reason } : { path, reason, code: errorCode(error) });
  }

  private stop(): void {
    this.result.truncated = true;
    this.stack.length = 0;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** Walks the roots at once (the CLI, tests). */
export function walkSync(roots: readonly string[], options: WalkOptions = {}): WalkResult {
  const walk = new FolderWalk(roots, options);
  while (walk.step());
  return walk.result;
}

export interface AsyncWalkOptions extends WalkOptions {
  /** Folders listed between two yields to the event loop. */
  foldersPerChunk?: number;
  /** Called with each chunk's new files. */
  onFiles?: (files: readonly WalkedFile[]) => void;
  /** Checked between chunks; true ends the walk (a newer walk replaced this one). */
  cancelled?: () => boolean;
}

/**
 * Walks the roots a few folders at a time, yielding to the event loop between chunks so requests
 * are answered while a large workspace is listed.
 */
export async function walkFolders(roots: readonly string[], options: AsyncWalkOptions = {}): Promise<WalkResult> {
  const walk = new FolderWalk(roots, options);
  const perChunk = options.foldersPerChunk ?? 20;
  let reported = 0;
  for (;;) {
    let more = !walk.done;
    for (let i = 0; i < perChunk && more; i++) more = walk.step();
    if (options.onFiles && walk.result.files.length > reported) {
      options.onFiles(walk.result.files.slice(reported));
      reported = walk.result.files.length;
    }
    if (!more || options.cancelled?.()) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return walk.result;
}

export type ReadResult =
  | { ok: true; text: string; size: number; truncated: boolean }
  | { ok: false; reason: 'not-regular' | 'too-large' | 'unreadable' | 'outside-root'; message: string; size?: number };

export interface ReadOptions {
  /** Bytes read at most. With `allowPartial`, the first `maxBytes` are returned; else a larger file is refused. */
  maxBytes: number;
  allowPartial?: boolean;
  /** Folders the file must be inside once links are resolved; absent: anywhere (a file the user named). */
  roots?: readonly string[];
}

/**
 * Reads a regular file with a byte budget. The file is opened without blocking (a FIFO opened for
 * reading would wait for a writer for ever), then checked to be a regular file through its open
 * handle, so a swap between a check and the read cannot hand it a device or a pipe.
 */
export function readFileBounded(path: string, options: ReadOptions): ReadResult {
  let target = path;
  if (options.roots) {
    try {
      target = realpathSync(path);
    } catch (error) {
      return unreadable(path, error);
    }
    const realRoots = options.roots.map((r) => {
      try {
        return realpathSync(r);
      } catch {
        return r;
      }
    });
    if (!realRoots.some((r) => isInside(target, r)))
      return { ok: false, reason: 'outside-root', message: `"${path}" is outside the workspace folders; not read.` };
  }
  let fd: number;
  try {
    fd = openSync(target, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return unreadable(path, error);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile())
      return {
        ok: false,
        reason: 'not-regular',
        message: `"${path}" is not a regular file (a folder, pipe, socket or device); not read.`,
      };
    if (stats.size > options.maxBytes && !options.allowPartial) return tooLarge(path, stats.size, options.maxBytes);
    // The size can change between fstat and read (a growing file, a special file of size 0): the budget
    // is on what is read, in chunks, one byte past the budget to know it was exceeded.
    const chunks: Buffer[] = [];
    let length = 0;
    const limit = options.maxBytes + 1;
    while (length < limit) {
      // The size fstat gave and one byte more (which finds the end, or that the file grew); past it, 64 KiB at a time.
      // A chunk the size of the file, not 64 KiB: a small file's read allocates a few KiB, not 128 KiB.
      const want = length <= stats.size ? stats.size - length + 1 : 64 * 1024;
      const chunk = Buffer.allocUnsafe(Math.min(limit - length, want));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      length += n;
    }
    const over = length > options.maxBytes;
    if (over && !options.allowPartial) return tooLarge(path, length, options.maxBytes);
    const used = Math.min(length, options.maxBytes);
    return {
      ok: true,
      text: (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length)).toString('utf8', 0, used),
      size: Math.max(stats.size, length),
      truncated: over,
    };
  } catch (error) {
    return unreadable(path, error);
  } finally {
    closeSync(fd);
  }
}

function unreadable(path: string, error: unknown): ReadResult {
  return { ok: false, reason: 'unreadable', message: `cannot read "${path}": ${errorCode(error)}.` };
}

function tooLarge(path: string, size: number, maxBytes: number): ReadResult {
  return {
    ok: false,
    reason: 'too-large',
    size,
    message: `"${path}" is ${formatBytes(size)}, more than the ${formatBytes(maxBytes)} ECS Lens reads; not read.`,
  };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

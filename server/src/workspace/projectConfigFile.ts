import { lstatSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
  emptyProjectConfig,
  isIgnoredByProject,
  maxProjectConfigLength,
  parseProjectConfig,
  projectConfigFileName,
  projectRulesFor,
  type ProjectConfig,
  type ProjectSurfaces,
} from '../service/projectConfig';
import type { RuleLevel } from '../service/settings';
import { isInside, readFileBounded } from './walk';

/** A `.ecs-lens.json` found on disk: its folder, what it says, and what was wrong with it. */
export interface ProjectConfigFile {
  path: string;
  dir: string;
  config: ProjectConfig;
  problems: string[];
  /** Rule codes that name no rule, as sentences (also in `problems`). */
  unknownRules?: string[];
}

/** Folders walked upwards at most, from a checked file to the top of the tree it belongs to. */
const maxDepth = 64;

const cache = new Map<string, { stamp: string; file: ProjectConfigFile }>();
const maxCached = 1000;

/**
 * The `.ecs-lens.json` that governs the files of `folder`: in it or the nearest one above, never above
 * `top` (the workspace folder in the editor, the checked tree in the CLI). Whoever controls a folder
 * above the tree has not written the repository, so nothing there is read.
 *
 * The file is read through the bounded reader with `top` as its root: a link to `/proc/self/environ`,
 * to a device or to a file outside the tree is not read at all, and is reported by name as refused.
 * Re-read when the file changes on disk.
 */
export function findProjectConfig(folder: string, top: string): ProjectConfigFile | undefined {
  const boundary = resolve(top);
  let dir = resolve(folder);
  if (!isInside(dir, boundary)) return undefined;
  for (let i = 0; i < maxDepth; i++) {
    const file = readConfig(join(dir, projectConfigFileName), boundary);
    if (file) return file;
    if (dir === boundary) return undefined;
    const parent = dirname(dir);
    if (parent === dir || !isInside(parent, boundary)) return undefined;
    dir = parent;
  }
  return undefined;
}

/**
 * findProjectConfig with each folder's answer kept: the files of one folder, and the folders of one tree, share
 * one upward search. For one run over files on disk (the CLI), where configurations do not change meanwhile.
 */
export function projectConfigFinder(): typeof findProjectConfig {
  const answers = new Map<string, ProjectConfigFile | undefined>();
  const answer = (dir: string, boundary: string, depth: number): ProjectConfigFile | undefined => {
    const key = `${boundary}\0${dir}`;
    if (answers.has(key)) return answers.get(key);
    let found = readConfig(join(dir, projectConfigFileName), boundary);
    const parent = dirname(dir);
    if (!found && dir !== boundary && depth < maxDepth - 1 && parent !== dir && isInside(parent, boundary))
      found = answer(parent, boundary, depth + 1);
    answers.set(key, found);
    return found;
  };
  return (folder, top) => {
    const boundary = resolve(top);
    const dir = resolve(folder);
    return isInside(dir, boundary) ? answer(dir, boundary, 0) : undefined;
  };
}

/** What identifies a version of the entry: the entry itself (a link is its own file) and what it leads to. */
function stampOf(path: string): string | undefined {
  let own;
  try {
    own = lstatSync(path);
  } catch {
    return undefined;
  }
  let target: string;
  try {
    const t = statSync(path);
    target = `${t.ino}:${t.mtimeMs}:${t.size}`;
  } catch {
    target = 'dangling';
  }
  return `${own.ino}:${own.mtimeMs}:${own.size}:${target}`;
}

function readConfig(path: string, boundary: string): ProjectConfigFile | undefined {
  const stamp = stampOf(path);
  if (stamp === undefined) return undefined;
  const key = `${boundary}\0${path}`;
  const cached = cache.get(key);
  if (cached && cached.stamp === stamp) return cached.file;
  const read = readFileBounded(path, { maxBytes: maxProjectConfigLength, roots: [boundary] });
  const parsed = read.ok
    ? parseProjectConfig(read.text)
    : { config: emptyProjectConfig, problems: [refusal(read.reason, read.size)] };
  const file = { path, dir: dirname(path), ...parsed };
  if (cache.size >= maxCached) cache.clear();
  cache.set(key, { stamp, file });
  return file;
}

/** Why a configuration was not read, in words that quote nothing of it. */
function refusal(reason: 'not-regular' | 'too-large' | 'unreadable' | 'outside-root', size?: number): string {
  switch (reason) {
    case 'outside-root':
      return 'leads outside the folder ECS Lens checks (a link); not read, ignored.';
    case 'not-regular':
      return 'is not a regular file (a folder, pipe, socket or device); not read, ignored.';
    case 'too-large':
      return `is ${size ?? 'more than'} bytes, larger than the ${maxProjectConfigLength / 1024} KiB a configuration may take; ignored.`;
    default:
      return 'cannot be read (missing, a dangling link or not permitted); ignored.';
  }
}

/** A file's path relative to its configuration's folder, with "/" separators. */
export function pathInProject(file: ProjectConfigFile, filePath: string): string {
  return relative(file.dir, filePath).split(sep).join('/');
}

/** What the project configuration governing `filePath` (looked up no higher than `top`) says about it. */
export function projectSettingsFor(
  filePath: string,
  top: string,
  find: typeof findProjectConfig = findProjectConfig,
): {
  ignored: boolean;
  rules: Record<string, RuleLevel>;
  surfaces: ProjectSurfaces;
  config?: ProjectConfigFile;
} {
  const file = find(dirname(resolve(filePath)), top);
  if (!file) return { ignored: false, rules: {}, surfaces: {} };
  const rel = pathInProject(file, filePath);
  return {
    ignored: isIgnoredByProject(file.config, rel),
    rules: projectRulesFor(file.config, rel),
    surfaces: file.config.surfaces,
    config: file,
  };
}

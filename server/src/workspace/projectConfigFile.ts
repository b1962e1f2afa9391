import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import {
  isIgnoredByProject,
  maxProjectConfigLength,
  parseProjectConfig,
  projectConfigFileName,
  projectRulesFor,
  type ProjectConfig,
} from '../service/projectConfig';
import type { RuleLevel } from '../service/settings';

/** A `.ecs-lens.json` found on disk: its folder, what it says, and what was wrong with it. */
export interface ProjectConfigFile {
  path: string;
  dir: string;
  config: ProjectConfig;
  problems: string[];
  /** Rule codes that name no rule, as sentences (also in `problems`). */
  unknownRules?: string[];
}

/** Folders walked upwards at most, from a checked file to its repository root. */
const maxDepth = 64;

const cache = new Map<string, { mtimeMs: number; size: number; file: ProjectConfigFile }>();

/**
 * The `.ecs-lens.json` that governs a file: in its folder or the nearest one above, stopping at the
 * repository root (a folder with .git). Re-read when the file changes on disk.
 */
export function findProjectConfig(filePath: string): ProjectConfigFile | undefined {
  let dir = dirname(filePath);
  for (let i = 0; i < maxDepth; i++) {
    const candidate = join(dir, projectConfigFileName);
    const file = readConfig(candidate);
    if (file) return file;
    if (existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

function readConfig(path: string): ProjectConfigFile | undefined {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) return undefined;
  const cached = cache.get(path);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.file;
  let parsed: { config: ProjectConfig; problems: string[] };
  if (stat.size > maxProjectConfigLength) parsed = parseProjectConfig('x'.repeat(maxProjectConfigLength + 1));
  else {
    try {
      parsed = parseProjectConfig(readFileSync(path, 'utf8'));
    } catch (error) {
      parsed = {
        config: { rules: {}, overrides: [], ignore: [] },
        problems: [`cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`],
      };
    }
  }
  const file = { path, dir: dirname(path), ...parsed };
  cache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, file });
  return file;
}

/** A file's path relative to its configuration's folder, with "/" separators. */
export function pathInProject(file: ProjectConfigFile, filePath: string): string {
  return relative(file.dir, filePath).split(sep).join('/');
}

/** What the project configuration says about one file: ignored or not, and its rule severities. */
export function projectSettingsFor(filePath: string): {
  ignored: boolean;
  rules: Record<string, RuleLevel>;
  config?: ProjectConfigFile;
} {
  const file = findProjectConfig(filePath);
  if (!file) return { ignored: false, rules: {} };
  const rel = pathInProject(file, filePath);
  return { ignored: isIgnoredByProject(file.config, rel), rules: projectRulesFor(file.config, rel), config: file };
}

import picomatch from 'picomatch';
import { RE2JS } from 're2js';

/**
 * File-name patterns from the settings (`*`, `**`, `?`, `{a,b}`, `[a-z]`), which a cloned repository
 * can set. picomatch parses them; the regular expression it builds runs on RE2, whose matching time
 * is linear in the path, so no pattern (`*a*a*a…*X`) can make a match backtrack.
 */

/** Longer patterns are refused: no file-name setting needs one. */
export const maxGlobLength = 1000;

type Compiled = { test: (path: string) => boolean } | { error: string };

const cache = new Map<string, Compiled>();
const maxCached = 1000;

// picomatch guards `.` and `..` segments and empty names with look-arounds, which RE2 does not run;
// paths given to the matcher are normalized, so these guards never decide anything here.
const lookarounds = ['(?!(?:^|\\/)\\.{1,2}(?:\\/|$))', '(?!\\.{1,2}(?:\\/|$))', '(?=.)'];

function compile(glob: string): Compiled {
  if (glob.length === 0) return { error: 'the pattern is empty' };
  if (glob.length > maxGlobLength) return { error: `the pattern is longer than ${maxGlobLength} characters` };
  const source = glob.includes('/') && !glob.startsWith('/') && !glob.startsWith('**/') ? `**/${glob}` : glob;
  let regex: string;
  try {
    regex = picomatch.makeRe(source, { dot: true, nocase: true, strictBrackets: true }).source;
  } catch (error) {
    return { error: (error as Error).message };
  }
  for (const l of lookarounds) regex = regex.split(l).join('');
  if (/\(\?[=!<]/.test(regex)) return { error: 'the pattern uses a construct ECS Lens does not match' };
  const literals = requiredLiterals(glob);
  try {
    const re = RE2JS.compile(regex, RE2JS.CASE_INSENSITIVE);
    // Most paths lack a piece of text the pattern needs (".cluster.json"): they are refused without running the matcher.
    return { test: (path) => hasAll(path, literals) && re.matches(path) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function compiled(glob: string): Compiled {
  let c = cache.get(glob);
  if (!c) {
    c = compile(glob);
    if (cache.size >= maxCached) cache.clear();
    cache.set(glob, c);
  }
  return c;
}

/**
 * Lower-case pieces of text every match holds, for patterns of plain text, `*`, `?` and `/` only (inside
 * braces or brackets a piece may be optional); none for other patterns.
 */
function requiredLiterals(glob: string): string[] {
  if (/[{}[\]\\!()+@]/.test(glob)) return [];
  return glob
    .toLowerCase()
    .split(/[*?/]+/)
    .filter((piece) => piece.length > 0);
}

function hasAll(path: string, literals: readonly string[]): boolean {
  if (literals.length === 0) return true;
  const lower = path.toLowerCase();
  return literals.every((piece) => lower.includes(piece));
}

/** Why a pattern cannot be used, or undefined when it can. */
export function globProblem(glob: string): string | undefined {
  const c = compiled(glob);
  return 'error' in c ? c.error : undefined;
}

/**
 * Patterns without a slash match the file name; others match the end of the path at a folder
 * boundary (`deploy/*.json` matches `/w/deploy/a.json`). An unusable pattern matches nothing.
 */
export function matchesGlob(path: string, glob: string): boolean {
  const c = compiled(glob);
  if ('error' in c) return false;
  const normalized = path.replace(/\\/g, '/');
  if (!glob.includes('/')) return c.test(normalized.slice(normalized.lastIndexOf('/') + 1));
  return c.test(normalized);
}

export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  return globs.some((g) => matchesGlob(path, g));
}

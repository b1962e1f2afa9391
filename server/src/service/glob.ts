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
  try {
    const re = RE2JS.compile(regex, RE2JS.CASE_INSENSITIVE);
    return { test: (path) => re.matches(path) };
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

import { globParser, re2 } from './libraries';

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

/**
 * A name pattern of plain letters, digits, `.`, `_`, `-` and single `*`s, alone or after `**\/` (every default file
 * pattern: `**\/*task-def*.json`): it matches a path whose last segment matches it, and is matched here piece by
 * piece, as picomatch's expression would, without loading picomatch and RE2. Names with other than printable ASCII
 * characters go to RE2, whose case folding is Unicode's, and so does an empty name (a path ending in a slash).
 */
function plainNameMatcher(glob: string): Compiled | undefined {
  const name = glob.startsWith('**/') ? glob.slice(3) : glob;
  if (!/^[A-Za-z0-9._*-]*[A-Za-z0-9._-][A-Za-z0-9._*-]*$/.test(name) || name.includes('**')) return undefined;
  const pieces = name.toLowerCase().split('*');
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  let slow: Compiled | undefined;
  return {
    test: (path) => {
      const lower = printableLowerName(path);
      // picomatch's expression also takes a trailing slash (a folder's path): RE2 decides those too.
      if (lower === undefined) return 'test' in (slow ??= compileWithRe2(glob)) && slow.test(path);
      if (pieces.length === 1) return lower === first;
      if (lower.length < first.length + last.length || !lower.startsWith(first) || !lower.endsWith(last)) return false;
      // Each middle piece at its leftmost place after the one before: with `*` the only wildcard, that finds a match if any.
      let at = first.length;
      const end = lower.length - last.length;
      for (let i = 1; i < pieces.length - 1; i++) {
        const found = lower.indexOf(pieces[i], at);
        if (found < 0 || found + pieces[i].length > end) return false;
        at = found + pieces[i].length;
      }
      return true;
    },
  };
}

// The path whose name was last lowered: a file is tried against each of the settings' globs in turn.
let namedPath = '';
let namedLower: string | undefined = '';

/** The path's last segment in lower case, or undefined when it is empty or holds other than printable ASCII. */
function printableLowerName(path: string): string | undefined {
  if (path !== namedPath) {
    const file = path.slice(path.lastIndexOf('/') + 1);
    namedPath = path;
    namedLower = /^[\x20-\x7e]+$/.test(file) ? file.toLowerCase() : undefined;
  }
  return namedLower;
}

function compile(glob: string): Compiled {
  if (glob.length === 0) return { error: 'the pattern is empty' };
  if (glob.length > maxGlobLength) return { error: `the pattern is longer than ${maxGlobLength} characters` };
  return plainNameMatcher(glob) ?? compileWithRe2(glob);
}

function compileWithRe2(glob: string): Compiled {
  const source = glob.includes('/') && !glob.startsWith('/') && !glob.startsWith('**/') ? `**/${glob}` : glob;
  let regex: string;
  try {
    regex = globParser().makeRe(source, { dot: true, nocase: true, strictBrackets: true }).source;
  } catch (error) {
    return { error: (error as Error).message };
  }
  for (const l of lookarounds) regex = regex.split(l).join('');
  if (/\(\?[=!<]/.test(regex)) return { error: 'the pattern uses a construct ECS Lens does not match' };
  const literals = requiredLiterals(glob);
  try {
    const RE2JS = re2();
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

// The path last lowered: a file is tried against each of the settings' globs in turn.
let lastPath = '';
let lastLower = '';

function hasAll(path: string, literals: readonly string[]): boolean {
  if (literals.length === 0) return true;
  if (path !== lastPath) {
    lastPath = path;
    lastLower = path.toLowerCase();
  }
  const lower = lastLower;
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
  if (globs.length === 0) return false;
  // Normalised once for all the globs; each is matched as matchesGlob does.
  const normalized = path.replace(/\\/g, '/');
  let name: string | undefined;
  for (let k = 0; k < globs.length; k++) {
    const glob = globs[k];
    const c = compiled(glob);
    if ('error' in c) continue;
    if (glob.includes('/') ? c.test(normalized) : c.test((name ??= normalized.slice(normalized.lastIndexOf('/') + 1))))
      return true;
  }
  return false;
}

/** Characters that make a path segment a pattern rather than a literal name. */
const special = /[*?[\]{}()!+@\\]/;

/**
 * Many globs compiled once and matched without trying each one: a glob is filed under a literal it needs
 * (its file name, its extension, or a folder name it names), and a path is tried only against the globs
 * filed under its own names, plus the few with no literal at all. 15,000 ignore patterns or 4,000 overrides
 * cost a handful of lookups per file, not 15,000 matches.
 */
export class GlobSet {
  /** Compiled on first use: only the globs filed under some path's names are ever compiled. */
  private readonly compiled: Array<Compiled | undefined>;
  private readonly byName = new Map<string, number[]>();
  private readonly byExtension = new Map<string, number[]>();
  private readonly bySegment = new Map<string, number[]>();
  private readonly rest: number[] = [];

  constructor(readonly globs: readonly string[]) {
    this.compiled = new Array<Compiled | undefined>(globs.length);
    globs.forEach((glob, i) => {
      if (!glob || glob.length > maxGlobLength) return;
      const file = (key: string, map: Map<string, number[]>) => {
        const list = map.get(key);
        if (list) list.push(i);
        else map.set(key, [i]);
      };
      if (!glob.includes('/')) {
        if (!special.test(glob)) return file(glob.toLowerCase(), this.byName);
        const ext = /^\*(\.[^*?[\]{}()!+@\\/]+)$/.exec(glob);
        if (ext) return file(ext[1].toLowerCase(), this.byExtension);
        return void this.rest.push(i);
      }
      // Alternatives and groups can span a "/" (`{a/b,c}`): such a glob has no segment it surely needs.
      if (/[{}()]/.test(glob)) return void this.rest.push(i);
      const literal = glob
        .split('/')
        .filter((s) => s && s !== '.' && s !== '..' && !special.test(s))
        .pop();
      if (literal) file(literal.toLowerCase(), this.bySegment);
      else this.rest.push(i);
    });
  }

  /** Indexes of the globs `path` matches, ascending. */
  matching(path: string): number[] {
    const normalized = path.replace(/\\/g, '/');
    const name = normalized.slice(normalized.lastIndexOf('/') + 1);
    const candidates = new Set<number>(this.rest);
    const add = (list: number[] | undefined) => list?.forEach((i) => candidates.add(i));
    add(this.byName.get(name.toLowerCase()));
    for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1))
      add(this.byExtension.get(name.slice(dot).toLowerCase()));
    for (const segment of new Set(normalized.toLowerCase().split('/'))) add(this.bySegment.get(segment));
    const out: number[] = [];
    for (const i of candidates) {
      const glob = this.globs[i];
      const target = glob.includes('/') ? normalized : name;
      const c = (this.compiled[i] ??= compile(glob));
      if (!('error' in c) && c.test(target)) out.push(i);
    }
    return out.sort((a, b) => a - b);
  }

  matchesAny(path: string): boolean {
    return this.matching(path).length > 0;
  }
}

/**
 * Why a pattern cannot be used, from its shape alone (empty, too long, unbalanced brackets or braces): what
 * a configuration of thousands of globs is checked with, where compiling each one would cost seconds. A
 * pattern that passes this and still does not compile matches nothing.
 */
export function quickGlobProblem(glob: string): string | undefined {
  if (glob.length === 0) return 'the pattern is empty';
  if (glob.length > maxGlobLength) return `the pattern is longer than ${maxGlobLength} characters`;
  let brackets = 0;
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '[') brackets++;
    else if (c === ']' && brackets > 0) brackets--;
    else if (c === '{') braces++;
    else if (c === '}') braces--;
    if (braces < 0) return 'a brace closes that was not opened';
  }
  if (brackets > 0) return 'a bracket is not closed';
  if (braces > 0) return 'a brace is not closed';
  return undefined;
}

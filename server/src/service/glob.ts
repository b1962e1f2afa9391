/** A small glob matcher for file-name settings: `*`, `**`, `?` and `{a,b}`. */
const cache = new Map<string, RegExp>();

function toRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) { re += '\\{'; continue; }
      re += '(?:' + glob.slice(i + 1, end).split(',').map(escape).join('|') + ')';
      i = end;
    } else re += escape(c);
  }
  return new RegExp('^' + re + '$', 'i');
}

function escape(s: string): string {
  return s.replace(/[.+^$()|[\]\\]/g, '\\$&');
}

/** Patterns without a slash match the file name; others match the end of the path. */
export function matchesGlob(path: string, glob: string): boolean {
  let re = cache.get(glob);
  if (!re) { re = toRegExp(glob); cache.set(glob, re); }
  const normalized = path.replace(/\\/g, '/');
  if (!glob.includes('/')) return re.test(normalized.slice(normalized.lastIndexOf('/') + 1));
  if (re.test(normalized)) return true;
  // Relative patterns (`deploy/*.json`, `**/x.json`) match the end of the path at a folder boundary.
  for (let i = normalized.indexOf('/'); i >= 0; i = normalized.indexOf('/', i + 1)) {
    if (re.test(normalized.slice(i + 1))) return true;
  }
  return false;
}

export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  return globs.some((g) => matchesGlob(path, g));
}

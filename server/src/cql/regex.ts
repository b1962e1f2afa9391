import { re2 } from '../service/libraries';

export interface RegexIssue {
  /** Offsets into the pattern. */
  offset: number;
  length: number;
  code: 'cql.invalid-regex' | 'cql.unsupported-regex';
  message: string;
  severity: 'error' | 'warning';
}

export interface CompiledRegex {
  issues: RegexIssue[];
  /** Whole-value match (Java's Pattern.matches); undefined when the pattern cannot run here. */
  matches?: (value: string) => boolean;
}

// Java's POSIX classes, written \p{Alpha}; RE2 spells them [[:alpha:]].
const JAVA_POSIX = new Set([
  'Lower',
  'Upper',
  'ASCII',
  'Alpha',
  'Digit',
  'Alnum',
  'Punct',
  'Graph',
  'Print',
  'Blank',
  'Cntrl',
  'XDigit',
  'Space',
]);

const JAVA_ONLY_ESCAPES: Record<string, string> = {
  G: '\\G (end of the previous match) has no RE2 equivalent.',
  Z: '\\Z (end before a final line break) has no RE2 equivalent; \\z means the very end in both.',
  R: '\\R (any line break) has no RE2 equivalent.',
  X: '\\X (grapheme cluster) has no RE2 equivalent.',
  h: '\\h (horizontal white space) has no RE2 equivalent.',
  H: '\\H (non-horizontal white space) has no RE2 equivalent.',
  V: '\\V (non-vertical white space) has no RE2 equivalent.',
  v: '\\v means vertical white space in Java but only a vertical tab in RE2.',
  N: '\\N{name} (character by name) has no RE2 equivalent.',
};

/**
 * Checks a Java regular expression and prepares it for RE2, which runs in linear time. Java constructs RE2
 * lacks (backreferences, lookaround, atomic groups, possessive quantifiers, …) are reported as unsupported;
 * a few escapes with an exact RE2 spelling (\uXXXX, \e, \cX) are rewritten.
 */
export function compileJavaRegex(pattern: string): CompiledRegex {
  const issues: RegexIssue[] = [];
  const unsupported = (offset: number, length: number, message: string) =>
    issues.push({
      offset,
      length,
      code: 'cql.unsupported-regex',
      severity: 'warning',
      message: `${message} ECS Lens evaluates regular expressions with RE2, so it cannot tell which instances this matches.`,
    });
  const invalid = (offset: number, length: number, message: string) =>
    issues.push({ offset, length, code: 'cql.invalid-regex', severity: 'error', message });

  const p = pattern;
  const n = p.length;
  let out = '';
  let inClass = false;
  let i = 0;
  const quantifierTail = (end: number): number => {
    // `end` is just past a quantifier: a `+` there makes it possessive, a `?` lazy.
    if (p[end] === '+')
      unsupported(i, end + 1 - i, 'Possessive quantifiers (*+, ++, ?+, {n}+) need backtracking control RE2 lacks.');
    return end;
  };
  while (i < n) {
    const c = p[i];
    if (c === '\\') {
      const d = p[i + 1];
      if (d === undefined) {
        out += c;
        i++;
        continue;
      }
      if (d === 'Q') {
        const close = p.indexOf('\\E', i + 2);
        const stop = close < 0 ? n : close + 2;
        out += p.slice(i, stop);
        i = stop;
        continue;
      }
      if (/[1-9]/.test(d) && !inClass) {
        unsupported(i, 2, `Backreferences (\\${d}) need backtracking, which RE2 does not do.`);
      } else if (d === 'k' && p[i + 2] === '<') {
        const close = p.indexOf('>', i);
        unsupported(
          i,
          (close < 0 ? n : close + 1) - i,
          'Named backreferences (\\k<name>) need backtracking, which RE2 does not do.',
        );
      } else if (d === 'u' && /^[0-9a-fA-F]{4}$/.test(p.slice(i + 2, i + 6))) {
        out += `\\x{${p.slice(i + 2, i + 6)}}`;
        i += 6;
        continue;
      } else if (d === 'e') {
        out += '\\x{1B}';
        i += 2;
        continue;
      } else if (d === 'c' && i + 2 < n) {
        out += `\\x{${(p.charCodeAt(i + 2) ^ 64).toString(16)}}`;
        i += 3;
        continue;
      } else if (Object.hasOwn(JAVA_ONLY_ESCAPES, d)) {
        unsupported(i, 2, JAVA_ONLY_ESCAPES[d]);
      } else if (d === 'p' || d === 'P') {
        const close = p[i + 2] === '{' ? p.indexOf('}', i + 2) : -1;
        const name = close > 0 ? p.slice(i + 3, close) : '';
        if (/^(java|Is|In)|=/.test(name) || JAVA_POSIX.has(name)) {
          unsupported(i, close + 1 - i, `The Java character property \\${d}{${name}} has no RE2 spelling here.`);
        }
      }
      // Braces of \p{…}, \x{…} and \N{…} belong to the escape, not to a repetition.
      if ('pPxN'.includes(d) && p[i + 2] === '{') {
        const close = p.indexOf('}', i + 2);
        const stop = close < 0 ? n : close + 1;
        out += p.slice(i, stop);
        i = stop;
        continue;
      }
      out += c + d;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === '[') unsupported(i, 1, 'A class inside a class ([a[b]]) is a union in Java but a literal [ in RE2.');
      else if (c === '&' && p[i + 1] === '&')
        unsupported(i, 2, 'Class intersection (&&) is Java-only; RE2 reads it as literal characters.');
      else if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      i++;
      if (p[i] === '^') {
        out += '^';
        i++;
      }
      continue;
    }
    if (c === '(' && p[i + 1] === '?') {
      const rest = p.slice(i + 2);
      if (rest.startsWith('=') || rest.startsWith('!'))
        unsupported(i, 3, 'Lookahead ((?=…), (?!…)) is not supported by RE2.');
      else if (rest.startsWith('<=') || rest.startsWith('<!'))
        unsupported(i, 4, 'Lookbehind ((?<=…), (?<!…)) is not supported by RE2.');
      else if (rest.startsWith('>')) unsupported(i, 3, 'Atomic groups ((?>…)) are not supported by RE2.');
      else {
        const flags = /^[a-zA-Z-]*/.exec(rest)![0];
        const bad = [...flags].find((f) => 'duxU'.includes(f));
        if (bad && !rest.startsWith('<'))
          unsupported(
            i,
            2 + flags.length,
            `The inline flag ${bad} ${bad === 'U' ? 'means Unicode classes in Java but ungreedy in RE2' : 'is Java-only'}.`,
          );
      }
      out += '(?';
      i += 2;
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      const end = quantifierTail(i + 1);
      out += p.slice(i, end);
      i = end;
      continue;
    }
    if (c === '{') {
      const m = /^\{\d+(?:,\d*)?\}/.exec(p.slice(i));
      if (!m) {
        invalid(
          i,
          1,
          "Java reads '{' as the start of a repetition such as {2} or {1,3}; write \\{ for a literal brace.",
        );
        out += '\\{';
        i++;
        continue;
      }
      const end = quantifierTail(i + m[0].length);
      out += p.slice(i, end);
      i = end;
      continue;
    }
    out += c;
    i++;
  }
  if (issues.length) return { issues };
  try {
    const re = re2().compile(out);
    return { issues, matches: (value) => re.matches(value) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const fragment = typeof (e as { input?: unknown }).input === 'string' ? (e as { input: string }).input : '';
    const at = fragment ? pattern.indexOf(fragment) : -1;
    invalid(
      at >= 0 ? at : 0,
      at >= 0 ? fragment.length : pattern.length,
      `Invalid regular expression: ${message.replace(/^error parsing regexp: /, '')}.`,
    );
    return { issues };
  }
}

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

/** One pass over a Java pattern: the RE2 spelling it builds, and what RE2 cannot do of it. */
class JavaToRe2 {
  readonly issues: RegexIssue[] = [];
  out = '';
  private inClass = false;
  private i = 0;

  constructor(private readonly p: string) {}

  unsupported(offset: number, length: number, message: string): void {
    this.issues.push({
      offset,
      length,
      code: 'cql.unsupported-regex',
      severity: 'warning',
      message: `${message} ECS Lens evaluates regular expressions with RE2, so it cannot tell which instances this matches.`,
    });
  }

  invalid(offset: number, length: number, message: string): void {
    this.issues.push({ offset, length, code: 'cql.invalid-regex', severity: 'error', message });
  }

  run(): void {
    const p = this.p;
    while (this.i < p.length) {
      const c = p[this.i];
      if (c === '\\') this.escape();
      else if (this.inClass) this.classCharacter(c);
      else if (c === '[') this.classStart();
      else if (c === '(' && p[this.i + 1] === '?') this.groupFlags();
      else if (c === '*' || c === '+' || c === '?') this.copyQuantifier(this.i + 1);
      else if (c === '{') this.brace();
      else this.copy(this.i + 1);
    }
  }

  /** Copies the pattern up to `end` as it is. */
  private copy(end: number): void {
    this.out += this.p.slice(this.i, end);
    this.i = end;
  }

  /** Copies a quantifier that ends just before `end`: a `+` after it makes it possessive, a `?` lazy. */
  private copyQuantifier(end: number): void {
    if (this.p[end] === '+')
      this.unsupported(
        this.i,
        end + 1 - this.i,
        'Possessive quantifiers (*+, ++, ?+, {n}+) need backtracking control RE2 lacks.',
      );
    this.copy(end);
  }

  private escape(): void {
    const { p, i } = this;
    const n = p.length;
    const d = p[i + 1];
    if (d === undefined) return this.copy(i + 1);
    if (d === 'Q') {
      const close = p.indexOf('\\E', i + 2);
      return this.copy(close < 0 ? n : close + 2);
    }
    const rewritten = this.rewrittenEscape(d);
    if (rewritten) {
      this.out += rewritten.text;
      this.i += rewritten.length;
      return;
    }
    this.checkEscape(d);
    // Braces of \p{…}, \x{…} and \N{…} belong to the escape, not to a repetition.
    if ('pPxN'.includes(d) && p[i + 2] === '{') {
      const close = p.indexOf('}', i + 2);
      return this.copy(close < 0 ? n : close + 1);
    }
    this.copy(i + 2);
  }

  /** The escapes that have an exact RE2 spelling: \uXXXX, \e, \cX. */
  private rewrittenEscape(d: string): { text: string; length: number } | undefined {
    const { p, i } = this;
    if (d === 'u' && /^[0-9a-fA-F]{4}$/.test(p.slice(i + 2, i + 6)))
      return { text: `\\x{${p.slice(i + 2, i + 6)}}`, length: 6 };
    if (d === 'e') return { text: '\\x{1B}', length: 2 };
    if (d === 'c' && i + 2 < p.length) return { text: `\\x{${(p.charCodeAt(i + 2) ^ 64).toString(16)}}`, length: 3 };
    return undefined;
  }

  private checkEscape(d: string): void {
    const { p, i } = this;
    if (/[1-9]/.test(d) && !this.inClass) {
      this.unsupported(i, 2, `Backreferences (\\${d}) need backtracking, which RE2 does not do.`);
    } else if (d === 'k' && p[i + 2] === '<') {
      const close = p.indexOf('>', i);
      this.unsupported(
        i,
        (close < 0 ? p.length : close + 1) - i,
        'Named backreferences (\\k<name>) need backtracking, which RE2 does not do.',
      );
    } else if (Object.hasOwn(JAVA_ONLY_ESCAPES, d)) {
      this.unsupported(i, 2, JAVA_ONLY_ESCAPES[d]);
    } else if (d === 'p' || d === 'P') {
      const close = p[i + 2] === '{' ? p.indexOf('}', i + 2) : -1;
      const name = close > 0 ? p.slice(i + 3, close) : '';
      if (/^(java|Is|In)|=/.test(name) || JAVA_POSIX.has(name)) {
        this.unsupported(i, close + 1 - i, `The Java character property \\${d}{${name}} has no RE2 spelling here.`);
      }
    }
  }

  private classCharacter(c: string): void {
    const { p, i } = this;
    if (c === '[') this.unsupported(i, 1, 'A class inside a class ([a[b]]) is a union in Java but a literal [ in RE2.');
    else if (c === '&' && p[i + 1] === '&')
      this.unsupported(i, 2, 'Class intersection (&&) is Java-only; RE2 reads it as literal characters.');
    else if (c === ']') this.inClass = false;
    this.copy(i + 1);
  }

  private classStart(): void {
    this.inClass = true;
    this.copy(this.i + (this.p[this.i + 1] === '^' ? 2 : 1));
  }

  private groupFlags(): void {
    const i = this.i;
    const rest = this.p.slice(i + 2);
    if (rest.startsWith('=') || rest.startsWith('!'))
      this.unsupported(i, 3, 'Lookahead ((?=…), (?!…)) is not supported by RE2.');
    else if (rest.startsWith('<=') || rest.startsWith('<!'))
      this.unsupported(i, 4, 'Lookbehind ((?<=…), (?<!…)) is not supported by RE2.');
    else if (rest.startsWith('>')) this.unsupported(i, 3, 'Atomic groups ((?>…)) are not supported by RE2.');
    else {
      const flags = /^[a-zA-Z-]*/.exec(rest)![0];
      const bad = [...flags].find((f) => 'duxU'.includes(f));
      if (bad && !rest.startsWith('<'))
        this.unsupported(
          i,
          2 + flags.length,
          `The inline flag ${bad} ${bad === 'U' ? 'means Unicode classes in Java but ungreedy in RE2' : 'is Java-only'}.`,
        );
    }
    this.copy(i + 2);
  }

  private brace(): void {
    const m = /^\{\d+(?:,\d*)?\}/.exec(this.p.slice(this.i));
    if (m) return this.copyQuantifier(this.i + m[0].length);
    this.invalid(
      this.i,
      1,
      "Java reads '{' as the start of a repetition such as {2} or {1,3}; write \\{ for a literal brace.",
    );
    this.out += '\\{';
    this.i++;
  }
}

/**
 * Checks a Java regular expression and prepares it for RE2, which runs in linear time. Java constructs RE2
 * lacks (backreferences, lookaround, atomic groups, possessive quantifiers, …) are reported as unsupported;
 * a few escapes with an exact RE2 spelling (\uXXXX, \e, \cX) are rewritten.
 */
export function compileJavaRegex(pattern: string): CompiledRegex {
  const translation = new JavaToRe2(pattern);
  translation.run();
  const { issues, out } = translation;
  if (issues.length) return { issues };
  try {
    const re = re2().compile(out);
    return { issues, matches: (value) => re.matches(value) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const fragment = typeof (e as { input?: unknown }).input === 'string' ? (e as { input: string }).input : '';
    const at = fragment ? pattern.indexOf(fragment) : -1;
    translation.invalid(
      at >= 0 ? at : 0,
      at >= 0 ? fragment.length : pattern.length,
      `Invalid regular expression: ${message.replace(/^error parsing regexp: /, '')}.`,
    );
    return { issues };
  }
}

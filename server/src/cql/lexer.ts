import type { Span, SubjectNode } from './ast';
import type { Operator } from './operators';
import { negatedWordOperator, operatorFromWord, SYMBOLIC_OPERATORS } from './operators';

export type TokenRole = 'subject' | 'operator' | 'value' | 'keyword' | 'punctuation';

/** A token as the parser classified it; hover and completion read these. */
export interface Token extends Span {
  role: TokenRole;
  text: string;
  /** For operator and value tokens: the subject of their comparison. */
  subject?: SubjectNode;
  /** For value tokens: the operator of their comparison. */
  op?: Operator;
  /** For value tokens: written in quotes. */
  quoted?: boolean;
}

const SPACE = /\s/;
const SUBJECT_CHAR = /[A-Za-z0-9_.\-/\\:]/;
const WORD_CHAR = /[A-Za-z_]/;

const SYMBOLS = SYMBOLIC_OPERATORS;

/** Reads characters of one expression; the parser chooses what to read next, as values lex differently from subjects. */
export class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(ahead = 0): string {
    return this.text.charAt(this.pos + ahead);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && SPACE.test(this.text[this.pos])) this.pos++;
  }

  isSubjectChar(at: number): boolean {
    return at < this.text.length && SUBJECT_CHAR.test(this.text[at]);
  }

  /** Letters, digits and `_ . - / \ :`: every subject, keyword and word operator is such a run. */
  readSubjectRun(): string {
    const start = this.pos;
    while (this.isSubjectChar(this.pos)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** `and`, `or`, `&&` or `||` at the current position, without consuming it. */
  peekConnective(): { type: 'and' | 'or'; length: number } | undefined {
    const t = this.text;
    const p = this.pos;
    if (t.startsWith('&&', p)) return { type: 'and', length: 2 };
    if (t.startsWith('||', p)) return { type: 'or', length: 2 };
    for (const word of ['and', 'or'] as const) {
      if (t.startsWith(word, p) && !this.isSubjectChar(p + word.length)) return { type: word, length: word.length };
    }
    return undefined;
  }

  /** `not` or `!` starting a negation, without consuming it. */
  peekNot(): number {
    const t = this.text;
    const p = this.pos;
    if (t[p] === '!') return 1;
    if (t.startsWith('not', p) && !this.isSubjectChar(p + 3)) return 3;
    return 0;
  }

  /** Reads an operator in either spelling; on failure consumes nothing. */
  readOperator(): { op: Operator; text: string } | undefined {
    const t = this.text;
    const p = this.pos;
    for (const s of SYMBOLS) {
      if (t.startsWith(s, p)) {
        this.pos += s.length;
        return { op: s, text: s };
      }
    }
    const bang = t[p] === '!' ? 1 : 0;
    let end = p + bang;
    while (end < t.length && WORD_CHAR.test(t[end])) end++;
    const word = t.slice(p + bang, end);
    if (!word || this.isSubjectChar(end)) return undefined;
    let op: Operator | undefined;
    if (bang) op = negatedWordOperator(word);
    else op = operatorFromWord(word);
    if (!op) return undefined;
    this.pos = end;
    return { op, text: t.slice(p, end) };
  }

  /** Reads a quoted value starting at a quote; `terminated` is false when the closing quote is missing. */
  readQuoted(): { value: string; terminated: boolean } {
    const quote = this.text[this.pos];
    const close = this.text.indexOf(quote, this.pos + 1);
    if (close < 0) {
      const value = this.text.slice(this.pos + 1);
      this.pos = this.text.length;
      return { value, terminated: false };
    }
    const value = this.text.slice(this.pos + 1, close);
    this.pos = close + 1;
    return { value, terminated: true };
  }

  /**
   * Reads an unquoted value. It ends at white space, at `&&`/`||`, at a `)` that closes nothing
   * inside the value (regexes may group with parentheses), and within lists at `,` or `]`.
   * In a pattern, escaped characters and character classes ([a&&b]) never end it.
   */
  readBareValue(inList: boolean, pattern = false): string {
    const t = this.text;
    const start = this.pos;
    let depth = 0;
    let inClass = false;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (SPACE.test(c)) break;
      if (pattern && c === '\\' && this.pos + 1 < t.length && !SPACE.test(t[this.pos + 1])) {
        this.pos += 2;
        continue;
      }
      if (inClass) {
        if (c === ']') inClass = false;
        this.pos++;
        continue;
      }
      if (inList && (c === ',' || c === ']')) break;
      if (pattern && c === '[') inClass = true;
      else if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && (t.startsWith('&&', this.pos) || t.startsWith('||', this.pos))) break;
      this.pos++;
    }
    return t.slice(start, this.pos);
  }
}

import type { Argument, Comparison, Expr, ListNode, OperatorNode, SubjectNode, ValueNode } from './ast';
import { Scanner, type Token, type TokenRole } from './lexer';
import { operatorInfo, type Operator } from './operators';
import { problem, type CqlProblem, type CqlCode } from './problem';
import { classifySubject } from './subjects';

/** ECS rejects longer expressions (PlacementConstraint.expression). */
export const MAX_EXPRESSION_LENGTH = 2000;
/** Parentheses and negations nest at most this deep; deeper input is rejected rather than recursed into. */
export const MAX_NESTING = 100;

export interface ParsedExpression {
  ast: Expr | undefined;
  /** Syntax problems only. */
  problems: CqlProblem[];
}

/** What the text could continue with at its end; completion asks for it. */
export interface Expectation {
  kind: 'subject' | 'operator' | 'value' | 'list-separator' | 'connective';
  subject?: SubjectNode;
  op?: Operator;
  inList?: boolean;
  /** Parentheses open at the end. */
  openParens: number;
}

export interface DetailedParse extends ParsedExpression {
  tokens: Token[];
  expectation?: Expectation;
}

export interface ParseOptions {
  maxLength?: number;
  maxNesting?: number;
}

class Fatal extends Error {}

const QUOTES = new Set(['"', "'"]);

class Parser {
  readonly s: Scanner;
  readonly problems: CqlProblem[] = [];
  readonly tokens: Token[] = [];
  expectation: Expectation | undefined;
  private nesting = 0;
  private openParens = 0;

  constructor(
    readonly text: string,
    private readonly maxNesting: number,
  ) {
    this.s = new Scanner(text);
  }

  run(): Expr | undefined {
    this.s.skipSpace();
    if (this.s.atEnd()) {
      this.expectation = { kind: 'subject', openParens: 0 };
      this.problems.push(problem(0, this.text.length, 'cql.syntax', 'The expression is empty.'));
      return undefined;
    }
    try {
      const expr = this.parseOr();
      this.s.skipSpace();
      if (!this.s.atEnd()) {
        if (this.s.peek() === ')') this.fail(this.s.pos, 1, "This ')' has no matching '('.");
        this.failAtWord("Expected 'and', 'or' or the end of the expression.");
      }
      this.expectation = { kind: 'connective', openParens: 0 };
      return expr;
    } catch (e) {
      if (e instanceof Fatal) return undefined;
      throw e;
    }
  }

  private fail(offset: number, length: number, message: string, code: CqlCode = 'cql.syntax'): never {
    this.problems.push(problem(offset, length, code, message));
    throw new Fatal(message);
  }

  /** Fails on the run of characters at the current position. */
  private failAtWord(message: string): never {
    const start = this.s.pos;
    let end = start;
    while (end < this.text.length && !/\s/.test(this.text[end])) end++;
    return this.fail(start, Math.max(1, end - start), message);
  }

  private failAtEnd(
    expectation: Omit<Expectation, 'openParens'>,
    anchor: { offset: number; length: number },
    message: string,
  ): never {
    this.expectation = { ...expectation, openParens: this.openParens };
    return this.fail(anchor.offset, anchor.length, message);
  }

  private token(role: TokenRole, offset: number, length: number, extra: Partial<Token> = {}): void {
    this.tokens.push({ role, offset, length, text: this.text.slice(offset, offset + length), ...extra });
  }

  private enter(offset: number): void {
    if (++this.nesting > this.maxNesting) {
      this.fail(
        offset,
        1,
        `The expression nests parentheses or negations more than ${this.maxNesting} levels deep.`,
        'cql.too-deep',
      );
    }
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    for (;;) {
      this.s.skipSpace();
      const c = this.s.peekConnective();
      if (c?.type !== 'or') return left;
      this.token('keyword', this.s.pos, c.length);
      this.s.pos += c.length;
      const right = this.parseAnd();
      left = { type: 'or', offset: left.offset, length: right.offset + right.length - left.offset, left, right };
    }
  }

  private parseAnd(): Expr {
    let left = this.parseUnary();
    for (;;) {
      this.s.skipSpace();
      const c = this.s.peekConnective();
      if (c?.type !== 'and') return left;
      this.token('keyword', this.s.pos, c.length);
      this.s.pos += c.length;
      const right = this.parseUnary();
      left = { type: 'and', offset: left.offset, length: right.offset + right.length - left.offset, left, right };
    }
  }

  private parseUnary(): Expr {
    const s = this.s;
    s.skipSpace();
    if (s.atEnd())
      this.failAtEnd(
        { kind: 'subject' },
        { offset: s.pos, length: 0 },
        'Expected a subject such as attribute:ecs.instance-type or task:group.',
      );
    const start = s.pos;
    const notLength = s.peekNot();
    if (notLength) {
      this.token('keyword', start, notLength);
      s.pos += notLength;
      this.enter(start);
      const operand = this.parseUnary();
      this.nesting--;
      return { type: 'not', offset: start, length: operand.offset + operand.length - start, operand };
    }
    if (s.peek() === '(') {
      this.token('punctuation', start, 1);
      s.pos++;
      this.enter(start);
      this.openParens++;
      const inner = this.parseOr();
      s.skipSpace();
      if (s.atEnd()) this.failAtEnd({ kind: 'connective' }, { offset: start, length: 1 }, "This '(' is never closed.");
      if (s.peek() !== ')') this.failAtWord("Expected 'and', 'or' or ')'.");
      this.token('punctuation', s.pos, 1);
      s.pos++;
      this.openParens--;
      this.nesting--;
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): Comparison {
    const s = this.s;
    const start = s.pos;
    const text = s.readSubjectRun();
    if (!text)
      this.failAtWord('Expected a subject such as attribute:ecs.instance-type, task:group or runningTasksCount.');
    if (text === 'and' || text === 'or') this.fail(start, text.length, `Expected a subject before '${text}'.`);
    const classified = classifySubject(text);
    const subject: SubjectNode = {
      offset: start,
      length: text.length,
      text,
      kind: classified?.kind,
      attributeName: classified?.attributeName,
    };
    this.token('subject', start, text.length, { subject });
    if (classified?.kind === 'attribute' && !classified.attributeName) {
      this.problems.push(
        problem(
          start,
          text.length,
          'cql.syntax',
          'An attribute name must follow "attribute:", e.g. attribute:ecs.instance-type.',
        ),
      );
    }

    s.skipSpace();
    if (s.atEnd())
      this.failAtEnd({ kind: 'operator', subject }, subject, `Expected an operator such as == after '${text}'.`);
    const opStart = s.pos;
    const read = s.readOperator();
    if (!read)
      this.failAtWord(
        'Expected an operator: ==, !=, >, >=, <, <=, exists, !exists, in, !in, =~ or !~ (or their word forms).',
      );
    const operator: OperatorNode = { offset: opStart, length: read.text.length, op: read.op, text: read.text };
    this.token('operator', opStart, read.text.length, { subject, op: read.op });
    const info = operatorInfo(read.op);
    const comparison = (argument?: Argument): Comparison => {
      const end = argument ? argument.offset + argument.length : operator.offset + operator.length;
      return { type: 'comparison', offset: start, length: end - start, subject, operator, argument };
    };
    if (info.argument === 'none') return comparison();

    s.skipSpace();
    if (s.atEnd())
      this.failAtEnd(
        { kind: 'value', subject, op: read.op, inList: false },
        operator,
        `Expected a value after '${read.text}'.`,
      );
    // A leading [ of a pattern opens a character class, not a list.
    const pattern = read.op === '=~' || read.op === '!~';
    if (s.peek() === '[' && !pattern) {
      const list = this.parseList(subject, read.op);
      if (info.argument !== 'list')
        this.problems.push(
          problem(
            list.offset,
            list.length,
            'cql.syntax',
            `'${read.text}' compares with one value; only in and !in take a list.`,
          ),
        );
      return comparison(list);
    }
    const value = this.parseValue(subject, read.op, false);
    if (info.argument === 'list')
      this.problems.push(
        problem(value.offset, value.length, 'cql.syntax', `'${read.text}' takes a list of values: [a, b].`),
      );
    return comparison(value);
  }

  private parseValue(subject: SubjectNode, op: Operator, inList: boolean): ValueNode {
    const s = this.s;
    const start = s.pos;
    const c = s.peek();
    if (QUOTES.has(c)) {
      const { value, terminated } = s.readQuoted();
      this.token('value', start, s.pos - start, { subject, op, quoted: true });
      if (!terminated) this.fail(start, s.pos - start, `The value has no closing ${c}.`);
      return { type: 'value', offset: start, length: s.pos - start, value, quote: c as '"' | "'" };
    }
    const value = s.readBareValue(inList, op === '=~' || op === '!~');
    if (!value) this.failAtWord(inList ? 'Expected a value in the list.' : 'Expected a value.');
    this.token('value', start, value.length, { subject, op });
    return { type: 'value', offset: start, length: value.length, value };
  }

  private parseList(subject: SubjectNode, op: Operator): ListNode {
    const s = this.s;
    const open = s.pos;
    this.token('punctuation', open, 1);
    s.pos++;
    const items: ValueNode[] = [];
    const unclosed = "This '[' is never closed.";
    s.skipSpace();
    if (s.peek() === ']') {
      this.token('punctuation', s.pos, 1);
      s.pos++;
      this.problems.push(problem(open, s.pos - open, 'cql.syntax', 'The list is empty.'));
      return { type: 'list', offset: open, length: s.pos - open, items };
    }
    for (;;) {
      s.skipSpace();
      if (s.atEnd())
        this.failAtEnd({ kind: 'value', subject, op, inList: true }, { offset: open, length: 1 }, unclosed);
      items.push(this.parseValue(subject, op, true));
      s.skipSpace();
      if (s.atEnd())
        this.failAtEnd({ kind: 'list-separator', subject, op, inList: true }, { offset: open, length: 1 }, unclosed);
      const c = s.peek();
      this.token('punctuation', s.pos, 1);
      if (c === ',') {
        s.pos++;
        continue;
      }
      if (c === ']') {
        s.pos++;
        return { type: 'list', offset: open, length: s.pos - open, items };
      }
      this.tokens.pop();
      this.failAtWord("Expected ',' or ']'.");
    }
  }
}

/** Parses with tokens and the expectation at the end; for hover and completion. */
export function parseDetailed(text: string, options: ParseOptions = {}): DetailedParse {
  const maxLength = options.maxLength ?? MAX_EXPRESSION_LENGTH;
  if (text.length > maxLength) {
    // Stop before scanning: ECS rejects it anyway, and huge input must stay cheap.
    return {
      ast: undefined,
      tokens: [],
      problems: [
        problem(
          maxLength,
          text.length - maxLength,
          'cql.too-long',
          `The expression is ${text.length} characters long; ECS accepts at most ${maxLength}.`,
        ),
      ],
    };
  }
  const parser = new Parser(text, options.maxNesting ?? MAX_NESTING);
  const ast = parser.run();
  return { ast, problems: parser.problems, tokens: parser.tokens, expectation: parser.expectation };
}

export function parseExpression(text: string): ParsedExpression {
  const { ast, problems } = parseDetailed(text);
  return { ast, problems };
}

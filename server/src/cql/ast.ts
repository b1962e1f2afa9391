import type { Operator } from './operators';
import type { SubjectKind } from './subjects';

/** Every node covers `length` characters from `offset` in the decoded expression. */
export interface Span {
  offset: number;
  length: number;
}

export interface SubjectNode extends Span {
  text: string;
  /** Undefined for a subject the language does not know. */
  kind: SubjectKind | undefined;
  attributeName?: string;
}

export interface OperatorNode extends Span {
  op: Operator;
  /** As written: `==` or `equals`. */
  text: string;
}

export interface ValueNode extends Span {
  type: 'value';
  /** Without the quotes. */
  value: string;
  quote?: '"' | "'";
}

export interface ListNode extends Span {
  type: 'list';
  items: ValueNode[];
}

export type Argument = ValueNode | ListNode;

export interface Comparison extends Span {
  type: 'comparison';
  subject: SubjectNode;
  operator: OperatorNode;
  argument?: Argument;
}

export interface NotExpr extends Span {
  type: 'not';
  operand: Expr;
}

export interface BinaryExpr extends Span {
  type: 'and' | 'or';
  left: Expr;
  right: Expr;
}

export type Expr = Comparison | NotExpr | BinaryExpr;

/** Offset of the first character of a value inside its quotes. */
export function valueStart(v: ValueNode): number {
  return v.offset + (v.quote ? 1 : 0);
}

export function comparisons(expr: Expr | undefined, out: Comparison[] = []): Comparison[] {
  // Iterative so that long and/or chains cannot exhaust the stack.
  const stack: Expr[] = expr ? [expr] : [];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.type === 'comparison') out.push(e);
    else if (e.type === 'not') stack.push(e.operand);
    else stack.push(e.right, e.left);
  }
  return out;
}

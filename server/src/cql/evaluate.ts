import type { Comparison, Expr, ValueNode } from './ast';
import { analyzeExpression } from './check';
import type { CqlProblem } from './problem';
import type { CompiledRegex } from './regex';
import {
  compareVersions,
  parseCount,
  parseInstanceDate,
  parseInstanceVersion,
  parseQueryDate,
  parseVersion,
} from './values';
import { operatorInfo, type Operator } from './operators';

/** What an expression can see of a container instance. */
export interface CqlInstance {
  ec2InstanceId?: string;
  /** Attribute values by name; an attribute that has no value should map to ''. */
  attributes: Record<string, string | undefined>;
  agentConnected: boolean;
  agentVersion?: string;
  registeredAt?: string;
  runningTasksCount: number;
  /** Groups of the tasks running on the instance, e.g. 'service:web', 'family:api'. */
  taskGroups: string[];
}

export interface CompiledExpression {
  evaluate(instance: CqlInstance): boolean;
  problems: CqlProblem[];
}

type Predicate = (instance: CqlInstance) => boolean;

const never: Predicate = () => false;

/** Parses and checks once; evaluate then runs without reparsing. With an error, evaluate returns false. */
export function compileExpression(text: string): CompiledExpression {
  const { ast, problems, regexes } = analyzeExpression(text);
  const runnable = ast && !problems.some((p) => p.severity === 'error');
  const predicate = runnable ? compile(ast, regexes) : never;
  return { problems, evaluate: (instance) => predicate(instance) };
}

function compile(expr: Expr, regexes: Map<ValueNode, CompiledRegex>): Predicate {
  switch (expr.type) {
    case 'and': {
      const l = compile(expr.left, regexes);
      const r = compile(expr.right, regexes);
      return (i) => l(i) && r(i);
    }
    case 'or': {
      const l = compile(expr.left, regexes);
      const r = compile(expr.right, regexes);
      return (i) => l(i) || r(i);
    }
    case 'not': {
      const o = compile(expr.operand, regexes);
      return (i) => !o(i);
    }
    case 'comparison':
      return compileComparison(expr, regexes);
  }
}

/** Tests one value of the subject against the comparison's argument. */
type Test = (actual: string) => boolean;

function compileComparison(c: Comparison, regexes: Map<ValueNode, CompiledRegex>): Predicate {
  const op = c.operator.op;
  const items = !c.argument ? [] : c.argument.type === 'list' ? c.argument.items : [c.argument];
  const literal = items.map((v) => v.value);
  const kind = c.subject.kind;

  if (kind === 'task:group') {
    // Negated operators hold when no group on the instance satisfies the positive one.
    const negates = operatorInfo(op).negates;
    const positive = positiveTest(negates ?? op, items, regexes, literal) ?? (() => false);
    return (i) => i.taskGroups.some(positive) !== (negates !== undefined);
  }
  if (kind === 'runningTasksCount') {
    const target = parseCount(literal[0] ?? '') ?? NaN;
    const cmp = ordered(op);
    return (i) => cmp(Math.sign(i.runningTasksCount - target));
  }
  if (kind === 'agentVersion') {
    const target = parseVersion(literal[0] ?? '') ?? [];
    const cmp = ordered(op);
    return (i) => {
      const actual = parseInstanceVersion(i.agentVersion);
      return actual !== undefined && cmp(compareVersions(actual, target));
    };
  }
  if (kind === 'registeredAt') {
    const target = parseQueryDate(literal[0] ?? '') ?? NaN;
    const cmp = ordered(op);
    return (i) => {
      const actual = parseInstanceDate(i.registeredAt);
      return actual !== undefined && cmp(Math.sign(actual - target));
    };
  }

  const read: (i: CqlInstance) => string | undefined =
    kind === 'attribute'
      ? (i) =>
          Object.hasOwn(i.attributes, c.subject.attributeName!) ? i.attributes[c.subject.attributeName!] : undefined
      : kind === 'agentConnected'
        ? (i) => String(i.agentConnected)
        : (i) => i.ec2InstanceId;
  if (op === 'exists') return (i) => read(i) !== undefined;
  if (op === '!exists') return (i) => read(i) === undefined;
  const test = stringTest(op, items, regexes, literal);
  // A comparison on a missing attribute is false whatever the operator: `attribute:stack != prod` selects instances that have a stack.
  return (i) => {
    const actual = read(i);
    return actual !== undefined && test(actual);
  };
}

/** The test of a positive equality, membership or pattern operator; undefined for a pattern RE2 cannot run (already reported). */
function positiveTest(
  op: Operator,
  items: ValueNode[],
  regexes: Map<ValueNode, CompiledRegex>,
  literal: string[],
): Test | undefined {
  const test = operatorInfo(op).test;
  if (test === 'equality') return (a) => a === literal[0];
  if (test === 'membership') return (a) => literal.includes(a);
  return (items[0] && regexes.get(items[0])?.matches) || undefined;
}

function stringTest(op: Operator, items: ValueNode[], regexes: Map<ValueNode, CompiledRegex>, literal: string[]): Test {
  const info = operatorInfo(op);
  if (info.test === 'order') {
    const cmp = ordered(op);
    const target = literal[0] ?? '';
    return (a) => cmp(compareStrings(a, target));
  }
  const positive = positiveTest(info.negates ?? op, items, regexes, literal);
  // A pattern that cannot run matches nothing, negated or not.
  if (!positive) return () => false;
  return info.negates ? (a) => !positive(a) : positive;
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** Numbers compare as numbers, anything else by UTF-16 code units. */
function compareStrings(a: string, b: string): number {
  if (NUMBER.test(a) && NUMBER.test(b)) return Math.sign(Number(a) - Number(b));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Turns a three-way comparison result into the operator's answer. */
function ordered(op: string): (sign: number) => boolean {
  switch (op) {
    case '==':
      return (s) => s === 0;
    case '!=':
      return (s) => s !== 0;
    case '>':
      return (s) => s > 0;
    case '>=':
      return (s) => s >= 0;
    case '<':
      return (s) => s < 0;
    case '<=':
      return (s) => s <= 0;
    default:
      return () => false;
  }
}

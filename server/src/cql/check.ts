import { comparisons, valueStart, type Comparison, type Expr, type ValueNode } from './ast';
import { BUILTIN_ATTRIBUTES, builtinAttribute } from './builtinAttributes';
import { operatorInfo } from './operators';
import { parseExpression } from './parser';
import { problem, type CqlProblem } from './problem';
import { compileJavaRegex, type CompiledRegex } from './regex';
import { ATTRIBUTE_NAME_MAX, SUBJECTS, subjectInfo } from './subjects';
import { closest } from './suggest';
import { parseCount, parseQueryDate, parseVersion } from './values';

export interface Analysis {
  ast: Expr | undefined;
  problems: CqlProblem[];
  /** Compiled patterns of =~ and !~ values. */
  regexes: Map<ValueNode, CompiledRegex>;
}

const BUILTIN_NAMES = BUILTIN_ATTRIBUTES.map((a) => a.name);
const SUBJECT_WORDS = SUBJECTS.filter((s) => s.kind !== 'attribute').map((s) => s.label);

/** Syntax and meaning: everything an editor should underline. */
export function checkExpression(text: string): CqlProblem[] {
  return analyzeExpression(text).problems;
}

export function analyzeExpression(text: string): Analysis {
  const { ast, problems } = parseExpression(text);
  const regexes = new Map<ValueNode, CompiledRegex>();
  for (const c of comparisons(ast)) checkComparison(c, problems, regexes);
  return { ast, problems, regexes };
}

function values(c: Comparison): ValueNode[] {
  if (!c.argument) return [];
  return c.argument.type === 'list' ? c.argument.items : [c.argument];
}

function checkComparison(c: Comparison, problems: CqlProblem[], regexes: Map<ValueNode, CompiledRegex>): void {
  const { subject, operator } = c;
  if (!subject.kind) {
    problems.push(problem(subject.offset, subject.length, 'cql.unknown-subject', unknownSubjectMessage(subject.text)));
    return;
  }
  if (subject.kind === 'attribute' && subject.attributeName)
    checkAttributeName(subject.attributeName, subject.offset + 'attribute:'.length, problems);

  const info = subjectInfo(subject.kind);
  if (!info.operators.includes(operator.op)) {
    const allowed = info.operators
      .map((o) => operatorInfo(o))
      .map((o) => (o.word === o.symbol ? o.symbol : `${o.symbol} (${o.word})`));
    problems.push(
      problem(
        operator.offset,
        operator.length,
        'cql.operator-not-allowed',
        `${subject.kind === 'attribute' ? 'Attributes' : info.label} can't be compared with '${operator.text}'. Use ${allowed.join(', ')}.`,
      ),
    );
    return;
  }

  const regex = operator.op === '=~' || operator.op === '!~';
  for (const v of values(c)) {
    if (regex) {
      const compiled = compileJavaRegex(v.value);
      regexes.set(v, compiled);
      for (const issue of compiled.issues)
        problems.push(problem(valueStart(v) + issue.offset, issue.length, issue.code, issue.message, issue.severity));
      continue;
    }
    checkTypedValue(c, v, problems);
  }
  checkNeverMatches(c, regexes, problems);
}

function unknownSubjectMessage(text: string): string {
  const base = `'${text}' is not a subject. Subjects: attribute:<name>, ${SUBJECT_WORDS.join(', ')}.`;
  if (builtinAttribute(text)) return `'${text}' is not a subject; did you mean 'attribute:${text}'?`;
  const guess =
    closest(text, SUBJECT_WORDS) ?? (text.toLowerCase().startsWith('attribute') ? 'attribute:<name>' : undefined);
  return guess ? `'${text}' is not a subject; did you mean '${guess}'?` : base;
}

function checkAttributeName(name: string, offset: number, problems: CqlProblem[]): void {
  if (name.length > ATTRIBUTE_NAME_MAX || name.includes(':')) {
    problems.push(
      problem(
        offset,
        name.length,
        'cql.invalid-attribute-name',
        `Attribute names have 1 to ${ATTRIBUTE_NAME_MAX} letters, digits, hyphens, underscores, slashes, backslashes or periods.`,
      ),
    );
    return;
  }
  if (builtinAttribute(name)) return;
  if (name.startsWith('ecs.')) {
    const guess = closest(name, BUILTIN_NAMES);
    const hint = guess ? ` Did you mean '${guess}'?` : '';
    problems.push({
      ...problem(
        offset,
        name.length,
        'cql.unknown-attribute',
        `'${name}' is not an attribute ECS sets on container instances.${hint}`,
        'warning',
      ),
      replacement: guess,
    });
    return;
  }
  const prefixed = `ecs.${name}`;
  if (builtinAttribute(prefixed)) {
    problems.push({
      ...problem(
        offset,
        name.length,
        'cql.unknown-attribute',
        `'${name}' is a custom attribute; the built-in one is '${prefixed}'.`,
        'information',
      ),
      replacement: prefixed,
    });
  }
}

function checkTypedValue(c: Comparison, v: ValueNode, problems: CqlProblem[]): void {
  const type = subjectInfo(c.subject.kind!).valueType;
  if (type === 'date' && parseQueryDate(v.value) === undefined) {
    problems.push(
      problem(
        v.offset,
        v.length,
        'cql.invalid-date',
        `'${v.value}' is not a date registeredAt accepts: 2018-06-18, 2018-06-18T22:28:28, 2018-06-18T22:28:28Z or 2018-06-18T22:28:28+00:00.`,
      ),
    );
  } else if (type === 'version' && !parseVersion(v.value)) {
    problems.push(
      problem(v.offset, v.length, 'cql.invalid-version', `'${v.value}' is not an agent version such as 1.14.5.`),
    );
  } else if (type === 'number' && parseCount(v.value) === undefined) {
    problems.push(problem(v.offset, v.length, 'cql.invalid-number', `'${v.value}' is not a whole number.`));
  }
}

function checkNeverMatches(c: Comparison, regexes: Map<ValueNode, CompiledRegex>, problems: CqlProblem[]): void {
  const op = c.operator.op;
  const kind = c.subject.kind;
  const never = (v: ValueNode, why: string, guess?: string) =>
    problems.push({
      ...problem(v.offset, v.length, 'cql.never-matches', why, 'warning'),
      replacement: guess === undefined ? undefined : `${v.quote ?? ''}${guess}${v.quote ?? ''}`,
    });
  const positive = op === '==' || op === 'in';

  if (kind === 'agentConnected' && positive) {
    for (const v of values(c))
      if (v.value !== 'true' && v.value !== 'false')
        never(v, `agentConnected is either true or false, never '${v.value}'.`);
    return;
  }
  if (kind === 'runningTasksCount') {
    const v = values(c)[0];
    const n = v && parseCount(v.value);
    if (n === undefined || !v) return;
    if ((op === '==' && n < 0) || (op === '<' && n <= 0) || (op === '<=' && n < 0))
      never(v, 'runningTasksCount is never negative, so this never matches.');
    return;
  }
  const attr = kind === 'attribute' && c.subject.attributeName ? builtinAttribute(c.subject.attributeName) : undefined;
  if (!attr?.values) return;
  const known = attr.values;
  if (positive) {
    for (const v of values(c)) {
      if (known.includes(v.value)) continue;
      const guess = closest(v.value, known);
      never(
        v,
        `${attr.name} is never '${v.value}'; its values are ${known.join(', ')}.${guess ? ` Did you mean '${guess}'?` : ''}`,
        guess,
      );
    }
  } else if (op === '=~') {
    const v = values(c)[0];
    const re = v && regexes.get(v);
    if (re?.matches && !known.some((k) => re.matches!(k)))
      never(v, `No value of ${attr.name} (${known.join(', ')}) matches this pattern as a whole.`);
  }
}

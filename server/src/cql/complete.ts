import { BUILTIN_ATTRIBUTES, builtinAttribute } from './builtinAttributes';
import type { Token } from './lexer';
import { OPERATORS, type Operator } from './operators';
import { parseDetailed, type Expectation } from './parser';
import { SUBJECTS, subjectInfo } from './subjects';

/** Names and values seen in the workspace (cluster files, services). */
export interface CqlFacts {
  attributes?: string[];
  availabilityZones?: string[];
  instanceTypes?: string[];
  groups?: string[];
}

export interface CqlCompletion {
  label: string;
  kind: 'subject' | 'attribute' | 'operator' | 'value' | 'keyword';
  insertText: string;
  detail?: string;
  documentation?: string;
  /** Range to replace, in the decoded expression. */
  replaceOffset: number;
  replaceLength: number;
}

type Item = Omit<CqlCompletion, 'replaceOffset' | 'replaceLength'>;

/** Completions at `offset`, replacing the word being typed there. */
export function completeExpression(text: string, offset: number, facts: CqlFacts = {}): CqlCompletion[] {
  const at = Math.max(0, Math.min(offset, text.length));
  const prefix = text.slice(0, at);
  const whole = parseDetailed(prefix);
  if (whole.problems.some((p) => p.code === 'cql.too-long')) return [];
  const partial = partialAt(whole, at);
  const before = partial ? parseDetailed(prefix.slice(0, partial.offset)) : whole;
  const expectation = before.expectation;
  if (!expectation) return [];
  const quote = partial?.quoted ? partial.text[0] : undefined;
  return itemsFor(expectation, facts, quote).map((item) => ({
    ...item,
    replaceOffset: partial ? partial.offset : at,
    replaceLength: partial ? at - partial.offset : 0,
  }));
}

/** The token or unreadable word that ends at the cursor: what the user is typing. */
function partialAt(
  parse: ReturnType<typeof parseDetailed>,
  at: number,
): Pick<Token, 'offset' | 'text' | 'quoted'> | undefined {
  const last = parse.tokens[parse.tokens.length - 1];
  const failed = parse.problems.find(
    (p) =>
      p.code === 'cql.syntax' && p.length > 0 && p.offset + p.length === at && p.offset > (last ? last.offset : -1),
  );
  if (failed) return { offset: failed.offset, text: '', quoted: false };
  if (last && last.role !== 'punctuation' && last.offset + last.length === at) return last;
  return undefined;
}

function itemsFor(e: Expectation, facts: CqlFacts, quote: string | undefined): Item[] {
  switch (e.kind) {
    case 'subject':
      return subjectItems(facts);
    case 'operator':
      return operatorItems(e.subject?.kind ? subjectInfo(e.subject.kind).operators : OPERATORS.map((o) => o.symbol));
    case 'value':
      return valueItems(e, facts, quote);
    case 'connective':
      return [
        { label: 'and', kind: 'keyword', insertText: 'and', detail: 'both sides hold (also &&)' },
        { label: 'or', kind: 'keyword', insertText: 'or', detail: 'either side holds (also ||)' },
      ];
    case 'list-separator':
      return [];
  }
}

function subjectItems(facts: CqlFacts): Item[] {
  const items: Item[] = [];
  for (const s of SUBJECTS) {
    if (s.kind !== 'attribute')
      items.push({ label: s.label, kind: 'subject', insertText: s.label, documentation: s.description });
  }
  for (const a of BUILTIN_ATTRIBUTES) {
    items.push({
      label: `attribute:${a.name}`,
      kind: 'attribute',
      insertText: `attribute:${a.name}`,
      detail: 'built-in attribute',
      documentation: a.description,
    });
  }
  const custom = new Set((facts.attributes ?? []).filter((n) => !builtinAttribute(n)));
  for (const name of custom)
    items.push({
      label: `attribute:${name}`,
      kind: 'attribute',
      insertText: `attribute:${name}`,
      detail: 'attribute in this workspace',
    });
  items.push({ label: 'not', kind: 'keyword', insertText: 'not', detail: 'negates what follows (also !)' });
  return items;
}

function operatorItems(allowed: readonly Operator[]): Item[] {
  const items: Item[] = [];
  for (const o of OPERATORS) {
    if (!allowed.includes(o.symbol)) continue;
    items.push({
      label: o.symbol,
      kind: 'operator',
      insertText: o.symbol,
      detail: o.word === o.symbol ? undefined : o.word,
      documentation: o.description,
    });
    if (o.word !== o.symbol)
      items.push({
        label: o.word,
        kind: 'operator',
        insertText: o.word,
        detail: o.symbol,
        documentation: o.description,
      });
  }
  return items;
}

const NEEDS_QUOTES = /[\s,()[\]'"]|&&|\|\|/;

function valueItems(e: Expectation, facts: CqlFacts, quote: string | undefined): Item[] {
  const kind = e.subject?.kind;
  const op = e.op;
  let values: string[] = [];
  if (kind === 'agentConnected') values = ['true', 'false'];
  else if (kind === 'task:group') values = facts.groups ?? [];
  else if (kind === 'attribute') {
    const name = e.subject?.attributeName ?? '';
    const builtin = builtinAttribute(name);
    if (builtin?.values) values = [...builtin.values];
    else if (name === 'ecs.availability-zone') values = facts.availabilityZones ?? [];
    else if (name === 'ecs.instance-type') {
      const types = facts.instanceTypes ?? [];
      // For patterns, offer whole families (t3.*) as well as single types.
      values = op === '=~' || op === '!~' ? [...new Set(types.map((t) => `${t.split('.')[0]}.*`)), ...types] : types;
    }
  }
  const wrapInList = (op === 'in' || op === '!in') && !e.inList;
  return [...new Set(values)].map((v) => {
    const q = quote ?? (NEEDS_QUOTES.test(v) ? "'" : '');
    const written = q ? `${q}${v}${q}` : v;
    return { label: v, kind: 'value' as const, insertText: wrapInList ? `[${written}]` : written };
  });
}

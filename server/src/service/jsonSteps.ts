import { parseTree, type Node as JsonNode, type NodeType, type ParseError } from 'jsonc-parser';
import type { Steps } from '../shared/steps';

/** The same shape as jsonc-parser's Node, writable while the tree is built. */
export interface Building {
  type: NodeType;
  offset: number;
  length: number;
  value?: unknown;
  colonOffset?: number;
  parent?: Building;
  children?: Building[];
}

export type SteppedJson =
  | { root: JsonNode }
  /**
   * The first mistake jsonc-parser reports in strict JSON (or the end of the text), and jsonc-parser's reading of
   * the text when it was read (not when the text nests past the limit: that parser recurses).
   */
  | { error: { offset: number; length: number }; general?: GeneralParse }
  /** The offset of the first bracket deeper than the limit. */
  | { tooDeep: number };

export interface GeneralParse {
  root: JsonNode | undefined;
  errors: ParseError[];
}

/** jsonc-parser's reading of text that should be strict JSON. */
export function generalParse(text: string): GeneralParse {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  return { root, errors };
}

/** The offset where nesting first exceeds `limit` (strings skipped), or -1. */
export function nestingBeyond(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
    } else if (c === 123 || c === 91) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
}

/** Characters read between two steps: a fraction of a millisecond of work. */
const charsPerStep = 32 * 1024;

/** The escape letters strict JSON allows after a backslash, by character code; `u` takes four hex digits. */
const escapes = new Set([...'"\\/bfnrtu'].map((c) => c.charCodeAt(0)));

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The first offset from `i` that is not JSON whitespace. */
function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
    i++;
  }
}

/** Whitespace, or what may follow a value: a comma or a closing bracket. NaN (past the end) ends a value too. */
function endsValue(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 44 || c === 125 || c === 93 || Number.isNaN(c);
}

/** The end of the string whose opening quote is at `start`, or -1 if it is not strict JSON's. */
function stringEnd(text: string, start: number): number {
  for (let j = start + 1; j < text.length;) {
    const c = text.charCodeAt(j);
    if (c === 34) return j + 1;
    if (c < 32) return -1;
    if (c !== 92) {
      j++;
      continue;
    }
    const e = text.charCodeAt(j + 1);
    if (!escapes.has(e)) return -1;
    if (e !== 117 /* u */) {
      j += 2;
      continue;
    }
    for (let k = j + 2; k < j + 6; k++) if (!isHex(text.charCodeAt(k))) return -1;
    j += 6;
  }
  return -1;
}

/** The value of a checked string token. */
function stringValue(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : inner;
}

/** The end of the number at `start` (strict JSON's grammar, followed by what may end a value), or -1. */
function numberEnd(text: string, start: number): number {
  let j = start;
  if (text.charCodeAt(j) === 45 /* - */) j++;
  if (text.charCodeAt(j) === 48 /* 0 */) j++;
  else if (isDigit(text.charCodeAt(j))) while (isDigit(text.charCodeAt(j))) j++;
  else return -1;
  if (text.charCodeAt(j) === 46 /* . */) {
    j++;
    if (!isDigit(text.charCodeAt(j))) return -1;
    while (isDigit(text.charCodeAt(j))) j++;
  }
  const e = text.charCodeAt(j);
  if (e === 101 || e === 69 /* e E */) {
    j++;
    const sign = text.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (!isDigit(text.charCodeAt(j))) return -1;
    while (isDigit(text.charCodeAt(j))) j++;
  }
  return endsValue(text.charCodeAt(j)) ? j : -1;
}

/**
 * Member names repeat, within a file (every variable has a "name" and a "value") and across files ("image",
 * "essential"): each distinct short one is kept once, so trees hold one string per name rather than one per member,
 * and the copies die young. Only short names: V8 copies a short slice of a text, while a longer slice refers to the
 * whole text, which a kept name would then keep alive. Bounded: past the bound the names start again.
 */
const keptNames = new Map<string, string>();
const maxKeptNames = 4096;
const maxKeptNameLength = 12;

function nameOf(text: string, start: number, end: number): string {
  const name = stringValue(text, start, end);
  if (name.length > maxKeptNameLength) return name;
  const kept = keptNames.get(name);
  if (kept !== undefined) return kept;
  if (keptNames.size >= maxKeptNames) keptNames.clear();
  keptNames.set(name, name);
  return name;
}

/**
 * A node with every field a node ever gets, in one order: every node of the tree has one shape, so the code that
 * reads trees (the rules, the schema's view) reads one kind of object, not one per node type.
 */
function newNode(type: NodeType, offset: number, length: number, value: unknown): Building {
  return { type, offset, length, value, colonOffset: undefined, parent: undefined, children: undefined };
}

/**
 * The tree jsonc-parser builds for strict JSON (no comments, no trailing commas), built by one pass over the
 * characters in steps that may pause every few tens of kilobytes, so that a multi-megabyte file never holds the
 * thread. The pass checks strict JSON's grammar as it goes; at the first mistake it stops, and the mistake's place is
 * the one jsonc-parser reports (found by jsonc-parser, in one step: the caller then reads the text the general way).
 */
export function* jsonTreeSteps(text: string, maxDepth: number): Steps<SteppedJson> {
  const n = text.length;
  let i = 0;
  let nextStep = charsPerStep;
  const stack: Building[] = [];
  let root: Building | undefined;
  // After a member name and its colon: the property its value joins.
  let property: Building | undefined;
  /** What the next token may be: a value, a member name (or `}` right after `{`), or `,` / a closing bracket. */
  let expect: 'value' | 'name' | 'first-name' | 'first-value' | 'separator' = 'value';

  // The children of the open containers, in order, each container's from where it began: a container takes its
  // list when it closes, as an array of its exact size, instead of growing one by pushes.
  const pending: Building[] = [];
  let pendingEnd = 0;
  const begins: number[] = [];
  // The member name whose value comes next.
  let key: Building | undefined;

  const attach = (node: Building, end: number) => {
    const parent = stack[stack.length - 1];
    if (!parent) root = node;
    else if (parent.type === 'array') {
      node.parent = parent;
      pending[pendingEnd++] = node;
    } else {
      node.parent = property;
      property!.children = [key!, node];
      property!.length = end - property!.offset;
    }
  };

  for (;;) {
    if (i >= nextStep) {
      nextStep = i + charsPerStep;
      yield;
    }
    i = skipSpace(text, i);
    if (i >= n) return root && stack.length === 0 ? { root } : firstMistake(text, maxDepth);
    if (root && stack.length === 0) return firstMistake(text, maxDepth); // text after the value
    const c = text.charCodeAt(i);
    const offset = i;
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (expect !== 'value' && expect !== 'first-value') return firstMistake(text, maxDepth);
      const node = newNode(c === 123 ? 'object' : 'array', offset, 0, undefined);
      attach(node, offset + 1);
      stack.push(node);
      begins.push(pendingEnd);
      if (stack.length > maxDepth) return { tooDeep: offset };
      expect = c === 123 ? 'first-name' : 'first-value';
      i++;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      const top = stack[stack.length - 1];
      const closes = c === 125 ? 'object' : 'array';
      if (!top || top.type !== closes) return firstMistake(text, maxDepth);
      if (expect !== 'separator' && expect !== (closes === 'object' ? 'first-name' : 'first-value'))
        return firstMistake(text, maxDepth);
      stack.pop();
      const begin = begins.pop()!;
      top.children = pending.slice(begin, pendingEnd);
      pendingEnd = begin;
      i++;
      top.length = i - top.offset;
      const parent = stack[stack.length - 1];
      if (parent?.type === 'object') {
        property = top.parent;
        property!.length = i - property!.offset;
      }
      expect = 'separator';
    } else if (c === 44 /* , */) {
      if (expect !== 'separator' || stack.length === 0) return firstMistake(text, maxDepth);
      expect = stack[stack.length - 1].type === 'object' ? 'name' : 'value';
      i++;
    } else if (c === 34 /* " */) {
      const end = stringEnd(text, offset);
      if (end < 0) return firstMistake(text, maxDepth);
      if (expect === 'name' || expect === 'first-name') {
        const top = stack[stack.length - 1];
        const prop = newNode('property', offset, end - offset, undefined);
        prop.parent = top;
        key = newNode('string', offset, end - offset, nameOf(text, offset, end));
        key.parent = prop;
        pending[pendingEnd++] = prop;
        i = skipSpace(text, end);
        if (text.charCodeAt(i) !== 58 /* : */) return firstMistake(text, maxDepth);
        prop.colonOffset = i;
        i++;
        property = prop;
        expect = 'value';
        continue;
      }
      if (expect !== 'value' && expect !== 'first-value') return firstMistake(text, maxDepth);
      attach(newNode('string', offset, end - offset, stringValue(text, offset, end)), end);
      i = end;
      expect = 'separator';
    } else {
      if (expect !== 'value' && expect !== 'first-value') return firstMistake(text, maxDepth);
      let node: Building;
      if (c === 45 || isDigit(c)) {
        const end = numberEnd(text, offset);
        if (end < 0) return firstMistake(text, maxDepth);
        node = newNode('number', offset, end - offset, Number(text.slice(offset, end)));
      } else {
        const word = c === 116 ? 'true' : c === 102 ? 'false' : c === 110 ? 'null' : undefined;
        if (!word || !text.startsWith(word, offset) || !endsValue(text.charCodeAt(offset + word.length)))
          return firstMistake(text, maxDepth);
        node =
          word === 'null' ? newNode('null', offset, 4, null) : newNode('boolean', offset, word.length, word === 'true');
      }
      i = offset + node.length;
      attach(node, i);
      expect = 'separator';
    }
  }
}

/**
 * Where jsonc-parser places the first mistake of text that is not strict JSON. Should it find none where the pass
 * above found one, its tree is the answer: one parser's verdict, never two. Text nested past the limit is not given
 * to it (it recurses): the mistake is placed where the limit is passed.
 */
function firstMistake(text: string, maxDepth: number): SteppedJson {
  const deep = nestingBeyond(text, maxDepth);
  if (deep >= 0) return { error: { offset: deep, length: 1 } };
  const general = generalParse(text);
  const first = general.errors[0];
  if (!first && general.root) return { root: general.root };
  return { error: { offset: first?.offset ?? 0, length: first?.length ?? 0 }, general };
}

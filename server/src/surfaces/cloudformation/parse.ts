import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Document, Node as YamlNode } from 'yaml';
import { yaml } from '../../service/libraries';
import { runSteps, type Steps } from '../../shared/steps';
import { jsonTreeSteps } from '../../service/jsonSteps';
import type { Span } from '../virtualJson';

/**
 * A template as one tree, whichever syntax it is written in: YAML (read by the `yaml` package, with the
 * short-form intrinsic tags) or JSON (read by jsonc-parser, several times faster on the multi-megabyte
 * templates CDK synthesizes). Spans are offsets into the template's text.
 */
export type TNode = TMap | TSeq | TScalar;

export interface TMap {
  type: 'map';
  span: Span;
  inner?: Span;
  entries: TEntry[];
  /** A YAML short-form tag (`!GetAtt`, `!If`), without its `!`. */
  tag?: string;
}

export interface TSeq {
  type: 'seq';
  span: Span;
  inner?: Span;
  items: TNode[];
  tag?: string;
}

export interface TScalar {
  type: 'scalar';
  span: Span;
  /** For a tagged node, the range of the value after its tag. */
  inner?: Span;
  value: string | number | boolean | null;
  tag?: string;
  /** Written in quotes (or as a block scalar) in the source. */
  quoted: boolean;
}

export interface TEntry {
  key: string;
  keySpan: Span;
  value: TNode;
}

export interface Template {
  syntax: 'yaml' | 'json';
  root: TNode | undefined;
  /** Syntax errors, at source offsets (the template is then not read further). */
  errors: Array<{ span: Span; message: string }>;
}

/** The intrinsic functions CloudFormation's YAML spells as tags (`!Ref Cpu` for `{"Ref": "Cpu"}`). */
export const shortFormTags = [
  'Ref',
  'Sub',
  'GetAtt',
  'If',
  'Join',
  'Select',
  'FindInMap',
  'ImportValue',
  'Split',
  'Base64',
  'Cidr',
  'GetAZs',
  'Equals',
  'And',
  'Or',
  'Not',
  'Condition',
  'Transform',
  'Length',
  'ToJsonString',
] as const;

// Each tag may tag a scalar, a list or a map; the value is kept as it is written and read by the adapter.
function customTags() {
  const { YAMLMap, YAMLSeq } = yaml();
  return shortFormTags.flatMap((name) => [
    { tag: `!${name}`, resolve: (value: string) => value },
    { tag: `!${name}`, collection: 'seq' as const, nodeClass: YAMLSeq },
    { tag: `!${name}`, collection: 'map' as const, nodeClass: YAMLMap },
  ]);
}
let tags: ReturnType<typeof customTags> | undefined;

/** True when the text is a JSON template (its first non-blank character opens an object). */
export function isJsonText(text: string): boolean {
  return /^\s*\{/.test(text.slice(0, 4096));
}

export function parseTemplate(text: string): Template {
  return runSteps(parseTemplateSteps(text));
}

/** The same, in steps: a JSON template is built a few thousand tokens at a time (YAML is read in one step). */
export function* parseTemplateSteps(text: string): Steps<Template> {
  if (!isJsonText(text)) return parseYaml(text);
  const built = yield* jsonTreeSteps(text, maxTemplateNesting);
  if ('root' in built) return { syntax: 'json', root: fromJson(built.root), errors: [] };
  if ('error' in built) return { syntax: 'json', root: undefined, errors: [{ span: built.error, message: notJson }] };
  // Nesting no template has: the general parser reads it, as before.
  return parseJson(text);
}

const notJson = 'The template is not valid JSON.';

/** Deeper than any template nests; deeper text is read by the general parser. */
const maxTemplateNesting = 1000;

function parseJson(text: string): Template {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  return {
    syntax: 'json',
    root: root && errors.length === 0 ? fromJson(root) : undefined,
    errors: errors.slice(0, 1).map((e) => ({
      span: { offset: e.offset, length: e.length },
      message: notJson,
    })),
  };
}

function fromJson(node: JsonNode): TNode {
  const span = { offset: node.offset, length: node.length };
  if (node.type === 'object') return { type: 'map', span, entries: (node.children ?? []).map((p) => new LazyEntry(p)) };
  if (node.type === 'array') return { type: 'seq', span, items: (node.children ?? []).map(fromJson) };
  return { type: 'scalar', span, value: node.value as TScalar['value'], quoted: node.type === 'string' };
}

/** A member of a JSON object, its value converted when read: a CDK template's thousands of other resources never are. */
class LazyEntry implements TEntry {
  readonly key: string;
  private converted: TNode | undefined;

  constructor(private readonly property: JsonNode) {
    this.key = String(property.children![0].value);
  }

  get keySpan(): Span {
    const k = this.property.children![0];
    return { offset: k.offset, length: k.length };
  }

  get value(): TNode {
    const p = this.property;
    const v = p.children?.[1];
    return (this.converted ??= v
      ? fromJson(v)
      : { type: 'scalar', span: { offset: p.offset + p.length, length: 0 }, value: null, quoted: false });
  }
}

function parseYaml(text: string): Template {
  const doc = yaml().parseDocument(text, {
    customTags: (tags ??= customTags()),
    uniqueKeys: false,
    prettyErrors: false,
  });
  const errors = doc.errors.slice(0, 1).map((e) => ({
    span: { offset: e.pos[0], length: Math.max(0, e.pos[1] - e.pos[0]) },
    message: 'The template is not valid YAML.',
  }));
  if (errors.length) return { syntax: 'yaml', root: undefined, errors };
  return {
    syntax: 'yaml',
    root: doc.contents ? fromYaml(doc.contents, { text, doc, aliases: 0 }, 0) : undefined,
    errors,
  };
}

interface YamlContext {
  text: string;
  doc: Document;
  aliases: number;
}

/** Bounds on what a hostile file can make the reader do: nesting, and aliases expanded (each copies its anchor). */
const maxDepth = 200;
const maxAliases = 1000;

function fromYaml(node: YamlNode, cx: YamlContext, depth: number): TNode {
  const text = cx.text;
  if (depth > maxDepth) return { type: 'scalar', span: spanOf(node, text), value: null, quoted: false };
  const { isAlias, isMap, isScalar, isSeq } = yaml();
  if (isAlias(node)) {
    const target = ++cx.aliases <= maxAliases ? (node.resolve(cx.doc) as YamlNode | undefined) : undefined;
    if (target) return fromYaml(target, cx, depth + 1);
    return { type: 'scalar', span: spanOf(node, text), value: null, quoted: false };
  }
  const tag = shortTag(node.tag);
  const span = spanOf(node, text);
  const inner = tag ? innerSpan(node, span) : undefined;
  if (isMap(node))
    return {
      type: 'map',
      span,
      inner,
      tag,
      entries: node.items.map((pair) => {
        const key = pair.key as YamlNode | null;
        const keySpan = key && key.range ? { offset: key.range[0], length: key.range[1] - key.range[0] } : span;
        const keyValue = isScalar(key) ? String(key.value) : '';
        const value: TNode =
          pair.value == null
            ? {
                type: 'scalar',
                span: { offset: keySpan.offset + keySpan.length, length: 0 },
                value: null,
                quoted: false,
              }
            : fromYaml(pair.value as YamlNode, cx, depth + 1);
        return { key: keyValue, keySpan, value };
      }),
    };
  if (isSeq(node))
    return { type: 'seq', span, inner, tag, items: node.items.map((n) => fromYaml(n as YamlNode, cx, depth + 1)) };
  const scalar = node;
  const v = scalar.value;
  const value =
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what is left of a scalar's value is a bigint or a date
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
  return {
    type: 'scalar',
    span,
    inner,
    tag,
    value,
    quoted: scalar.type !== undefined && scalar.type !== yaml().Scalar.PLAIN,
  };
}

/** The node's range, widened to its short-form tag (`!Ref Cpu` as a whole). */
function spanOf(node: YamlNode, text: string): Span {
  const [start, end] = node.range ?? [0, 0, 0];
  let from = start;
  if (node.tag && node.tag.startsWith('!')) {
    const at = text.lastIndexOf(node.tag, start);
    if (at >= 0 && /^\s*$/.test(text.slice(at + node.tag.length, start))) from = at;
  }
  let to = end;
  // A block scalar's range ends after its last line break; the value ends before it.
  while (to > from && (text[to - 1] === '\n' || text[to - 1] === '\r')) to--;
  return { offset: from, length: to - from };
}

function innerSpan(node: YamlNode, span: Span): Span {
  const start = node.range?.[0] ?? span.offset;
  return { offset: start, length: span.offset + span.length - start };
}

function shortTag(tag: string | undefined): string | undefined {
  if (!tag || !tag.startsWith('!') || tag.startsWith('!!')) return undefined;
  return tag.slice(1);
}

/** The entry of a map by key. */
export function entry(node: TNode | undefined, key: string): TEntry | undefined {
  if (node?.type !== 'map') return undefined;
  if (node.entries.length <= indexedFrom) return node.entries.find((e) => e.key === key);
  let index = entryIndexes.get(node);
  if (!index) {
    index = new Map();
    for (const e of node.entries) if (!index.has(e.key)) index.set(e.key, e);
    entryIndexes.set(node, index);
  }
  return index.get(key);
}

/** A map of this many entries or fewer is searched in order; a larger one (a CDK stack's resources) by key. */
const indexedFrom = 16;
/** The first entry of each key, per large map, made on the first lookup (a template's maps never change). */
const entryIndexes = new WeakMap<TMap, Map<string, TEntry>>();

import type { Span } from '../virtualJson';
import { treeOfJson, type ValueNode } from '../valueTree';
import { sourceOf, type Node } from './parser';

/** What the module says about its own values: `variable` defaults and `locals`, by name. */
export interface ModuleValues {
  variables: Map<string, Node | undefined>;
  locals: Map<string, Node>;
}

interface Relocated {
  span: Span;
  assumption: string;
}

export function spanOf(n: Node): Span {
  return { offset: n.startIndex, length: n.endIndex - n.startIndex };
}

/** The node an `expression` wraps (parentheses and single-child wrappers removed). */
export function unwrap(n: Node): Node {
  let at = n;
  for (;;) {
    // Each `type` and each child list crosses into the parser's WebAssembly: read once per node.
    const type = at.type;
    if (type !== 'expression' && type !== 'literal_value' && type !== 'collection_value') return at;
    // `( x )` and a wrapper of one node both hold their one named child.
    const named = at.namedChildren;
    if (named.length !== 1) return at;
    at = named[0]!;
  }
}

/** A reference `a.b.c` as its parts, when the expression is only that (no index, splat or call). */
export function referenceParts(n: Node): string[] | undefined {
  const e = n.type === 'expression' ? n : undefined;
  if (!e) return undefined;
  const kids = e.namedChildren;
  if (kids[0]?.type !== 'variable_expr') return undefined;
  const parts = [kids[0].text];
  for (const k of kids.slice(1)) {
    if (k.type !== 'get_attr') return undefined;
    const id = k.namedChildren.find((c) => c.type === 'identifier');
    if (!id) return undefined;
    parts.push(id.text);
  }
  return parts;
}

const escapes = /\\(?:u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])|\$\$\{|%%\{/g;

/** The characters of an HCL string literal's text (escapes decoded, `$${` and `%%{` taken as `${` and `%{`). */
export function decodeLiteral(raw: string): string {
  return raw.replace(escapes, (m) => {
    if (m === '$${') return '${';
    if (m === '%%{') return '%{';
    switch (m[1]) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
      case 'U':
        return String.fromCodePoint(parseInt(m.slice(2), 16));
      default:
        return m[1];
    }
  });
}

/** The literal pieces of a quoted string or template, undefined when it interpolates or has directives. */
function plainString(n: Node): string | undefined {
  const t = n.type === 'template_expr' ? n.namedChildren[0] : n;
  const type = t?.type;
  if (!t || (type !== 'string_lit' && type !== 'quoted_template')) return undefined;
  for (const c of t.namedChildren) {
    const part = c.type;
    if (part !== 'template_literal' && part !== 'quoted_template_start' && part !== 'quoted_template_end')
      return undefined;
  }
  // The text between the quotes (a literal part's node leaves out spaces at its ends).
  return decodeLiteral(t.text.slice(1, -1));
}

/** The text of a heredoc as Terraform gives it (`<<-` strips the common indentation), undefined when it interpolates. */
function heredocString(n: Node, type = n.type): string | undefined {
  const h = type === 'template_expr' ? n.namedChildren[0] : n;
  if (h?.type !== 'heredoc_template') return undefined;
  const body = heredocBody(h);
  if (!body || body.parts.some((p) => p.type !== 'template_literal')) return undefined;
  let text = body.text;
  if (h.child(0)?.text === '<<-') {
    const lines = text.split('\n');
    const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
    const cut = indents.length ? Math.min(...indents) : 0;
    text = lines.map((l) => l.slice(cut)).join('\n');
  }
  return text;
}

/** The content of a heredoc: its text (from the line after the marker to the closing marker) and its parts. */
export function heredocBody(h: Node): { text: string; offset: number; parts: Node[] } | undefined {
  const ids = h.namedChildren.filter((c) => c.type === 'heredoc_identifier');
  const parts = h.namedChildren.filter((c) => c.type !== 'heredoc_identifier' && c.type !== 'heredoc_start');
  const open = ids[0];
  const close = ids[ids.length - 1];
  if (!open || !close || open === close) return undefined;
  const source = sourceOf(h);
  const start = source.indexOf('\n', open.endIndex) + 1;
  if (start <= 0 || start > close.startIndex) return undefined;
  return { text: source.slice(start, close.startIndex), offset: start, parts };
}

export interface Evaluator {
  values: ModuleValues;
  /** References already followed (a local that names itself is unknown, not a loop). */
  following?: Set<string>;
}

/**
 * An HCL expression as an API-shaped value: literals as they are, objects and tuples as JSON objects and
 * arrays, a variable's default or a local's literal with the assumption it rests on, and everything Terraform
 * only knows when it plans (references, function calls, conditionals, for expressions, interpolations) unknown.
 */
export function evaluate(n: Node, ev: Evaluator, at?: Relocated): ValueNode {
  const node = unwrap(n);
  const type = node.type;
  const span = at?.span ?? spanOf(node);
  const unknown = (): ValueNode => ({ kind: 'unknown', label: n.text, span: at?.span ?? spanOf(n) });
  switch (type) {
    case 'numeric_lit': {
      const v = Number(node.text);
      return Number.isFinite(v) ? { kind: 'value', value: v, span, exact: !at, assumption: at?.assumption } : unknown();
    }
    case 'bool_lit':
      return { kind: 'value', value: node.text === 'true', span, exact: !at, assumption: at?.assumption };
    case 'null_lit':
      return { kind: 'value', value: null, span, exact: !at, assumption: at?.assumption };
    case 'string_lit':
    case 'template_expr': {
      const s = plainString(node) ?? heredocString(node, type);
      if (s === undefined) return unknown();
      return {
        kind: 'value',
        value: s,
        span,
        exact: !at && JSON.stringify(s) === node.text,
        assumption: at?.assumption,
      };
    }
    case 'operation': {
      const u = node.namedChildren[0];
      if (u?.type === 'unary_operation' && u.child(0)?.type === '-') {
        const inner = u.namedChildren[0] ? unwrap(u.namedChildren[0]) : undefined;
        if (inner?.type === 'numeric_lit')
          return { kind: 'value', value: -Number(inner.text), span, exact: !at, assumption: at?.assumption };
      }
      return unknown();
    }
    case 'tuple': {
      const items = node.namedChildren
        .filter((c) => c.type === 'expression')
        .map((c) => evaluate(c, ev, relocatedChild(at)));
      return { kind: 'array', span, items, assumption: at?.assumption };
    }
    case 'object': {
      const entries = [];
      for (const elem of node.namedChildren) {
        if (elem.type !== 'object_elem') continue;
        const [k, v] = elem.namedChildren.filter((c) => c.type === 'expression');
        if (!k || !v) return unknown();
        const key = objectKey(k);
        if (!key) return unknown(); // a computed key: the object's members are not known
        const value = evaluate(v, ev, relocatedChild(at));
        // jsonencode writes null, which the provider decodes as unset: the member never reaches ECS.
        if (value.kind === 'value' && value.value === null) continue;
        entries.push({
          key: key.name,
          span: at?.span ?? key.span,
          spelling: at ? (false as const) : key.spelling,
          value,
        });
      }
      return { kind: 'object', span, entries, assumption: at?.assumption };
    }
    case 'expression': {
      const parts = referenceParts(node);
      if (parts?.length === 2 && (parts[0] === 'var' || parts[0] === 'local'))
        return followed(parts[0], parts[1], n, ev, at) ?? unknown();
      return unknown();
    }
    default:
      return unknown();
  }
}

function relocatedChild(at: Relocated | undefined): Relocated | undefined {
  // Only the outermost value carries the assumption (mapBack takes the outermost one that holds a range).
  return at ? { span: at.span, assumption: '' } : undefined;
}

/** A variable's default or a local's value, written at the reference with the assumption it rests on. */
function followed(scope: string, name: string, ref: Node, ev: Evaluator, at?: Relocated): ValueNode | undefined {
  const key = `${scope}.${name}`;
  const source = scope === 'var' ? ev.values.variables.get(name) : ev.values.locals.get(name);
  if (!source || ev.following?.has(key) || (ev.following?.size ?? 0) >= 8) return undefined;
  const shown = source.text.length <= 40 && !source.text.includes('\n') ? ` ${source.text}` : '';
  const assumption =
    at?.assumption || (scope === 'var' ? `with ${key}'s default${shown}` : `with ${key} =${shown || ' its value'}`);
  const inner = { values: ev.values, following: new Set([...(ev.following ?? []), key]) };
  const value = evaluate(source, inner, { span: at?.span ?? spanOf(ref), assumption });
  // A default of null or "" stands for "the caller gives it": no value to check.
  if (value.kind === 'value' && (value.value === null || value.value === '')) return undefined;
  return value;
}

/** An object key: a bare name or a plain string; undefined for a computed key. */
export function objectKey(k: Node): { name: string; span: Span; spelling: 'bare' | 'quoted' | false } | undefined {
  const inner = unwrap(k);
  if (k.child(0)?.type === '(') return undefined;
  const type = inner.type;
  if (type === 'variable_expr' || (type === 'expression' && referenceParts(inner)?.length === 1))
    return { name: inner.text, span: spanOf(inner), spelling: 'bare' };
  if (type === 'string_lit' || type === 'template_expr') {
    const s = plainString(inner);
    if (s === undefined) return undefined;
    return { name: s, span: spanOf(inner), spelling: JSON.stringify(s) === inner.text ? 'quoted' : false };
  }
  return undefined;
}

/** JSON text of a value the source holds as a string (a variable default that is a heredoc), as a tree at one range. */
export function jsonStringTree(value: string, span: Span, assumption?: string): ValueNode | undefined {
  try {
    return treeOfJson(JSON.parse(value) as unknown, span, assumption);
  } catch {
    return undefined;
  }
}

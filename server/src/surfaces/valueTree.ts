import type { Span, VirtualJsonWriter } from './virtualJson';

/**
 * An API-shaped value with the source range of each part, built by a surface adapter before it is written:
 * members may arrive in any order and from several places (Terraform's `deployment_maximum_percent` and
 * `deployment_circuit_breaker` both fill `deploymentConfiguration`), which a tree gathers and `writeTree`
 * then writes in one pass.
 */
export type ValueNode =
  | { kind: 'object'; span: Span; entries: ValueEntry[]; assumption?: string }
  | { kind: 'array'; span: Span; items: ValueNode[]; assumption?: string }
  | { kind: 'value'; value: unknown; span: Span; exact?: boolean; assumption?: string }
  | { kind: 'unknown'; label: string; span: Span }
  | { kind: 'raw'; json: string; span: Span };

export interface ValueEntry {
  key: string;
  span: Span;
  /** How the source spells the name, when exactly as written here (see `VirtualJsonWriter.key`). */
  spelling: 'bare' | 'quoted' | false;
  value: ValueNode;
}

export function writeTree(w: VirtualJsonWriter, node: ValueNode): void {
  switch (node.kind) {
    case 'object':
      w.beginObject(node.span, node.assumption);
      for (const e of node.entries) {
        w.key(e.key, e.span, e.spelling);
        writeTree(w, e.value);
      }
      w.endObject();
      return;
    case 'array':
      w.beginArray(node.span, node.assumption);
      for (const item of node.items) writeTree(w, item);
      w.endArray();
      return;
    case 'value':
      w.value(node.value, node.span, { exact: node.exact, assumption: node.assumption });
      return;
    case 'unknown':
      w.unknown(node.label, node.span);
      return;
    case 'raw':
      w.raw(node.json, node.span);
      return;
  }
}

/**
 * The object at `path` under `root`, created (spanning `span`) where missing: `['deploymentConfiguration']`
 * gives the one object every argument that fills a member of it shares. Undefined when a member on the way
 * is already something else than an object.
 */
export function objectAt(
  root: Extract<ValueNode, { kind: 'object' }>,
  path: readonly string[],
  span: Span,
): Extract<ValueNode, { kind: 'object' }> | undefined {
  let at = root;
  for (const name of path) {
    const found = at.entries.find((e) => e.key === name);
    if (found) {
      if (found.value.kind !== 'object') return undefined;
      at = found.value;
      continue;
    }
    const created: Extract<ValueNode, { kind: 'object' }> = { kind: 'object', span, entries: [] };
    at.entries.push({ key: name, span, spelling: false, value: created });
    at = created;
  }
  return at;
}

/** A JSON value as a tree whose every part maps to one source range (a value the source holds as encoded text). */
export function treeOfJson(value: unknown, span: Span, assumption?: string): ValueNode {
  if (Array.isArray(value)) return { kind: 'array', span, items: value.map((v) => treeOfJson(v, span)), assumption };
  if (value !== null && typeof value === 'object')
    return {
      kind: 'object',
      span,
      entries: Object.entries(value).map(([key, v]) => ({ key, span, spelling: false, value: treeOfJson(v, span) })),
      assumption,
    };
  return { kind: 'value', value, span, assumption };
}

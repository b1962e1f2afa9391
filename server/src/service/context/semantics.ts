import type { JsonNode } from '../json';
import { describeServiceMembers, type DeployToolFacts } from '../../ecs/deployTools';
import { canonicalMemberName, freeFormMaps } from './memberNames';

/** What a consumer removes from a file before it reaches ECS. */
export interface PruneOptions {
  dropNull: boolean;
  dropEmptyString: boolean;
  dropEmptyLists: boolean;
  dropEmptyObjects: boolean;
  /** Members (lower case) whose numeric 0 is left out. */
  dropZero?: ReadonlySet<string>;
  caseInsensitiveKeys: boolean;
  /** Top-level members removed by name. */
  topLevel: ReadonlySet<string> | 'none';
  /** Null and "" values left out only at these offsets (where a finding already reports them). */
  emptyAt?: ReadonlySet<number>;
  /** Of a member given twice, only the last is kept (reported on its own as json.duplicate-key). */
  dropShadowed?: boolean;
}

/** The body as the consumer sends it: copied nodes (offsets still into the original text), its plain value, what was left out. */
export interface PrunedBody {
  body: JsonNode;
  value: unknown;
  /** Property or element nodes of the original tree that the consumer leaves out. */
  removed: JsonNode[];
  /** Key nodes of the original tree whose case the consumer corrects. */
  recased: JsonNode[];
}

export function pruneOptionsOf(tool: DeployToolFacts, kind: string, readOnly: readonly string[]): PruneOptions {
  const topLevel =
    tool.removesReadOnly === 'all'
      ? new Set(kind === 'service' ? describeServiceMembers : readOnly)
      : new Set(kind === 'service' ? [] : tool.removesReadOnly);
  return {
    dropNull: tool.dropsNull,
    dropEmptyString: tool.dropsEmptyString,
    dropEmptyLists: tool.dropsEmptyLists,
    dropEmptyObjects: tool.dropsEmptyObjects,
    dropZero: tool.dropsZero ? new Set((tool.zeroDroppedMembers ?? []).map((m) => m.toLowerCase())) : undefined,
    caseInsensitiveKeys: tool.caseInsensitiveKeys,
    topLevel: topLevel.size ? topLevel : 'none',
  };
}

/** True when the options change nothing, so the original tree can be used as it is. */
export function prunesNothing(o: PruneOptions): boolean {
  return (
    !o.dropNull &&
    !o.dropEmptyString &&
    !o.dropEmptyLists &&
    !o.dropEmptyObjects &&
    !o.dropZero?.size &&
    !o.caseInsensitiveKeys &&
    o.topLevel === 'none' &&
    !o.emptyAt?.size &&
    !o.dropShadowed
  );
}

/** Copies `body` without what the consumer leaves out. Nesting is bounded by the parser (200 levels). */
export function prune(body: JsonNode, options: PruneOptions): PrunedBody {
  const removed: JsonNode[] = [];
  const recased: JsonNode[] = [];
  const copy = (
    node: JsonNode,
    parent: JsonNode | undefined,
    depth: number,
    inFreeMap: boolean,
  ): { node: JsonNode; value: unknown } | undefined => {
    switch (node.type) {
      case 'null':
        if (options.dropNull || options.emptyAt?.has(node.offset)) return undefined;
        return { node: { ...node, parent }, value: null };
      case 'string':
        if (node.value === '' && (options.dropEmptyString || options.emptyAt?.has(node.offset))) return undefined;
        return { node: { ...node, parent }, value: node.value };
      case 'number':
        if (options.dropZero?.size && node.value === 0) {
          const key: unknown = node.parent?.type === 'property' ? node.parent.children?.[0]?.value : undefined;
          if (typeof key === 'string' && options.dropZero.has(key.toLowerCase())) return undefined;
        }
        return { node: { ...node, parent }, value: node.value };
      case 'boolean':
        return { node: { ...node, parent }, value: node.value };
      case 'array': {
        const out: JsonNode = { ...node, parent, children: [] };
        const value: unknown[] = [];
        for (const child of node.children ?? []) {
          const c = copy(child, out, depth + 1, false);
          if (c) {
            out.children!.push(c.node);
            value.push(c.value);
          } else removed.push(child);
        }
        if (options.dropEmptyLists && value.length === 0) return undefined;
        return { node: out, value };
      }
      case 'object': {
        const out: JsonNode = { ...node, parent, children: [] };
        const value: Record<string, unknown> = {};
        const lastOf = new Map<unknown, JsonNode>();
        if (options.dropShadowed) for (const prop of node.children ?? []) lastOf.set(prop.children?.[0]?.value, prop);
        for (const prop of node.children ?? []) {
          const [key, val] = prop.children ?? [];
          if (!key || !val) continue;
          if (options.dropShadowed && lastOf.get(key.value) !== prop) continue;
          let name = key.value as string;
          if (depth === 0 && options.topLevel !== 'none' && options.topLevel.has(name)) {
            removed.push(prop);
            continue;
          }
          const children: JsonNode[] = [];
          const p: JsonNode = { ...prop, parent: out, children };
          let k: JsonNode = { ...key, parent: p };
          if (options.caseInsensitiveKeys && !inFreeMap) {
            const canonical = canonicalMemberName(name);
            if (canonical && canonical !== name) {
              recased.push(key);
              name = canonical;
              k = { ...k, value: canonical };
            }
          }
          const c = copy(val, p, depth + 1, freeFormMaps.has(name));
          if (!c) {
            removed.push(prop);
            continue;
          }
          children.push(k, c.node);
          out.children!.push(p);
          // Of duplicate names the last wins, as in every JSON parser the deploy paths use.
          value[name] = c.value;
        }
        if (options.dropEmptyObjects && out.children!.length === 0 && depth > 0) return undefined;
        return { node: out, value };
      }
      default:
        return { node: { ...node, parent }, value: node.value };
    }
  };
  const result = copy(body, body.parent, 0, false);
  return result
    ? { body: result.node, value: result.value, removed, recased }
    : { body: { ...body, children: [] }, value: {}, removed, recased };
}

/** The rules' view: a null or "" that a finding already reports is left out, so one mistake gives one diagnostic. */
export function ruleView(emptyAt: ReadonlySet<number>): PruneOptions {
  return {
    dropNull: false,
    dropEmptyString: false,
    dropEmptyLists: false,
    dropEmptyObjects: false,
    caseInsensitiveKeys: false,
    topLevel: 'none',
    emptyAt,
  };
}

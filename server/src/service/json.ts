import type { Node as JsonNode } from 'jsonc-parser';

export type { JsonNode };

/**
 * The value node of member `name` of an object node, or undefined. Of a member given twice, the last: the
 * value JSON.parse, the AWS CLI and the SDKs keep, and the one the schema checks.
 */
export function member(node: JsonNode | undefined, name: string): JsonNode | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  for (let i = node.children.length - 1; i >= 0; i--) {
    const [key, value] = node.children[i].children ?? [];
    if (key && key.value === name) return value;
  }
  return undefined;
}

/** The property node (key + value) of member `name` (the last, as for `member`), or undefined. */
export function property(node: JsonNode | undefined, name: string): JsonNode | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  for (let i = node.children.length - 1; i >= 0; i--)
    if (node.children[i].children?.[0]?.value === name) return node.children[i];
  return undefined;
}

/** The key node of the property that holds `value`, when `value` is a member value. */
export function keyOf(value: JsonNode): JsonNode | undefined {
  const parent = value.parent;
  return parent?.type === 'property' ? parent.children?.[0] : undefined;
}

/** Elements of an array node (empty when the node is not an array). */
export function elements(node: JsonNode | undefined): JsonNode[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}

/** Properties of an object node as [name, keyNode, valueNode] triples. */
export function properties(node: JsonNode | undefined): Array<[string, JsonNode, JsonNode | undefined]> {
  if (!node || node.type !== 'object' || !node.children) return [];
  const out: Array<[string, JsonNode, JsonNode | undefined]> = [];
  for (const prop of node.children) {
    const key = prop.children?.[0];
    if (key && typeof key.value === 'string') out.push([key.value, key, prop.children?.[1]]);
  }
  return out;
}

export function stringValue(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

export function numberValue(node: JsonNode | undefined): number | undefined {
  return node?.type === 'number' ? (node.value as number) : undefined;
}

export function booleanValue(node: JsonNode | undefined): boolean | undefined {
  return node?.type === 'boolean' ? (node.value as boolean) : undefined;
}

import type { Node as JsonNode } from 'jsonc-parser';

export type { JsonNode };

/** The value node of member `name` of an object node, or undefined. */
export function member(node: JsonNode | undefined, name: string): JsonNode | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  for (const prop of node.children) {
    const [key, value] = prop.children ?? [];
    if (key && key.value === name) return value;
  }
  return undefined;
}

/** The property node (key + value) of member `name`, or undefined. */
export function property(node: JsonNode | undefined, name: string): JsonNode | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  return node.children.find((p) => p.children?.[0]?.value === name);
}

/** The key node of the property that holds `value`, when `value` is a member value. */
export function keyOf(value: JsonNode): JsonNode | undefined {
  const parent = value.parent;
  return parent?.type === 'property' ? parent.children?.[0] : undefined;
}

/** Elements of an array node (empty when the node is not an array). */
export function elements(node: JsonNode | undefined): JsonNode[] {
  return node?.type === 'array' ? node.children ?? [] : [];
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

/** An edit range that deletes a whole property including its separating comma. */
export function propertyRemoval(text: string, prop: JsonNode): { offset: number; length: number } {
  const parent = prop.parent;
  const siblings = parent?.children ?? [];
  const index = siblings.indexOf(prop);
  if (index > 0) {
    // Remove from the end of the previous sibling to the end of this property.
    const prev = siblings[index - 1];
    const start = prev.offset + prev.length;
    return { offset: start, length: prop.offset + prop.length - start };
  }
  if (index === 0 && siblings.length > 1) {
    const next = siblings[1];
    return { offset: prop.offset, length: next.offset - prop.offset };
  }
  // The only member: remove it and the whitespace around it inside the braces.
  let start = prop.offset;
  let end = prop.offset + prop.length;
  while (start > 0 && /\s/.test(text[start - 1])) start--;
  while (end < text.length && /\s/.test(text[end])) end++;
  return { offset: start, length: end - start };
}

/**
 * Edit ranges that delete several properties of one object at once. The ranges never
 * overlap (a workspace edit with overlapping ranges is rejected), and the commas left
 * make valid JSON: a leading run goes up to the first kept member, later ones from the
 * end of the member before them.
 */
export function propertiesRemoval(text: string, props: readonly JsonNode[]): Array<{ offset: number; length: number }> {
  const parent = props[0]?.parent;
  const siblings = parent?.children ?? [];
  const removed = new Set(props);
  const firstKept = siblings.findIndex((s) => !removed.has(s));
  if (firstKept < 0) {
    const all = siblings.length ? siblings : [...props];
    const range = propertyRemoval(text, all[0]);
    const last = all[all.length - 1];
    if (all.length === 1) return [range];
    let end = last.offset + last.length;
    while (end < text.length && /\s/.test(text[end])) end++;
    return [{ offset: range.offset, length: end - range.offset }];
  }
  const ranges: Array<{ offset: number; length: number }> = [];
  if (firstKept > 0) ranges.push({ offset: siblings[0].offset, length: siblings[firstKept].offset - siblings[0].offset });
  siblings.forEach((prop, index) => {
    if (index <= firstKept || !removed.has(prop)) return;
    const prev = siblings[index - 1];
    ranges.push({ offset: prev.offset + prev.length, length: prop.offset + prop.length - (prev.offset + prev.length) });
  });
  return ranges;
}

import type { Node as JsonNode } from 'jsonc-parser';

/** A JSON tree without parent links, for deepEqual between two parsers' trees. */
export function plainTree(node: JsonNode | undefined): unknown {
  if (!node) return undefined;
  return {
    type: node.type,
    offset: node.offset,
    length: node.length,
    value: node.value,
    colonOffset: node.colonOffset,
    children: node.children?.map(plainTree),
  };
}

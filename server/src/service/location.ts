import { getLocation, getNodePath, type Location } from 'jsonc-parser';
import type { EcsDocument } from './document';
import type { JsonNode } from './json';

/**
 * jsonc-parser's `getLocation` at `offset`, scanning only the innermost object or list of the cached tree
 * that holds the offset instead of the text from its start: what the scanner meets inside that container
 * does not depend on what comes before it, so the answer is the same, in time that does not grow with
 * the text before the cursor. In broken text, only a container after the first syntax error is taken
 * (its tree node starts at a real token, and nothing before it was recovered).
 */
export function locationAt(doc: EcsDocument, offset: number): Location {
  const container = doc.root ? innermostContainer(doc.root, offset) : undefined;
  if (!container || container.offset === 0 || doc.syntaxProblems.some((p) => p.offset < container.offset))
    return getLocation(doc.text, offset);
  const at = container.offset;
  const inner = getLocation(doc.text.slice(at), offset - at);
  const previous = inner.previousNode;
  const path = [...getNodePath(container), ...inner.path];
  return {
    path,
    previousNode: previous && {
      ...previous,
      offset: previous.offset + at,
      colonOffset: previous.colonOffset === undefined ? undefined : previous.colonOffset + at,
    },
    isAtPropertyKey: inner.isAtPropertyKey,
    matches: (pattern) => matchesPath(path, pattern),
  };
}

/** The deepest object or list whose brackets enclose `offset` (after its opening one, before its end). */
function innermostContainer(root: JsonNode, offset: number): JsonNode | undefined {
  let found: JsonNode | undefined;
  let node: JsonNode | undefined = root;
  while (node) {
    if ((node.type === 'object' || node.type === 'array') && node.offset < offset && offset < node.offset + node.length)
      found = node;
    else if (node.type === 'object' || node.type === 'array') break;
    node = childAt(node, offset);
  }
  return found;
}

/** The child whose span holds `offset`, by binary search over the children (they are in text order). */
function childAt(node: JsonNode, offset: number): JsonNode | undefined {
  const children = node.children;
  if (!children?.length) return undefined;
  let lo = 0;
  let hi = children.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (children[mid].offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  const child = children[lo];
  return child.offset <= offset && offset <= child.offset + child.length ? child : undefined;
}

/** The same test as jsonc-parser's Location.matches. */
function matchesPath(path: Location['path'], pattern: Location['path']): boolean {
  let k = 0;
  for (let i = 0; k < pattern.length && i < path.length; i++) {
    if (pattern[k] === path[i] || pattern[k] === '*') k++;
    else if (pattern[k] !== '**') return false;
  }
  return k === pattern.length;
}

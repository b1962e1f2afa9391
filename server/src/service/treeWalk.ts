import type { JsonNode } from './json';
import { runSteps, sliceOver, type Steps } from '../shared/steps';

/**
 * What the checks that look at every object of a document need, found in one walk of the tree and kept with it:
 * the objects that give a member twice, and the members whose value is "". A tree is never changed once built,
 * so the walk is done once per tree however many checks ask.
 */
export interface TreeWalk {
  /** Objects giving some member twice, in the order the walk met them. */
  duplicateHolders: readonly JsonNode[];
  /** Members whose value is the empty string: name and value node, in the order the walk met them. */
  emptyStrings: ReadonlyArray<{ name: string; value: JsonNode }>;
}

const walks = new WeakMap<JsonNode, TreeWalk>();

/** Nodes walked between two pauses of `treeWalkSteps`. */
const nodesPerStep = 10_000;

/** The walk of the tree under `root` (objects reached through members and list elements), done once per tree. */
export function treeWalk(root: JsonNode): TreeWalk {
  return walks.get(root) ?? runSteps(treeWalkSteps(root));
}

/** The same walk in steps that pause every few thousand nodes (a large document's check); kept as `treeWalk`'s. */
export function* treeWalkSteps(root: JsonNode): Steps<TreeWalk> {
  let walk = walks.get(root);
  if (!walk) {
    walk = yield* walkTree(root);
    walks.set(root, walk);
  }
  return walk;
}

/** Objects of at most this many members are searched for a name given twice without a set. */
const smallObject = 8;

function* walkTree(root: JsonNode): Steps<TreeWalk> {
  const duplicateHolders: JsonNode[] = [];
  const emptyStrings: Array<{ name: string; value: JsonNode }> = [];
  const stack: JsonNode[] = [root];
  // Names seen in the object being walked; reused, cleared per object.
  const names = new Set<unknown>();
  let walked = 0;
  while (stack.length) {
    if (++walked % nodesPerStep === 0 && sliceOver()) yield;
    const node = stack.pop()!;
    if (node.type === 'object') {
      const props = node.children;
      if (!props) continue;
      let twice = false;
      if (props.length > 1 && props.length <= smallObject) {
        // A few members are compared pair by pair: cheaper than filling a set.
        for (let i = 1; i < props.length && !twice; i++) {
          const name: unknown = props[i].children?.[0]?.value;
          for (let j = 0; j < i; j++) if (props[j].children?.[0]?.value === name) twice = true;
        }
      } else if (props.length > 1) {
        names.clear();
        for (const prop of props) {
          const name: unknown = prop.children?.[0]?.value;
          if (names.has(name)) twice = true;
          names.add(name);
        }
      }
      if (twice) duplicateHolders.push(node);
      for (const prop of props) {
        const key = prop.children?.[0];
        const value = prop.children?.[1];
        if (!value) continue;
        if (key && typeof key.value === 'string' && value.type === 'string' && value.value === '')
          emptyStrings.push({ name: key.value, value });
        else stack.push(value);
      }
    } else if (node.type === 'array') for (const child of node.children ?? []) stack.push(child);
  }
  return { duplicateHolders, emptyStrings };
}

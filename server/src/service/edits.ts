/** Quick-fix edits on the JSON tree, shared by the schema checks and the rules; they keep the document valid JSON. */
import { member, type JsonNode } from './json';
import type { TextEdit } from './problem';

/** Replaces a value node with new JSON text. */
export function replaceNode(node: JsonNode, json: string): TextEdit {
  return { offset: node.offset, length: node.length, newText: json };
}

/** Inserts `"name": json` as the last member of an object, following the indentation of its members. */
export function insertMember(text: string, obj: JsonNode, name: string, json: string): TextEdit {
  return insertMembers(text, obj, [[name, json]]);
}

/**
 * Gives members of an object these values: a member that is there (with a null, empty or wrong
 * value) has its value replaced, the others are added after the last member. Adding a second key
 * beside an existing one would leave the mistake in place.
 */
export function setMembers(
  text: string,
  obj: JsonNode,
  members: ReadonlyArray<readonly [string, string]>,
  root?: JsonNode,
): TextEdit[] {
  // Rules may see a view of the document without its null and empty members: the edit is made on the text's own tree.
  obj = (root && sameNodeIn(root, obj)) ?? obj;
  const edits: TextEdit[] = [];
  const missing: Array<readonly [string, string]> = [];
  for (const [name, json] of members) {
    const value = member(obj, name);
    if (value) edits.push(replaceNode(value, json));
    else missing.push([name, json]);
  }
  if (missing.length > 0) edits.push(insertMembers(text, obj, missing));
  return edits.sort((a, b) => a.offset - b.offset);
}

/** The node of `root`'s tree at the place of `node` (of another tree over the same text). */
export function sameNodeIn(root: JsonNode, node: JsonNode): JsonNode | undefined {
  let current: JsonNode | undefined = root;
  while (current) {
    if (current.offset === node.offset && current.type === node.type) return current;
    current = current.children?.find((c) => c.offset <= node.offset && node.offset < c.offset + c.length);
  }
  return undefined;
}

/** Inserts several members, in order, after the last member of an object. */
export function insertMembers(
  text: string,
  obj: JsonNode,
  members: ReadonlyArray<readonly [string, string]>,
): TextEdit {
  const props = obj.children ?? [];
  const parts = members.map(([name, json]) => `${JSON.stringify(name)}: ${json}`);
  if (props.length === 0) return { offset: obj.offset + 1, length: 0, newText: parts.join(', ') };
  const last = props[props.length - 1];
  const sep = lineBreakAndIndent(text, last.offset);
  return { offset: last.offset + last.length, length: 0, newText: parts.map((p) => `,${sep}${p}`).join('') };
}

/** Inserts `"name": json` as the first member of an object (used for identity members like networkMode). */
export function insertFirstMember(text: string, obj: JsonNode, name: string, json: string): TextEdit {
  const props = obj.children ?? [];
  const member = `${JSON.stringify(name)}: ${json}`;
  if (props.length === 0) return { offset: obj.offset + 1, length: 0, newText: member };
  const first = props[0];
  return { offset: first.offset, length: 0, newText: `${member},${lineBreakAndIndent(text, first.offset)}` };
}

/** The separator that puts the next member on its own line at the same indentation, or a space on one-line objects. */
function lineBreakAndIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (/^[ \t]*$/.test(before)) return `\n${before}`;
  return ' ';
}

/** Deletes an object member or an array element together with the comma that separates it from a neighbour. */
export function removeNode(text: string, prop: JsonNode): TextEdit {
  const parent = prop.parent;
  const siblings = parent?.children ?? [];
  const index = siblings.indexOf(prop);
  if (index > 0) {
    // Remove from the end of the previous sibling to the end of this property.
    const prev = siblings[index - 1];
    const start = prev.offset + prev.length;
    return { offset: start, length: prop.offset + prop.length - start, newText: '' };
  }
  if (index === 0 && siblings.length > 1) {
    const next = siblings[1];
    return { offset: prop.offset, length: next.offset - prop.offset, newText: '' };
  }
  // The only member: remove it and the whitespace around it inside the braces.
  let start = prop.offset;
  let end = prop.offset + prop.length;
  while (start > 0 && /\s/.test(text[start - 1])) start--;
  while (end < text.length && /\s/.test(text[end])) end++;
  return { offset: start, length: end - start, newText: '' };
}

/**
 * Edits that delete several members of one object at once. The ranges never
 * overlap (a workspace edit with overlapping ranges is rejected), and the commas left
 * make valid JSON: a leading run goes up to the first kept member, later ones from the
 * end of the member before them.
 */
export function removeNodes(text: string, props: readonly JsonNode[]): TextEdit[] {
  const parent = props[0]?.parent;
  const siblings = parent?.children ?? [];
  const removed = new Set(props);
  const firstKept = siblings.findIndex((s) => !removed.has(s));
  if (firstKept < 0) {
    const all = siblings.length ? siblings : [...props];
    const range = removeNode(text, all[0]);
    const last = all[all.length - 1];
    if (all.length === 1) return [range];
    let end = last.offset + last.length;
    while (end < text.length && /\s/.test(text[end])) end++;
    return [{ offset: range.offset, length: end - range.offset, newText: '' }];
  }
  const ranges: TextEdit[] = [];
  if (firstKept > 0)
    ranges.push({ offset: siblings[0].offset, length: siblings[firstKept].offset - siblings[0].offset, newText: '' });
  siblings.forEach((prop, index) => {
    if (index <= firstKept || !removed.has(prop)) return;
    const prev = siblings[index - 1];
    ranges.push({
      offset: prev.offset + prev.length,
      length: prop.offset + prop.length - (prev.offset + prev.length),
      newText: '',
    });
  });
  return ranges;
}

/** Appends `json` as the last element of an array, following the indentation of its elements. */
export function appendElement(text: string, array: JsonNode, json: string): TextEdit {
  const items = array.children ?? [];
  if (items.length === 0) return { offset: array.offset + 1, length: 0, newText: json };
  const last = items[items.length - 1];
  return { offset: last.offset + last.length, length: 0, newText: `,${lineBreakAndIndent(text, last.offset)}${json}` };
}

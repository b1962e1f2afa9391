import type { TextEdit } from '../problem';
import type { JsonNode } from '../json';

/** Replaces a value node with new JSON text. */
export function replaceNode(node: JsonNode, json: string): TextEdit {
  return { offset: node.offset, length: node.length, newText: json };
}

/** Inserts `"name": json` as the last member of an object, following the indentation of its members. */
export function insertMember(text: string, obj: JsonNode, name: string, json: string): TextEdit {
  return insertMembers(text, obj, [[name, json]]);
}

/** Inserts several members, in order, after the last member of an object. */
export function insertMembers(text: string, obj: JsonNode, members: ReadonlyArray<readonly [string, string]>): TextEdit {
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

/** Deletes an array element together with the comma that separates it from a neighbour. */
export function elementRemoval(element: JsonNode): TextEdit {
  const siblings = element.parent?.children ?? [];
  const index = siblings.indexOf(element);
  if (index > 0) {
    const prev = siblings[index - 1];
    const start = prev.offset + prev.length;
    return { offset: start, length: element.offset + element.length - start, newText: '' };
  }
  if (index === 0 && siblings.length > 1) return { offset: element.offset, length: siblings[1].offset - element.offset, newText: '' };
  return { offset: element.offset, length: element.length, newText: '' };
}

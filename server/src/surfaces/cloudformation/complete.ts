import type { MemberCompletion, RenderedMember } from '../types';
import { entry, isJsonText, parseTemplate, type TMap, type TNode, type Template } from './parse';
import { propertiesOf, resourceTypes, type PropertyInfo } from './resources';
import { yaml } from '../../service/libraries';

/**
 * Completion in a template: a member the API document may take, written as the CloudFormation property
 * that fills it (PascalCase, through the resource schema's properties and the table's renames), with its
 * value as YAML at the template's indentation, or as JSON in a JSON template.
 */
export function renderMember(member: MemberCompletion, sourceText: string, offset: number): RenderedMember[] {
  const json = isJsonText(sourceText);
  const anchor = json ? offset : memberAnchor(sourceText, offset);
  if (anchor === undefined) return [];
  const place = placeAt(templateOf(sourceText), anchor);
  if (!place) return [];
  const info = [...place.table.values()].find(
    (p) =>
      (resourceTypes[place.type].renamed?.[p.bare] ?? p.name).toLowerCase() === member.name.toLowerCase() &&
      resourceTypes[place.type].cloudFormationOnly?.[p.bare] === undefined,
  );
  if (!info) return [];
  const value = snippetValue(member.valueSnippet);
  if (json)
    return [{ label: info.name, newText: `"${info.name}": ${value ? jsonOf(value, info, '') : member.valueSnippet}` }];
  const column = offset - (sourceText.lastIndexOf('\n', offset - 1) + 1);
  if (!value) return [{ label: info.name, newText: `${info.name}: $1` }];
  return [{ label: info.name, newText: `${info.name}:${yamlOf(value, info, column + 2)}`, asIs: true }];
}

/**
 * The object a member written at `offset` joins in a YAML template: the one whose keys stand at the same
 * column, found through the nearest key above at that column (the offset just after its colon lies in the
 * object and in none of its members). Undefined where the line holds more than the name.
 */
export function memberAnchor(text: string, offset: number): number | undefined {
  if (isJsonText(text)) return offset;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (!/^[ ]*$/.test(text.slice(lineStart, offset))) return undefined;
  const column = offset - lineStart;
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    const first = line.search(/\S/);
    if (first < 0 || line[first] === '#' || first > column) continue;
    let key = first;
    while (line.startsWith('- ', key)) key += 2 + (/^ */.exec(line.slice(key + 2))?.[0].length ?? 0);
    if (key !== column) return undefined;
    const name = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"][^#]*?)[ \t]*:(?=[ \t]|$)/.exec(line.slice(key));
    return name ? start + key + name[0].length : undefined;
  }
  return undefined;
}

/**
 * The value being written at `offset` in a YAML template: a plain scalar after `Key: ` (or `- ` in a list)
 * up to the end of its line, or an empty range where nothing is written yet.
 */
export function valueAt(text: string, offset: number): { offset: number; length: number } | undefined {
  if (isJsonText(text)) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
  const m = /^[ ]*(?:- )*(?:[^\s#'"!{}[\],&*|>%@`][^#:]*?[ \t]*:[ \t]+|- )([^\s#'"!{}[\],&*|>%@`][^#]*?)?[ \t]*$/.exec(
    line,
  );
  if (!m) return undefined;
  const value = m[1] ?? '';
  // Nothing written yet: YAML places the empty value at the end of the line, where the cursor must be.
  if (!value) return offset === lineStart + line.length ? { offset, length: 0 } : undefined;
  const at = lineStart + line.trimEnd().length - value.length;
  if (offset < at || offset > at + value.length) return undefined;
  return { offset: at, length: value.length };
}

let last: { text: string; template: Template } | undefined;

function templateOf(text: string): Template {
  if (last?.text !== text) last = { text, template: parseTemplate(text) };
  return last.template;
}

function contains(node: TNode, at: number): boolean {
  return node.span.offset <= at && at <= node.span.offset + node.span.length;
}

/** The properties a map in a resource's Properties may hold, where `at` lies in that map and none of its members. */
function placeAt(template: Template, at: number): { type: string; table: Map<string, PropertyInfo> } | undefined {
  const resources = entry(template.root, 'Resources')?.value;
  if (resources?.type !== 'map') return undefined;
  const resource = resources.entries.find((e) => contains(e.value, at))?.value;
  const typeNode = entry(resource, 'Type')?.value;
  const type = typeNode?.type === 'scalar' ? String(typeNode.value) : '';
  const props = entry(resource, 'Properties')?.value;
  if (!resourceTypes[type]?.kind || props?.type !== 'map' || !contains(props, at)) return undefined;
  let map: TMap = props;
  let table = propertiesOf(type)!;
  for (;;) {
    const inner = map.entries.find((e) => contains(e.value, at) && e.value.span.length > 0);
    if (!inner) return { type, table };
    const info = table.get(inner.key);
    if (!info?.children) return undefined;
    let next: TNode | undefined = inner.value;
    if (next.type === 'seq') next = next.items.find((i) => contains(i, at));
    if (next?.type !== 'map' || next.tag) return undefined;
    map = next;
    table = info.children;
  }
}

/**
 * A JSON value snippet read as a value: its placeholders (`$1`, `${1:80}`, `${1|a,b|}`) kept as markers,
 * `{ $1 }` as an object holding only a placeholder. Undefined when the snippet is not such a value.
 */
type SnippetValue =
  | { placeholder: string }
  | { object: Array<[string, SnippetValue]> | string }
  | { list: SnippetValue[] }
  | { literal: string | number | boolean | null };

function snippetValue(snippet: string): SnippetValue | undefined {
  const marks: string[] = [];
  const mark = (p: string) => `"\\u0001${marks.push(p) - 1}\\u0001"`;
  const placeholder = /\$\{\d+(?::[^}]*|\|[^}]*\|)\}|\$\d+/g;
  let text = snippet.replace(/\{\s*(\$\d+|\$\{\d+\})\s*\}/g, (_, p: string) => `{"\\u0002": ${mark(p)}}`);
  text = text.replace(/"(\$\{\d+(?::[^}"]*|\|[^}"]*\|)\}|\$\d+)"/g, (_, p: string) => mark(p));
  text = text.replace(placeholder, (p) => mark(p));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const read = (v: unknown): SnippetValue => {
    if (typeof v === 'string') {
      const m = /^\u0001(\d+)\u0001$/.exec(v);
      return m ? { placeholder: marks[Number(m[1])] } : { literal: v };
    }
    if (Array.isArray(v)) return { list: v.map(read) };
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('\u0002' in o) return { object: (read(o['\u0002']) as { placeholder: string }).placeholder };
      return { object: Object.entries(o).map(([k, x]) => [k, read(x)]) };
    }
    return { literal: v as number | boolean | null };
  };
  return read(parsed);
}

/** A member of a property's value by its API name, in CloudFormation's spelling. */
function childOf(info: PropertyInfo | undefined, apiName: string): { name: string; info?: PropertyInfo } {
  if (!info?.children || info.kind === 'map') return { name: apiName };
  for (const child of info.children.values())
    if (child.name.toLowerCase() === apiName.toLowerCase()) return { name: child.name, info: child };
  return { name: apiName[0].toUpperCase() + apiName.slice(1) };
}

/** A value as YAML after `Key:`: a scalar on the same line, an object or list as a block at `indent`. */
function yamlOf(value: SnippetValue, info: PropertyInfo | undefined, indent: number): string {
  const pad = ' '.repeat(indent);
  if ('placeholder' in value) return ` ${value.placeholder}`;
  if ('literal' in value) return ` ${yamlScalar(value.literal)}`;
  if ('object' in value) {
    if (typeof value.object === 'string') return `\n${pad}${value.object}`;
    return value.object
      .map(([k, v]) => {
        const child = childOf(info, k);
        return `\n${pad}${yamlKey(child.name)}:${yamlOf(v, child.info, indent + 2)}`;
      })
      .join('');
  }
  if (!value.list.length) return ' []';
  if (value.list.every((v) => 'placeholder' in v || 'literal' in v))
    return ` [${value.list.map((v) => ('placeholder' in v ? v.placeholder : yamlScalar(v.literal))).join(', ')}]`;
  return value.list
    .map((item) => {
      if ('object' in item && typeof item.object !== 'string') {
        // The first member on the dash's line, the others under it.
        const body = yamlOf(item, info, indent + 2);
        return `\n${pad}- ${body.slice(indent + 3)}`;
      }
      if ('object' in item) return `\n${pad}- ${item.object as string}`;
      return `\n${pad}-${yamlOf(item, info, indent + 2)}`;
    })
    .join('');
}

/** A value as JSON with the template's property names (a tab per level; the client indents the lines). */
function jsonOf(value: SnippetValue, info: PropertyInfo | undefined, indent: string): string {
  if ('placeholder' in value) return value.placeholder;
  if ('literal' in value) return JSON.stringify(value.literal);
  const inner = indent + '\t';
  if ('object' in value) {
    if (typeof value.object === 'string') return `{\n${inner}${value.object}\n${indent}}`;
    const members = value.object.map(([k, v]) => {
      const child = childOf(info, k);
      return `${inner}${JSON.stringify(child.name)}: ${jsonOf(v, child.info, inner)}`;
    });
    return `{\n${members.join(',\n')}\n${indent}}`;
  }
  if (value.list.every((v) => 'placeholder' in v || 'literal' in v))
    return `[${value.list.map((v) => jsonOf(v, info, inner)).join(', ')}]`;
  return `[\n${value.list.map((v) => inner + jsonOf(v, info, inner)).join(',\n')}\n${indent}]`;
}

function yamlKey(name: string): string {
  return /^[A-Za-z_][\w./-]*$/.test(name) ? name : JSON.stringify(name);
}

/** A literal as a YAML scalar: plain where it reads back the same, else in JSON's quotes. */
function yamlScalar(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  try {
    if (value && !/^[\s:#{}[\],&*!|>'"%@`-]|[:#]\s|\s$/.test(value) && yaml().parse(value) === value) return value;
  } catch {
    // not plain
  }
  return JSON.stringify(value);
}

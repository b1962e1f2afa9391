import { findNodeAtLocation, type Segment } from 'jsonc-parser';
import { locationAt } from './location';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completeExpression } from '../cql';
import type { EcsDocument } from './document';
import { decodedToDocument, documentToDecoded, expressionAt, workspaceFacts } from './expressions';
import { fargateCpuValues, fargateMemoryFor } from '../ecs/fargateSizes';
import { parseCpu } from '../ecs/taskModel';
import { awslogsOptions, awslogsRequiredOptions } from '../ecs/logDrivers';
import { member, properties, type JsonNode } from './json';
import { resolve, type JsonSchema } from './schema';
import { bodyPath, schemaAtPath, typeLabel, typeOf } from './schemaNav';
import { shapeSnippets } from './snippets';
import { taskDefinitionOfService, type WorkspaceView } from './workspace';
import { isPortNamePath } from './definition';
import { portMappingNames } from './rules/serviceFeatures';

interface Replace {
  start: number;
  end: number;
}

/** What the client can do with completion items (from its `textDocument.completion` capabilities). */
export interface CompletionOptions {
  /** The client expands snippets (`$1`, `${1:default}`, `${1|a,b|}`); without, items carry plain single-line text. */
  snippets: boolean;
}

/**
 * Completion at `offset`; works on incomplete JSON as the user types.
 * Inside a string the user has opened, items replace the text after its opening quote, so what the user
 * typed (`"depe`) filters by the name itself in every client, with or without its own word rules.
 */
export function complete(
  doc: EcsDocument,
  textDocument: TextDocument,
  offset: number,
  workspace: WorkspaceView,
  options: CompletionOptions = { snippets: true },
): CompletionList {
  const result = completeItems(doc, textDocument, offset, workspace);
  if (!options.snippets) result.items = result.items.map(withPlainText);
  return result;
}

function completeItems(
  doc: EcsDocument,
  textDocument: TextDocument,
  offset: number,
  workspace: WorkspaceView,
): CompletionList {
  const items: CompletionItem[] = [];
  const result: CompletionList = { isIncomplete: false, items };
  if (doc.unparsed) return result;
  const expression = expressionAt(doc, offset);
  if (expression) {
    completeInExpression(doc, textDocument, expression, offset, workspace, items);
    return result;
  }
  const location = locationAt(doc, offset);
  const text = doc.text;
  const node = location.previousNode;
  // After a complete member value with only whitespace up to the cursor (the comma not typed yet),
  // the user is starting the next member: offer names and insert the missing comma.
  const afterValue =
    !location.isAtPropertyKey &&
    node &&
    node.type !== 'object' &&
    node.type !== 'array' &&
    typeof location.path[location.path.length - 1] === 'string' &&
    node.offset + node.length <= offset &&
    /^\s+$/.test(text.slice(node.offset + node.length, offset));
  if (location.isAtPropertyKey || afterValue) {
    const objectPath = location.path.slice(0, -1);
    const valueEnd = node ? node.offset + node.length : offset;
    const missingComma = afterValue
      ? [{ range: rangeOf(textDocument, { start: valueEnd, end: valueEnd }), newText: ',' }]
      : undefined;
    const target = bodyPath(doc, objectPath);
    const object = target && schemaAtPath(target.schema, target.path);
    const objectNode = doc.root ? findNodeAtLocation(doc.root, objectPath) : undefined;
    const present = new Set(properties(objectNode).map(([name]) => name));
    if (target && object?.['x-apiShape'] === undefined && objectPath[objectPath.length - 1] === 'options') {
      awslogsOptionItems(doc, objectPath, textDocument, offset, present, items);
      return result;
    }
    if (!target || !object?.properties) return result;
    // Inside the key's quotes: replace from after the opening quote, up to and with the closing one.
    const inKey = afterValue ? undefined : insideString(text, node, offset);
    const replace = inKey ?? wordAround(text, offset);
    const open = inKey ? '' : '"';
    // Editing an existing key: keep its value, replace only the name.
    const hasColon = /^\s*:/.test(text.slice(replace.end));
    const needsComma = !hasColon && /^\s*["{]/.test(text.slice(replace.end));
    for (const [name, memberSchema] of Object.entries(object.properties)) {
      if (present.has(name) && !(node?.value === name)) continue;
      const resolved = resolve(target.schema, memberSchema) ?? memberSchema;
      const insert = hasColon
        ? `${open}${name}"`
        : `${open}${name}": ${valueSnippet(target.schema, resolved, memberSchema)}${needsComma ? ',' : ''}`;
      items.push({
        label: name,
        kind: CompletionItemKind.Property,
        detail: typeLabel(target.schema, memberSchema),
        documentation: memberSchema.description
          ? { kind: MarkupKind.Markdown, value: memberSchema.description }
          : undefined,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range: rangeOf(textDocument, replace), newText: insert },
        additionalTextEdits: missingComma,
        sortText: (object.required?.includes(name) ? '0' : '1') + name,
      });
    }
    return result;
  }
  const target = bodyPath(doc, location.path);
  if (!target) return result;
  const schema = schemaAtPath(target.schema, target.path);
  if (!schema) return result;
  // Inside a string value's quotes, string items replace what follows the opening quote.
  const inValue = insideString(text, node, offset);
  const inString = inValue !== undefined;
  const replace: Replace =
    inValue ??
    (node &&
    node.type !== 'object' &&
    node.type !== 'array' &&
    offset >= node.offset &&
    offset <= node.offset + node.length
      ? { start: node.offset, end: node.offset + node.length }
      : wordAround(text, offset));
  const taskMemory = member(doc.body, 'memory');
  valueItems(target.schema, schema, location.path, textDocument, replace, items, inString, {
    taskMemory: !!taskMemory && taskMemory.type !== 'null',
  });
  if (doc.kind === 'task-definition' || doc.kind === 'describe-output')
    taskSizeItems(doc, target.path, textDocument, replace, items, inString);
  if (doc.kind === 'service' && isPortNamePath(target.path))
    portNameItems(doc, workspace, textDocument, replace, items, inString);
  return result;
}

/** Option names of the awslogs driver inside `logConfiguration.options`. */
function awslogsOptionItems(
  doc: EcsDocument,
  objectPath: Segment[],
  textDocument: TextDocument,
  offset: number,
  present: Set<string>,
  items: CompletionItem[],
): void {
  const driver: unknown = doc.root
    ? findNodeAtLocation(doc.root, [...objectPath.slice(0, -1), 'logDriver'])?.value
    : undefined;
  if (driver !== 'awslogs') return;
  const inKey = insideString(doc.text, locationAt(doc, offset).previousNode, offset);
  const range = rangeOf(textDocument, inKey ?? wordAround(doc.text, offset));
  const open = inKey ? '' : '"';
  for (const name of awslogsOptions) {
    if (present.has(name)) continue;
    const required = awslogsRequiredOptions.includes(name);
    items.push({
      label: name,
      kind: CompletionItemKind.Property,
      detail: required ? 'awslogs option (required)' : 'awslogs option',
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: `${open}${name}": "$1"` },
      sortText: (required ? '0' : '1') + name,
    });
  }
}

/** The named port mappings of the service's task definition, for Service Connect and VPC Lattice portName. */
function portNameItems(
  doc: EcsDocument,
  workspace: WorkspaceView,
  textDocument: TextDocument,
  replace: Replace,
  items: CompletionItem[],
  inString: boolean,
): void {
  const task = taskDefinitionOfService(workspace, doc)?.body;
  if (!task) return;
  const range = rangeOf(textDocument, replace);
  for (const [name] of portMappingNames(task)) {
    const { newText, filterText } = stringItemText(inString, name);
    items.push({
      label: JSON.stringify(name),
      kind: CompletionItemKind.Reference,
      detail: `port mapping of ${doc.family}`,
      textEdit: { range, newText },
      filterText,
      sortText: '0' + name,
    });
  }
}

/** Task-level cpu and memory: the Fargate sizes, memory narrowed to what the chosen cpu allows. */
function taskSizeItems(
  doc: EcsDocument,
  path: Segment[],
  textDocument: TextDocument,
  replace: Replace,
  items: CompletionItem[],
  inString: boolean,
): void {
  if (path.length !== 1 || (path[0] !== 'cpu' && path[0] !== 'memory')) return;
  const range = rangeOf(textDocument, replace);
  const quoted = (v: string) => stringItemText(inString, v);
  const cpu = parseCpu(member(doc.body, 'cpu')?.value);
  const values =
    path[0] === 'cpu'
      ? fargateCpuValues
      : cpu !== undefined && fargateCpuValues.includes(cpu)
        ? fargateMemoryFor(cpu)
        : [...new Set(fargateCpuValues.flatMap(fargateMemoryFor))].sort((a, b) => a - b);
  values.forEach((v, i) => {
    const detail =
      path[0] === 'cpu'
        ? `${v / 1024} vCPU (Fargate size)`
        : `${v / 1024} GB${cpu !== undefined ? ` (valid with cpu ${cpu} on Fargate)` : ' (a Fargate memory size)'}`;
    items.push({
      label: JSON.stringify(String(v)),
      kind: CompletionItemKind.Value,
      detail,
      textEdit: { range, newText: quoted(String(v)).newText },
      filterText: quoted(String(v)).filterText,
      sortText: String(i).padStart(3, '0'),
    });
  });
}

/**
 * The text of a string value item for a replaced range: after an opening quote the user typed, the rest
 * of the string and its closing quote, filtered by the value itself; elsewhere, the quoted string.
 */
function stringItemText(inString: boolean, value: string): { newText: string; filterText: string } {
  const quoted = JSON.stringify(value);
  return inString
    ? { newText: quoted.slice(1), filterText: quoted.slice(1, -1) }
    : { newText: quoted, filterText: quoted };
}

function valueItems(
  root: JsonSchema,
  schema: JsonSchema,
  path: Segment[],
  textDocument: TextDocument,
  replace: Replace,
  items: CompletionItem[],
  inString: boolean,
  task: { taskMemory: boolean } = { taskMemory: true },
): void {
  const range = rangeOf(textDocument, replace);
  // An element completed before an existing one needs the comma that separates them.
  const element = typeof path[path.length - 1] === 'number';
  const comma = element && !inString && /^\s*[[{"\d-]/.test(textDocument.getText().slice(replace.end)) ? ',' : '';
  for (const value of schema.enum ?? []) {
    if (inString && typeof value !== 'string') continue;
    const { newText, filterText } =
      typeof value === 'string'
        ? stringItemText(inString, value)
        : { newText: JSON.stringify(value), filterText: JSON.stringify(value) };
    items.push({
      label: JSON.stringify(value),
      kind: CompletionItemKind.EnumMember,
      textEdit: { range, newText: newText + comma },
      filterText,
      detail: schema['x-apiShape'],
    });
  }
  // Inside a string only string values fit.
  if (inString) return;
  const types = typeOf(schema);
  if (types.includes('boolean')) {
    for (const b of ['true', 'false'])
      items.push({ label: b, kind: CompletionItemKind.Value, textEdit: { range, newText: b + comma } });
  }
  const shape = schema['x-apiShape'];
  if ((shape && shapeSnippets[shape] && typeof path[path.length - 1] === 'number') || shape === 'LogConfiguration') {
    for (const s of shapeSnippets[shape] ?? []) {
      items.push({
        label: s.label,
        kind: CompletionItemKind.Snippet,
        detail: s.detail,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: snippetFor(shape, s.body, task.taskMemory) + comma },
        filterText: '{',
        sortText: '0' + s.label,
      });
    }
  }
  if (!schema.enum && !types.includes('boolean')) {
    items.push({
      label: skeletonLabel(types),
      kind: CompletionItemKind.Value,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: valueSnippet(root, schema, schema) + comma },
      sortText: '1',
    });
  }
}

/** A container in a task without task memory needs its own (resources.container-memory-required). */
function snippetFor(shape: string, body: string, taskMemory: boolean): string {
  if (shape !== 'ContainerDefinition' || taskMemory) return body;
  return body.replace('\t"essential": true,\n', '\t"essential": true,\n\t"memory": ${7:512},\n');
}

function skeletonLabel(types: string[]): string {
  if (types.includes('object')) return '{}';
  if (types.includes('array')) return '[]';
  if (types.includes('string')) return '""';
  return types[0] ?? 'value';
}

/** A value skeleton of the member's type, as a snippet. */
function valueSnippet(root: JsonSchema, resolved: JsonSchema, declared: JsonSchema): string {
  if (declared['x-snippet']) return declared['x-snippet'];
  if (resolved.enum) {
    const choices = resolved.enum.map((v) => String(v).replace(/[,|\\$}]/g, '\\$&')).join(',');
    return `"\${1|${choices}|}"`;
  }
  const types = typeOf(resolved);
  if (types.includes('array')) {
    const item = resolve(root, resolved.items);
    if (!item || !typeOf(item).includes('object')) return '[$1]';
    const skeleton = requiredSkeleton(item);
    return skeleton ? `[\n\t${skeleton.split('\n').join('\n\t')}\n]` : '[\n\t{\n\t\t$1\n\t}\n]';
  }
  if (types.includes('object')) return requiredSkeleton(resolved) ?? '{\n\t$1\n}';
  if (types.includes('boolean')) return `\${1:${(resolved.default as boolean | undefined) ?? true}}`;
  if (types.includes('number')) return `\${1:${(resolved.default as number | undefined) ?? 0}}`;
  if (types.includes('string')) return '"$1"';
  return '$1';
}

/** An object with required members starts from its shape's snippet: an empty one would be an error at once. */
function requiredSkeleton(object: JsonSchema): string | undefined {
  const shape = object['x-apiShape'];
  if (!object.required?.length || !shape) return undefined;
  return shapeSnippets[shape]?.[0]?.body;
}

/** The item as plain text for a client without snippet support: placeholders become their defaults, on one line. */
function withPlainText(item: CompletionItem): CompletionItem {
  if (item.insertTextFormat !== InsertTextFormat.Snippet) return item;
  const plain: CompletionItem = { ...item, insertTextFormat: InsertTextFormat.PlainText };
  if (item.textEdit) plain.textEdit = { ...item.textEdit, newText: snippetToPlainText(item.textEdit.newText) };
  if (item.insertText !== undefined) plain.insertText = snippetToPlainText(item.insertText);
  return plain;
}

/**
 * A snippet's text as it reads once expanded with its defaults (`${1:x}` → `x`, `${1|a,b|}` → `a`,
 * `$1` → nothing), with its lines joined: clients without snippets insert completion text into one line.
 */
export function snippetToPlainText(snippet: string): string {
  let i = 0;
  const parse = (inPlaceholder: boolean): string => {
    let out = '';
    while (i < snippet.length) {
      const c = snippet[i];
      if (c === '\\' && i + 1 < snippet.length && '$}\\,|'.includes(snippet[i + 1])) {
        out += snippet[i + 1];
        i += 2;
      } else if (inPlaceholder && c === '}') {
        i++;
        return out;
      } else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
        i++;
        while (/\d/.test(snippet[i] ?? '')) i++;
      } else if (c === '$' && snippet[i + 1] === '{' && /\d/.test(snippet[i + 2] ?? '')) {
        i += 2;
        while (/\d/.test(snippet[i] ?? '')) i++;
        if (snippet[i] === ':') {
          i++;
          out += parse(true);
        } else if (snippet[i] === '|') {
          i++;
          let choice = '';
          let first = true;
          while (i < snippet.length && !(snippet[i] === '|' && snippet[i + 1] === '}')) {
            if (snippet[i] === '\\' && i + 1 < snippet.length) {
              if (first) choice += snippet[i + 1];
              i += 2;
            } else {
              if (snippet[i] === ',') first = false;
              else if (first) choice += snippet[i];
              i++;
            }
          }
          i += 2;
          out += choice;
        } else {
          i++; // `}` of `${1}`
        }
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };
  return parse(false)
    .replace(/[ \t]*\r?\n\s*/g, ' ')
    .replace(/([[{])\s+(?=[[\]{}])/g, '$1')
    .replace(/([\]}])\s+(?=[\]}])/g, '$1');
}

/**
 * When `offset` is after the opening quote of the string `node` (a key or a value), the text after that
 * quote up to and with the closing quote; an unterminated string (the user is typing) ends with its word.
 */
function insideString(
  text: string,
  node: { type: string; offset: number; length: number } | undefined,
  offset: number,
): Replace | undefined {
  if (!node || (node.type !== 'string' && node.type !== 'property') || text[node.offset] !== '"') return undefined;
  const end = node.offset + node.length;
  if (offset <= node.offset || offset > end) return undefined;
  const terminated = node.length >= 2 && text[end - 1] === '"' && !/[\r\n]/.test(text.slice(node.offset, end));
  if (terminated && offset === end) return undefined;
  return { start: node.offset + 1, end: terminated ? end : Math.max(offset, wordAround(text, offset).end) };
}

function wordAround(text: string, offset: number): Replace {
  let start = offset;
  let end = offset;
  while (start > 0 && /[\w"$.:-]/.test(text[start - 1])) start--;
  while (end < text.length && /[\w"$.-]/.test(text[end])) end++;
  return { start, end };
}

function rangeOf(textDocument: TextDocument, r: Replace) {
  return { start: textDocument.positionAt(r.start), end: textDocument.positionAt(r.end) };
}

function completeInExpression(
  doc: EcsDocument,
  textDocument: TextDocument,
  node: JsonNode,
  offset: number,
  workspace: WorkspaceView,
  items: CompletionItem[],
): void {
  const decoded = node.value as string;
  const at = documentToDecoded(doc, node, offset);
  const kinds: Record<string, CompletionItemKind> = {
    subject: CompletionItemKind.Field,
    attribute: CompletionItemKind.Property,
    operator: CompletionItemKind.Operator,
    value: CompletionItemKind.Value,
    keyword: CompletionItemKind.Keyword,
  };
  for (const c of completeExpression(decoded, at, workspaceFacts(workspace))) {
    const start = decodedToDocument(doc, node, c.replaceOffset);
    const end = decodedToDocument(doc, node, c.replaceOffset + c.replaceLength);
    items.push({
      label: c.label,
      kind: kinds[c.kind] ?? CompletionItemKind.Text,
      detail: c.detail,
      documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
      // The expression lives in a JSON string: keep quotes and backslashes escaped.
      textEdit: { range: rangeOf(textDocument, { start, end }), newText: JSON.stringify(c.insertText).slice(1, -1) },
    });
  }
}

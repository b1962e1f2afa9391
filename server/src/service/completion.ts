import { findNodeAtLocation, getLocation, type Segment } from 'jsonc-parser';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
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

interface Replace { start: number; end: number }

/** Completion at `offset`; works on incomplete JSON as the user types. */
export function complete(doc: EcsDocument, textDocument: TextDocument, offset: number, workspace: WorkspaceView): CompletionList {
  const items: CompletionItem[] = [];
  const result: CompletionList = { isIncomplete: false, items };
  if (doc.unparsed) return result;
  const expression = expressionAt(doc, offset);
  if (expression) {
    completeInExpression(doc, textDocument, expression, offset, workspace, items);
    return result;
  }
  const location = getLocation(doc.text, offset);
  const text = doc.text;
  const node = location.previousNode;
  // After a complete member value with only whitespace up to the cursor (the comma not typed yet),
  // the user is starting the next member: offer names and insert the missing comma.
  const afterValue = !location.isAtPropertyKey && node && node.type !== 'object' && node.type !== 'array'
    && typeof location.path[location.path.length - 1] === 'string' && node.offset + node.length <= offset
    && /^\s+$/.test(text.slice(node.offset + node.length, offset));
  if (location.isAtPropertyKey || afterValue) {
    const objectPath = location.path.slice(0, -1);
    const valueEnd = node ? node.offset + node.length : offset;
    const missingComma = afterValue ? [{ range: rangeOf(textDocument, { start: valueEnd, end: valueEnd }), newText: ',' }] : undefined;
    const target = bodyPath(doc, objectPath);
    const object = target && schemaAtPath(target.schema, target.path);
    const objectNode = doc.root ? findNodeAtLocation(doc.root, objectPath) : undefined;
    const present = new Set(properties(objectNode).map(([name]) => name));
    if (target && object?.['x-apiShape'] === undefined && objectPath[objectPath.length - 1] === 'options') {
      awslogsOptionItems(doc, objectPath, textDocument, offset, present, items);
      return result;
    }
    if (!target || !object?.properties) return result;
    const replace = !afterValue && node && node.type === 'string' && offset >= node.offset && offset <= node.offset + node.length
      ? { start: node.offset, end: node.offset + node.length }
      : wordAround(text, offset);
    // Editing an existing key: keep its value, replace only the name.
    const hasColon = /^\s*:/.test(text.slice(replace.end));
    const needsComma = !hasColon && /^\s*["{]/.test(text.slice(replace.end));
    for (const [name, memberSchema] of Object.entries(object.properties)) {
      if (present.has(name) && !(node?.value === name)) continue;
      const resolved = resolve(target.schema, memberSchema) ?? memberSchema;
      const insert = hasColon ? `"${name}"` : `"${name}": ${valueSnippet(target.schema, resolved, memberSchema)}${needsComma ? ',' : ''}`;
      items.push({
        label: name,
        kind: CompletionItemKind.Property,
        detail: typeLabel(target.schema, memberSchema),
        documentation: memberSchema.description ? { kind: MarkupKind.Markdown, value: memberSchema.description } : undefined,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range: rangeOf(textDocument, replace), newText: insert },
        additionalTextEdits: missingComma,
        filterText: `"${name}"`,
        sortText: (object.required?.includes(name) ? '0' : '1') + name,
      });
    }
    return result;
  }
  const target = bodyPath(doc, location.path);
  if (!target) return result;
  const schema = schemaAtPath(target.schema, target.path);
  if (!schema) return result;
  const replace: Replace = node && node.type !== 'object' && node.type !== 'array' && offset >= node.offset && offset <= node.offset + node.length
    ? { start: node.offset, end: node.offset + node.length }
    : wordAround(text, offset);
  valueItems(target.schema, schema, location.path, textDocument, replace, items);
  if (doc.kind === 'task-definition' || doc.kind === 'describe-output') taskSizeItems(doc, target.path, textDocument, replace, items);
  if (doc.kind === 'service' && isPortNamePath(target.path)) portNameItems(doc, workspace, textDocument, replace, items);
  return result;
}

/** Option names of the awslogs driver inside `logConfiguration.options`. */
function awslogsOptionItems(doc: EcsDocument, objectPath: Segment[], textDocument: TextDocument, offset: number, present: Set<string>, items: CompletionItem[]): void {
  const driver = doc.root ? findNodeAtLocation(doc.root, [...objectPath.slice(0, -1), 'logDriver'])?.value : undefined;
  if (driver !== 'awslogs') return;
  const range = rangeOf(textDocument, wordAround(doc.text, offset));
  for (const name of awslogsOptions) {
    if (present.has(name)) continue;
    const required = awslogsRequiredOptions.includes(name);
    items.push({ label: name, kind: CompletionItemKind.Property, detail: required ? 'awslogs option (required)' : 'awslogs option', insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: `"${name}": "$1"` }, filterText: `"${name}"`, sortText: (required ? '0' : '1') + name });
  }
}

/** The named port mappings of the service's task definition, for Service Connect and VPC Lattice portName. */
function portNameItems(doc: EcsDocument, workspace: WorkspaceView, textDocument: TextDocument, replace: Replace, items: CompletionItem[]): void {
  const task = taskDefinitionOfService(workspace, doc)?.body;
  if (!task) return;
  const range = rangeOf(textDocument, replace);
  for (const [name] of portMappingNames(task)) {
    items.push({ label: JSON.stringify(name), kind: CompletionItemKind.Reference, detail: `port mapping of ${doc.family}`, textEdit: { range, newText: JSON.stringify(name) }, filterText: JSON.stringify(name), sortText: '0' + name });
  }
}

/** Task-level cpu and memory: the Fargate sizes, memory narrowed to what the chosen cpu allows. */
function taskSizeItems(doc: EcsDocument, path: Segment[], textDocument: TextDocument, replace: Replace, items: CompletionItem[]): void {
  if (path.length !== 1 || (path[0] !== 'cpu' && path[0] !== 'memory')) return;
  const range = rangeOf(textDocument, replace);
  const cpu = parseCpu(member(doc.body, 'cpu')?.value);
  const values = path[0] === 'cpu' ? fargateCpuValues : cpu !== undefined && fargateCpuValues.includes(cpu) ? fargateMemoryFor(cpu) : [...new Set(fargateCpuValues.flatMap(fargateMemoryFor))].sort((a, b) => a - b);
  values.forEach((v, i) => {
    const detail = path[0] === 'cpu' ? `${v / 1024} vCPU (Fargate size)` : `${v / 1024} GB${cpu !== undefined ? ` (valid with cpu ${cpu} on Fargate)` : ' (a Fargate memory size)'}`;
    items.push({ label: JSON.stringify(String(v)), kind: CompletionItemKind.Value, detail, textEdit: { range, newText: JSON.stringify(String(v)) }, filterText: JSON.stringify(String(v)), sortText: String(i).padStart(3, '0') });
  });
}

function valueItems(root: JsonSchema, schema: JsonSchema, path: Segment[], textDocument: TextDocument, replace: Replace, items: CompletionItem[]): void {
  const range = rangeOf(textDocument, replace);
  for (const value of schema.enum ?? []) {
    items.push({ label: JSON.stringify(value), kind: CompletionItemKind.EnumMember, textEdit: { range, newText: JSON.stringify(value) }, filterText: JSON.stringify(value), detail: schema['x-apiShape'] });
  }
  const types = typeOf(schema);
  if (types.includes('boolean')) {
    for (const b of ['true', 'false']) items.push({ label: b, kind: CompletionItemKind.Value, textEdit: { range, newText: b } });
  }
  const shape = schema['x-apiShape'];
  if (shape && shapeSnippets[shape] && typeof path[path.length - 1] === 'number' || (shape === 'LogConfiguration')) {
    for (const s of shapeSnippets[shape!] ?? []) {
      items.push({ label: s.label, kind: CompletionItemKind.Snippet, detail: s.detail, insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: s.body }, filterText: '{', sortText: '0' + s.label });
    }
  }
  if (!schema.enum && !types.includes('boolean')) {
    items.push({ label: skeletonLabel(types), kind: CompletionItemKind.Value, insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: valueSnippet(root, schema, schema) }, sortText: '1' });
  }
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
    return item && typeOf(item).includes('object') ? '[\n\t{\n\t\t$1\n\t}\n]' : '[$1]';
  }
  if (types.includes('object')) return '{\n\t$1\n}';
  if (types.includes('boolean')) return `\${1:${resolved.default ?? true}}`;
  if (types.includes('number')) return `\${1:${resolved.default ?? 0}}`;
  if (types.includes('string')) return '"$1"';
  return '$1';
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

function completeInExpression(doc: EcsDocument, textDocument: TextDocument, node: JsonNode, offset: number, workspace: WorkspaceView, items: CompletionItem[]): void {
  const decoded = node.value as string;
  const at = documentToDecoded(doc, node, offset);
  const kinds: Record<string, CompletionItemKind> = { subject: CompletionItemKind.Field, attribute: CompletionItemKind.Property, operator: CompletionItemKind.Operator, value: CompletionItemKind.Value, keyword: CompletionItemKind.Keyword };
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

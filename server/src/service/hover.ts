import { memberLimits } from '../ecs/limits';
import { findNodeAtOffset, getLocation, getNodePath, type JSONPath } from 'jsonc-parser';
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverExpression } from '../cql';
import type { EcsDocument } from './document';
import { decodedToDocument, documentToDecoded, expressionAt } from './expressions';
import { keyOf, type JsonNode } from './json';
import { readOnlyMembers, resolve, type JsonSchema } from './schema';
import { bodyPath, schemaAtPath, typeLabel } from './schemaNav';

const apiReference = 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference';

/** Hover on a member name or value: type, allowed values, default, description, API reference link. */
export function hover(doc: EcsDocument, textDocument: TextDocument, offset: number): Hover | undefined {
  if (doc.unparsed) return undefined;
  const expression = expressionAt(doc, offset);
  if (expression) {
    const h = hoverExpression(expression.value as string, documentToDecoded(doc, expression, offset));
    if (!h) return undefined;
    const start = decodedToDocument(doc, expression, h.offset);
    const end = decodedToDocument(doc, expression, h.offset + h.length);
    return {
      contents: { kind: MarkupKind.Markdown, value: h.markdown },
      range: { start: textDocument.positionAt(start), end: textDocument.positionAt(end) },
    };
  }
  const location = leafLocation(doc, offset);
  const node = location.previousNode;
  if (!node || node.type === 'object' || node.type === 'array') return undefined;
  const path = location.path;
  const name = path[path.length - 1];
  if (typeof name !== 'string') return undefined;
  const target = bodyPath(doc, path);
  if (!target) return undefined;
  const parent = schemaAtPath(target.schema, target.path.slice(0, -1));
  const declared = parent?.properties?.[name];
  const keyNode = location.isAtPropertyKey ? node : node.parent?.type === 'property' ? keyOf(node) : undefined;
  const range = {
    start: textDocument.positionAt(node.offset),
    end: textDocument.positionAt(node.offset + node.length),
  };
  if (!declared) {
    if (target.path.length === 1 && readOnlyMembers.includes(name)) {
      return {
        contents: {
          kind: MarkupKind.Markdown,
          value: `**${name}** (read-only)\n\nSet by ECS in describe-task-definition output; register-task-definition does not accept it.`,
        },
        range,
      };
    }
    return undefined;
  }
  if (
    !keyNode &&
    !location.isAtPropertyKey &&
    node.type !== 'string' &&
    node.type !== 'number' &&
    node.type !== 'boolean'
  )
    return undefined;
  return {
    contents: { kind: MarkupKind.Markdown, value: memberMarkdown(target.schema, parent, name, declared) },
    range,
  };
}

/**
 * The key or scalar value at `offset` and its path, from the parsed tree the document keeps (a
 * search down the tree, not a scan of the text from its start). Without a tree, the text is scanned.
 */
function leafLocation(
  doc: EcsDocument,
  offset: number,
): { previousNode?: JsonNode | undefined; path: JSONPath; isAtPropertyKey: boolean } {
  if (!doc.root) return getLocation(doc.text, offset);
  const node = findNodeAtOffset(doc.root, offset, true);
  if (!node || node.type === 'object' || node.type === 'array' || node.type === 'property')
    return { previousNode: undefined, path: [], isAtPropertyKey: false };
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  if (property && property.children?.[0] === node) {
    const owner = property.parent;
    return {
      previousNode: node,
      path: [...(owner ? getNodePath(owner) : []), node.value as string],
      isAtPropertyKey: true,
    };
  }
  return { previousNode: node, path: getNodePath(node), isAtPropertyKey: false };
}

export function memberMarkdown(root: JsonSchema, parent: JsonSchema, name: string, declared: JsonSchema): string {
  const schema = resolve(root, declared) ?? declared;
  const lines: string[] = [];
  const required = parent.required?.includes(name);
  lines.push(`**${name}**: \`${typeLabel(root, declared)}\`${required ? ' (required)' : ''}`);
  const facts: string[] = [];
  if (schema.enum) facts.push('Allowed values: ' + schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(', '));
  if (declared.default !== undefined || schema.default !== undefined)
    facts.push(`Default: \`${JSON.stringify(declared.default ?? schema.default)}\``);
  const shape = parent['x-apiShape'];
  // Limits the rules own live in ecs/limits, not in the schema.
  const owned = shape ? memberLimits[`${shape}.${name}`] : undefined;
  const minimum = declared.minimum ?? owned?.min;
  const maximum = declared.maximum ?? owned?.max;
  const maxItems = declared.maxItems ?? owned?.maxItems;
  if (minimum !== undefined || maximum !== undefined) facts.push(`Range: ${minimum ?? '…'} to ${maximum ?? '…'}`);
  if (maxItems !== undefined) facts.push(`At most ${maxItems} entries`);
  if (declared['x-patternMessage']) facts.push(`Format: ${declared['x-patternMessage']}`);
  if (facts.length) lines.push(facts.join('  \n'));
  if (declared.description) lines.push(declared.description);
  if (shape) lines.push(`[${shape} in the Amazon ECS API Reference](${apiReference}/API_${shape}.html)`);
  return lines.join('\n\n');
}

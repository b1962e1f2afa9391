import type { Segment } from 'jsonc-parser';
import type { EcsDocument } from './document';
import { resolve, schemaFor, type JsonSchema } from './schema';

/** The schema that describes the value at `path` (a path inside doc.body), or undefined. */
export function schemaAtPath(root: JsonSchema, path: readonly Segment[]): JsonSchema | undefined {
  let current: JsonSchema | undefined = resolve(root, root);
  for (const segment of path) {
    if (!current) return undefined;
    current = pickBranch(root, current, typeof segment === 'number' ? 'array' : 'object');
    if (!current) return undefined;
    if (typeof segment === 'number') current = resolve(root, current.items);
    else if (current.properties?.[segment]) current = resolve(root, current.properties[segment]);
    else if (current.additionalProperties && typeof current.additionalProperties === 'object')
      current = resolve(root, current.additionalProperties);
    else return undefined;
  }
  return current;
}

/** For an anyOf, the branch that has the wanted JSON type. */
function pickBranch(root: JsonSchema, schema: JsonSchema, want: 'array' | 'object'): JsonSchema | undefined {
  if (!schema.anyOf) return schema;
  return schema.anyOf.map((s) => resolve(root, s)).find((s) => s && typeOf(s).includes(want));
}

export function typeOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.enum) return ['string'];
  return [];
}

/** The path from doc.root to the checked body (`taskDefinition` in describe output). */
export function bodyPrefix(doc: EcsDocument): Segment[] {
  return doc.kind === 'describe-output' ? ['taskDefinition'] : [];
}

/**
 * Converts a path from the document root to one inside the body, with the schema of
 * the document; undefined when the path lies outside the body.
 */
export function bodyPath(
  doc: EcsDocument,
  path: readonly Segment[],
): { schema: JsonSchema; path: Segment[] } | undefined {
  const schema = schemaFor(doc.kind);
  if (!schema) return undefined;
  // A container-definitions array is checked as the containerDefinitions of a task definition.
  if (doc.kind === 'container-definitions') return { schema, path: ['containerDefinitions', ...path] };
  const prefix = bodyPrefix(doc);
  if (path.length < prefix.length || prefix.some((p, i) => path[i] !== p)) return undefined;
  return { schema, path: path.slice(prefix.length) };
}

/** A short human name of a schema's type: `string`, `number`, `list of PortMapping`, `"awsvpc" | "bridge"`. */
export function typeLabel(root: JsonSchema, schema: JsonSchema): string {
  const s = resolve(root, schema) ?? schema;
  if (s.enum) return 'string (' + s.enum.map((v) => JSON.stringify(v)).join(' | ') + ')';
  if (s.anyOf) return s.anyOf.map((b) => typeLabel(root, b)).join(' or ');
  const types = typeOf(s);
  if (types.includes('array') && s.items) {
    const item = resolve(root, s.items);
    const name = s.items.$ref ? s.items.$ref.replace('#/definitions/', '') : item ? typeLabel(root, item) : 'value';
    return `list of ${name}`;
  }
  if (types.includes('object')) {
    if (schema.$ref) return schema.$ref.replace('#/definitions/', '');
    if (s['x-apiShape']) return s['x-apiShape'];
    return 'map of string to string';
  }
  return types.join(' | ') || 'any';
}

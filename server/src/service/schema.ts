import type { ErrorObject, ValidateFunction } from 'ajv';
import { findNodeAtLocation, getNodeValue } from 'jsonc-parser';
import type { EcsDocument } from './document';
import type { DocumentKind } from './documentKind';
import { schemaSources } from './schemaSources';
import { closestName } from './didYouMean';
import { insertFirstMember, removeNode, removeNodes } from './edits';
import { keyOf, member, type JsonNode } from './json';
import type { Fix, Problem } from './problem';
import { isPlaceholder } from '../ecs/placeholders';
import { sliceOver, type Steps } from '../shared/steps';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  $ref?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  definitions?: Record<string, JsonSchema>;
  'x-apiShape'?: string;
  'x-patternMessage'?: string;
  'x-readOnlyMembers'?: string[];
  'x-union'?: boolean;
  'x-snippet'?: string;
  /** Required members that deployment tools often supply outside the file: missing, they are warnings. */
  'x-requiredWarnings'?: Record<string, string>;
}

export type SchemaName = keyof typeof schemaSources;

const loadedSchemas: Partial<Record<SchemaName, JsonSchema>> = {};

/** The schemas by name, each read on first use. */
export const schemas = {} as Readonly<Record<SchemaName, JsonSchema>>;
for (const name of Object.keys(schemaSources) as SchemaName[])
  Object.defineProperty(schemas, name, {
    enumerable: true,
    get: () => (loadedSchemas[name] ??= schemaSources[name]()),
  });

/**
 * The schema each document kind is checked against, or null for a kind no schema checks: a new kind does not
 * compile until it has its row here, and a new schema until it has its source and validator (Records by name).
 */
export const schemaOfKind: Readonly<Record<DocumentKind, SchemaName | null>> = {
  'task-definition': 'taskDefinition',
  'describe-output': 'taskDefinition',
  'container-definitions': 'taskDefinition',
  service: 'service',
  cluster: 'cluster',
  'daemon-task-definition': 'daemonTaskDefinition',
  'express-service': 'expressService',
  'scalable-target': 'scalableTarget',
  'scaling-policy': 'scalingPolicy',
  'load-profile': 'loadProfile',
  // A CodeDeploy appspec: CodeDeploy's format, read by the rules only.
  appspec: null,
  unknown: null,
};

/** The schema a document kind is checked against. */
export function schemaFor(kind: EcsDocument['kind']): JsonSchema | undefined {
  const name = schemaOfKind[kind];
  return name ? schemas[name] : undefined;
}

export const readOnlyMembers: readonly string[] = schemas.taskDefinition['x-readOnlyMembers'] ?? [];

/* eslint-disable @typescript-eslint/no-require-imports -- each validator module is loaded on first use */
// Compiled by schemas/generate.mjs with ajv's standalone code generation, so no schema is compiled at run time.
const validatorIn = (module: unknown): ValidateFunction => (module as { validate: ValidateFunction }).validate;
const loaders: Record<SchemaName, () => ValidateFunction> = {
  taskDefinition: () => validatorIn(require('../../../schemas/generated/validators/taskDefinition.js')),
  service: () => validatorIn(require('../../../schemas/generated/validators/service.js')),
  cluster: () => validatorIn(require('../../../schemas/generated/validators/cluster.js')),
  daemonTaskDefinition: () => validatorIn(require('../../../schemas/generated/validators/daemonTaskDefinition.js')),
  expressService: () => validatorIn(require('../../../schemas/generated/validators/expressService.js')),
  scalableTarget: () => validatorIn(require('../../../schemas/generated/validators/scalableTarget.js')),
  scalingPolicy: () => validatorIn(require('../../../schemas/generated/validators/scalingPolicy.js')),
  loadProfile: () => validatorIn(require('../../../schemas/generated/validators/loadProfile.js')),
};
/* eslint-enable @typescript-eslint/no-require-imports */

const loaded: Partial<Record<SchemaName, ValidateFunction>> = {};

function validatorFor(name: SchemaName): ValidateFunction {
  return (loaded[name] ??= loaders[name]());
}

/** Loads the validators ahead of the first document (server start, benchmarks). */
export function warmUpSchemas(): void {
  validatorFor('taskDefinition');
}

/** Resolves `#/definitions/X` references against the root schema. */
export function resolve(root: JsonSchema, schema: JsonSchema | undefined): JsonSchema | undefined {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++) {
    const name = s.$ref.replace('#/definitions/', '');
    const target: JsonSchema | undefined = root.definitions?.[name];
    s = target ? { ...target, description: s.description ?? target.description } : undefined;
  }
  return s;
}

function describeType(type: string | string[] | undefined): string {
  const names: Record<string, string> = {
    array: 'a list',
    object: 'an object',
    string: 'a string',
    number: 'a number',
    integer: 'an integer',
    boolean: 'true or false',
    null: 'null',
  };
  const list = Array.isArray(type) ? type : type ? [type] : [];
  return list.map((t) => names[t] ?? t).join(' or ');
}

function describeValue(node: JsonNode): string {
  switch (node.type) {
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    case 'string':
      return `the string ${JSON.stringify(node.value)}`;
    case 'number':
      return `the number ${node.value}`;
    case 'boolean':
      return String(node.value);
    default:
      return 'null';
  }
}

function pathOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => {
      const seg = s.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(seg) ? Number(seg) : seg;
    });
}

/**
 * Elements of a list checked by the schema, at most: the generated validator joins the errors of
 * list elements by copying, which is quadratic in the number of invalid elements. More than any
 * schema's maxItems (50), so a list that is too long is still reported.
 */
export const maxListItemsValidated = 100;

/** The value itself, or a copy with every list cut to its first elements when one is longer. */
function withShortLists(value: unknown): unknown {
  if (!hasLongList(value, 0)) return value;
  const cut = (v: unknown, depth: number): unknown => {
    if (depth > 256 || typeof v !== 'object' || v === null) return v;
    if (Array.isArray(v)) return v.slice(0, maxListItemsValidated).map((e) => cut(e, depth + 1));
    const out: Record<string, unknown> = {};
    // defineProperty keeps a member named "__proto__" a member, as JSON.parse made it.
    for (const [k, e] of Object.entries(v))
      Object.defineProperty(out, k, { value: cut(e, depth + 1), enumerable: true, writable: true, configurable: true });
    return out;
  };
  return cut(value, 0);
}

function hasLongList(v: unknown, depth: number): boolean {
  if (depth > 256 || typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) {
    if (v.length > maxListItemsValidated) return true;
    for (let k = 0; k < v.length; k++) if (hasLongList(v[k], depth + 1)) return true;
    return false;
  }
  for (const k in v) if (hasLongList((v as Record<string, unknown>)[k], depth + 1)) return true;
  return false;
}

/** Schema problems collected per document at most. */
export const maxSchemaProblems = 1000;

/** Nodes turned into values between two pauses of `withBodyValueSteps`. */
const nodesPerStep = 10_000;

/**
 * The document with the value `validateSchema` checks, built in steps where it has none yet (a large file read in
 * steps gives a tree only): jsonc-parser's `getNodeValue` with objects without a prototype and every list cut to
 * its first `maxListItemsValidated` elements, as `validateSchema` would cut it (the rest is never built).
 */
export function* withBodyValueSteps(doc: EcsDocument): Steps<EcsDocument> {
  const body = doc.body;
  if (doc.bodyValue !== undefined || !body || !schemaOfKind[doc.kind]) return doc;
  if (body.type !== 'object' && body.type !== 'array') return doc;
  const leaf = (n: JsonNode): unknown =>
    n.type === 'null' || n.type === 'string' || n.type === 'number' || n.type === 'boolean' ? n.value : undefined;
  const container = (n: JsonNode): unknown[] | Record<string, unknown> =>
    n.type === 'array' ? [] : (Object.create(null) as Record<string, unknown>);
  const value = container(body);
  const stack: Array<{ node: JsonNode; out: unknown[] | Record<string, unknown>; next: number }> = [
    { node: body, out: value, next: 0 },
  ];
  let made = 0;
  while (stack.length) {
    const frame = stack[stack.length - 1];
    const children = frame.node.children ?? [];
    const end = frame.node.type === 'array' ? Math.min(children.length, maxListItemsValidated) : children.length;
    if (frame.next >= end) {
      stack.pop();
      continue;
    }
    const child = children[frame.next++];
    if (++made % nodesPerStep === 0 && sliceOver()) yield;
    const valueNode = frame.node.type === 'array' ? child : child.children?.[1];
    if (!valueNode) continue;
    const nested = valueNode.type === 'array' || valueNode.type === 'object';
    const item = nested ? container(valueNode) : leaf(valueNode);
    if (Array.isArray(frame.out)) frame.out.push(item);
    else frame.out[child.children![0].value as string] = item;
    if (nested) stack.push({ node: valueNode, out: item as unknown[] | Record<string, unknown>, next: 0 });
  }
  return { ...doc, bodyValue: value };
}

/** Validates doc.body against the schema of its kind; one problem per offending node. */
export function validateSchema(doc: EcsDocument): Problem[] {
  const name = schemaOfKind[doc.kind];
  const body = doc.body;
  if (!name || !body) return [];
  // describe-container-instances output is AWS's own output, taken as it is.
  if (doc.kind === 'cluster' && member(body, 'containerInstances')) return [];
  const schema = schemas[name];
  const validate = validatorFor(name);
  const value = withShortLists(doc.bodyValue !== undefined ? doc.bodyValue : getNodeValue(body));
  if (validate(value)) return [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const readOnly = new Set(doc.kind === 'task-definition' || doc.kind === 'describe-output' ? readOnlyMembers : []);
  const readOnlyKeys: JsonNode[] = [];
  for (const error of validate.errors ?? []) {
    // Past the budget, more messages about the same broken file help nobody and cost time on every edit.
    if (problems.length >= maxSchemaProblems) break;
    // A container-definitions file holds no task-level members: only the containers are checked.
    if (doc.kind === 'container-definitions' && !error.instancePath.startsWith('/containerDefinitions')) continue;
    const node = findNodeAtLocation(body, pathOf(error.instancePath));
    if (!node) continue;
    if (
      node === body &&
      error.keyword === 'additionalProperties' &&
      readOnly.has((error.params as { additionalProperty: string }).additionalProperty)
    ) {
      const prop = body.children?.find(
        (p) => p.children?.[0]?.value === (error.params as { additionalProperty: string }).additionalProperty,
      );
      if (prop?.children?.[0]) readOnlyKeys.push(prop.children[0]);
      continue;
    }
    const problem = toProblem(error, node, doc.text, schema);
    if (!problem) continue;
    const key = `${problem.offset}:${problem.length}:${problem.code}`;
    // anyOf branches and nested keywords report the same node more than once.
    if (seen.has(key) || seen.has(`${problem.offset}:${problem.length}:node`)) continue;
    seen.add(key);
    seen.add(`${problem.offset}:${problem.length}:node`);
    problems.push(problem);
  }
  if (readOnlyKeys.length) for (const p of readOnlyProblems(readOnlyKeys, doc.text)) problems.push(p);
  return problems.sort((a, b) => a.offset - b.offset);
}

function readOnlyProblems(keys: JsonNode[], text: string): Problem[] {
  // One fix removes them all; applying several removals at once needs non-overlapping edits in order.
  const edits = removeNodes(
    text,
    keys.map((k) => k.parent!),
  );
  const fix = { title: 'Remove all read-only members of describe-task-definition output', edits, preferred: true };
  return keys.map((key) => ({
    offset: key.offset,
    length: key.length,
    code: 'schema.read-only-member',
    severity: 'warning' as const,
    message: `"${key.value}" is part of describe-task-definition output; register-task-definition rejects it. Remove it before registering.`,
    fixes: [fix],
    unnecessary: true,
  }));
}

/** Adds `"name": <empty value of its type>` as the object's first member. */
function addMemberFix(text: string, object: JsonNode, name: string, member: JsonSchema | undefined): Fix | undefined {
  if (object.type !== 'object') return undefined;
  const type = member?.enum ? 'string' : Array.isArray(member?.type) ? member?.type[0] : member?.type;
  const skeleton =
    type === 'number' || type === 'integer'
      ? '0'
      : type === 'boolean'
        ? 'true'
        : type === 'array'
          ? '[]'
          : type === 'object'
            ? '{}'
            : '""';
  return { title: `Add "${name}"`, edits: [insertFirstMember(text, object, name, skeleton)] };
}

/** What a schema error is about: the error, the node it is on, the text, and the schema it came from. */
interface SchemaError {
  error: ErrorObject;
  node: JsonNode;
  text: string;
  root: JsonSchema;
  schema: JsonSchema | undefined;
  /** A string that stands for a value filled in at deploy time: its type and form are unknown. */
  placeholder: boolean;
}

/** The preferred fix that puts `newText` in place of a key or value. */
function replacedBy(title: string, at: { offset: number; length: number }, newText: string): Fix {
  return { title, edits: [{ offset: at.offset, length: at.length, newText }], preferred: true };
}

function unknownMember({ error, node, schema }: SchemaError): Problem | undefined {
  const name = (error.params as { additionalProperty: string }).additionalProperty;
  const prop = node.children?.find((p) => p.children?.[0]?.value === name);
  const key = prop?.children?.[0];
  if (!key) return undefined;
  const allowed = Object.keys(schema?.properties ?? {});
  const suggestion = closestName(name, allowed);
  const where = schema?.['x-apiShape'] ? ` in ${schema['x-apiShape']}` : '';
  const message = suggestion
    ? `Unknown member "${name}"${where}. Did you mean "${suggestion}"?`
    : `Unknown member "${name}"${where}. Allowed: ${allowed.join(', ')}.`;
  const fixes = suggestion ? [replacedBy(`Rename to "${suggestion}"`, key, JSON.stringify(suggestion))] : undefined;
  return {
    offset: key.offset,
    length: key.length,
    code: 'schema.unknown-member',
    severity: 'error',
    message,
    fixes,
  };
}

function wrongType({ error, node, text, schema, placeholder }: SchemaError): Problem | undefined {
  if (placeholder) return undefined;
  if (node.type === 'null') {
    const prop = node.parent?.type === 'property' ? node.parent : undefined;
    const fixes = prop ? [{ title: 'Remove the member set to null', edits: [removeNode(text, prop)] }] : undefined;
    return {
      offset: node.offset,
      length: node.length,
      code: 'schema.null-value',
      severity: 'error',
      message: `null is not accepted here: the AWS CLI rejects it as an invalid type. Omit the member, or give ${describeType(schema?.type)}.`,
      fixes,
    };
  }
  const expected = describeType((error.params as { type: string | string[] }).type);
  let fixes;
  if (node.type === 'string' && /^-?\d+(\.\d+)?$/.test(node.value as string) && expected === 'a number')
    fixes = [replacedBy(`Use the number ${node.value}`, node, node.value as string)];
  else if (node.type === 'number' && expected === 'a string')
    fixes = [replacedBy(`Use the string "${node.value}"`, node, JSON.stringify(String(node.value)))];
  return {
    offset: node.offset,
    length: node.length,
    code: 'schema.type',
    severity: 'error',
    message: `Expected ${expected}, found ${describeValue(node)}.`,
    fixes,
  };
}

function notAllowed({ error, node, placeholder }: SchemaError): Problem | undefined {
  if (placeholder) return undefined;
  const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
  const suggestion = typeof node.value === 'string' ? closestName(node.value, allowed.map(String), true) : undefined;
  const fixes = suggestion ? [replacedBy(`Change to "${suggestion}"`, node, JSON.stringify(suggestion))] : undefined;
  return {
    offset: node.offset,
    length: node.length,
    code: 'schema.enum',
    severity: 'error',
    message: `${describeValue(node)[0].toUpperCase()}${describeValue(node).slice(1)} is not allowed. Allowed values: ${allowed.map((v) => JSON.stringify(v)).join(', ')}.`,
    fixes,
  };
}

function missing({ error, node, text, root, schema }: SchemaError): Problem | undefined {
  const name = (error.params as { missingProperty: string }).missingProperty;
  const key = keyOf(node);
  const anchor = key ?? { offset: node.offset, length: 1 };
  const where = schema?.['x-apiShape'] ? ` of ${schema['x-apiShape']}` : '';
  const soft = schema?.['x-requiredWarnings']?.[name];
  if (soft)
    return {
      offset: anchor.offset,
      length: anchor.length,
      code: 'schema.required',
      severity: 'warning',
      message: `Missing "${name}": ${soft}`,
    };
  const fix = addMemberFix(text, node, name, resolve(root, schema?.properties?.[name]));
  return {
    offset: anchor.offset,
    length: anchor.length,
    code: 'schema.required',
    severity: 'error',
    message: `Missing required member "${name}"${where}.`,
    fixes: fix ? [fix] : undefined,
  };
}

function outOfRange({ error, node, schema }: SchemaError): Problem | undefined {
  const limit = (error.params as { limit: number }).limit;
  const range =
    schema?.minimum !== undefined && schema?.maximum !== undefined
      ? `between ${schema.minimum} and ${schema.maximum}`
      : error.keyword === 'minimum'
        ? `at least ${limit}`
        : `at most ${limit}`;
  return {
    offset: node.offset,
    length: node.length,
    code: 'schema.range',
    severity: 'error',
    message: `${node.value} is out of range: the value must be ${range}.`,
  };
}

function badText({ error, node, schema, placeholder }: SchemaError): Problem | undefined {
  if (placeholder) return undefined;
  const message = schema?.['x-patternMessage']
    ? `${JSON.stringify(node.value)} is not a valid name: use ${schema['x-patternMessage']}.`
    : error.keyword === 'minLength'
      ? 'The value must not be empty.'
      : error.keyword === 'maxLength'
        ? `The value is too long: at most ${schema?.maxLength} characters.`
        : `The value must match ${schema?.pattern}.`;
  return {
    offset: node.offset,
    length: node.length,
    code: error.keyword === 'pattern' ? 'schema.pattern' : 'schema.length',
    severity: 'error',
    message,
  };
}

function itemCount({ error, node }: SchemaError): Problem | undefined {
  const limit = (error.params as { limit: number }).limit;
  const key = keyOf(node) ?? node;
  return {
    offset: key.offset,
    length: key.length,
    code: 'schema.item-count',
    severity: 'error',
    message:
      error.keyword === 'maxItems'
        ? `Too many entries (${node.children?.length ?? 0}): at most ${limit} are allowed.`
        : `At least ${limit} entr${limit === 1 ? 'y is' : 'ies are'} required.`,
  };
}

function union({ node, schema }: SchemaError): Problem | undefined {
  if (schema?.['x-union']) {
    const key = keyOf(node) ?? node;
    return {
      offset: key.offset,
      length: key.length,
      code: 'schema.union',
      severity: 'error',
      message: `Set exactly one of: ${Object.keys(schema.properties ?? {}).join(', ')}.`,
    };
  }
  return undefined;
}

/** A problem for each schema keyword; a keyword not listed is reported as ajv words it. */
const problemOf: Partial<Record<string, (e: SchemaError) => Problem | undefined>> = {
  additionalProperties: unknownMember,
  type: wrongType,
  enum: notAllowed,
  required: missing,
  minimum: outOfRange,
  maximum: outOfRange,
  minLength: badText,
  maxLength: badText,
  pattern: badText,
  minItems: itemCount,
  maxItems: itemCount,
  minProperties: union,
  maxProperties: union,
  // Each branch's own errors say what is wrong.
  anyOf: () => undefined,
};

function toProblem(error: ErrorObject, node: JsonNode, text: string, root: JsonSchema): Problem | undefined {
  const schema = error.parentSchema as JsonSchema | undefined;
  const placeholder = node.type === 'string' && isPlaceholder(node.value as string);
  const problem = problemOf[error.keyword];
  if (problem) return problem({ error, node, text, root, schema, placeholder });
  return {
    offset: node.offset,
    length: node.length,
    code: 'schema.invalid',
    severity: 'error',
    message: error.message ?? 'Invalid value.',
  };
}

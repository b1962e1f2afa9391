import { closestName } from '../../service/didYouMean';
import type { Problem } from '../../service/problem';
import type { RuleCode } from '../../service/ruleCodes';
import { parseDocument } from '../../service/document';
import { resolve, schemaFor, type JsonSchema } from '../../service/schema';
import type { EcsLensSettings } from '../../service/settings';
import { validateDocument } from '../../service/validation';
import { emptyWorkspace } from '../../service/workspace';
import { toSourceProblems } from '../mapBack';
import type { SurfaceDocumentText, SurfaceReading } from '../types';
import { VirtualJsonWriter, type Span } from '../virtualJson';
import { templateCapacityOf } from './capacityProviders';
import { badReferences, intrinsicOf, keysOf, type TemplateNames } from './intrinsics';
import type { Steps } from '../../shared/steps';
import { entry, parseTemplateSteps, type TEntry, type TMap, type TNode, type TScalar, type Template } from './parse';
import { propertiesOf, resourceTypes, type PropertyInfo, type ResourceType } from './resources';

/** A value as the template gives it, after the intrinsics that name a value written elsewhere in it. */
type Resolved = { node: TNode; assumption?: string; at?: Span } | { unknown: string; span: Span } | { absent: true };

interface Reader {
  template: Template;
  text: string;
  names: TemplateNames;
  problems: Problem[];
  /** Set while a value taken from elsewhere is written: every span is the place that names it. */
  at?: Span;
  /** The branch each `Fn::If` takes while a document is written. */
  branch: 1 | 2;
  /** The source ranges of the `Fn::If` branches written as the other branch (for the second pass). */
  otherBranches: Span[];
}

/** Reads the ECS resources of a CloudFormation template as API-shaped documents. */
export function* readTemplate(uri: string, text: string, settings: EcsLensSettings): Steps<SurfaceReading> {
  const template = yield* parseTemplateSteps(text);
  const problems: Problem[] = template.errors.map((e) => problem(e.span, 'cloudformation.syntax', e.message));
  const root = template.root;
  const resources = entry(root, 'Resources')?.value;
  if (!root || resources?.type !== 'map') return { documents: [], problems };
  const names: TemplateNames = {
    parameters: entry(root, 'Parameters')?.value,
    resources,
    mappings: entry(root, 'Mappings')?.value,
    conditions: entry(root, 'Conditions')?.value,
    transformed: entry(root, 'Transform') !== undefined,
    parameterNames: keysOf(entry(root, 'Parameters')?.value),
    resourceNames: keysOf(resources),
    conditionNames: keysOf(entry(root, 'Conditions')?.value),
  };
  const r: Reader = { template, text, names, problems, branch: 1, otherBranches: [] };
  const documents: SurfaceDocumentText[] = [];
  const families = new Map<string, string | undefined>();
  const services: Array<{ doc: SurfaceDocumentText; taskDefinition: TNode | undefined }> = [];
  let declaresCapacity = false;
  for (const resource of resources.entries) {
    yield;
    const typeNode = entry(resource.value, 'Type')?.value;
    const typeName = typeNode?.type === 'scalar' ? String(typeNode.value) : undefined;
    const type = typeName === undefined ? undefined : resourceTypes[typeName];
    if (!type || !typeName || !typeNode) continue;
    if (!type.kind) declaresCapacity = true;
    const props = entry(resource.value, 'Properties')?.value;
    for (const bad of props ? badReferences(props, names, text) : [])
      problems.push(problem(bad.span, 'cloudformation.reference', bad.message));
    r.otherBranches = [];
    r.branch = 1;
    const writer = writeResource(r, resource.keySpan, typeNode.span, props, type, typeName);
    if (!type.kind) continue;
    const doc: SurfaceDocumentText = {
      kind: type.kind,
      text: writer.text(),
      origin: {
        surface: 'cloudformation',
        uri,
        address: resource.key,
        range: { offset: resource.keySpan.offset, length: end(resource.value.span) - resource.keySpan.offset },
        nameRange: resource.keySpan,
        map: writer.map,
        resourceType: typeName,
        // A template's references (Ref, Fn::GetAtt) resolve within the template.
        module: uri,
      },
    };
    documents.push(doc);
    // Where an Fn::If chose between values, the other branch is checked too, on its own.
    if (r.otherBranches.length)
      problems.push(...otherBranchProblems(r, doc, props, type, typeName, resource.keySpan, typeNode.span, settings));
    if (type.kind === 'task-definition') {
      const family = literalString(entry(props, 'Family')?.value);
      families.set(resource.key, family);
      if (family === undefined) {
        doc.pairingFamily = resource.key;
        doc.origin.pairsWithinModule = true;
      }
    } else services.push({ doc, taskDefinition: entry(props, 'TaskDefinition')?.value });
  }
  // A service names its task definition by reference: they pair by the task definition's family, or its logical ID.
  for (const { doc, taskDefinition } of services) {
    const target = taskDefinition ? referencedResource(taskDefinition) : undefined;
    if (target !== undefined && families.has(target)) {
      doc.pairingFamily = families.get(target) ?? target;
      doc.origin.pairsWithinModule = true;
    }
    if (declaresCapacity) doc.origin.capacity = templateCapacityOf(root, doc.origin.address);
  }
  return { documents, problems };
}

const resolvedSchemas = new WeakMap<JsonSchema, JsonSchema | undefined>();
const namesOfMembers = new WeakMap<object, Map<string, string>>();

/** A schema with its reference followed, once per schema node (templates repeat the same shapes thousands of times). */
function resolved(root: JsonSchema, schema: JsonSchema): JsonSchema | undefined {
  if (!resolvedSchemas.has(schema)) resolvedSchemas.set(schema, resolve(root, schema));
  return resolvedSchemas.get(schema);
}

/** The API members of an object schema by lower-case name. */
function memberNames(members: Record<string, JsonSchema>): Map<string, string> {
  let names = namesOfMembers.get(members);
  if (!names) namesOfMembers.set(members, (names = new Map(Object.keys(members).map((m) => [m.toLowerCase(), m]))));
  return names;
}

/** A resource's Properties as an API document (the type's generated names first, as unknowns). */
function writeResource(
  r: Reader,
  keySpan: Span,
  typeSpan: Span,
  props: TNode | undefined,
  type: ResourceType,
  typeName: string,
): VirtualJsonWriter {
  const writer = new VirtualJsonWriter();
  writer.beginObject(props?.span ?? typeSpan);
  const present = props?.type === 'map' ? new Set(props.entries.map((e) => e.key.toLowerCase())) : new Set();
  for (const member of type.generated ?? [])
    if (!present.has(member.toLowerCase())) {
      writer.key(member, keySpan);
      writer.unknown(`named by CloudFormation`, keySpan);
    }
  if (props?.type === 'map') {
    const api = type.kind ? schemaFor(type.kind) : undefined;
    writeProperties(r, writer, props, propertiesOf(typeName)!, api, api, type, typeName, '');
  } else if (props) shape(r, props.span, `Properties of ${typeName}`, 'object');
  writer.endObject();
  return writer;
}

/**
 * The resource written with every `Fn::If` taking its second branch, checked on its own (without the
 * other resources): the problems inside those branches, said so and at most warnings.
 */
function otherBranchProblems(
  r: Reader,
  first: SurfaceDocumentText,
  props: TNode | undefined,
  type: ResourceType,
  typeName: string,
  keySpan: Span,
  typeSpan: Span,
  settings: EcsLensSettings,
): Problem[] {
  const branches = r.otherBranches;
  const outer = r.problems;
  r.problems = []; // the template's own mistakes were reported on the first pass
  r.branch = 2;
  try {
    const writer = writeResource(r, keySpan, typeSpan, props, type, typeName);
    const doc = parseDocument(`${first.origin.uri}#${first.origin.address}`, writer.text(), settings, first.kind);
    doc.origin = { ...first.origin, map: writer.map };
    const inside = (p: Problem) =>
      branches.some((b) => b.offset <= p.offset && p.offset + p.length <= b.offset + b.length);
    return toSourceProblems(doc, validateDocument(doc, settings, emptyWorkspace), r.text).filter(inside);
  } finally {
    r.problems = outer;
    r.branch = 1;
  }
}

function writeProperties(
  r: Reader,
  w: VirtualJsonWriter,
  node: TMap,
  props: Map<string, PropertyInfo>,
  root: JsonSchema | undefined,
  api: JsonSchema | undefined,
  type: ResourceType,
  typeName: string,
  where: string,
): void {
  const members = api ? (resolved(root!, api)?.properties ?? {}) : {};
  const byName = memberNames(members);
  for (const e of node.entries) {
    const info = props.get(e.key);
    if (!info) {
      unknownProperty(r, e, props, typeName, where);
      continue;
    }
    const value = resolveValue(r, e.value);
    if ('absent' in value) continue;
    const renamed = type.renamed?.[info.bare];
    const apiName = renamed ?? byName.get(info.name.toLowerCase()) ?? info.name[0].toLowerCase() + info.name.slice(1);
    if (type.cloudFormationOnly?.[info.bare] !== undefined || !type.kind) {
      // Checked for shape and property names, not written: the API document has no such member.
      writeValue(r, new VirtualJsonWriter(), value, info, undefined, undefined, type, typeName);
      continue;
    }
    w.key(apiName, span(r, e.keySpan), false);
    writeValue(r, w, value, info, root, members[apiName], type, typeName);
  }
}

function writeValue(
  r: Reader,
  w: VirtualJsonWriter,
  value: Resolved,
  info: PropertyInfo,
  root: JsonSchema | undefined,
  api: JsonSchema | undefined,
  type: ResourceType,
  typeName: string,
): void {
  if ('absent' in value) return;
  if ('unknown' in value) return w.unknown(value.unknown, span(r, value.span));
  const outer = r.at;
  if (value.at) r.at = value.at;
  try {
    writeNode(r, w, value.node, info, root, api, type, typeName, value.assumption);
  } finally {
    r.at = outer;
  }
}

function writeNode(
  r: Reader,
  w: VirtualJsonWriter,
  node: TNode,
  info: PropertyInfo,
  root: JsonSchema | undefined,
  api: JsonSchema | undefined,
  type: ResourceType,
  typeName: string,
  assumption: string | undefined,
): void {
  const kinds = info.kind.split('|');
  if (kinds.length > 1 || info.kind === 'any') return writeAny(r, w, node, assumption);
  if (info.kind === 'object' && info.children) {
    if (node.type !== 'map') return wrongShape(r, w, node, info);
    w.beginObject(span(r, node.span), assumption);
    writeProperties(r, w, node, info.children, root, api, type, typeName, info.path + '.');
    return w.endObject();
  }
  if (info.kind === 'map' || info.kind === 'object') {
    if (node.type !== 'map') return wrongShape(r, w, node, info);
    return writeAny(r, w, node, assumption, true);
  }
  if (info.kind === 'array') {
    if (node.type !== 'seq') return wrongShape(r, w, node, info);
    const items = root && api ? resolved(root, api)?.items : undefined;
    const itemApi = root && items ? resolved(root, items) : undefined;
    const item: PropertyInfo = {
      name: info.name,
      kind: info.itemKind ?? 'any',
      path: info.path + '[]',
      bare: info.bare,
      children: info.children,
    };
    w.beginArray(span(r, node.span), assumption);
    for (const n of node.items) {
      const value = resolveValue(r, n);
      if (!('absent' in value)) writeValue(r, w, value, item, root, itemApi, type, typeName);
    }
    return w.endArray();
  }
  if (node.type !== 'scalar') return wrongShape(r, w, node, info);
  const coerced = coerce(node.value, info.kind);
  if (coerced === undefined) return wrongShape(r, w, node, info);
  writeScalar(r, w, node, coerced, assumption);
}

/** A value of a free shape (a map of labels, a hook's details): written as it is, intrinsics as unknowns. */
function writeAny(
  r: Reader,
  w: VirtualJsonWriter,
  node: TNode,
  assumption: string | undefined,
  stringValues = false,
): void {
  if (node.type === 'map') {
    w.beginObject(span(r, node.span), assumption);
    for (const e of node.entries) {
      const value = resolveValue(r, e.value);
      if ('absent' in value) continue;
      w.key(e.key, span(r, e.keySpan), keyExactness(r, e));
      if ('unknown' in value) w.unknown(value.unknown, span(r, value.span));
      else {
        const outer = r.at;
        if (value.at) r.at = value.at;
        try {
          if (stringValues && value.node.type === 'scalar' && value.node.value !== null)
            writeScalar(r, w, value.node, String(value.node.value), value.assumption);
          else writeAny(r, w, value.node, value.assumption);
        } finally {
          r.at = outer;
        }
      }
    }
    return w.endObject();
  }
  if (node.type === 'seq') {
    w.beginArray(span(r, node.span), assumption);
    for (const n of node.items) {
      const value = resolveValue(r, n);
      if ('absent' in value) continue;
      if ('unknown' in value) w.unknown(value.unknown, span(r, value.span));
      else writeAny(r, w, value.node, value.assumption);
    }
    return w.endArray();
  }
  writeScalar(r, w, node, node.value, assumption);
}

function writeScalar(
  r: Reader,
  w: VirtualJsonWriter,
  node: TScalar,
  value: unknown,
  assumption: string | undefined,
): void {
  const s = span(r, node.span);
  const exact = !r.at && r.text.slice(s.offset, s.offset + s.length) === JSON.stringify(value);
  w.value(value, s, { exact, assumption });
}

/** A scalar as CloudFormation converts it to the property's type; undefined when it cannot. */
function coerce(value: TScalar['value'], kind: string): unknown {
  if (value === null) return null;
  if (kind === 'string') return String(value);
  if (kind === 'integer' || kind === 'number') {
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
    return undefined;
  }
  if (kind === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
    return undefined;
  }
  return value;
}

function wrongShape(r: Reader, w: VirtualJsonWriter, node: TNode, info: PropertyInfo): void {
  shape(r, node.span, info.name, info.kind, info.itemKind);
  // The value is reported here; the API document takes it as unknown, so that no check reports it twice.
  w.unknown('not read', span(r, node.span));
}

function shape(r: Reader, at: Span, name: string, kind: string, itemKind?: string): void {
  if (r.at) return;
  const described: Record<string, string> = {
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    object: 'a map of properties',
    map: 'a map of names to values',
    array: itemKind === 'object' ? 'a list of property maps' : itemKind ? `a list of ${describe(itemKind)}s` : 'a list',
  };
  r.problems.push(problem(at, 'cloudformation.shape', `${name} takes ${described[kind] ?? kind}.`));
}

function describe(kind: string): string {
  return kind === 'integer' ? 'whole number' : kind === 'boolean' ? 'boolean' : kind;
}

function unknownProperty(
  r: Reader,
  e: TEntry,
  props: Map<string, PropertyInfo>,
  typeName: string,
  where: string,
): void {
  if (r.at) return;
  const suggestion = closestName(e.key, [...props.keys()]);
  const place = where ? `${typeName} ${where.replace(/\.$/, '')}` : typeName;
  const message = `${place} has no property "${e.key}"` + (suggestion ? `; did you mean "${suggestion}"?` : '.');
  const fixes = suggestion
    ? [
        {
          title: `Change to "${suggestion}"`,
          edits: [{ ...e.keySpan, newText: spellKey(r, e, suggestion) }],
          preferred: true,
        },
      ]
    : undefined;
  r.problems.push({ ...problem(e.keySpan, 'cloudformation.unknown-property', message), fixes });
}

/** A key in the spelling of the source around it (quoted in JSON, as it was in YAML). */
function spellKey(r: Reader, e: TEntry, name: string): string {
  const written = r.text.slice(e.keySpan.offset, e.keySpan.offset + e.keySpan.length);
  if (r.template.syntax === 'json' || written.startsWith('"')) return JSON.stringify(name);
  if (written.startsWith("'")) return `'${name}'`;
  return name;
}

function keyExactness(r: Reader, e: TEntry): 'bare' | 'quoted' | false {
  if (r.at) return false;
  const written = r.text.slice(e.keySpan.offset, e.keySpan.offset + e.keySpan.length);
  if (written === JSON.stringify(e.key)) return 'quoted';
  if (written === e.key) return 'bare';
  return false;
}

/**
 * A value with the intrinsics that name a value the template gives resolved: a parameter's default, a
 * mapping entry with literal keys, a `Fn::Sub` without variables, the first branch of a `Fn::If`. Other
 * intrinsics are unknown; `Ref AWS::NoValue` leaves the property out.
 */
function resolveValue(r: Reader, node: TNode, depth = 0, inBranch = false): Resolved {
  const call = intrinsicOf(node);
  if (!call || depth > 10) return call ? { unknown: label(r, call.span), span: call.span } : { node };
  const { fn, args } = call;
  const unknown: Resolved = { unknown: label(r, call.span), span: call.span };
  if (fn === 'Ref' && args.type === 'scalar') {
    if (args.value === 'AWS::NoValue') return { absent: true };
    // A capacity provider of the template is named by its Name (CloudFormation generates one without it: the
    // logical ID stands for it, as the simulator's reading of the template names it too).
    const target = entry(r.names.resources, String(args.value))?.value;
    const targetType = entry(target, 'Type')?.value;
    if (targetType?.type === 'scalar' && targetType.value === 'AWS::ECS::CapacityProvider') {
      const name = entry(entry(target, 'Properties')?.value, 'Name')?.value;
      const literal = name?.type === 'scalar' && !intrinsicOf(name) && typeof name.value === 'string';
      const value = literal ? name.value : String(args.value);
      return { node: { type: 'scalar', span: call.span, value, quoted: true }, at: call.span };
    }
    // Inside a Fn::If the condition often tests that very parameter: its default says nothing about the branch.
    if (inBranch) return unknown;
    const parameter = entry(r.names.parameters, String(args.value))?.value;
    const def = entry(parameter, 'Default')?.value;
    if (def?.type === 'scalar' && def.value !== null && !intrinsicOf(def))
      return { node: def, at: call.span, assumption: `with parameter ${args.value}'s default ${String(def.value)}` };
    return unknown;
  }
  if (fn === 'Fn::Sub') {
    const textNode = args.type === 'seq' ? args.items[0] : args;
    if (textNode?.type === 'scalar' && typeof textNode.value === 'string' && !/\$\{(?!!)/.test(textNode.value)) {
      const literal = textNode.value.replace(/\$\{!/g, '${');
      return { node: { ...textNode, value: literal }, at: call.span };
    }
    return unknown;
  }
  if (fn === 'Fn::FindInMap' && args.type === 'seq' && args.items.length === 3) {
    const keys = args.items.map((k) => (k.type === 'scalar' && !intrinsicOf(k) ? String(k.value) : undefined));
    if (keys.some((k) => k === undefined)) return unknown;
    const found = entry(entry(entry(r.names.mappings, keys[0]!)?.value, keys[1]!)?.value, keys[2]!)?.value;
    if (!found || intrinsicOf(found)) return unknown;
    const shown = found.type === 'scalar' ? ` ${String(found.value)}` : '';
    return { node: found, at: call.span, assumption: `with mapping ${keys.join('.')}${shown}` };
  }
  if (fn === 'Fn::If' && args.type === 'seq' && args.items.length === 3 && args.items[0].type === 'scalar') {
    const [, first, second] = args.items;
    const taken = r.branch === 1 ? first : second;
    const branch = resolveValue(r, taken, depth + 1, true);
    if (!('node' in branch)) return branch;
    // Both branches give a value: the other one is checked on a second pass.
    if (r.branch === 1 && 'node' in resolveValue(r, second, depth + 1, true)) r.otherBranches.push(second.span);
    const where = `where condition ${String(args.items[0].value)} is ${r.branch === 1 ? 'true' : 'false'}`;
    return {
      node: branch.node,
      at: branch.at,
      assumption: branch.assumption ? `${where}, ${branch.assumption}` : where,
    };
  }
  return unknown;
}

/** The logical ID a `Ref` or `Fn::GetAtt` names. */
function referencedResource(node: TNode): string | undefined {
  const call = intrinsicOf(node);
  if (!call) return undefined;
  if (call.fn === 'Ref' && call.args.type === 'scalar') return String(call.args.value);
  if (call.fn === 'Fn::GetAtt') {
    if (call.args.type === 'scalar') return String(call.args.value).split('.')[0];
    if (call.args.type === 'seq' && call.args.items[0]?.type === 'scalar') return String(call.args.items[0].value);
  }
  return undefined;
}

function literalString(node: TNode | undefined): string | undefined {
  return node?.type === 'scalar' && !intrinsicOf(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** The source text of an intrinsic, on one line, for its placeholder. */
function label(r: Reader, s: Span): string {
  return r.text.slice(s.offset, s.offset + Math.min(s.length, 80)).replace(/\s+/g, ' ');
}

function span(r: Reader, s: Span): Span {
  return r.at ?? s;
}

function end(s: Span): number {
  return s.offset + s.length;
}

function problem(at: Span, code: RuleCode, message: string): Problem {
  return { offset: at.offset, length: at.length, code, message, severity: 'error' };
}

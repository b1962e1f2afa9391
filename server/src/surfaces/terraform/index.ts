import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closest } from '../../cql/suggest';
import type { EcsDocument } from '../../service/document';
import type { Problem } from '../../service/problem';
import { readFileBounded } from '../../workspace/walk';
import type { Segment, SourceMap } from '../sourceMap';
import type {
  MemberCompletion,
  RenderedMember,
  Surface,
  SurfaceDocumentText,
  SurfaceReading,
  ValueSlot,
} from '../types';
import { objectAt, treeOfJson, writeTree, type ValueNode } from '../valueTree';
import { VirtualJsonWriter, type Span } from '../virtualJson';
import { evaluate, heredocBody, referenceParts, spanOf, unwrap, type Evaluator, type ModuleValues } from './hcl';
import type { Steps } from '../../shared/steps';
import { disposeTree, loadHclParser, parseHcl, parseHclSteps, type Node, type Tree } from './parser';
import { templateCall, templatePath } from './templates';
import {
  argumentFor,
  argumentOf,
  metaArguments,
  terraformResources,
  type Argument,
  type ArgumentTable,
  type ValueForm,
} from './resources';

type ObjectNode = Extract<ValueNode, { kind: 'object' }>;

/** Bytes read at most from a sibling .tf file or a container-definitions template. */
const maxModuleFileBytes = 4 * 1024 * 1024;
/** Sibling .tf files read at most (a module folder with more is read as this file alone). */
const maxModuleFiles = 200;

/** What the module (the .tf files of one folder) declares, as far as this file needs it. */
interface ModuleFacts extends ModuleValues {
  /** `aws_ecs_task_definition.app` and the like. */
  resources: Set<string>;
  /** Task definitions' families where written as a plain string. */
  families: Map<string, string>;
  /** False when the other files of the folder could not be read: a missing reference is then not reported. */
  complete: boolean;
}

/** Where each document's container definitions are written (for the words the provider's behaviour adds). */
const containerRanges = new WeakMap<SourceMap, { span: Span; encoded: boolean }>();

export const terraformSurface: Surface = {
  id: 'terraform',
  extensions: ['.tf'],
  prepare: loadHclParser,
  recognises: (uri: string) => /\.tf$/i.test(uri.replace(/[?#].*$/, '')),
  read: readTerraform,
  renderEdit,
  annotate,
  renderMember,
  valueSlot,
};

/** The file's ECS resources, one at a time: the parse pauses between slices, and so does the walk between resources. */
function* readTerraform(uri: string, text: string): Steps<SurfaceReading> {
  const tree = yield* parseHclSteps(text);
  if (!tree) return { documents: [], problems: [] };
  try {
    const blocks = topBlocks(tree);
    yield;
    const facts = yield* moduleFacts(uri, blocks);
    const documents: SurfaceDocumentText[] = [];
    const problems: Problem[] = [];
    for (const block of blocks) {
      yield;
      const [type, name] = labels(block);
      if (block.child(0)?.text !== 'resource' || !type || !name || !Object.hasOwn(terraformResources, type)) continue;
      const read = readResource(uri, block, type, name, facts, problems);
      if (read) documents.push(read);
    }
    return { documents, problems };
  } finally {
    disposeTree(tree, text);
  }
}

/** The file name of a URI, for messages. */
function fileName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  } catch {
    return path.slice(path.lastIndexOf('/') + 1);
  }
}

function topBlocks(tree: Tree): Node[] {
  const body = tree.rootNode.namedChildren.find((c) => c.type === 'body');
  return body ? body.namedChildren.filter((c) => c.type === 'block') : [];
}

/** A block's labels (`resource "aws_ecs_service" "web"` → aws_ecs_service, web). */
function labels(block: Node): string[] {
  const out: string[] = [];
  for (const c of block.namedChildren.slice(1)) {
    if (c.type === 'string_lit') out.push(c.namedChildren.find((x) => x.type === 'template_literal')?.text ?? '');
    else if (c.type === 'identifier') out.push(c.text);
    else break;
  }
  return out;
}

function labelNode(block: Node, index: number): Node | undefined {
  const kids = block.namedChildren.slice(1).filter((c) => c.type === 'string_lit' || c.type === 'identifier');
  return kids[index];
}

function* moduleFacts(uri: string, blocks: Node[]): Steps<ModuleFacts> {
  const facts: ModuleFacts = {
    variables: new Map(),
    locals: new Map(),
    resources: new Set(),
    families: new Map(),
    complete: false,
  };
  for (const block of blocks) {
    collect(block, facts);
    yield;
  }
  if (!uri.startsWith('file:')) return facts;
  let path: string;
  try {
    path = fileURLToPath(uri.replace(/#.*$/, ''));
  } catch {
    return facts;
  }
  const folder = dirname(path);
  let names: string[];
  try {
    names = readdirSync(folder).filter((n) => /\.tf$/i.test(n) && n !== basename(path));
  } catch {
    return facts;
  }
  if (names.length > maxModuleFiles) return facts;
  for (const n of names) {
    const other = siblingTree(resolve(folder, n), folder);
    if (!other) return facts;
    for (const block of topBlocks(other)) collect(block, facts);
    yield;
  }
  facts.complete = true;
  return facts;
}

/** Parsed sibling files, by path, while their size and modification time stay the same (the last 64). */
const siblings = new Map<string, { mtimeMs: number; size: number; tree: Tree }>();

function siblingTree(path: string, folder: string): Tree | undefined {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return undefined;
  }
  const cached = siblings.get(path);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
    siblings.delete(path);
    siblings.set(path, cached);
    return cached.tree;
  }
  const read = readFileBounded(path, { maxBytes: maxModuleFileBytes, roots: [folder] });
  if (!read.ok) return undefined;
  const tree = parseHcl(read.text);
  if (!tree) return undefined;
  if (cached) disposeTree(cached.tree);
  siblings.delete(path);
  siblings.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, tree });
  for (const [key, old] of siblings) {
    if (siblings.size <= 64) break;
    disposeTree(old.tree);
    siblings.delete(key);
  }
  return tree;
}

function collect(block: Node, facts: ModuleFacts): void {
  const kind = block.child(0)?.text;
  const [first, second] = labels(block);
  const body = block.namedChildren.find((c) => c.type === 'body');
  const attributes = body?.namedChildren.filter((c) => c.type === 'attribute') ?? [];
  const valueOf = (a: Node) => a.namedChildren.find((c) => c.type === 'expression');
  if (kind === 'variable' && first) {
    const d = attributes.find((a) => a.child(0)?.text === 'default');
    facts.variables.set(first, d ? valueOf(d) : undefined);
  } else if (kind === 'locals') {
    for (const a of attributes) {
      const v = valueOf(a);
      if (v) facts.locals.set(a.child(0)!.text, v);
    }
  } else if (kind === 'resource' && first && second) {
    facts.resources.add(`${first}.${second}`);
    if (first === 'aws_ecs_task_definition') {
      const f = attributes.find((a) => a.child(0)?.text === 'family');
      const v = f && valueOf(f) ? evaluate(valueOf(f)!, { values: facts }) : undefined;
      if (v?.kind === 'value' && typeof v.value === 'string' && !v.assumption)
        facts.families.set(`${first}.${second}`, v.value);
    }
  }
}

function readResource(
  uri: string,
  block: Node,
  type: string,
  name: string,
  facts: ModuleFacts,
  problems: Problem[],
): SurfaceDocumentText | undefined {
  const mapping = terraformResources[type];
  const address = `${type}.${name}`;
  const root: ObjectNode = { kind: 'object', span: spanOf(block), entries: [] };
  const ev: Evaluator = { values: facts };
  const body = block.namedChildren.find((c) => c.type === 'body');
  let containers: { span: Span; encoded: boolean } | undefined;
  let pairingFamily: string | undefined;
  let byReference = false;
  if (body)
    readBody(body, mapping.args, root, true, type, problems, (arg, value) => {
      if (arg.form === 'containerDefinitions') {
        const read = containerDefinitions(value, ev, uri, problems);
        containers = { span: spanOf(value), encoded: read.encoded };
        return read.node;
      }
      if (type === 'aws_ecs_service' && arg.api?.[0] === 'taskDefinition') {
        const target = referenced(value, 'aws_ecs_task_definition');
        if (target) {
          // The reference names this module's resource: the pairing holds within the module (its folder).
          byReference = true;
          const family = facts.families.get(target);
          if (family !== undefined) return { kind: 'value', value: family, span: spanOf(value) };
          pairingFamily = target;
        }
      }
      return converted(evaluate(value, ev), arg.form);
    });
  let pairsWithinModule = byReference;
  if (type === 'aws_ecs_task_definition' && !facts.families.has(address)) {
    pairingFamily = address;
    pairsWithinModule = true;
  }
  if (facts.complete) missingReferences(block, facts, problems);
  const writer = new VirtualJsonWriter();
  writeTree(writer, root);
  if (containers) containerRanges.set(writer.map, containers);
  const nameNode = labelNode(block, 1);
  return {
    kind: mapping.kind,
    text: writer.text(),
    origin: {
      surface: 'terraform',
      uri,
      address,
      range: spanOf(block),
      nameRange: nameNode ? spanOf(nameNode) : spanOf(block.child(0)!),
      map: writer.map,
      resourceType: type,
      module: uri.replace(/[?#].*$/, '').replace(/[^/]*$/, ''),
      pairsWithinModule: pairsWithinModule || undefined,
      deployContext: {
        name: 'terraform',
        reason: `declared as ${address} in ${fileName(uri)}, which terraform apply sends to ECS through the AWS provider`,
      },
    },
    pairingFamily,
  };
}

/**
 * The arguments and nested blocks of a resource (or of one of its blocks) into the API object, each at the
 * member the table names; an argument the resource does not have is reported where it is written.
 */
function readBody(
  body: Node,
  table: ArgumentTable,
  target: ObjectNode,
  topLevel: boolean,
  type: string,
  problems: Problem[],
  valueOf: (arg: Argument, value: Node) => ValueNode,
): void {
  for (const item of body.namedChildren) {
    // Read once: each `type` crosses into the parser's WebAssembly.
    const itemType = item.type;
    if (itemType !== 'attribute' && itemType !== 'block') continue;
    const id = item.child(0)!;
    let name = id.text;
    let nameSpan = spanOf(id);
    const dynamic = itemType === 'block' && name === 'dynamic';
    if (dynamic) {
      const label = labelNode(item, 0);
      if (!label) continue;
      name = labels(item)[0] ?? '';
      nameSpan = spanOf(label);
    }
    const arg = argumentOf(table, name, topLevel);
    if (!arg) {
      problems.push(unknownArgument(name, nameSpan, table, topLevel, type, itemType === 'block'));
      continue;
    }
    if (arg.surfaceOnly || !arg.api) continue;
    if (arg.attribute) {
      if (itemType !== 'attribute') {
        problems.push({
          ...spanOf(id),
          code: 'terraform.unknown-argument',
          severity: 'error',
          message: `"${name}" is an argument of ${type}, not a block: write ${name} = [{ … }]`,
        });
        continue;
      }
      const expr = item.namedChildren.find((c) => c.type === 'expression');
      const parent = expr && objectAt(target, arg.api.slice(0, -1), nameSpan);
      const member = arg.api[arg.api.length - 1];
      if (!expr || !parent || parent.entries.some((e) => e.key === member)) continue;
      const value = listOfObjects(valueOf(arg, expr), arg, name, type, problems);
      if (value) parent.entries.push({ key: member, span: nameSpan, spelling: false, value });
      continue;
    }
    if (arg.block && (itemType !== 'block' || dynamic) && arg.api.length > 1) {
      // A dynamic block may make nothing: the whole member it would fill is unknown, not an object without it.
      if (!target.entries.some((e) => e.key === arg.api![0]))
        target.entries.push({
          key: arg.api[0],
          span: nameSpan,
          spelling: false,
          value: { kind: 'unknown', label: name, span: spanOf(item) },
        });
      continue;
    }
    const parent = objectAt(target, arg.api.slice(0, -1), nameSpan);
    if (!parent) continue;
    const member = arg.api[arg.api.length - 1];
    const spelling = arg.api.length === 1 && member === name ? ('bare' as const) : false;
    let value: ValueNode;
    if (arg.block) {
      const existing = parent.entries.find((e) => e.key === member);
      const innerBody = item.namedChildren.find((c) => c.type === 'body');
      if (itemType !== 'block' || dynamic) value = { kind: 'unknown', label: name, span: spanOf(item) };
      else if (arg.block === 'object' && existing?.value.kind === 'object') {
        // Other arguments already fill members of this object (deployment_maximum_percent and
        // deployment_configuration { strategy = … } both write deploymentConfiguration).
        if (innerBody) readBody(innerBody, arg.args ?? {}, existing.value, false, type, problems, valueOf);
        continue;
      } else {
        const inner: ObjectNode = { kind: 'object', span: spanOf(item), entries: [] };
        if (innerBody) readBody(innerBody, arg.args ?? {}, inner, false, type, problems, valueOf);
        value = inner;
      }
      if (arg.block === 'array') {
        if (!existing)
          parent.entries.push({
            key: member,
            span: nameSpan,
            spelling,
            value: value.kind === 'unknown' ? value : { kind: 'array', span: spanOf(item), items: [value] },
          });
        else if (existing.value.kind === 'array' && value.kind !== 'unknown') {
          existing.value.items.push(value);
          const end = item.endIndex;
          existing.value.span = { offset: existing.value.span.offset, length: end - existing.value.span.offset };
        }
        continue;
      }
      if (!existing) parent.entries.push({ key: member, span: nameSpan, spelling, value });
      continue;
    }
    if (itemType !== 'attribute') {
      problems.push({
        ...spanOf(id),
        code: 'terraform.unknown-argument',
        severity: 'error',
        message: `"${name}" is an argument of ${type}, not a block: write ${name} = …`,
      });
      continue;
    }
    const expr = item.namedChildren.find((c) => c.type === 'expression');
    if (!expr) continue;
    if (parent.entries.some((e) => e.key === member)) continue;
    const written = valueOf(arg, expr);
    // null leaves an argument unset, and the provider sends no empty string (it tests each for "").
    if (written.kind === 'value' && (written.value === null || written.value === '')) continue;
    parent.entries.push({ key: member, span: nameSpan, spelling, value: written });
  }
}

/**
 * An argument written `x = [{ … }]` (see `Argument.attribute`) as the API member: each object's keys through the
 * table, the list's one object where the API takes one object. Unknown stays unknown; a list of another length
 * than one where the API takes one object is left out (the provider refuses it before calling ECS).
 */
function listOfObjects(
  v: ValueNode,
  arg: Argument,
  name: string,
  type: string,
  problems: Problem[],
): ValueNode | undefined {
  if (v.kind === 'unknown' || v.kind === 'raw') return v;
  if (v.kind === 'value' && v.value === null) return undefined;
  if (v.kind !== 'array') return { kind: 'unknown', label: name, span: v.span };
  const items = v.items.map((item) =>
    item.kind === 'object' ? objectThroughTable(item, arg.args ?? {}, type, problems) : item,
  );
  if (arg.block === 'array') return { ...v, items };
  return items.length === 1 ? items[0] : undefined;
}

/** An HCL object's members as the API object's, renamed and converted through the table. */
function objectThroughTable(o: ObjectNode, table: ArgumentTable, type: string, problems: Problem[]): ObjectNode {
  const out: ObjectNode = { kind: 'object', span: o.span, entries: [], assumption: o.assumption };
  for (const e of o.entries) {
    const arg = argumentOf(table, e.key, false);
    if (!arg) {
      // The keys of a variable's default are written in the variable, not at this reference.
      if (!o.assumption) problems.push(unknownArgument(e.key, e.span, table, false, type, false));
      continue;
    }
    if (arg.surfaceOnly || !arg.api) continue;
    const parent = objectAt(out, arg.api.slice(0, -1), e.span);
    const member = arg.api[arg.api.length - 1];
    if (!parent || parent.entries.some((x) => x.key === member)) continue;
    const value = arg.block ? listOfObjects(e.value, arg, e.key, type, problems) : converted(e.value, arg.form);
    if (!value || (value.kind === 'value' && (value.value === null || value.value === ''))) continue;
    const spelling = arg.api.length === 1 && member === e.key ? e.spelling : false;
    parent.entries.push({ key: member, span: e.span, spelling, value });
  }
  return out;
}

function unknownArgument(
  name: string,
  span: Span,
  table: ArgumentTable,
  topLevel: boolean,
  type: string,
  isBlock: boolean,
): Problem {
  const names = Object.keys(table).concat(topLevel ? Object.keys(metaArguments) : []);
  const suggestion = closest(name, names);
  const what = `${type} has no ${isBlock ? 'block' : 'argument'} "${name}"${topLevel ? '' : ' here'}`;
  return {
    ...span,
    code: 'terraform.unknown-argument',
    severity: 'error',
    message: suggestion ? `${what}. Did you mean "${suggestion}"?` : `${what}; terraform plan stops at it.`,
    fixes: suggestion
      ? [{ title: `Rename to "${suggestion}"`, edits: [{ ...span, newText: suggestion }], preferred: true }]
      : undefined,
  };
}

/** The argument's value as the API member takes it, where Terraform converts it (see `ValueForm`). */
function converted(v: ValueNode, form: ValueForm | undefined): ValueNode {
  if (v.kind === 'value') {
    const x = v.value;
    if (form === 'string' && (typeof x === 'number' || typeof x === 'boolean'))
      return { ...v, value: String(x), exact: false };
    if (form === 'number' && typeof x === 'string' && /^-?\d+(\.\d+)?$/.test(x))
      return { ...v, value: Number(x), exact: false };
    if (form === 'boolean' && (x === 'true' || x === 'false')) return { ...v, value: x === 'true', exact: false };
    if (form === 'enabledDisabled' && typeof x === 'boolean')
      return { ...v, value: x ? 'ENABLED' : 'DISABLED', exact: false };
  }
  if ((form === 'tags' || form === 'nameValue') && v.kind === 'object') {
    const [k, val] = form === 'tags' ? ['key', 'value'] : ['name', 'value'];
    return {
      kind: 'array',
      span: v.span,
      assumption: v.assumption,
      items: v.entries.map((e) => ({
        kind: 'object' as const,
        span: { offset: e.span.offset, length: e.value.span.offset + e.value.span.length - e.span.offset },
        entries: [
          {
            key: k,
            span: e.span,
            spelling: false as const,
            value: { kind: 'value' as const, value: e.key, span: e.span },
          },
          { key: val, span: e.value.span, spelling: false as const, value: e.value },
        ],
      })),
    };
  }
  return v;
}

/** The first reference to a resource of the type in an expression (`aws_ecs_task_definition.app.arn` → its address). */
function referenced(expr: Node, type: string): string | undefined {
  for (const v of expr.descendantsOfType('variable_expr')) {
    if (v.text !== type) continue;
    const next = v.nextNamedSibling;
    const id = next?.type === 'get_attr' ? next.namedChildren.find((c) => c.type === 'identifier') : undefined;
    if (id) return `${type}.${id.text}`;
  }
  return undefined;
}

/** References to ECS resources the module does not declare: `terraform plan` stops at each. */
function missingReferences(block: Node, facts: ModuleFacts, problems: Problem[]): void {
  for (const v of block.descendantsOfType('variable_expr')) {
    if (!/^aws_ecs_\w+$/.test(v.text)) continue;
    const next = v.nextNamedSibling;
    const id = next?.type === 'get_attr' ? next.namedChildren.find((c) => c.type === 'identifier') : undefined;
    if (!id) continue;
    const address = `${v.text}.${id.text}`;
    if (facts.resources.has(address)) continue;
    problems.push({
      offset: v.startIndex,
      length: id.endIndex - v.startIndex,
      code: 'terraform.missing-reference',
      severity: 'error',
      message: `No resource ${address} in this module (the .tf files of this folder): terraform plan stops at the reference.`,
    });
  }
}

/**
 * `container_definitions`: `jsonencode(<HCL>)`, JSON in a heredoc or a string (positions map exactly;
 * interpolations read as unknown values of the same length), or a template read with `file()` /
 * `templatefile()` from the module's folder. Anything else is unknown.
 */
function containerDefinitions(
  expr: Node,
  ev: Evaluator,
  uri: string,
  problems: Problem[],
): { node: ValueNode; encoded: boolean } {
  const inner = unwrap(expr);
  const unknown: ValueNode = { kind: 'unknown', label: expr.text, span: spanOf(expr) };
  if (inner.type === 'function_call') {
    const fn = inner.child(0)?.text;
    const args = inner.namedChildren.find((c) => c.type === 'function_arguments')?.namedChildren ?? [];
    const exprs = args.filter((c) => c.type === 'expression');
    if (fn === 'jsonencode' && exprs.length === 1) return { node: evaluate(exprs[0], ev), encoded: true };
    const call = templateCall(expr);
    if (call)
      return {
        node: templateFile(call.path, call.fn === 'templatefile', spanOf(inner), uri) ?? unknown,
        encoded: false,
      };
    return { node: unknown, encoded: false };
  }
  if (inner.type === 'string_lit' || inner.type === 'template_expr') {
    const raw = jsonText(inner, problems);
    return { node: raw ?? unknown, encoded: false };
  }
  const v = evaluate(expr, ev);
  if (v.kind === 'value' && typeof v.value === 'string') {
    try {
      return { node: treeOfJson(JSON.parse(v.value) as unknown, v.span, v.assumption), encoded: false };
    } catch {
      return { node: unknown, encoded: false };
    }
  }
  return { node: v, encoded: false };
}

/** JSON written as HCL string or heredoc text, verbatim, its interpolations masked. */
function jsonText(n: Node, problems: Problem[]): ValueNode | undefined {
  const t = n.type === 'template_expr' ? n.namedChildren[0] : n;
  if (!t) return undefined;
  let text: string;
  let offset: number;
  let parts: Node[];
  if (t.type === 'heredoc_template') {
    const body = heredocBody(t);
    if (!body) return undefined;
    ({ text, offset, parts } = body);
  } else {
    const kids = t.namedChildren.filter((c) => c.type !== 'quoted_template_start' && c.type !== 'quoted_template_end');
    // Escapes (\" in "[{\"name\": …}]") make the text differ from the JSON: read it decoded, at one range.
    if (kids.some((c) => c.type === 'template_literal' && /\\|\$\$\{|%%\{/.test(c.text))) {
      if (kids.some((c) => c.type !== 'template_literal')) return undefined;
      const decoded = evaluate(n, { values: { variables: new Map(), locals: new Map() } });
      if (decoded.kind !== 'value' || typeof decoded.value !== 'string') return undefined;
      return parsedOrReported(decoded.value, spanOf(n), problems, spanOf(n));
    }
    offset = t.startIndex + 1;
    text = n.text.slice(1, -1);
    parts = kids;
  }
  if (
    parts.some(
      (p) => p.type === 'template_directive' || p.type.startsWith('template_for') || p.type.startsWith('template_if'),
    )
  )
    return undefined;
  const masked = maskInterpolations(
    text,
    offset,
    parts.filter((p) => p.type === 'template_interpolation'),
  );
  try {
    JSON.parse(masked);
  } catch {
    problems.push({
      ...spanOf(n),
      code: 'terraform.invalid-json',
      severity: 'error',
      message: 'container_definitions is not valid JSON: the provider refuses it before calling ECS.',
    });
    return undefined;
  }
  return { kind: 'raw', json: masked, span: { offset, length: masked.length } };
}

function parsedOrReported(json: string, span: Span, problems: Problem[], at: Span): ValueNode | undefined {
  try {
    return treeOfJson(JSON.parse(json) as unknown, span);
  } catch {
    problems.push({
      ...at,
      code: 'terraform.invalid-json',
      severity: 'error',
      message: 'container_definitions is not valid JSON: the provider refuses it before calling ECS.',
    });
    return undefined;
  }
}

/**
 * Each interpolation replaced by a placeholder of the same length: inside a JSON string `${xx}`, elsewhere a
 * string `"${x}"` (or `"$X"`), so that the text stays JSON and every other position stays where it was.
 */
export function maskInterpolations(
  text: string,
  offset: number,
  interpolations: readonly { startIndex: number; endIndex: number }[],
): string {
  let out = '';
  let inString = false;
  let escaped = false;
  let i = 0;
  for (const p of interpolations) {
    const start = p.startIndex - offset;
    const end = p.endIndex - offset;
    for (; i < start; i++) {
      const c = text[i];
      out += c;
      if (escaped) escaped = false;
      else if (c === '\\') escaped = inString;
      else if (c === '"') inString = !inString;
    }
    const n = end - start;
    out += inString
      ? '${' + 'x'.repeat(Math.max(0, n - 3)) + '}'
      : n >= 5
        ? '"${' + 'x'.repeat(n - 5) + '}"'
        : '"$X"'.slice(0, n);
    i = end;
  }
  return out + text.slice(i);
}

/** A container-definitions template in the module folder, every part at the call (`file("…")`), said so. */
function templateFile(pathExpr: Node, interpolates: boolean, call: Span, uri: string): ValueNode | undefined {
  const relative = modulePath(pathExpr);
  if (relative === undefined || !uri.startsWith('file:')) return undefined;
  let folder: string;
  try {
    folder = dirname(fileURLToPath(uri.replace(/#.*$/, '')));
  } catch {
    return undefined;
  }
  const read = readFileBounded(resolve(folder, relative), { maxBytes: maxModuleFileBytes, roots: [folder] });
  if (!read.ok) return undefined;
  let json = read.text;
  if (interpolates) {
    // The template's own syntax is HCL's: read it with the HCL parser, as the body of a heredoc.
    const head = 'x = <<ECSLENS_TEMPLATE_END\n';
    const wrapped = parseHcl(`${head}${read.text}\nECSLENS_TEMPLATE_END\n`);
    if (!wrapped) return undefined;
    try {
      const heredoc = wrapped.rootNode.descendantsOfType('heredoc_template')[0];
      const body = heredoc ? heredocBody(heredoc) : undefined;
      if (!body || body.parts.some((p) => p.type !== 'template_literal' && p.type !== 'template_interpolation'))
        return undefined;
      json = maskInterpolations(
        read.text,
        head.length,
        body.parts.filter((p) => p.type === 'template_interpolation'),
      );
    } finally {
      wrapped.delete();
    }
  }
  try {
    return treeOfJson(JSON.parse(json) as unknown, call, `in ${relative}`);
  } catch {
    return undefined;
  }
}

/** A template path inside the module folder (see `templatePath`): no `..`, no backslash. */
function modulePath(expr: Node): string | undefined {
  const out = templatePath(expr);
  return out === undefined || out.includes('\\') || out.includes('..') ? undefined : out;
}

// --- Fixes written in HCL ---

let parsedForEdits: { text: string; tree: Tree } | undefined;

function treeFor(sourceText: string): Tree | undefined {
  if (parsedForEdits?.text === sourceText) return parsedForEdits.tree;
  const tree = parseHcl(sourceText);
  if (!tree) return undefined;
  if (parsedForEdits) disposeTree(parsedForEdits.tree, parsedForEdits.text);
  parsedForEdits = { text: sourceText, tree };
  return tree;
}

/**
 * A rule's fix in HCL: a value as an HCL literal, a member name as the argument that fills it (snake_case,
 * through the table) or, inside `jsonencode`, as a bare or quoted key. Undefined where unsure.
 */
function renderEdit(newText: string, segment: Segment, sourceText: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(newText) as unknown;
  } catch {
    return undefined;
  }
  const tree = treeFor(sourceText);
  if (!tree) return undefined;
  const node = tree.rootNode.descendantForIndex(segment.sOffset, segment.sOffset + segment.sLength);
  if (!node) return undefined;
  const place = placeOf(node);
  if (!place) return undefined;
  if (segment.role === 'key') {
    if (typeof value !== 'string') return undefined;
    if (place.encoded) return /^[A-Za-z_][\w-]*$/.test(value) ? value : JSON.stringify(value);
    return place.table ? argumentFor(place.table, value) : undefined;
  }
  if (place.encoded) return hclLiteral(value);
  const form = place.argument?.form;
  if (
    !place.argument ||
    place.argument.block ||
    (form && form !== 'string' && form !== 'number' && form !== 'boolean' && form !== 'list')
  )
    return undefined;
  // Only a literal written in place is replaced: a reference or a call is not the value to edit.
  const expr = node.type === 'expression' ? node : node.parent;
  const literal = expr ? unwrap(expr) : node;
  if (!['string_lit', 'numeric_lit', 'bool_lit', 'null_lit', 'tuple', 'template_expr'].includes(literal.type))
    return undefined;
  return hclLiteral(value);
}

/**
 * A member completion offers, written in HCL: inside `jsonencode` a key (bare where HCL allows) and the
 * value's snippet with HCL keys; in a resource's (nested) block each argument that fills the member,
 * snake_case through the table, a nested block as a block.
 */
function renderMember(member: MemberCompletion, sourceText: string, offset: number): RenderedMember[] {
  const tree = treeFor(sourceText);
  const node = tree?.rootNode.descendantForIndex(offset, offset);
  const place = node && placeOf(node);
  if (!place) return [];
  if (place.encoded)
    return [{ label: member.name, newText: `${hclKey(member.name)} = ${hclSnippet(member.valueSnippet)}` }];
  if (!place.table || (place.argument && !place.argument.block)) return [];
  const out: RenderedMember[] = [];
  for (const [name, argument] of Object.entries(place.table)) {
    if (argument.surfaceOnly || argument.api?.[0] !== member.name) continue;
    out.push({ label: name, newText: argumentSnippet(name, argument, member.valueSnippet) });
  }
  return out;
}

/**
 * `name = |` (an argument, or a key inside `jsonencode` written `key = ` or `key: `), the cursor at the end of
 * its line, a comma or a closing brace, perhaps after a bare word being typed: tree-sitter cannot read an
 * attribute without a value, so a string placeholder is read in its place. One scan back over the line.
 */
function valueSlot(sourceText: string, offset: number): ValueSlot | undefined {
  const word = (c: string | undefined) => c !== undefined && /[\w-]/.test(c);
  const blank = (c: string | undefined) => c === ' ' || c === '\t';
  let start = offset;
  let end = offset;
  while (start > 0 && word(sourceText[start - 1])) start--;
  while (end < sourceText.length && word(sourceText[end])) end++;
  let i = start;
  while (i > 0 && blank(sourceText[i - 1])) i--;
  const separator = sourceText[i - 1];
  if (separator !== '=' && separator !== ':') return undefined;
  // `==`, `!=`, `<=`, `>=` compare; `?` … `:` chooses: neither is a value slot.
  if (separator === '=' && /[=!<>]/.test(sourceText[i - 2] ?? '')) return undefined;
  let k = i - 1;
  while (k > 0 && blank(sourceText[k - 1])) k--;
  if (sourceText[k - 1] !== '"' && !word(sourceText[k - 1])) return undefined;
  let after = end;
  while (after < sourceText.length && blank(sourceText[after])) after++;
  const next = sourceText[after];
  if (next !== undefined && next !== '\n' && next !== '\r' && next !== ',' && next !== '}') return undefined;
  return { start, end, placeholder: '"x"' };
}

/** A key inside `jsonencode`: bare when it is an HCL identifier, else quoted. */
function hclKey(name: string): string {
  return /^[A-Za-z_][\w-]*$/.test(name) ? name : JSON.stringify(name);
}

/** A JSON snippet as HCL: its object keys written `key = value` (strings, numbers, lists read the same). */
function hclSnippet(snippet: string): string {
  return snippet.replace(/"((?:[^"\\]|\\.)*)":\s*/g, (_, key: string) => `${hclKey(key)} = `);
}

/** An argument's snippet: a nested block as a block, a value in the form the argument takes. */
function argumentSnippet(name: string, argument: Argument, valueSnippet: string): string {
  if (argument.attribute) return `${name} = [{\n\t$0\n}]`;
  if (argument.block) return `${name} {\n\t$0\n}`;
  const whole = argument.api?.length === 1;
  switch (argument.form) {
    case 'containerDefinitions':
      return `${name} = jsonencode([\n\t{\n\t\t$1\n\t}\n])`;
    case 'map':
    case 'tags':
    case 'nameValue':
      return `${name} = {\n\t$1\n}`;
    case 'enabledDisabled':
    case 'boolean':
      return `${name} = \${1:true}`;
    case 'number':
      return whole ? `${name} = ${hclSnippet(valueSnippet)}` : `${name} = \${1:0}`;
    case 'list':
      return `${name} = [$1]`;
    default:
      return whole ? `${name} = ${hclSnippet(valueSnippet)}` : `${name} = $1`;
  }
}

/** Where a source node is: inside `jsonencode`, or at an argument of a resource's (nested) block. */
function placeOf(node: Node): { encoded: boolean; table?: ArgumentTable; argument?: Argument } | undefined {
  const chain: Node[] = [];
  for (let at: Node | null = node; at; at = at.parent) {
    if (at.type === 'function_call' && at.child(0)?.text === 'jsonencode') return { encoded: true };
    if (at.type === 'attribute' || at.type === 'block') chain.unshift(at);
  }
  const resource = chain[0];
  if (!resource || resource.child(0)?.text !== 'resource') return undefined;
  const mapping = terraformResources[labels(resource)[0] ?? ''];
  if (!mapping) return undefined;
  let table = mapping.args;
  let argument: Argument | undefined;
  for (const [i, item] of chain.slice(1).entries()) {
    const name = item.child(0)!.text;
    argument = argumentOf(table, name, i === 0);
    if (!argument) return { encoded: false, table };
    // Inside `x = [{ … }]`: no fix or completion is written there yet.
    if (argument.attribute) return { encoded: false };
    if (item.type === 'block' && argument.args) table = argument.args;
  }
  return { encoded: false, table, argument };
}

/** A JSON value written as an HCL literal (single line); undefined for what HCL would read differently. */
export function hclLiteral(value: unknown): string | undefined {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') {
    const s = JSON.stringify(value);
    if (/\\[bf/]/.test(s)) return undefined;
    return s.replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{');
  }
  if (Array.isArray(value)) {
    const items = value.map(hclLiteral);
    return items.every((i) => i !== undefined) ? `[${items.join(', ')}]` : undefined;
  }
  if (typeof value === 'object') {
    const members: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      const lit = hclLiteral(v);
      if (lit === undefined) return undefined;
      members.push(`${/^[A-Za-z_][\w-]*$/.test(k) ? k : JSON.stringify(k)} = ${lit}`);
    }
    return members.length ? `{ ${members.join(', ')} }` : '{}';
  }
  return undefined;
}

// --- The provider's own words ---

/**
 * A type mistake inside `jsonencode` says how HCL writes lists and objects. (That the provider drops an unknown
 * member without a word is the terraform deploy context's to say: templates loaded by `file()` get it too.)
 */
function annotate(problem: Problem, doc: EcsDocument): Problem | undefined {
  // References, variables and calls are Terraform's everyday values: a note on each would say nothing.
  if (problem.code === 'placeholder.value') return undefined;
  // The provider decodes container definitions into SDK structures, where null is unset (deployTools.ts).
  if (problem.code === 'schema.null-value') return undefined;
  // Line numbers of the API-shaped text mean nothing in the .tf file.
  if (problem.code === 'json.duplicate-key')
    return { ...problem, message: problem.message.replace(/ on line \d+/, '') };
  const map = doc.origin?.map;
  const containers = map ? containerRanges.get(map) : undefined;
  if (!containers) return problem;
  const inside =
    problem.offset >= containers.span.offset &&
    problem.offset + problem.length <= containers.span.offset + containers.span.length;
  if (!inside) return problem;
  if (problem.code === 'schema.type' && containers.encoded && /\b(array|object)\b/.test(problem.message))
    return {
      ...problem,
      message: `${problem.message} In jsonencode, [ … ] writes a list and { … } an object.`,
    };
  return problem;
}

/** Kept for tests: how an expression's reference reads. */
export { referenceParts };

// Derives the task-definition and service JSON Schemas from the type definitions of
// the pinned @aws-sdk/client-ecs, then applies the hand-written overlay. The output
// (schemas/generated/, git-ignored) carries the SDK's doc comments as hover text, so
// it is produced at build time and never committed.
import ts from 'typescript';
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const sdkRoot = dirname(require.resolve('@aws-sdk/client-ecs/package.json'));
const sdkVersion = JSON.parse(readFileSync(join(sdkRoot, 'package.json'), 'utf8')).version;
const modelsDir = join(sdkRoot, 'dist-types', 'models');

/** name -> { kind: 'interface', members } | { kind: 'enum', values } | { kind: 'union', members } */
const declarations = new Map();

function docOf(node) {
  const tags = ts.getJSDocCommentsAndTags(node);
  for (const tag of tags) {
    if (ts.isJSDoc(tag) && typeof tag.comment === 'string') return tag.comment;
    if (ts.isJSDoc(tag) && Array.isArray(tag.comment)) return tag.comment.map((c) => c.text).join('');
  }
  return '';
}

function collect(file, into = declarations) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node, namespace) => {
    if (ts.isInterfaceDeclaration(node)) {
      const name = namespace ? `${namespace}.${node.name.text}` : node.name.text;
      const members = [];
      for (const m of node.members) {
        if (!ts.isPropertySignature(m) || !m.type) continue;
        const memberName = m.name.getText(source);
        if (memberName === '$unknown') continue;
        members.push({ name: memberName, optional: !!m.questionToken, type: m.type, doc: docOf(m) });
      }
      into.set(name, { kind: 'interface', members, doc: docOf(node) });
    } else if (ts.isVariableStatement(node)) {
      for (const d of node.declarationList.declarations) {
        if (d.type && ts.isTypeLiteralNode(d.type)) {
          const values = d.type.members
            .filter((m) => ts.isPropertySignature(m) && m.type && ts.isLiteralTypeNode(m.type))
            .map((m) => m.type.literal.text);
          into.set(d.name.getText(source), { kind: 'enum', values, doc: docOf(node) });
        }
      }
    } else if (ts.isModuleDeclaration(node) && node.body && ts.isModuleBlock(node.body)) {
      for (const s of node.body.statements) visit(s, node.name.text);
    } else if (ts.isTypeAliasDeclaration(node) && ts.isUnionTypeNode(node.type)) {
      const refs = node.type.types.filter(ts.isTypeReferenceNode).map((t) => t.typeName.getText(source));
      if (refs.length && refs.every((r) => r.includes('.')))
        into.set(node.name.text, { kind: 'union', members: refs, doc: docOf(node) });
    }
  };
  source.forEachChild((n) => visit(n));
}

for (const f of readdirSync(modelsDir)) if (f.endsWith('.d.ts')) collect(join(modelsDir, f));

/** SDK doc comments are HTML fragments: keep plain text with Markdown code spans and links. */
function docToMarkdown(html) {
  return html
    .replace(/<code>(.*?)<\/code>/gs, '`$1`')
    .replace(/<a href="([^"]+)">(.*?)<\/a>/gs, '[$2]($1)')
    .replace(/<li>/g, '\n- ')
    .replace(/<\/p>\s*<p>/g, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n /g, '\n')
    .trim();
}

const definitions = {};

function typeToSchema(type) {
  if (ts.isUnionTypeNode(type)) {
    const parts = type.types.filter(
      (t) =>
        !(
          t.kind === ts.SyntaxKind.UndefinedKeyword ||
          (ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword)
        ),
    );
    if (parts.length === 1) return typeToSchema(parts[0]);
    return { anyOf: parts.map(typeToSchema) };
  }
  if (ts.isArrayTypeNode(type)) return { type: 'array', items: typeToSchema(type.elementType) };
  switch (type.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { type: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
  }
  if (ts.isTypeReferenceNode(type)) {
    const name = type.typeName.getText();
    if (name === 'Record') return { type: 'object', additionalProperties: typeToSchema(type.typeArguments[1]) };
    if (name === 'Date') return { type: ['string', 'number'] };
    if (name === '__DocumentType') return {};
    if (name === 'Uint8Array') return { type: 'string' };
    ensureDefinition(name);
    return { $ref: `#/definitions/${name}` };
  }
  throw new Error(`Unsupported type in the SDK model: ${type.getText()}`);
}

function ensureDefinition(name) {
  if (definitions[name]) return;
  const decl = declarations.get(name);
  if (!decl) throw new Error(`Shape ${name} not found in the SDK model`);
  if (decl.kind === 'enum') {
    definitions[name] = { type: 'string', enum: decl.values, 'x-apiShape': name };
    return;
  }
  if (decl.kind === 'union') {
    // A Smithy union: exactly one of its members is set.
    const members = decl.members.map((ref) => declarations.get(ref)).filter((d) => d?.kind === 'interface');
    const placeholder = {
      type: 'object',
      'x-apiShape': name,
      'x-union': true,
      properties: {},
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
    };
    definitions[name] = placeholder;
    for (const m of members) {
      const prop = m.members.find((x) => !x.type.getText().includes('never'));
      if (prop) placeholder.properties[prop.name] = withDoc(typeToSchema(prop.type), prop.doc);
    }
    return;
  }
  const schema = { type: 'object', 'x-apiShape': name, properties: {}, additionalProperties: false };
  if (decl.doc) schema.description = docToMarkdown(decl.doc);
  definitions[name] = schema;
  const required = [];
  for (const m of decl.members) {
    schema.properties[m.name] = withDoc(typeToSchema(m.type), m.doc);
    if (!m.optional) required.push(m.name);
  }
  if (required.length) schema.required = required;
}

function withDoc(schema, doc) {
  const text = docToMarkdown(doc ?? '');
  if (!text) return schema;
  // A $ref with siblings is fine in draft-07 for annotations; ajv ignores them for validation.
  return { ...schema, description: text };
}

function merge(target, patch) {
  for (const [k, v] of Object.entries(patch)) {
    if (
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      target[k] &&
      typeof target[k] === 'object' &&
      !Array.isArray(target[k])
    )
      merge(target[k], v);
    else target[k] = v;
  }
}

const overlay = JSON.parse(readFileSync(join(here, 'overlay.json'), 'utf8'));

function build(rootShape, title, id, shapes = overlay.shapes) {
  for (const k of Object.keys(definitions)) delete definitions[k];
  ensureDefinition(rootShape);
  for (const [shape, members] of Object.entries(shapes)) {
    const def = definitions[shape];
    if (!def) continue;
    for (const [member, patch] of Object.entries(members)) {
      if (member === '$shape') {
        merge(def, patch);
        continue;
      }
      const prop = def.properties?.[member];
      if (!prop) throw new Error(`Overlay names ${shape}.${member}, which the SDK model does not have`);
      if (prop.$ref && (patch.items || patch.properties))
        throw new Error(`Overlay on ${shape}.${member} must patch the shape, not the reference`);
      merge(prop, patch);
    }
  }
  const root = definitions[rootShape];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: id,
    title,
    'x-sdkVersion': sdkVersion,
    ...root,
    definitions: { ...definitions },
  };
}

const outDir = join(here, 'generated');
mkdirSync(outDir, { recursive: true });
const taskDefinition = build(
  'RegisterTaskDefinitionRequest',
  'Amazon ECS task definition (register-task-definition input)',
  'ecs-lens://schemas/task-definition.json',
);
taskDefinition['x-readOnlyMembers'] = overlay.readOnlyTaskDefinitionMembers;
writeFileSync(join(outDir, 'task-definition.schema.json'), JSON.stringify(taskDefinition, null, 1) + '\n');
const service = build(
  'CreateServiceRequest',
  'Amazon ECS service (create-service input)',
  'ecs-lens://schemas/service.json',
);
writeFileSync(join(outDir, 'service.schema.json'), JSON.stringify(service, null, 1) + '\n');
const daemonTaskDefinition = build(
  'RegisterDaemonTaskDefinitionRequest',
  'Amazon ECS daemon task definition (register-daemon-task-definition input)',
  'ecs-lens://schemas/daemon-task-definition.json',
);
writeFileSync(join(outDir, 'daemon-task-definition.schema.json'), JSON.stringify(daemonTaskDefinition, null, 1) + '\n');
const expressService = build(
  'CreateExpressGatewayServiceRequest',
  'Amazon ECS Express Mode service (create-express-gateway-service input)',
  'ecs-lens://schemas/express-service.json',
);
writeFileSync(join(outDir, 'express-service.schema.json'), JSON.stringify(expressService, null, 1) + '\n');
// Application Auto Scaling: register-scalable-target and put-scaling-policy input, from the pinned
// @aws-sdk/client-application-auto-scaling. Its shapes replace the ECS ones for these two builds.
const aasRoot = dirname(require.resolve('@aws-sdk/client-application-auto-scaling/package.json'));
const aasVersion = JSON.parse(readFileSync(join(aasRoot, 'package.json'), 'utf8')).version;
declarations.clear();
for (const f of readdirSync(join(aasRoot, 'dist-types', 'models')))
  if (f.endsWith('.d.ts')) collect(join(aasRoot, 'dist-types', 'models', f));
const scalableTarget = build(
  'RegisterScalableTargetRequest',
  'Application Auto Scaling scalable target (register-scalable-target input)',
  'ecs-lens://schemas/scalable-target.json',
  {},
);
scalableTarget['x-sdkVersion'] = aasVersion;
writeFileSync(join(outDir, 'scalable-target.schema.json'), JSON.stringify(scalableTarget, null, 1) + '\n');
const scalingPolicy = build(
  'PutScalingPolicyRequest',
  'Application Auto Scaling scaling policy (put-scaling-policy input)',
  'ecs-lens://schemas/scaling-policy.json',
  {},
);
scalingPolicy['x-sdkVersion'] = aasVersion;
// Step scaling acts on CloudWatch alarms, which the simulator reads from the policy file (put-metric-alarm input).
scalingPolicy.properties.Alarms = JSON.parse(readFileSync(join(here, 'metric-alarms.schema.json'), 'utf8'));
writeFileSync(join(outDir, 'scaling-policy.schema.json'), JSON.stringify(scalingPolicy, null, 1) + '\n');

// Validators compiled ahead of time: compiling both schemas at server start costs a quarter second.
// One module per schema, so a process loads only the kinds it meets. The modules embed the schema objects that
// findings point at (`verbose`), compiled from copies without the prose: hover and completion read the
// descriptions from the schema files.
const Ajv = require('ajv').default;
const standaloneCode = require('ajv/dist/standalone').default;
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, code: { source: true } });
const cluster = JSON.parse(readFileSync(join(here, 'cluster.schema.json'), 'utf8'));
const loadProfile = JSON.parse(readFileSync(join(here, 'load-profile.schema.json'), 'utf8'));
const proseKeywords = new Set(['description', 'markdownDescription', 'title', 'x-snippet', 'examples']);
/** A copy of a schema without its prose; member names (under properties, definitions) are kept whatever they are. */
function withoutProse(schema, isMap = false) {
  if (Array.isArray(schema)) return schema.map((s) => withoutProse(s));
  if (typeof schema !== 'object' || schema === null) return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!isMap && proseKeywords.has(key) && typeof value === 'string') continue;
    if (!isMap && (key === 'enum' || key === 'const' || key === 'default' || key === 'required')) out[key] = value;
    else out[key] = withoutProse(value, !isMap && (key === 'properties' || key === 'definitions'));
  }
  return out;
}
const validated = {
  taskDefinition,
  service,
  cluster,
  scalableTarget,
  scalingPolicy,
  loadProfile,
  daemonTaskDefinition,
  expressService,
};
for (const schema of Object.values(validated)) ajv.addSchema(withoutProse(schema));
const validatorsDir = join(outDir, 'validators');
mkdirSync(validatorsDir, { recursive: true });
for (const [name, schema] of Object.entries(validated))
  writeFileSync(join(validatorsDir, `${name}.js`), standaloneCode(ajv, { validate: schema.$id }));
console.log(
  `schemas: task definition ${Object.keys(taskDefinition.definitions).length} shapes, service ${Object.keys(service.definitions).length} shapes (@aws-sdk/client-ecs ${sdkVersion})`,
);

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { resolve, schemas, type JsonSchema } from '../../../server/src/service/schema';

// Reads the pinned SDK's model on its own (not through the generator) so that a member
// the generator drops makes this test fail.
const modelsDir = join(dirname(require.resolve('@aws-sdk/client-ecs/package.json')), 'dist-types', 'models');
const interfaces = new Map<string, ts.InterfaceDeclaration>();
for (const f of readdirSync(modelsDir)) {
  if (!f.endsWith('.d.ts')) continue;
  const source = ts.createSourceFile(f, readFileSync(join(modelsDir, f), 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node, ns?: string): void => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(ns ? `${ns}.${node.name.text}` : node.name.text, node);
    else if (ts.isModuleDeclaration(node) && node.body && ts.isModuleBlock(node.body))
      node.body.statements.forEach((s) => visit(s, node.name.text));
  };
  source.forEachChild((n) => visit(n));
}

function referencedShapes(type: ts.TypeNode): string[] {
  if (ts.isUnionTypeNode(type)) return type.types.flatMap(referencedShapes);
  if (ts.isArrayTypeNode(type)) return referencedShapes(type.elementType);
  if (ts.isTypeReferenceNode(type)) {
    const name = type.typeName.getText();
    if (interfaces.has(name)) return [name];
    const aliasMembers = [...interfaces.keys()].filter(
      (k) => k.startsWith(name + '.') && k.endsWith('Member') && !k.endsWith('$UnknownMember'),
    );
    return aliasMembers;
  }
  return [];
}

function walk(
  shape: string,
  schema: JsonSchema | undefined,
  root: JsonSchema,
  path: string,
  missing: string[],
  seen: Set<string>,
): void {
  if (seen.has(shape)) return;
  seen.add(shape);
  const decl = interfaces.get(shape)!;
  for (const m of decl.members) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const name = m.name.getText();
    if (name === '$unknown') continue;
    const memberSchema = resolve(root, schema?.properties?.[name]);
    if (!memberSchema) {
      missing.push(`${path}.${name}`);
      continue;
    }
    const required = !m.questionToken;
    if (required && !shape.includes('.') && !schema?.required?.includes(name))
      missing.push(`${path}.${name} (required)`);
    for (const ref of referencedShapes(m.type)) {
      const target = ref.includes('.') ? memberSchema : (resolve(root, memberSchema.items) ?? memberSchema);
      walk(ref, target.type === 'array' ? resolve(root, target.items) : target, root, `${path}.${name}`, missing, seen);
    }
  }
}

for (const [root, schema] of [
  ['RegisterTaskDefinitionRequest', schemas.taskDefinition],
  ['CreateServiceRequest', schemas.service],
] as const) {
  test(`every member of ${root}, walked recursively, is in the schema`, () => {
    const missing: string[] = [];
    const seen = new Set<string>();
    walk(root, resolve(schema, schema), schema, root, missing, seen);
    assert.ok(seen.size > 20, `walked only ${seen.size} shapes`);
    assert.deepEqual(missing, []);
  });
}

test('enums of the model are in the schema', () => {
  const networkMode = resolve(schemas.taskDefinition, schemas.taskDefinition.properties!.networkMode)!;
  assert.deepEqual([...(networkMode.enum as string[])].sort(), ['awsvpc', 'bridge', 'host', 'none']);
  const launchType = resolve(schemas.service, schemas.service.properties!.launchType)!;
  assert.ok((launchType.enum as string[]).includes('FARGATE'));
});

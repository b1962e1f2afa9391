import { test } from 'node:test';
import assert from 'node:assert/strict';
import taskDefinitionSchema from '../../../../schemas/generated/task-definition.schema.json';
import serviceSchema from '../../../../schemas/generated/service.schema.json';
import daemonSchema from '../../../../schemas/generated/daemon-task-definition.schema.json';
import expressSchema from '../../../../schemas/generated/express-service.schema.json';
import {
  argumentOf,
  metaArguments,
  terraformResources,
  type ArgumentTable,
} from '../../../../server/src/surfaces/terraform/resources';
import { listOfObjectsAttributes, providerArguments } from './providerSchema';

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; type?: string | string[] };

// tsc needs the assertions (a JSON member without these keys is no Schema to it), whatever the lint says.
/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion */
const schemas: Record<string, Schema & { definitions?: Record<string, Schema> }> = {
  aws_ecs_task_definition: taskDefinitionSchema as Schema,
  aws_ecs_service: serviceSchema as Schema,
  aws_ecs_daemon_task_definition: daemonSchema as Schema,
  aws_ecs_express_gateway_service: expressSchema as Schema,
};
/* eslint-enable @typescript-eslint/no-unnecessary-type-assertion */

function resolved(root: { definitions?: Record<string, Schema> }, s: Schema | undefined): Schema | undefined {
  let at = s;
  for (let i = 0; at?.$ref && i < 10; i++) at = root.definitions?.[at.$ref.split('/').pop()!];
  return at;
}

/** The schema of the API member at `path` under `at` (an array member: its items). */
function member(
  root: { definitions?: Record<string, Schema> },
  at: Schema,
  path: readonly string[],
): Schema | undefined {
  let s: Schema | undefined = resolved(root, at);
  for (const name of path) {
    s = resolved(root, s?.properties?.[name]);
    if (!s) return undefined;
  }
  return s;
}

function check(
  type: string,
  provider: Record<string, true | object>,
  table: ArgumentTable,
  at: Schema,
  where: string,
  topLevel: boolean,
  out: string[],
): void {
  const root = schemas[type];
  for (const [name, nested] of Object.entries(provider)) {
    const arg = argumentOf(table, name, topLevel);
    if (!arg) {
      out.push(`${where}${name}: not in the table`);
      continue;
    }
    if (arg.surfaceOnly) continue;
    const target = arg.api ? member(root, at, arg.api) : undefined;
    if (!target) {
      out.push(`${where}${name}: ${arg.api?.join('.')} is no API member`);
      continue;
    }
    if (nested === true) {
      if (arg.block) out.push(`${where}${name}: an argument in the provider, a block in the table`);
      continue;
    }
    if (!arg.block || !arg.args) {
      out.push(`${where}${name}: a block in the provider, not in the table`);
      continue;
    }
    const inner = arg.block === 'array' ? resolved(root, target.items) : target;
    if (!inner) {
      out.push(`${where}${name}: ${arg.api?.join('.')} takes ${arg.block === 'array' ? 'no list' : 'no object'}`);
      continue;
    }
    check(type, nested as Record<string, true | object>, arg.args, inner, `${where}${name}.`, false, out);
  }
  // The reverse: no argument in the table that the provider does not have.
  for (const name of Object.keys(table))
    if (!Object.hasOwn(provider, name)) out.push(`${where}${name}: in the table, not in the provider's schema`);
}

test("every argument of the provider's ECS resources maps to an API member or is declared surface-only", () => {
  const problems: string[] = [];
  for (const [type, args] of Object.entries(providerArguments)) {
    const mapping = terraformResources[type];
    assert.ok(mapping, `${type} is read`);
    check(type, args, mapping.args, schemas[type], `${type}.`, true, problems);
  }
  assert.deepEqual(problems, []);
});

test('the arguments the provider writes `x = [{ … }]` are those the table reads so, and no others', () => {
  const attributes = (table: ArgumentTable, where: string): string[] =>
    Object.entries(table).flatMap(([name, arg]) => [
      ...(arg.attribute ? [`${where}${name}`] : []),
      ...(arg.args ? attributes(arg.args, `${where}${name}.`) : []),
    ]);
  for (const [type, mapping] of Object.entries(terraformResources))
    assert.deepEqual(attributes(mapping.args, '').sort(), [...(listOfObjectsAttributes[type] ?? [])].sort(), type);
});

test('a block that the API takes as a list is one, and an object block is one', () => {
  const root = schemas.aws_ecs_service;
  const lb = member(root, root, terraformResources.aws_ecs_service.args.load_balancer.api!);
  assert.equal(lb?.type, 'array');
  const net = member(root, root, terraformResources.aws_ecs_service.args.network_configuration.api!);
  assert.ok(net?.properties?.subnets, 'network_configuration fills awsvpcConfiguration');
});

test('meta-arguments are surface-only and never shadow a resource argument', () => {
  for (const [name, arg] of Object.entries(metaArguments)) {
    assert.ok(arg.surfaceOnly, name);
    for (const type of Object.keys(terraformResources))
      assert.ok(!Object.hasOwn(terraformResources[type].args, name) || name === 'tags_all', `${type}.${name} is both`);
  }
});

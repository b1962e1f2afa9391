import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve, schemas, type JsonSchema } from '../../../../server/src/service/schema';
import { schemaPaths } from '../../../../server/src/surfaces/cloudformation/schemaPaths';
import { propertiesOf, propertyName, resourceTypes } from '../../../../server/src/surfaces/cloudformation/resources';

const apiSchema: Record<string, JsonSchema> = { 'task-definition': schemas.taskDefinition, service: schemas.service };

/** The API member a property path names, by the table's renames and otherwise by name regardless of case. */
function apiMemberAt(type: string, path: string): JsonSchema | undefined {
  const info = resourceTypes[type];
  const root = apiSchema[info.kind!];
  let node: JsonSchema | undefined = resolve(root, root);
  const steps = path.split('.');
  for (let i = 0; i < steps.length && node; i++) {
    const step = steps[i];
    const name = step.replace('[]', '');
    const renamed =
      info.renamed?.[
        steps
          .slice(0, i + 1)
          .join('.')
          .replace(/\[\]/g, '')
      ];
    const members = node.properties ?? {};
    const key = renamed ?? Object.keys(members).find((m) => m.toLowerCase() === name.toLowerCase());
    node = key === undefined ? undefined : resolve(root, members[key]);
    if (node && step.endsWith('[]')) node = resolve(root, node.items);
  }
  return node;
}

test('every property of an ECS resource maps to an API member or is declared CloudFormation-only', () => {
  const unmapped: string[] = [];
  for (const [type, info] of Object.entries(resourceTypes)) {
    if (!info.kind) continue;
    for (const [path] of schemaPaths[type]) {
      const bare = path.replace(/\[\]/g, '');
      if (info.cloudFormationOnly?.[bare] !== undefined) continue;
      if (!apiMemberAt(type, path)) unmapped.push(`${type} ${path}`);
    }
  }
  assert.deepEqual(unmapped, []);
});

test('every rename and CloudFormation-only entry names a property the schema has', () => {
  for (const [type, info] of Object.entries(resourceTypes)) {
    const paths = new Set((schemaPaths[type] ?? []).map(([p]) => p.replace(/\[\]/g, '')));
    assert.ok(paths.size > 0, `${type} has schema paths`);
    for (const p of [...Object.keys(info.renamed ?? {}), ...Object.keys(info.cloudFormationOnly ?? {})])
      assert.ok(paths.has(p), `${type} ${p}`);
  }
});

test('the property tree nests each property under its parent', () => {
  const task = propertiesOf('AWS::ECS::TaskDefinition')!;
  const containers = task.get('ContainerDefinitions')!;
  assert.equal(containers.kind, 'array');
  assert.equal(containers.itemKind, 'object');
  const port = containers.children?.get('PortMappings')?.children?.get('ContainerPort');
  assert.equal(port?.kind, 'integer');
  assert.equal(containers.children?.get('DockerLabels')?.kind, 'map');
  assert.equal(task.get('Cpu')?.kind, 'string');
  assert.equal(propertiesOf('AWS::ECS::Service')!.get('PlacementStrategies')?.children?.get('Field')?.kind, 'string');
});

test('an API member name is spelled back the CloudFormation way', () => {
  assert.equal(propertyName('efsVolumeConfiguration'), 'EFSVolumeConfiguration');
  assert.equal(propertyName('containerPort'), 'ContainerPort');
  assert.equal(propertyName('placementStrategy'), 'PlacementStrategies');
  assert.equal(propertyName('noSuchMember'), undefined);
});

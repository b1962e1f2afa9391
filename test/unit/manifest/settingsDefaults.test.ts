// The manifest's settings are written once more in package.json (VS Code reads it before the server starts): each
// such copy is held here to the server's own table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSettings } from '../../../server/src/service/settings';
import { deployContextNames } from '../../../server/src/ecs/deployTools';

type Property = { default?: unknown; additionalProperties?: { enum?: unknown[] } };
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Property> } };
};
const properties = manifest.contributes.configuration.properties;

test('each ecsLens.files.* setting defaults to the globs of service/settings.ts, and each there has its setting', () => {
  const prefix = 'ecsLens.files.';
  const inManifest = Object.fromEntries(
    Object.entries(properties)
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, property]) => [name.slice(prefix.length), property.default]),
  );
  assert.deepEqual(inManifest, defaultSettings.files);
});

test("ecsLens.deployContext's values are the deploy tools of ecs/deployTools.ts", () => {
  assert.deepEqual(properties['ecsLens.deployContext'].additionalProperties?.enum, [...deployContextNames]);
});

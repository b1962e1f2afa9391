import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));

test('Restricted Mode: limited support, and the restricted settings are settings the extension has', () => {
  const untrusted = manifest.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, 'limited');
  assert.ok(untrusted.description.length > 0);
  const properties = Object.keys(manifest.contributes.configuration.properties);
  assert.deepEqual(untrusted.restrictedConfigurations, [
    'ecsLens.files.taskDefinition',
    'ecsLens.files.service',
    'ecsLens.files.cluster',
  ]);
  for (const name of untrusted.restrictedConfigurations) assert.ok(properties.includes(name), name);
});

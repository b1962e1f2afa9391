import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));

test('Restricted Mode: limited support, and every setting that chooses what is read or how is restricted', () => {
  const untrusted = manifest.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, 'limited');
  assert.ok(untrusted.description.length > 0);
  const properties = Object.keys(manifest.contributes.configuration.properties);
  // Which files are ECS files (ecsLens.files.*) and which deploy tool's rules check them (ecsLens.deployContext):
  // a repository opened in Restricted Mode must not choose either.
  const chooses = properties.filter((name) => name.startsWith('ecsLens.files.') || name === 'ecsLens.deployContext');
  assert.ok(chooses.length >= 4, 'the manifest names the file-pattern settings');
  assert.deepEqual([...untrusted.restrictedConfigurations].sort(), [...chooses].sort());
  for (const name of untrusted.restrictedConfigurations) assert.ok(properties.includes(name), name);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outlinedElsewhere } from '../../../client/src/outline';

const withJson = (id: string) => id === 'vscode.json-language-features';

test('JSON and JSONC task definitions get one outline: VS Code’s own JSON outline where it is installed', () => {
  assert.equal(outlinedElsewhere('json', withJson), true);
  assert.equal(outlinedElsewhere('jsonc', withJson), true);
  // Without VS Code's JSON support (disabled, or another editor) the server's outline is the only one.
  assert.equal(
    outlinedElsewhere('json', () => false),
    false,
  );
});

test('Terraform and YAML files keep the ECS outline unless their own language extension outlines them', () => {
  assert.equal(outlinedElsewhere('terraform', withJson), false);
  assert.equal(outlinedElsewhere('yaml', withJson), false);
  assert.equal(
    outlinedElsewhere('terraform', (id) => id === 'hashicorp.terraform'),
    true,
  );
  assert.equal(
    outlinedElsewhere('yaml', (id) => id === 'redhat.vscode-yaml'),
    true,
  );
  assert.equal(
    outlinedElsewhere('plaintext', () => true),
    false,
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPlaceholder, placeholderToken } from '../../../server/src/ecs/placeholders';

test('template placeholders are still recognised', () => {
  for (const v of [
    '{{ .Env.IMAGE }}',
    '{{{raw}}}',
    '${ACCOUNT_ID}.dkr.ecr',
    '#{Octopus.Var}',
    '<IMAGE1_NAME>',
    '$$$TAG$$$',
    '__TOKEN__',
  ])
    assert.ok(isPlaceholder(v), v);
  assert.equal(placeholderToken('img:{{ tag }}'), '{{ tag }}');
  assert.equal(isPlaceholder('nginx:1.25'), false);
});

test('a megabyte of opening delimiters is answered in one pass (it used to take minutes)', () => {
  // Each of these used to rescan the rest of the value from every start position.
  for (const unit of ['{{', '${', '#{', '{A', '%A', '__A', 'XXXX_']) {
    const value = unit.repeat(Math.ceil(1_000_000 / unit.length));
    assert.doesNotThrow(() => isPlaceholder(value));
    assert.doesNotThrow(() => placeholderToken(value));
  }
  assert.equal(isPlaceholder('{{'.repeat(500_000)), false);
  assert.equal(isPlaceholder('${'.repeat(500_000)), false);
});

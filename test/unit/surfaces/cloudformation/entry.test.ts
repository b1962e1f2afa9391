import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entry, parseTemplate, type TNode } from '../../../../server/src/surfaces/cloudformation/parse';

test('a member is found by name in small and large maps alike, the first of a repeated name, in YAML and JSON', () => {
  for (const size of [3, 16, 17, 400]) {
    const names = Array.from({ length: size }, (_, i) => `Resource${i}`);
    const yaml = ['Resources:', ...names.map((n, i) => `  ${n}: ${i}`), `  ${names[1]}: repeated`].join('\n');
    const json = `{"Resources": {${[...names.map((n, i) => `"${n}": ${i}`), `"${names[1]}": "repeated"`].join(', ')}}}`;
    for (const text of [yaml, json]) {
      const resources = entry(parseTemplate(text).root, 'Resources')?.value;
      assert.equal(resources?.type, 'map');
      for (const [i, n] of names.entries()) {
        const found: TNode | undefined = entry(resources, n)?.value;
        assert.ok(found?.type === 'scalar', `${size}: ${n}`);
        assert.equal(found.value, i, `${size}: ${n} is its first writing`);
      }
      assert.equal(entry(resources, 'Missing'), undefined);
      assert.equal(entry(resources, 'toString'), undefined);
    }
  }
});

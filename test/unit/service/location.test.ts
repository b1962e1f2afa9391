import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLocation } from 'jsonc-parser';
import { parseDocument } from '../../../server/src/service/document';
import { locationAt } from '../../../server/src/service/location';

const texts = [
  JSON.stringify(
    {
      family: 'web',
      containerDefinitions: [
        { name: 'app', image: 'nginx', environment: [{ name: 'A', value: '1' }, { name: 'B' }], essential: true },
        { name: 'side', portMappings: [{ containerPort: 80 }, {}], dependsOn: [] },
      ],
      cpu: '256',
    },
    null,
    2,
  ),
  '{"family":"a","containerDefinitions":[{"name":"x","environment":[{"name":"A","value":"1"},{"na',
  '{\n  "family": "a",\n  "containerDefinitions": [\n    { "name": "x", "image": , "cpu": 1 },\n    { "essential": tr }\n  ],\n  "volumes": [ { "name": "v" }, ]\n}',
  '{ "a": [1,,2, {"b": [ {"c": 1} ]}], "d": { "e" "f": 1 } }',
  '[ { "name": "app", "image": "nginx" }, { "name": "s", "portMappings": [ { "containerPort": 8 } ] } ]',
];

test('the location from the cached tree is the one a scan from the start of the text finds, at every offset', () => {
  for (const text of texts) {
    const doc = parseDocument('file:///w/a-task-def.json', text);
    for (let offset = 0; offset <= text.length; offset++) {
      const expected = getLocation(text, offset);
      const actual = locationAt(doc, offset);
      const where = `${JSON.stringify(text.slice(Math.max(0, offset - 15), offset))}|`;
      assert.deepEqual(actual.path, expected.path, where);
      assert.equal(actual.isAtPropertyKey, expected.isAtPropertyKey, where);
      const strip = (n: typeof expected.previousNode) =>
        n && { type: n.type, offset: n.offset, length: n.length, value: n.value, colonOffset: n.colonOffset };
      assert.deepEqual(strip(actual.previousNode), strip(expected.previousNode), where);
      assert.equal(actual.matches(['containerDefinitions', '*']), expected.matches(['containerDefinitions', '*']));
    }
  }
});

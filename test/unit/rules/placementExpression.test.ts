import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, passes, service, task } from './helpers';

test('placement.expression: valid memberOf expressions pass in task definitions and services', () => {
  passes(
    'placement.expression',
    task({ placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t3.*' }] }),
  );
  passes(
    'placement.expression',
    service({
      placementConstraints: [
        { type: 'memberOf', expression: 'attribute:ecs.availability-zone in [us-east-1a, us-east-1b]' },
      ],
    }),
  );
});

test('placement.expression: problems are mapped into the JSON string', () => {
  const doc = service({ placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type == ' }] });
  const text = JSON.stringify(doc, null, 2);
  const found = check('placement.expression', doc);
  assert.ok(found.length > 0, 'an incomplete expression is reported');
  const literal = text.indexOf('"attribute:ecs.instance-type == "');
  for (const f of found) {
    assert.ok(
      f.offset >= literal && f.offset + f.length <= literal + '"attribute:ecs.instance-type == "'.length,
      `inside the literal: ${f.covered}`,
    );
  }
});

test('placement.expression: offsets account for escapes in the raw literal', () => {
  const text =
    '{"serviceName":"s","taskDefinition":"t","placementConstraints":[{"type":"memberOf","expression":"attribute:a == \\"x\\" and and"}]}';
  const found = check('placement.expression', text);
  assert.ok(found.length > 0);
  assert.ok(
    found.some((f) => f.covered.includes('and')),
    found.map((f) => f.covered).join('|'),
  );
});

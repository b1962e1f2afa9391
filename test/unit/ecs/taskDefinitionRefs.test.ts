import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  familyOfReference,
  placedRevision,
  revisionKey,
  sameRevision,
} from '../../../server/src/ecs/taskDefinitionRefs';

const arn = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:7';

test('a reference reads the same as a name, a family:revision or an ARN', () => {
  assert.equal(revisionKey(arn), 'web:7');
  assert.equal(revisionKey('web:7'), 'web:7');
  assert.equal(familyOfReference(arn), 'web');
  assert.equal(familyOfReference('web'), 'web');
  assert.ok(sameRevision(arn, 'web:7'));
  assert.ok(sameRevision('web', 'web:3'), 'a bare family matches any of its revisions');
  assert.ok(!sameRevision('web:3', 'web:7'));
  assert.ok(!sameRevision('web:7', 'webapp:7'));
});

test('the revision placed: the service names it, else describe output has it, else register input is the next one', () => {
  assert.equal(placedRevision({ family: 'web' }, arn), 'web:7');
  assert.equal(placedRevision({ taskDefinition: { family: 'web', revision: 4 } }, undefined), 'web:4');
  assert.equal(placedRevision({ family: 'web' }, undefined), 'web:new');
  assert.ok(!sameRevision('web:7', placedRevision({ family: 'web' }, undefined)!));
  assert.equal(placedRevision([], undefined), undefined);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  familyOfReference,
  placedRevision,
  revisionKey,
  revisionOfReference,
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
  assert.equal(revisionOfReference(arn), 7);
  assert.equal(revisionOfReference('web:7'), 7);
  assert.equal(revisionOfReference('web'), undefined);
  assert.equal(revisionOfReference(undefined), undefined);
});

test('an ARN is read by its parts; one with a placeholder in its Region or account still names its revision', () => {
  assert.equal(revisionKey('arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/api:3'), 'api:3');
  const templated = 'arn:aws:ecs:${AWS_REGION}:{{ must_env `ACCOUNT_ID` }}:task-definition/web:3';
  assert.equal(revisionKey(templated), 'web:3');
  assert.equal(familyOfReference(templated), 'web');
  assert.equal(revisionOfReference(templated), 3);
  // Not an ARN: a name is taken as it is.
  assert.equal(revisionKey('team/web:3'), 'team/web:3');
});

test('the revision placed: the service names it, else describe output has it, else register input is the next one', () => {
  assert.equal(placedRevision({ family: 'web' }, arn), 'web:7');
  assert.equal(placedRevision({ taskDefinition: { family: 'web', revision: 4 } }, undefined), 'web:4');
  assert.equal(placedRevision({ family: 'web' }, undefined), 'web:new');
  assert.ok(!sameRevision('web:7', placedRevision({ family: 'web' }, undefined)!));
  assert.equal(placedRevision([], undefined), undefined);
});

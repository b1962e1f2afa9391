import { test } from 'node:test';
import assert from 'node:assert/strict';
import { itemSubject } from '../../../client/src/itemSubject';

test('the status bar item speaks of the resource under the cursor in a Terraform file, of the file elsewhere', () => {
  assert.equal(
    itemSubject('file:///work/infra/ecs.tf#aws_ecs_task_definition.app'),
    'the resource aws_ecs_task_definition.app',
  );
  assert.equal(itemSubject('file:///work/stack.yaml#WebService'), 'the resource WebService');
  assert.equal(itemSubject(undefined), 'this file');
});

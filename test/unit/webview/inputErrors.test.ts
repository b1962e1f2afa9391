import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inputErrorsLead } from '../../../client/src/webview/inputErrors';

test('the panel names the count of errors, the file and the first error’s line', () => {
  const first = { uri: 'file:///w/web%20app-task-def.json', line: 3, character: 4, code: 'schema.type', message: 'x' };
  assert.equal(
    inputErrorsLead({ count: 2, first }),
    'web app-task-def.json has 2 errors ECS would reject it for; the first, on line 4:',
  );
  assert.equal(
    inputErrorsLead({ count: 1, first }),
    'web app-task-def.json has an error ECS would reject it for, on line 4:',
  );
});

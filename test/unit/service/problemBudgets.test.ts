import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/service/document';
import { maxSchemaProblems, validateSchema } from '../../../server/src/service/schema';
import { defaultSettings } from '../../../server/src/service/settings';
import { capProblems, maxProblemsShown, validateDocument } from '../../../server/src/service/validation';
import { emptyWorkspace } from '../../../server/src/service/workspace';

test('a document with 150,000 syntax errors is validated without overflowing the stack', () => {
  // Each missing comma between the list's elements is its own syntax error.
  const text = `{"family": "x", "containerDefinitions": [${'1 '.repeat(150_000)}]}`;
  const doc = parseDocument('file:///w/task-def.json', text, defaultSettings);
  assert.ok(doc.syntaxProblems.length > 120_000, String(doc.syntaxProblems.length));
  const problems = validateDocument(doc, defaultSettings, emptyWorkspace);
  assert.ok(problems.length > 120_000);
  const shown = capProblems(problems);
  assert.equal(shown.length, maxProblemsShown + 1);
  assert.match(shown[shown.length - 1].message, /^\d{3},\d{3} more problems not shown/);
  assert.equal(shown[shown.length - 1].code, 'problems.more');
});

test('schema problems stop at their budget', () => {
  const unknownMembers = Array.from({ length: 20 }, (_, i) => `"unknown${i}": 1`).join(', ');
  const text = `{"family": "x", "containerDefinitions": [${Array(100).fill(`{${unknownMembers}}`).join(',')}]}`;
  const doc = parseDocument('file:///w/task-def.json', text, defaultSettings);
  const problems = validateSchema(doc);
  assert.equal(problems.length, maxSchemaProblems);
});

test('few problems are shown as they are', () => {
  const problems = [{ offset: 3, length: 1, code: 'schema.type' as const, severity: 'error' as const, message: 'm' }];
  assert.deepEqual(capProblems(problems), problems);
});

test('problems inside a syntax error are left to the syntax error, the others kept', () => {
  // The unquoted placeholder is a syntax error; the schema's complaint about the recovered value there is dropped.
  const text =
    '{"family": "x", "containerDefinitions": [{"name": "a", "image": "b", "memory": "lots"}], "cpu": {{cpu}}}';
  const problems = validateDocument(
    parseDocument('file:///w/task-def.json', text, defaultSettings),
    defaultSettings,
    emptyWorkspace,
  );
  const syntax = problems.filter((p) => p.code.startsWith('json.'));
  assert.ok(syntax.length > 0);
  for (const p of problems.filter((q) => !q.code.startsWith('json.'))) {
    assert.ok(
      !syntax.some((s) => s.offset >= p.offset && s.offset < p.offset + Math.max(p.length, 1)),
      `${p.code} overlaps a syntax error`,
    );
  }
  assert.ok(
    problems.some((p) => p.offset === text.indexOf('"lots"')),
    'the memory problem away from the syntax error is kept',
  );
});

test('schema validation of a list of 40,000 invalid containers checks the first 100; the list is still reported too long', () => {
  const text = `{"family": "x", "containerDefinitions": [${Array(40_000).fill('1').join(',')}]}`;
  const doc = parseDocument('file:///w/task-def.json', text, defaultSettings);
  const schemaProblems = validateSchema(doc);
  // Only the first elements are checked against the schema.
  assert.equal(schemaProblems.length, 100);
  const problems = validateDocument(doc, defaultSettings, emptyWorkspace);
  assert.ok(
    problems.some((p) => p.code === 'containers.too-many' && /40000/.test(p.message)),
    'the list is reported as longer than ECS takes',
  );
});

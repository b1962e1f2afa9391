import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { familyOfReference, parseDocument } from '../../../server/src/service/document';
import { jsonTreeSteps } from '../../../server/src/service/jsonSteps';
import { runSteps } from '../../../server/src/shared/steps';
import { matchesGlob } from '../../../server/src/service/glob';
import { defaultSettings } from '../../../server/src/service/settings';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { complete } from '../../../server/src/service/completion';
import { hover } from '../../../server/src/service/hover';
import { emptyWorkspace } from '../../../server/src/service/workspace';

const kind = (uri: string, text: string) => parseDocument(uri, text, defaultSettings).kind;

test('file names from the settings decide first', () => {
  for (const name of ['web-task-def.json', 'taskdef.json', 'my-task-definition.json', 'ecs-task-def.json'])
    assert.equal(kind(`file:///w/${name}`, '{}'), 'task-definition', name);
  for (const name of ['web-service-def.json', 'ecs-service-def.json'])
    assert.equal(kind(`file:///w/${name}`, '{}'), 'service', name);
  assert.equal(kind('file:///w/prod.cluster.json', '{}'), 'cluster');
});

test('content decides for other JSON files', () => {
  assert.equal(kind('file:///w/a.json', '{"containerDefinitions": []}'), 'task-definition');
  assert.equal(kind('file:///w/a.json', '{"taskDefinition": {"containerDefinitions": []}}'), 'describe-output');
  assert.equal(kind('file:///w/a.json', '{"serviceName": "x", "desiredCount": 1}'), 'service');
  assert.equal(kind('file:///w/a.json', '{"serviceName": "x", "taskDefinition": "y"}'), 'service');
  assert.equal(kind('file:///w/a.json', '{"serviceName": "x"}'), 'unknown');
  assert.equal(kind('file:///w/package.json', '{"name": "x", "version": "1.0.0"}'), 'unknown');
  assert.equal(kind('file:///w/a.json', '[1, 2]'), 'unknown');
});

test('describe output in a task-def-named file is validated inside taskDefinition', () => {
  const doc = parseDocument(
    'file:///w/web-task-def.json',
    '{"taskDefinition": {"family": "web", "containerDefinitions": []}}',
    defaultSettings,
  );
  assert.equal(doc.kind, 'describe-output');
  assert.equal(doc.family, 'web');
});

test('strict JSON: comments and trailing commas are errors, the rest still parses', () => {
  const doc = parseDocument('file:///w/t-task-def.json', '{\n// note\n"family": "a",\n"containerDefinitions": [],\n}');
  assert.deepEqual(
    doc.syntaxProblems.map((p) => p.code),
    ['json.comment', 'json.trailing-comma'],
  );
  assert.equal(doc.family, 'a');
  const trailing = doc.syntaxProblems[1];
  assert.equal(doc.text[trailing.offset], ',');
});

test('family of a task-definition reference', () => {
  assert.equal(familyOfReference('web'), 'web');
  assert.equal(familyOfReference('web:12'), 'web');
  assert.equal(familyOfReference('arn:aws:ecs:us-east-1:123456789012:task-definition/web:3'), 'web');
});

test('globs: file-name patterns, ** and braces', () => {
  assert.ok(matchesGlob('/a/b/web-task-def.json', '**/*task-def*.json'));
  assert.ok(matchesGlob('/a/b/web-task-def.json', '*task-def*.json'));
  assert.ok(!matchesGlob('/a/b/web.json', '**/*task-def*.json'));
  assert.ok(matchesGlob('/a/deploy/x.json', '**/deploy/*.json'));
  assert.ok(matchesGlob('/a/x.yaml.json', '*.{yaml,yml}.json'));
  assert.ok(matchesGlob('/home/u/project/deploy/prod.json', 'deploy/*.json'), 'relative to any folder');
  assert.ok(!matchesGlob('/home/u/project/mydeploy/prod.json', 'deploy/*.json'), 'only at a folder boundary');
  assert.ok(matchesGlob('C:\\work\\deploy\\prod.json', 'deploy/*.json'), 'Windows separators');
});

test("the one-pass tree for valid JSON equals jsonc-parser's tree, parents included", () => {
  const onePass = (text: string) => {
    const built = runSteps(jsonTreeSteps(text, 200));
    return 'root' in built ? built.root : undefined;
  };
  const strip = (n: JsonNode | undefined): unknown =>
    n && {
      type: n.type,
      offset: n.offset,
      length: n.length,
      value: n.value,
      colonOffset: n.colonOffset,
      children: n.children?.map(strip),
      parentType: n.parent?.type,
    };
  const texts = [
    '{"a": 1, "b": [true, false, null, -1.5e3, "x\\"y\\\\z\\u0041"], "c": {}, "d": [], "e": {"f": {"g": [[1], [2, [3]]]}}}',
    '  [ 1 , {"k" : "v"} ]  ',
    '"just a string"',
    '{\n\t"family": "é€😀",\r\n "n": 0}',
    JSON.stringify(
      { family: 'x', containerDefinitions: [{ name: 'a', environment: [{ name: 'A', value: '1' }] }] },
      null,
      2,
    ),
  ];
  for (const text of texts) assert.deepEqual(strip(onePass(text)), strip(parseTree(text)), text);
});

test('valid JSON nested beyond the limit is refused like invalid JSON, and completion and hover answer nothing', () => {
  const text =
    '{"family": "a", "containerDefinitions": [{"name": "x", "image": "nginx", "memory": 128}], "cpu": ' +
    '['.repeat(20000) +
    ']'.repeat(20000) +
    '}';
  const doc = parseDocument('file:///w/app-task-def.json', text, defaultSettings);
  assert.equal(doc.kind, 'task-definition');
  assert.deepEqual(
    doc.syntaxProblems.map((p) => p.code),
    ['json.too-deep'],
  );
  const td = TextDocument.create(doc.uri, 'json', 1, text);
  assert.deepEqual(complete(doc, td, text.length - 1, emptyWorkspace).items, []);
  assert.equal(hover(doc, td, text.length - 1), undefined);
});

test('a comma before a bracket that closes something else is a stray bracket, not a trailing comma', () => {
  for (const text of [
    '{"containerDefinitions": [{"name": "a"},}]}',
    '{"containerDefinitions": [{"name": "a"],"image": "x"}]}',
  ]) {
    const doc = parseDocument('file:///w/app-task-def.json', text, defaultSettings);
    assert.ok(doc.syntaxProblems.length > 0, text);
    assert.ok(
      doc.syntaxProblems.every((p) => p.code === 'json.syntax'),
      `${text}: ${JSON.stringify(doc.syntaxProblems)}`,
    );
  }
  assert.deepEqual(
    parseDocument(
      'file:///w/app-task-def.json',
      '{"containerDefinitions": [{"name": "a"},]}',
      defaultSettings,
    ).syntaxProblems.map((p) => p.code),
    ['json.trailing-comma'],
  );
});

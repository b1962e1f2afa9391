/**
 * Large files are read and checked in slices that give the server's thread back. Read in slices, or one slice per
 * step, a Terraform module, a JSON template and a large task definition give the same documents and the same
 * problems at the same source positions as when read at once; a newer version ends a read; the JSON built from the
 * scanner is jsonc-parser's tree.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree, type ParseError } from 'jsonc-parser';
import { parseDocument, parseDocumentSteps } from '../../../server/src/service/document';
import { jsonTreeSteps } from '../../../server/src/service/jsonSteps';
import type { JsonNode } from '../../../server/src/service/json';
import { defaultSettings } from '../../../server/src/service/settings';
import { validateDocument, validateDocumentSteps } from '../../../server/src/service/validation';
import { staticWorkspace } from '../../../server/src/service/workspace';
import { runInSlices, runSteps } from '../../../server/src/shared/steps';
import {
  prepareSurfaces,
  readSourceFile,
  readSourceFileInSlices,
  readSourceFileSteps,
  sourceProblems,
  sourceProblemsSteps,
  type SourceFile,
} from '../../../server/src/surfaces';
import { parseHcl, parseHclSteps } from '../../../server/src/surfaces/terraform/parser';
import { cdkTemplate } from '../../bench/cloudformation';
import { generatedTaskDefinition } from '../../bench/speed';
import { terraformModule } from '../../bench/terraform';
import { plainTree } from '../jsonTree';

before(() => prepareSurfaces());

/** A module of `pairs` task definitions and services, with mistakes the rules and the surface report. */
function brokenModule(pairs: number): string {
  return terraformModule(pairs)
    .replace('cpu                      = 512', 'cpu                      = 300')
    .replace('protocol = "tcp"', 'protocol = "http"')
    .replace('launch_type     = "FARGATE"', 'launch_type     = "FARGATE"\n  not_an_argument = 1');
}

function brokenTemplate(): string {
  return cdkTemplate(200 * 1024)
    .replace('"Cpu": "512"', '"Cpu": "300"')
    .replace('"LaunchType": "FARGATE"', '"LaunchType": "FARGAT"');
}

/** What a file reads as: each document's address, kind, family and text, and every problem at its source range. */
function summary(file: SourceFile) {
  const workspace = staticWorkspace(file.documents);
  return {
    surface: file.surface,
    documents: file.documents.map((d) => ({ uri: d.uri, kind: d.kind, family: d.family, text: d.text })),
    problems: sourceProblems(file, (doc) => validateDocument(doc, defaultSettings, workspace)).map((p) => ({
      offset: p.offset,
      length: p.length,
      code: p.code,
      message: p.message,
    })),
  };
}

const cases = [
  { name: 'a Terraform module', uri: 'untitled:/infra/ecs.tf', text: () => brokenModule(40) },
  { name: 'a CDK template', uri: 'untitled:/cdk.out/Stack.template.json', text: brokenTemplate },
  {
    name: 'a 300 KiB task definition',
    uri: 'untitled:/big-task-def.json',
    text: () => generatedTaskDefinition(4, 900).replace('"cpu": "4096"', '"cpu": "4000"'),
  },
];

for (const c of cases)
  test(`${c.name} reads the same in slices as at once, problems at the same source positions`, async () => {
    const text = c.text();
    const atOnce = summary(readSourceFile(c.uri, text, defaultSettings));
    assert.ok(atOnce.documents.length > 0);
    assert.ok(atOnce.problems.length > 0, 'the case holds mistakes');
    // A slice of 0 ms: the read pauses at every step it can (the parser at its first check), as on a busy machine.
    const pausing = await readSourceFileInSlices(c.uri, text, defaultSettings, () => false);
    const tiny = await runInSlices(readSourceFileSteps(c.uri, text, defaultSettings), () => false, 0);
    assert.deepEqual(summary(pausing!), atOnce);
    assert.deepEqual(summary(tiny!), atOnce);
  });

test('the problems of a module are the same checked a document at a time in slices', async () => {
  const file = readSourceFile('untitled:/infra/ecs.tf', brokenModule(30), defaultSettings);
  const workspace = staticWorkspace(file.documents);
  const check = (doc: (typeof file.documents)[number]) => validateDocument(doc, defaultSettings, workspace);
  const steps = (doc: (typeof file.documents)[number]) => validateDocumentSteps(doc, defaultSettings, workspace);
  const sliced = await runInSlices(sourceProblemsSteps(file, steps), () => false, 0);
  assert.deepEqual(sliced, sourceProblems(file, check));
});

test('a large task definition is checked in steps (schema, deploy context, each rule) with the same problems', async () => {
  const text = generatedTaskDefinition(4, 900)
    .replace('"cpu": "4096"', '"cpu": "4000"')
    .replace('"essential": true', '"essential": "yes"');
  const doc = parseDocument('untitled:/big-task-def.json', text, defaultSettings);
  const workspace = staticWorkspace([doc]);
  const { pauses, value } = await stepThrough(validateDocumentSteps(doc, defaultSettings, workspace));
  // More pauses than the schema and context steps: the rules are not one step.
  assert.ok(pauses > 10, `${pauses} pauses`);
  const problems = validateDocument(doc, defaultSettings, workspace);
  assert.ok(problems.some((p) => p.code.startsWith('schema.')) && problems.length >= 2);
  assert.deepEqual(value, problems);
});

test('the rules over every variable of every container pause between containers', async () => {
  const pausesWith = async (containers: number) => {
    const doc = parseDocument('untitled:/td.json', generatedTaskDefinition(containers, 50), defaultSettings);
    return (await stepThrough(validateDocumentSteps(doc, defaultSettings, staticWorkspace([doc])))).pauses;
  };
  // Blank names, duplicate variables and secrets, a name in both lists, secrets in plain values: five rules.
  assert.ok((await pausesWith(4)) - (await pausesWith(1)) >= 3 * 5);
});

test('run at once, the check does not pause', () => {
  const doc = parseDocument('untitled:/td.json', generatedTaskDefinition(4, 50), defaultSettings);
  const steps = validateDocumentSteps(doc, defaultSettings, staticWorkspace([doc]));
  // Outside a slice each pause point goes on at once: the generator ends on its first resumption.
  assert.equal(steps.next().done, true);
});

/** Runs the steps in slices of 0 ms, so that every pause point gives the thread back, and counts the pauses. */
async function stepThrough<T>(steps: Generator<void, T, void>): Promise<{ pauses: number; value: T }> {
  let pauses = 0;
  const value = await runInSlices(steps, () => (pauses++, false), 0);
  return { pauses, value: value as T };
}

test('a newer version ends the read of the older one', async () => {
  let slices = 0;
  const read = await readSourceFileInSlices(
    'untitled:/infra/ecs.tf',
    terraformModule(200),
    defaultSettings,
    () => ++slices >= 2,
  );
  assert.equal(read, undefined);
  assert.equal(slices, 2);
});

test('two Terraform files parsed in turns, slice by slice, each get their own tree', async () => {
  const a = terraformModule(30);
  const b = terraformModule(31).replace('variable "tag"', 'variable "other"');
  const first = runInSlices(parseHclSteps(a), () => false, 0);
  const second = runInSlices(parseHclSteps(b), () => false, 0);
  const [ta, tb] = await Promise.all([first, second]);
  const expectA = parseHcl(a)!;
  const expectB = parseHcl(b)!;
  assert.equal(ta!.rootNode.toString(), expectA.rootNode.toString());
  assert.equal(tb!.rootNode.toString(), expectB.rootNode.toString());
  assert.equal(tb!.rootNode.endIndex, b.length);
  for (const t of [ta!, tb!, expectA, expectB]) t.delete();
});

test("strict JSON built from the scanner in steps is jsonc-parser's tree, parents included", () => {
  const texts = [
    '{}',
    '[]',
    ' 1 ',
    '"s"',
    '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {"c": {}}, "d": []}',
    '[[[]], {"k": [{"l": "m"}]}]',
    generatedTaskDefinition(2, 5),
    cdkTemplate(20 * 1024),
  ];
  for (const text of texts) {
    const built = runSteps(jsonTreeSteps(text, 200));
    assert.ok('root' in built, text.slice(0, 40));
    assert.deepEqual(plainTree(built.root), plainTree(parseTree(text)), text.slice(0, 40));
    const walk = (n: JsonNode) => {
      for (const c of n.children ?? []) {
        assert.equal(c.parent, n);
        walk(c);
      }
    };
    walk(built.root);
  }
});

test('JSON with a mistake stops at the first error jsonc-parser reports', () => {
  const texts = [
    '',
    '{',
    '{"a": 1,}',
    '{"a": 1 "b": 2}',
    '{"a" 1}',
    '{"a": }',
    '[1, 2,]',
    '[1 2]',
    '{"a": 1} x',
    '{"a": "unterminated}',
    '{"a": 01}',
    '{"a": -}',
    '// comment\n{}',
    '{"a": tru}',
    "{'a': 1}",
    '{"a": [1, 2}',
  ];
  for (const text of texts) {
    const built = runSteps(jsonTreeSteps(text, 200));
    const errors: ParseError[] = [];
    parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
    assert.ok(errors.length > 0, `jsonc-parser finds a mistake in ${text}`);
    assert.ok('error' in built, `a mistake in ${text}`);
    assert.equal(built.error.offset, errors[0].offset, text);
  }
});

test('JSON nested deeper than the limit is reported where the limit is passed', () => {
  const built = runSteps(jsonTreeSteps('{"a": [[[[1]]]]}', 3));
  assert.deepEqual(built, { tooDeep: 8 });
});

test('a large JSON document parsed in steps is the document parsed at once', () => {
  const text = generatedTaskDefinition(3, 300);
  const stepped = runSteps(parseDocumentSteps('untitled:/x-task-def.json', text));
  const once = parseDocument('untitled:/x-task-def.json', text);
  assert.equal(stepped.kind, once.kind);
  assert.equal(stepped.family, once.family);
  assert.deepEqual(plainTree(stepped.root), plainTree(once.root));
  assert.deepEqual(
    validateDocument(stepped, defaultSettings, staticWorkspace([stepped])),
    validateDocument(once, defaultSettings, staticWorkspace([once])),
  );
  const broken = text.replace('"family": "bench",', '"family": "bench"');
  assert.deepEqual(
    runSteps(parseDocumentSteps('untitled:/x-task-def.json', broken)).syntaxProblems,
    parseDocument('untitled:/x-task-def.json', broken).syntaxProblems,
  );
});

test('a Terraform read run at once while a sliced parse is stopped midway ends, and the sliced one still finishes', async () => {
  const big = terraformModule(400);
  const small = 'resource "aws_ecs_task_definition" "app" {\n  family = "app"\n}\n';
  let between = 0;
  let atOnce: SourceFile | undefined;
  // Between two slices (as a completion request is answered there) a file is read at once: before, it waited
  // for the stopped parse to end, which could never run meanwhile.
  const tree = await runInSlices(
    parseHclSteps(big),
    () => {
      if (between++ === 0) atOnce = readSourceFile('file:///w/small.tf', small, defaultSettings);
      return false;
    },
    0.01,
  );
  assert.ok(between > 0, 'the parse was stopped at least once');
  assert.equal(atOnce?.documents.length, 1);
  assert.equal(tree?.rootNode.text.length, big.length);
  tree?.delete();
});

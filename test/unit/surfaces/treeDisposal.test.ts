/**
 * A large syntax tree is freed a part at a time: taken apart in steps it frees the items at the end of the file
 * first, each step a part of the file, and the parser reads the next file as before. A module read in slices hands
 * its tree to the background, and reading it again meanwhile gives the same documents and problems.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings } from '../../../server/src/service/settings';
import { validateDocument } from '../../../server/src/service/validation';
import { staticWorkspace } from '../../../server/src/service/workspace';
import { runInSlices } from '../../../server/src/shared/steps';
import {
  prepareSurfaces,
  readSourceFile,
  readSourceFileInSlices,
  sourceProblems,
  type SourceFile,
} from '../../../server/src/surfaces';
import { dismantleSteps, parseHcl } from '../../../server/src/surfaces/terraform/parser';
import { terraformModule } from '../../bench/terraform';

before(() => prepareSurfaces());

function summary(file: SourceFile) {
  const workspace = staticWorkspace(file.documents);
  return {
    documents: file.documents.map((d) => ({ uri: d.uri, kind: d.kind, text: d.text, origin: d.origin?.range })),
    problems: sourceProblems(file, (doc) => validateDocument(doc, defaultSettings, workspace)),
  };
}

test('a large tree is taken apart in several steps, and the parser reads the next file as before', async () => {
  const text = terraformModule(200);
  const other = terraformModule(3).replace('desired_count   = 2', 'desired_count   = 4');
  const expected = parseHcl(other)!;
  const before = expected.rootNode.toString();
  expected.delete();

  const tree = parseHcl(text)!;
  let steps = 0;
  const counted = (function* () {
    const inner = dismantleSteps(tree, text);
    for (let next = inner.next(); !next.done; next = inner.next()) {
      steps++;
      yield;
    }
  })();
  await runInSlices(counted, () => false, 0);
  // About 240 KB: three parts cut off at least, each a step to find, to parse and to free.
  assert.ok(steps >= 6, `${steps} steps`);

  const again = parseHcl(other)!;
  assert.equal(again.rootNode.toString(), before);
  assert.equal(again.rootNode.hasError, false);
  again.delete();
});

test('a tree with errors or one big item is still freed', async () => {
  const oneBlock = `locals {\n${'  x_%d = "value"\n'.repeat(6000).replace(/%d/g, () => String(Math.random()).slice(2))}}\n`;
  for (const text of [
    oneBlock,
    terraformModule(120).replace('resource "aws_ecs_service"', 'resource "aws_ecs_service" {{'),
  ]) {
    const tree = parseHcl(text)!;
    await runInSlices(dismantleSteps(tree, text), () => false, 0);
    const next = parseHcl('variable "a" {}\n')!;
    assert.equal(next.rootNode.hasError, false);
    next.delete();
  }
});

test('reading a large module again while the last read’s tree is freed gives the same documents and problems', async () => {
  const uri = 'untitled:/infra/ecs.tf';
  const text = terraformModule(150).replace('cpu                      = 512', 'cpu                      = 300');
  const atOnce = summary(readSourceFile(uri, text, defaultSettings));
  assert.ok(atOnce.problems.length > 0, 'the case holds mistakes');
  const first = await readSourceFileInSlices(uri, text, defaultSettings, () => false);
  const second = await readSourceFileInSlices(uri, text, defaultSettings, () => false);
  assert.deepEqual(summary(first!), atOnce);
  assert.deepEqual(summary(second!), atOnce);
});

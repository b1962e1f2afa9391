/**
 * The whole-document work of a large check pauses: the one tree walk, the value the schema checks, task.size's byte
 * count and the placeholder walk each give the same result in steps as at once, and pause on a large document.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getNodeValue, parseTree } from 'jsonc-parser';
import { parseDocument, parseDocumentSteps } from '../../../server/src/service/document';
import { compactJsonBytes, compactJsonCounter } from '../../../server/src/service/rules/containers';
import { maxListItemsValidated, validateSchema, withBodyValueSteps } from '../../../server/src/service/schema';
import { defaultSettings } from '../../../server/src/service/settings';
import { treeWalkSteps } from '../../../server/src/service/treeWalk';
import { validateDocument, validateDocumentSteps } from '../../../server/src/service/validation';
import { staticWorkspace } from '../../../server/src/service/workspace';
import { runInSlices, runSteps } from '../../../server/src/shared/steps';
import { generatedTaskDefinition } from '../../bench/speed';

/** Runs the steps in slices of 0 ms, so that every pause point gives the thread back, and counts the pauses. */
async function stepThrough<T>(steps: Generator<void, T, void>): Promise<{ pauses: number; value: T }> {
  let pauses = 0;
  const value = await runInSlices(steps, () => (pauses++, false), 0);
  return { pauses, value: value as T };
}

test('the tree walk in steps pauses on a large tree and finds what the walk at once finds', async () => {
  const text = generatedTaskDefinition(4, 2500)
    .replace('"cpu": "4096"', '"cpu": "4096", "cpu": "2048"')
    .replace(/"value": "[^"]*"/, '"value": ""');
  const stepped = await stepThrough(treeWalkSteps(parseTree(text)!));
  const atOnce = runSteps(treeWalkSteps(parseTree(text)!));
  assert.ok(stepped.pauses >= 3, `${stepped.pauses} pauses`);
  // Outside a slice the walk goes on at once: it ends on its first resumption.
  assert.equal(treeWalkSteps(parseTree(text)!).next().done, true);
  assert.equal(stepped.value.duplicateHolders.length, 1);
  assert.deepEqual(
    stepped.value.emptyStrings.map((e) => [e.name, e.value.offset]),
    atOnce.emptyStrings.map((e) => [e.name, e.value.offset]),
  );
  assert.ok(stepped.value.emptyStrings.length >= 1);
});

/** The value with every list cut to its first `maxListItemsValidated` elements. */
function cutLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice(0, maxListItemsValidated).map(cutLists);
  if (typeof value !== 'object' || value === null) return value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) out[k] = cutLists(v);
  return out;
}

test("the value the schema checks, built in steps, is jsonc-parser's value with lists cut, duplicates and nesting included", async () => {
  const small =
    '{"containerDefinitions": [], "family": "a", "family": "b", "x": [1, [2, {"y": null}], true, "s"], "z": {}, "__proto__": {"p": 1}}';
  const doc = { ...parseDocument('untitled:/td.json', small, defaultSettings), bodyValue: undefined };
  const built = runSteps(withBodyValueSteps(doc)).bodyValue;
  assert.deepStrictEqual(built, getNodeValue(doc.body!));
  assert.equal(Object.getPrototypeOf(built), null);

  // More containers and variables than the schema reads: both lists are cut, and what is left still takes steps.
  const large = generatedTaskDefinition(maxListItemsValidated + 20, maxListItemsValidated + 30).replace(
    '"cpu": "4096"',
    '"cpu": 4096',
  );
  const big = runSteps(parseDocumentSteps('untitled:/big-task-def.json', large, defaultSettings));
  assert.equal(big.bodyValue, undefined, 'a document parsed in steps has no value yet');
  const stepped = await stepThrough(withBodyValueSteps(big));
  assert.ok(stepped.pauses >= 3, `${stepped.pauses} pauses`);
  assert.deepStrictEqual(stepped.value.bodyValue, cutLists(getNodeValue(big.body!)));
  const containers = (stepped.value.bodyValue as { containerDefinitions: Array<{ environment: unknown[] }> })
    .containerDefinitions;
  assert.equal(containers.length, maxListItemsValidated);
  assert.equal(containers[0].environment.length, maxListItemsValidated);
  assert.deepEqual(validateSchema(stepped.value), validateSchema(big));
  assert.ok(validateSchema(big).length > 0, 'the case holds a schema mistake');
});

test("task.size's byte count gives the same size however the text is cut", () => {
  const raw = '{ "a": "x\\"y\\\\", "b": "é€😀", "c" : [ 1 , 2 ],\n\t"d": "\\u00e9" }';
  const whole = compactJsonBytes(raw);
  assert.equal(
    whole,
    Buffer.byteLength(raw.replace(/\s+(?=(?:[^"\\]|\\.)*(?:"(?:[^"\\]|\\.)*"(?:[^"\\]|\\.)*)*$)/g, '')),
  );
  for (let cut = 0; cut <= raw.length; cut++)
    for (let second = cut; second <= raw.length; second += 3) {
      const count = compactJsonCounter(raw);
      count(cut);
      count(second);
      count(raw.length);
      assert.equal(count.bytes, whole, `cut at ${cut} and ${second}`);
    }
});

test('a large task definition with placeholders and its size is checked in more steps, with the same problems', async () => {
  const text = generatedTaskDefinition(4, 2500).replace('"cpu": "4096"', '"cpu": "{{ cpu }}"');
  const doc = runSteps(parseDocumentSteps('untitled:/big-task-def.json', text, defaultSettings));
  const workspace = staticWorkspace([doc]);
  const stepped = await stepThrough(validateDocumentSteps(doc, defaultSettings, workspace));
  const problems = validateDocument(doc, defaultSettings, workspace);
  assert.deepEqual(stepped.value, problems);
  assert.ok(problems.some((p) => p.code === 'task.size'));
  assert.ok(problems.some((p) => p.code === 'placeholder.value'));
  // The walks, the value, the byte count and the placeholder walk pause too, beside one step per rule.
  const small = parseDocument('untitled:/td.json', generatedTaskDefinition(4, 10), defaultSettings);
  const fewer = (await stepThrough(validateDocumentSteps(small, defaultSettings, staticWorkspace([small])))).pauses;
  assert.ok(stepped.pauses >= fewer + 8, `${stepped.pauses} pauses against ${fewer}`);
});

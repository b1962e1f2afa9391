import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { positionsSteps } from '../../../server/src/lsp/positions';
import { runInSlices, runSteps } from '../../../server/src/shared/steps';

/** A small deterministic generator, so a failure names a text that can be made again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

const pieces = ['a', 'bc', ' ', '\n', '\r', '\r\n', '\n\r', '\u00e9', '\ud83d\ude00', '"x": 1,'];

test('positions of offsets equal the editor document’s, line breaks of every kind and offsets out of range included', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const next = random(seed);
    const length = Math.floor(next() * 60);
    const text = Array.from({ length }, () => pieces[Math.floor(next() * pieces.length)]).join('');
    const offsets = Array.from({ length: 25 }, () => Math.floor(next() * (text.length + 6)) - 3);
    offsets.push(0, text.length, text.length + 1);
    const document = TextDocument.create('untitled:/t.json', 'json', 1, text);
    const positions = runSteps(positionsSteps(text, offsets));
    for (const offset of offsets)
      assert.deepEqual(positions.get(offset), document.positionAt(offset), `seed ${seed}, offset ${offset}`);
  }
});

test('a long text’s positions are found in several slices, equal to the ones found at once', async () => {
  const text = 'x'.repeat(40).concat('\r\n').repeat(40_000);
  const offsets = [0, 41, 42, 1_000_000, text.length - 1, text.length];
  let pauses = 0;
  const sliced = await runInSlices(positionsSteps(text, offsets), () => (pauses++, false), 0);
  assert.ok(pauses >= 10, `${pauses} pauses`);
  const document = TextDocument.create('untitled:/t.json', 'json', 1, text);
  for (const offset of offsets) assert.deepEqual(sliced!.get(offset), document.positionAt(offset));
});

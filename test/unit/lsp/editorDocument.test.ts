import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditorDocument } from '../../../server/src/lsp/editorDocument';
import { applyChanges } from '../../../server/src/lsp/textChanges';
import { runInSlices } from '../../../server/src/shared/steps';

/** A small deterministic generator, so a failure names a text that can be made again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

const pieces = ['a', 'bc', ' ', '\n', '\r', '\r\n', '\n\r', '\u00e9', '\ud83d\ude00', '"x": 1,'];

function textOf(next: () => number, length: number): string {
  return Array.from({ length }, () => pieces[Math.floor(next() * pieces.length)]).join('');
}

/** Every answer of `got` equals the library's document of the same text, made fresh. */
function assertSameAsLibrary(got: EditorDocument, said: string, next: () => number): void {
  const text = got.getText();
  const expected = TextDocument.create(got.uri, got.languageId, got.version, text);
  assert.equal(got.lineCount, expected.lineCount, said);
  for (let offset = -2; offset <= text.length + 2; offset++)
    assert.deepEqual(got.positionAt(offset), expected.positionAt(offset), `${said}, offset ${offset}`);
  for (let line = -1; line <= expected.lineCount + 1; line++) {
    assert.deepEqual(got.getLineRange(line), expected.getLineRange(line), `${said}, line ${line}`);
    assert.equal(got.getEOLCharacters(line), expected.getEOLCharacters(line), `${said}, line ${line}`);
    const position = { line, character: Math.floor(next() * 8) - 1 };
    assert.equal(got.offsetAt(position), expected.offsetAt(position), `${said}, ${JSON.stringify(position)}`);
  }
}

test('positions, offsets and lines equal the library document’s, line breaks of every kind included', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const next = random(seed);
    const document = new EditorDocument('untitled:/t.json', 'json', 1, textOf(next, Math.floor(next() * 60)));
    assertSameAsLibrary(document, `seed ${seed}`, next);
  }
});

test('after edits of ranges, the line table kept from version to version equals one built anew', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const next = random(seed);
    let document = new EditorDocument('untitled:/t.json', 'json', 1, textOf(next, Math.floor(next() * 40)));
    document.positionAt(0);
    for (let version = 2; version <= 12; version++) {
      const lines = document.lineCount;
      // Ranges in either order, inside a line's break, past the end of a line or of the text.
      const at = () => ({ line: Math.floor(next() * (lines + 1)), character: Math.floor(next() * 6) });
      const change = { range: { start: at(), end: at() }, text: textOf(next, Math.floor(next() * 4)) };
      // The library applies the same change to a fresh document of the same text (its own table, kept across
      // edits, can go wrong where a change splits or joins a \r\n: it is not the reference).
      const library = TextDocument.create('untitled:/t.json', 'json', 1, document.getText());
      document = applyChanges(document, [change], version);
      assert.equal(document.getText(), TextDocument.update(library, [change], version).getText(), `seed ${seed}`);
      assert.equal(document.version, version);
      assertSameAsLibrary(document, `seed ${seed}, version ${version}`, next);
    }
  }
});

test('a whole new text, then ranges, in one change set', () => {
  const document = new EditorDocument('untitled:/t.json', 'json', 1, 'a\nb');
  const changed = applyChanges(
    document,
    [
      { text: 'one\r\ntwo\rthree' },
      { range: { start: { line: 1, character: 3 }, end: { line: 2, character: 0 } }, text: '\n\n' },
    ],
    2,
  );
  assert.equal(changed.getText(), 'one\r\ntwo\n\nthree');
  assertSameAsLibrary(changed, 'full then range', random(1));
});

test('a long text’s line table is built in several slices, and positions need no other pass', async () => {
  const text = 'x'.repeat(40).concat('\r\n').repeat(40_000);
  const document = new EditorDocument('untitled:/t.json', 'json', 1, text);
  let pauses = 0;
  await runInSlices(document.lineSteps(), () => (pauses++, false), 0);
  assert.ok(pauses >= 10, `${pauses} pauses`);
  const expected = TextDocument.create('untitled:/t.json', 'json', 1, text);
  for (const offset of [0, 41, 42, 1_000_000, text.length - 1, text.length])
    assert.deepEqual(document.positionAt(offset), expected.positionAt(offset));
  assert.equal(document.lineCount, 40_001);
});

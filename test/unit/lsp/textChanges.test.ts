import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditorDocument } from '../../../server/src/lsp/editorDocument';
import { applyChanges } from '../../../server/src/lsp/textChanges';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function textOf(r: () => number, length: number): string {
  const pieces = ['a', 'b', ' ', '\n', '\r\n', '{', '"'];
  let t = '';
  while (t.length < length) t += pieces[Math.floor(r() * pieces.length)];
  return t;
}

/** Non-overlapping edits by offset in the original text, ascending. */
function edits(r: () => number, text: string, n: number) {
  const cuts = Array.from({ length: 2 * n }, () => Math.floor(r() * (text.length + 1))).sort((a, b) => a - b);
  const out: Array<{ start: number; end: number; text: string }> = [];
  for (let i = 0; i < n; i++) {
    let [start, end] = [cuts[2 * i], cuts[2 * i + 1]];
    // Never split a \r\n: the library counts it as one line break.
    if (text[start - 1] === '\r' && text[start] === '\n') start--;
    if (text[end - 1] === '\r' && text[end] === '\n') end--;
    if (out.length > 0 && start < out[out.length - 1].end) continue;
    out.push({ start, end: Math.max(start, end), text: r() < 0.3 ? '' : textOf(r, Math.floor(r() * 4)) });
  }
  return out;
}

test('one change set is applied as TextDocument.update applies it, last-first and first-first, many changes', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const r = random(seed);
    const text = textOf(r, 50 + Math.floor(r() * 400));
    const doc = TextDocument.create('file:///a.json', 'json', 1, text);
    const list = edits(r, text, 9 + Math.floor(r() * 30));
    // Last first: every range in the original text.
    const descending = [...list]
      .reverse()
      .map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, text: e.text }));
    // First first: each range in the text the earlier changes left.
    const ascending: typeof descending = [];
    // TextDocument.update changes the document it is given: each run starts from a fresh one.
    let current = TextDocument.create('file:///a.json', 'json', 1, text);
    let shift = 0;
    for (const e of list) {
      const change = {
        range: { start: current.positionAt(e.start + shift), end: current.positionAt(e.end + shift) },
        text: e.text,
      };
      ascending.push(change);
      current = TextDocument.update(current, [change], 1);
      shift += e.text.length - (e.end - e.start);
    }
    for (const changes of [descending, ascending]) {
      const expected = TextDocument.update(TextDocument.create('file:///a.json', 'json', 1, text), changes, 2);
      const got = applyChanges(new EditorDocument('file:///a.json', 'json', 1, text), changes, 2);
      assert.equal(got.getText(), expected.getText(), `seed ${seed}`);
      assert.equal(got.version, 2);
      assert.equal(got.lineCount, expected.lineCount);
    }
  }
});

test('10,000 changes to a 1.8 MB text are applied in one pass', () => {
  const lines = Array.from({ length: 60_000 }, (_, i) => `    { "name": "VAR_${i}", "value": "v${i}x" },`);
  const text = lines.join('\n');
  const doc = new EditorDocument('file:///big.json', 'json', 1, text);
  const changes = [];
  for (let line = lines.length - 1; changes.length < 10_000; line--) {
    const character = lines[line].indexOf('x"');
    changes.push({ range: { start: { line, character }, end: { line, character: character + 1 } }, text: 'y' });
  }
  const got = applyChanges(doc, changes, 2).getText();
  assert.equal(got.length, text.length);
  assert.equal(got.split('x"').length - 1, 60_000 - 10_000);
  assert.ok(got.endsWith('"v59999y" },'));
});

/**
 * The stepped JSON reader (server/src/service/jsonSteps.ts) against the two parsers it stands for, over seeded
 * random texts: valid JSON and the same with characters inserted, dropped or replaced. Where JSON.parse accepts the
 * text, the tree is jsonc-parser's; where it refuses, the reader refuses too, at jsonc-parser's first mistake.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTree, type ParseError } from 'jsonc-parser';
import { parseDocument } from '../../../server/src/service/document';
import { jsonTreeSteps } from '../../../server/src/service/jsonSteps';
import { runSteps } from '../../../server/src/shared/steps';
import { plainTree } from '../jsonTree';

function random(seed: number): () => number {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

const scalars = [
  0,
  -1,
  1.5,
  -2.5e3,
  1e21,
  5e-324,
  123456789,
  true,
  false,
  null,
  '',
  'x',
  'é\n"\\/',
  '\u2028',
  '\ud800',
];
const names = ['a', 'b', 'é', 'with "quotes"', '\\', '', 'a\tb'];
/** Characters that make or break JSON: brackets, separators, escapes, number and literal letters, a control. */
const noise = [...'{}[],:"\\/ \n\t\r01-+.eEtfnrulxé\u0001\u001f'];

function value(rnd: () => number, depth: number): unknown {
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const r = rnd();
  if (depth > 4 || r < 0.3) return pick(scalars);
  if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(rnd, depth + 1));
  const object: Record<string, unknown> = {};
  for (let k = 0; k < rnd() * 4; k++) object[pick(names)] = value(rnd, depth + 1);
  return object;
}

test('the stepped reader agrees with JSON.parse and jsonc-parser on 20,000 random texts', () => {
  const rnd = random(20_251_207);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const space = () => pick(['', ' ', '\n', '\r\n', '\t']);
  let valid = 0;
  let refused = 0;
  for (let k = 0; k < 20_000; k++) {
    let text = space() + JSON.stringify(value(rnd, 0), null, pick([0, 2])) + space();
    // JSON.stringify writes exponents with a small e; JSON allows a capital one too.
    if (rnd() < 0.5) text = text.replace(/(\d)e/g, '$1E');
    for (let m = Math.floor(rnd() * 3); m > 0; m--) {
      const at = Math.floor(rnd() * (text.length + 1));
      const r = rnd();
      text = text.slice(0, at) + (r < 0.66 ? pick(noise) : '') + text.slice(r < 0.33 ? at : at + 1);
    }
    let parses = true;
    try {
      JSON.parse(text);
    } catch {
      parses = false;
    }
    const built = runSteps(jsonTreeSteps(text, 200));
    const errors: ParseError[] = [];
    const tree = parseTree(text, errors, {
      allowTrailingComma: false,
      disallowComments: true,
      allowEmptyContent: false,
    });
    if (parses) {
      valid++;
      assert.ok('root' in built, JSON.stringify(text));
      assert.deepEqual(plainTree(built.root), plainTree(tree), JSON.stringify(text));
      // The value the schema checks is made from the tree: it is JSON.parse's, prototypes included.
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        assert.deepStrictEqual(parseDocument('untitled:/x.json', text).bodyValue, parsed, JSON.stringify(text));
    } else {
      refused++;
      assert.ok('error' in built, JSON.stringify(text));
      assert.equal(built.error.offset, errors[0]?.offset, JSON.stringify(text));
    }
  }
  // Both kinds are well represented.
  assert.ok(valid > 5000 && refused > 5000, `${valid} valid, ${refused} refused`);
});

test("a document's value is JSON.parse's: the last of a member given twice, and __proto__ an own member", () => {
  const text = '{"family": "a", "family": "b", "__proto__": {"x": 1}, "n": [1, {"__proto__": null}], "e": "\\u00e9"}';
  const value = parseDocument('untitled:/td.json', text).bodyValue as Record<string, unknown>;
  assert.deepStrictEqual(value, JSON.parse(text));
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.deepEqual(Object.keys(value), ['family', '__proto__', 'n', 'e']);
  assert.equal(value.family, 'b');
});

test('a long text is read in steps, a long string included', () => {
  const text = JSON.stringify({ a: 'x'.repeat(200_000), b: Array.from({ length: 100_000 }, (_, i) => i) });
  let steps = 0;
  const reading = jsonTreeSteps(text, 200);
  for (let r = reading.next(); !r.done; r = reading.next()) steps++;
  assert.ok(steps >= 10, `${steps} steps`);
});

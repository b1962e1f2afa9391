import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkExpression, decodedToRawOffset, rawToDecodedOffset } from '../../../server/src/cql';

/** Builds the raw JSON literal of a value, as JSON.stringify writes it or with \u escapes. */
function literal(raw: string): { raw: string; decoded: string } {
  return { raw, decoded: JSON.parse(raw) as string };
}

test('plain literals shift offsets by the opening quote', () => {
  const { raw, decoded } = literal('"task:group == db"');
  for (let d = 0; d <= decoded.length; d++) assert.equal(decodedToRawOffset(raw, d), d + 1);
});

test('escapes map each decoded character to the start of its escape', () => {
  const { raw, decoded } = literal(String.raw`"attribute:x == \"a\\b\" and \u0041gentVersion < 1"`);
  assert.equal(decoded, 'attribute:x == "a\\b" and AgentVersion < 1');
  const check = (decodedOffset: number, rawText: string) =>
    assert.equal(
      raw.slice(decodedToRawOffset(raw, decodedOffset)).slice(0, rawText.length),
      rawText,
      `${decodedOffset}`,
    );
  check(decoded.indexOf('"'), '\\"a');
  check(decoded.indexOf('a\\'), 'a\\\\b');
  check(decoded.indexOf('\\'), '\\\\b');
  check(decoded.indexOf('b"'), 'b\\"');
  check(decoded.indexOf('AgentVersion'), '\\u0041gent');
  check(decoded.indexOf('gentVersion'), 'gentVersion');
  assert.equal(decodedToRawOffset(raw, decoded.length), raw.length - 1, 'the end maps to the closing quote');
  assert.equal(decodedToRawOffset(raw, decoded.length + 10), raw.length - 1);
});

test('a surrogate pair written as two \\u escapes counts as two decoded units', () => {
  const { raw, decoded } = literal(String.raw`"\ud83d\ude00x"`);
  assert.equal(decoded.length, 3);
  assert.equal(decodedToRawOffset(raw, 1), 7);
  assert.equal(decodedToRawOffset(raw, 2), 13);
  assert.equal(raw[decodedToRawOffset(raw, 2)], 'x');
});

test('a problem found in the decoded text maps onto the raw JSON text', () => {
  const { raw, decoded } = literal(String.raw`"attribute:team == \"x y\" and agentVersion \u003d\u003d latest"`);
  const [p] = checkExpression(decoded).filter((x) => x.code === 'cql.invalid-version');
  assert.ok(p);
  const start = decodedToRawOffset(raw, p.offset);
  const end = decodedToRawOffset(raw, p.offset + p.length);
  assert.equal(raw.slice(start, end), 'latest');
  const op = decoded.lastIndexOf('==');
  assert.equal(raw.slice(decodedToRawOffset(raw, op), decodedToRawOffset(raw, op + 2)), '\\u003d\\u003d');
});

test('unterminated and unquoted input is handled', () => {
  assert.equal(decodedToRawOffset('"abc', 3), 4);
  assert.equal(decodedToRawOffset('"abc', 9), 4);
  assert.equal(decodedToRawOffset('"a\\"', 2), 4, 'an escaped final quote is content, not the closing quote');
  assert.equal(decodedToRawOffset('abc', 1), 1);
  assert.equal(decodedToRawOffset('""', 0), 1);
});

test('raw to decoded offsets invert the mapping in one pass, also inside escapes and past the end', () => {
  for (const raw of [String.raw`"a\"b\\c\u0041d"`, '"plain"', String.raw`"unterminated\"`, '"\ud83d\ude00x"', '"']) {
    const decodedLength = (raw.length > 1 ? (JSON.parse(raw.endsWith('\\"') ? raw + '"' : raw) as string) : '').length;
    for (let target = 0; target <= raw.length + 1; target++) {
      let expected = decodedLength;
      for (let d = 0; d <= decodedLength; d++)
        if (decodedToRawOffset(raw, d) >= target) {
          expected = d;
          break;
        }
      assert.equal(rawToDecodedOffset(raw, target, decodedLength), expected, `${raw} @ ${target}`);
    }
  }
});

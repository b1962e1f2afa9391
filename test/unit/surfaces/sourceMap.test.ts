import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualJsonWriter, placeholder } from '../../../server/src/surfaces/virtualJson';
import { isPlaceholder } from '../../../server/src/ecs/placeholders';

// Source: `{ name = "web", cpu = var.cpu, raw = <json> }`, written by hand with its offsets.
const source = 'obj { name = "web", cpu = var.cpu, list = [1, 2], raw = {"a": [true]} }';
const at = (needle: string, from = 0) => ({ offset: source.indexOf(needle, from), length: needle.length });

function written() {
  const w = new VirtualJsonWriter();
  w.beginObject(at('{ name'));
  w.key('name', at('name'), 'bare');
  w.value('web', at('"web"'), { exact: true });
  w.key('cpu', at('cpu ='), false);
  w.unknown('var.cpu', at('var.cpu'));
  w.key('list', at('list'), 'bare');
  w.beginArray(at('[1, 2]'));
  w.value(1, at('1,'), { exact: false });
  w.value(2, at('2]'), { exact: false, assumption: "with var.two's default 2" });
  w.endArray();
  w.key('raw', at('raw'), 'bare');
  w.raw('{"a": [true]}', at('{"a": [true]}'));
  w.endObject();
  return w;
}

test('the writer produces valid JSON with every value in place', () => {
  const w = written();
  const value = JSON.parse(w.text()) as Record<string, unknown>;
  assert.deepEqual(value, { name: 'web', cpu: '${var.cpu}', list: [1, 2], raw: { a: [true] } });
  assert.ok(isPlaceholder(value.cpu), 'an unknown value is a placeholder every check leaves alone');
});

test('a value, a key and a position inside verbatim text map back to the source', () => {
  const w = written();
  const text = w.text();
  const v = (needle: string) => ({ offset: text.indexOf(needle), length: needle.length });
  assert.deepEqual(w.map.toSource(v('"web"').offset, 5), { ...at('"web"'), assumption: undefined });
  // A bare key: the quoted name maps to the bare one.
  assert.deepEqual(w.map.toSource(v('"name"').offset, 6), { ...at('name'), assumption: undefined });
  // Inside a verbatim region, offsets move as they are.
  const t = v('true');
  assert.deepEqual(w.map.toSource(t.offset, 4), { ...at('true'), assumption: undefined });
  // The unknown value maps to the whole expression.
  assert.deepEqual(w.map.toSource(v('"${var.cpu}"').offset, 12), { ...at('var.cpu'), assumption: undefined });
  // A value taken from a default carries the assumption.
  assert.equal(w.map.toSource(v('2]').offset, 1)?.assumption, "with var.two's default 2");
});

test('a source position maps into the document: exactly in verbatim text, else at the node', () => {
  const w = written();
  const text = w.text();
  const s = source.indexOf('true') + 2;
  assert.equal(text.slice(w.map.toVirtual(s), w.map.toVirtual(s)! + 2), 'ue');
  assert.equal(text.slice(w.map.toVirtual(source.indexOf('name') + 1)).slice(0, 4), 'ame"');
  assert.equal(text.slice(w.map.toVirtual(source.indexOf('var.cpu') + 3)).slice(0, 5), '"${va');
  assert.equal(w.map.toVirtual(0), undefined, 'outside every segment');
});

test('placeholders never end early and stay short', () => {
  assert.equal(placeholder('lookup(var.m, "k")'), '${lookup(var.m, k )}');
  assert.ok(isPlaceholder(placeholder('a}b{c')));
  assert.ok(placeholder('x'.repeat(500)).length < 70);
  assert.equal(placeholder('  '), '${unknown}');
});

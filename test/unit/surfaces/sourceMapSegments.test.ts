import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceMap, type Segment } from '../../../server/src/surfaces/sourceMap';

/** A small deterministic generator, so a failure names a case that can be made again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

/** The innermost segment holding [start, end] on one side, by definition: the latest start, then the shortest, then the last written. */
function innermost(segments: Segment[], start: number, end: number, side: 'v' | 's'): Segment | undefined {
  let best: { s: Segment; i: number } | undefined;
  segments.forEach((s, i) => {
    const from = side === 'v' ? s.vOffset : s.sOffset;
    const length = side === 'v' ? s.vLength : s.sLength;
    if (from > start || from + length < end) return;
    const bFrom = best && (side === 'v' ? best.s.vOffset : best.s.sOffset);
    const bLength = best && (side === 'v' ? best.s.vLength : best.s.sLength);
    if (!best || from > bFrom! || (from === bFrom && (length < bLength! || (length === bLength && i > best.i))))
      best = { s, i };
  });
  return best?.s;
}

/** Nested segments as an adapter writes them: each value inside its parent, on both sides. */
function segmentsOf(next: () => number): Segment[] {
  const out: Segment[] = [];
  const write = (vOffset: number, vLength: number, sOffset: number, sLength: number, depth: number) => {
    const r = next();
    const segment: Segment = { vOffset, vLength, sOffset, sLength, exact: r < 0.4 && vLength === sLength };
    if (r > 0.8) segment.role = r > 0.9 ? 'key' : 'unknown';
    if (next() < 0.05) segment.assumption = `with var.x${out.length}'s default`;
    out.push(segment);
    if (depth > 4 || vLength < 4 || sLength < 4) return;
    const children = 1 + Math.floor(next() * 3);
    for (let c = 0; c < children; c++) {
      const vFrom = vOffset + Math.floor(next() * (vLength / 2));
      const sFrom = sOffset + Math.floor(next() * (sLength / 2));
      const v = Math.max(1, Math.floor(next() * (vOffset + vLength - vFrom)));
      const s =
        next() < 0.5
          ? Math.min(v, sOffset + sLength - sFrom)
          : Math.max(1, Math.floor(next() * (sOffset + sLength - sFrom)));
      write(vFrom, v, sFrom, s, depth + 1);
    }
  };
  for (let top = 0; top < 40; top++) write(top * 1000, 900, top * 700, 650, 0);
  return out;
}

test('a source map finds the innermost segment on both sides as the definition does, past its first capacity', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const next = random(seed);
    const segments = segmentsOf(next);
    const map = new SourceMap();
    for (const s of segments) map.add({ ...s });
    assert.ok(segments.length > 100, `${segments.length} segments`);
    for (let q = 0; q < 400; q++) {
      const start = Math.floor(next() * 41_000) - 100;
      const length = Math.floor(next() * 20);
      assert.deepEqual(
        map.segmentAtVirtual(start, length),
        innermost(segments, start, start + length, 'v'),
        `seed ${seed}: virtual ${start}+${length}`,
      );
      assert.deepEqual(
        map.segmentAtSource(start),
        innermost(segments, start, start, 's'),
        `seed ${seed}: source ${start}`,
      );
    }
  }
});

test('a range maps exactly inside an exact segment, to the whole source range otherwise, with the outermost assumption', () => {
  const map = new SourceMap();
  map.add({
    vOffset: 0,
    vLength: 100,
    sOffset: 500,
    sLength: 80,
    exact: false,
    assumption: 'with var.cpu’s default 256',
  });
  map.add({ vOffset: 10, vLength: 20, sOffset: 520, sLength: 20, exact: true });
  map.add({ vOffset: 40, vLength: 10, sOffset: 560, sLength: 4, exact: false, role: 'unknown' });
  assert.deepEqual(map.toSource(12, 3), { offset: 522, length: 3, assumption: 'with var.cpu’s default 256' });
  assert.deepEqual(map.toSource(41, 2), { offset: 560, length: 4, assumption: 'with var.cpu’s default 256' });
  assert.equal(map.toVirtual(525), 15);
  assert.equal(map.toVirtual(561), 40);
  assert.equal(map.toVirtual(499), undefined);
  assert.equal(map.segmentAtVirtual(41, 1)?.role, 'unknown');
});

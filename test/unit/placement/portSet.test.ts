import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PortSet } from '../../../server/src/placement/portSet';
import { mulberry32 } from '../../../server/src/placement/random';

test('a port set answers as a Set over a seeded run of adds and deletes, and keeps its ports in order', () => {
  const random = mulberry32(7);
  const ports = new PortSet([22, 51678, 2375]);
  const reference = new Set([22, 51678, 2375]);
  for (let k = 0; k < 5_000; k++) {
    // Few distinct ports, so adds of a taken port and deletes of a free one happen often.
    const port = [22, 80, 443, 2375, 8080, 8081, 51678, 65535][Math.floor(random() * 8)];
    if (random() < 0.5) {
      ports.add(port);
      reference.add(port);
    } else assert.equal(ports.delete(port), reference.delete(port), `delete ${port} at step ${k}`);
    assert.equal(ports.size, reference.size);
    for (const p of [0, 22, 80, 443, 2375, 8080, 8081, 51678, 65535]) assert.equal(ports.has(p), reference.has(p));
    assert.deepEqual(
      ports.values(),
      [...reference].sort((a, b) => a - b),
    );
  }
});

test('a port set put back from a run of ports another appended holds exactly those ports, and the two stay independent', () => {
  const a = new PortSet([8080, 22, 443]);
  const flat = [7];
  a.appendTo(flat);
  flat.push(7);
  assert.deepEqual(flat, [7, 22, 443, 8080, 7]);
  const b = new PortSet([1, 2, 3, 4, 5, 6]);
  b.copyFrom(flat, 1, 4);
  assert.deepEqual(b.values(), [22, 443, 8080]);
  assert.equal(b.size, 3);
  assert.equal(b.has(5), false);
  b.add(9000);
  b.delete(22);
  assert.deepEqual(a.values(), [22, 443, 8080]);
  assert.deepEqual(flat, [7, 22, 443, 8080, 7]);
  assert.deepEqual(b.values(), [443, 8080, 9000]);
  b.copyFrom(flat, 4, 4);
  assert.equal(b.size, 0);
  assert.equal(b.has(443), false);
});

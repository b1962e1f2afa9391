import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BucketQueue, queueSlots } from '../../../server/src/placement/bucketQueue';
import { mulberry32 } from '../../../server/src/placement/random';

/**
 * A seeded run of upserts that change levels and keys, and deletes, checked after each against the members sorted by
 * the whole order; then the queue is emptied from the top and must give the members in that order.
 */
function seededRun(items: number, keyRange: number, highestFirst: boolean, seed: number): void {
  const random = mulberry32(seed);
  const level = new Int32Array(items);
  const key = new Float64Array(items);
  // Keys repeat (few distinct values) so that the item number breaks ties, as an instance id does.
  const order = (a: number, b: number) =>
    (highestFirst ? level[b] - level[a] : level[a] - level[b]) || key[a] - key[b] || a - b;
  const queue = new BucketQueue(
    queueSlots(items),
    { level, key, keyRange, highestFirst, less: (a, b) => order(a, b) < 0 },
    items,
  );
  const members = new Set<number>();
  for (let step = 0; step < 3000; step++) {
    const item = Math.floor(random() * items);
    const r = random();
    if (r < 0.25) {
      queue.delete(item);
      members.delete(item);
    } else if (r < 0.35 && queue.size > 0) {
      // Taking the least out, as a placement or a stop does.
      const top = queue.top()!;
      queue.delete(top);
      members.delete(top);
    } else {
      level[item] = Math.floor(random() * 4);
      key[item] = Math.floor(random() * 40) * (keyRange / 40);
      queue.upsert(item);
      members.add(item);
    }
    assert.equal(queue.size, members.size, `size at step ${step}`);
    for (let i = 0; i < items; i++) assert.equal(queue.has(i), members.has(i), `membership of ${i} at step ${step}`);
    const sorted = [...members].sort(order);
    assert.equal(queue.top(), sorted[0], `top at step ${step}`);
  }
  const drained: number[] = [];
  while (queue.size > 0) {
    const top = queue.top()!;
    drained.push(top);
    queue.delete(top);
  }
  assert.deepEqual(drained, [...members].sort(order));
  assert.equal(queue.top(), undefined);
}

test('a bucket queue gives the least item by level, then key, then the tie order, over seeded runs', () => {
  for (const [items, keyRange, highestFirst, seed] of [
    [1, 1, false, 1],
    [7, 2 ** 32, false, 2],
    [60, 2 ** 32, false, 3],
    [60, 1000, true, 4],
    [300, 300 * 40, true, 5],
    [300, 2 ** 32, false, 6],
  ] as const)
    seededRun(items, keyRange, highestFirst, seed);
});

test('queues over disjoint items share one set of slots, and a spare set is reused when large enough', () => {
  const slots = queueSlots(10);
  const key = Float64Array.from({ length: 10 }, (_, i) => 9 - i);
  const order = { level: new Int32Array(10), key, keyRange: 10, less: (a: number, b: number) => key[a] < key[b] };
  const evens = new BucketQueue(slots, order, 5);
  const odds = new BucketQueue(slots, order, 5);
  for (let i = 0; i < 10; i++) (i % 2 === 0 ? evens : odds).upsert(i);
  assert.equal(evens.top(), 8);
  assert.equal(odds.top(), 9);
  odds.delete(9);
  assert.equal(odds.top(), 7);
  assert.equal(evens.size, 5);
  assert.equal(queueSlots(8, slots), slots, 'large enough: reused');
  assert.equal(
    slots.level.subarray(0, 8).every((l) => l === -1),
    true,
    'and emptied',
  );
  assert.notEqual(queueSlots(11, slots), slots, 'too small: a new set');
});

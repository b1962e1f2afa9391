import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IndexedHeap } from '../../../server/src/placement/heap';
import { mulberry32 } from '../../../server/src/placement/random';

/** A seeded run of upserts with changing keys and deletes, checked after each against a sorted list of the members. */
function seededRun(heap: IndexedHeap, key: Float64Array, items: number, seed: number): void {
  const random = mulberry32(seed);
  const members = new Set<number>();
  const order = (a: number, b: number) => key[a] - key[b] || a - b;
  for (let step = 0; step < 3000; step++) {
    const item = Math.floor(random() * items);
    if (random() < 0.3) {
      heap.delete(item);
      members.delete(item);
    } else {
      key[item] = Math.floor(random() * 50);
      heap.upsert(item);
      members.add(item);
    }
    const sorted = [...members].sort(order);
    assert.equal(heap.size, members.size, `size at step ${step}`);
    for (let i = 0; i < items; i++) assert.equal(heap.has(i), members.has(i), `membership of ${i} at step ${step}`);
    if (sorted.length > 0) assert.equal(key[heap.top()!], key[sorted[0]], `top at step ${step}`);
  }
  // Emptied from the top, the items come out in key order.
  const drained: number[] = [];
  while (heap.size > 0) {
    const top = heap.top()!;
    drained.push(key[top]);
    heap.delete(top);
  }
  assert.deepEqual(
    drained,
    [...members].map((i) => key[i]).sort((a, b) => a - b),
  );
}

test('an indexed heap keeps the least key on top over a seeded run of upserts and deletes', () => {
  const key = new Float64Array(60);
  const heap = new IndexedHeap(new Int32Array(60).fill(-1), (a, b) => key[a] < key[b]);
  seededRun(heap, key, 60, 3);
});

test("a heap made on another heap's array starts empty and works as a new one", () => {
  const key = new Float64Array(60);
  const first = new IndexedHeap(new Int32Array(60).fill(-1), (a, b) => key[a] < key[b]);
  for (let i = 0; i < 40; i++) {
    key[i] = 40 - i;
    first.upsert(i);
  }
  const store = first.store;
  const second = new IndexedHeap(new Int32Array(60).fill(-1), (a, b) => key[a] < key[b], store);
  assert.equal(second.size, 0);
  assert.equal(second.top(), undefined);
  assert.equal(second.store, store, 'the array is taken over, not copied');
  seededRun(second, key, 60, 9);
});

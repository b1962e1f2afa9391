/**
 * A priority queue of small integers (instance or task numbers) for orders that are first a level, a small whole
 * number (a task count), then a key in a known range (a seeded tie-break, a position). Items sit in lists by level and
 * by their key's share of the range, so adding, moving and taking out an item touch one list, and finding the least
 * reads one level's bitmap of non-empty lists and walks one list of about one item: the cost per change does not
 * grow with the number of items, where a binary heap's grows by log n.
 */

/** Where each item is, for queues whose item sets are disjoint: they may share one set of these arrays. */
export interface QueueSlots {
  /** The item's level, or -1 when it is in no queue. */
  level: Int32Array;
  /** Its list within the level. */
  list: Int32Array;
  next: Int32Array;
  prev: Int32Array;
}

export function queueSlots(n: number, spare?: QueueSlots): QueueSlots {
  const fits = spare && spare.level.length >= n;
  const slots = fits
    ? spare
    : { level: new Int32Array(n), list: new Int32Array(n), next: new Int32Array(n), prev: new Int32Array(n) };
  slots.level.fill(-1, 0, n);
  return slots;
}

/**
 * The order, read from arrays by item (written before each upsert): arrays rather than functions, so that reading a
 * key above 2^31 allocates no number.
 */
export interface QueueOrder {
  /** Whole numbers of at least 0. */
  level: Int32Array | Float64Array;
  /** In [0, keyRange): within a level, a lower key comes first. */
  key: Uint32Array | Float64Array;
  keyRange: number;
  /** True when the levels run from the highest: then the highest level comes first. */
  highestFirst?: boolean;
  /** The whole order, ties included: it must agree with the level, then the key. */
  less: (a: number, b: number) => boolean;
}

interface Level {
  heads: Int32Array;
  /** One bit per list: set when the list holds an item. */
  used: Uint32Array;
  /** No word of `used` below this one has a bit set: taking items in order does not scan the emptied lists again. */
  low: number;
  size: number;
}

export class BucketQueue {
  private readonly levels: Level[] = [];
  private readonly lists: number;
  private count = 0;
  /** The least item, or -2 when a change may have moved it. */
  private least = -2;

  /** `expected` items at most at once: about as many lists per level (a power of 2), at most 4,096. */
  constructor(
    private readonly slots: QueueSlots,
    private readonly order: QueueOrder,
    expected: number,
  ) {
    let lists = 1;
    while (lists < 4096 && lists * 2 <= expected) lists *= 2;
    this.lists = lists;
  }

  get size(): number {
    return this.count;
  }

  has(item: number): boolean {
    return this.slots.level[item] >= 0;
  }

  private listOf(item: number): number {
    const k = Math.floor((this.order.key[item] * this.lists) / this.order.keyRange);
    return Math.min(this.lists - 1, Math.max(0, k));
  }

  private levelAt(level: number): Level {
    while (this.levels.length <= level) {
      const heads = new Int32Array(this.lists).fill(-1);
      this.levels.push({ heads, used: new Uint32Array((this.lists + 31) >> 5), low: 0, size: 0 });
    }
    return this.levels[level];
  }

  /** Adds the item, or moves it to where its current level and key put it. */
  upsert(item: number): void {
    this.least = -2;
    const level = this.order.level[item];
    const list = this.listOf(item);
    const s = this.slots;
    if (s.level[item] === level && s.list[item] === list) return;
    if (s.level[item] >= 0) this.unlink(item);
    const l = this.levelAt(level);
    const head = l.heads[list];
    s.level[item] = level;
    s.list[item] = list;
    s.prev[item] = -1;
    s.next[item] = head;
    if (head >= 0) s.prev[head] = item;
    l.heads[list] = item;
    l.used[list >> 5] |= 1 << (list & 31);
    if (list >> 5 < l.low) l.low = list >> 5;
    l.size++;
    this.count++;
  }

  delete(item: number): void {
    if (this.slots.level[item] < 0) return;
    this.least = -2;
    this.unlink(item);
  }

  private unlink(item: number): void {
    const s = this.slots;
    const l = this.levels[s.level[item]];
    const list = s.list[item];
    const before = s.prev[item];
    const after = s.next[item];
    if (before >= 0) s.next[before] = after;
    else l.heads[list] = after;
    if (after >= 0) s.prev[after] = before;
    if (l.heads[list] < 0) l.used[list >> 5] &= ~(1 << (list & 31));
    s.level[item] = -1;
    l.size--;
    this.count--;
  }

  /** The least item under the order, or undefined when the queue is empty. */
  top(): number | undefined {
    if (this.count === 0) return undefined;
    if (this.least >= 0) return this.least;
    const levels = this.levels;
    let l = levels[0];
    if (this.order.highestFirst) {
      for (let k = levels.length - 1; k >= 0; k--)
        if (levels[k].size > 0) {
          l = levels[k];
          break;
        }
    } else {
      for (let k = 0; k < levels.length; k++)
        if (levels[k].size > 0) {
          l = levels[k];
          break;
        }
    }
    let w = l.low;
    while (l.used[w] === 0) w++;
    l.low = w;
    const bits = l.used[w];
    const list = (w << 5) + (31 - Math.clz32(bits & -bits));
    const next = this.slots.next;
    const less = this.order.less;
    let best = l.heads[list];
    for (let item = next[best]; item >= 0; item = next[item]) if (less(item, best)) best = item;
    this.least = best;
    return best;
  }
}

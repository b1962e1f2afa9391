/**
 * A binary min-heap of small integers (instance indexes) that knows where each one sits,
 * so an instance whose key changed moves in O(log n) and one that left is taken out in O(log n).
 */
export class IndexedHeap {
  /**
   * `position` maps an item to its slot (-1 when absent); heaps whose item sets are disjoint
   * may share one array, so a thousand small heaps cost no more memory than one. `items` may be the array of a heap
   * no longer used: it is emptied by `pop`, which keeps its store for the items to come.
   */
  constructor(
    private readonly position: Int32Array,
    private readonly less: (a: number, b: number) => boolean,
    private readonly items: number[] = [],
  ) {
    while (items.length > 0) items.pop();
  }

  /** The array behind the heap, for a later heap to take over once this one is done. */
  get store(): number[] {
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }

  top(): number | undefined {
    return this.items[0];
  }

  has(item: number): boolean {
    return this.position[item] >= 0;
  }

  /** Adds the item, or moves it to where its current key puts it. */
  upsert(item: number): void {
    const at = this.position[item];
    if (at < 0) {
      this.items.push(item);
      this.position[item] = this.items.length - 1;
      this.up(this.items.length - 1);
    } else if (!this.up(at)) this.down(at);
  }

  delete(item: number): void {
    const at = this.position[item];
    if (at < 0) return;
    const last = this.items.pop()!;
    this.position[item] = -1;
    if (at === this.items.length) return;
    this.items[at] = last;
    this.position[last] = at;
    if (!this.up(at)) this.down(at);
  }

  /** Every item whose key equals the top's, by walking only the heap's top region. */
  tiedWithTop(same: (a: number, b: number) => boolean): number[] {
    const out: number[] = [];
    const first = this.items[0];
    if (first === undefined) return out;
    const stack = [0];
    while (stack.length > 0) {
      const at = stack.pop()!;
      const item = this.items[at];
      if (item === undefined || !same(first, item)) continue;
      out.push(item);
      stack.push(2 * at + 1, 2 * at + 2);
    }
    return out;
  }

  private swap(a: number, b: number): void {
    const x = this.items[a];
    const y = this.items[b];
    this.items[a] = y;
    this.items[b] = x;
    this.position[y] = a;
    this.position[x] = b;
  }

  private up(at: number): boolean {
    let moved = false;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.less(this.items[at], this.items[parent])) break;
      this.swap(at, parent);
      at = parent;
      moved = true;
    }
    return moved;
  }

  private down(at: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let smallest = at;
      if (l < n && this.less(this.items[l], this.items[smallest])) smallest = l;
      if (r < n && this.less(this.items[r], this.items[smallest])) smallest = r;
      if (smallest === at) return;
      this.swap(at, smallest);
      at = smallest;
    }
  }
}

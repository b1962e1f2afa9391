/**
 * The instances that can take the next task, indexed for the strategies so that a placement
 * costs O(buckets + log n) instead of a scan of every instance.
 *
 * Leading `spread(attribute:…)` strategies split the instances into buckets (one per combination
 * of their values); the tasks counted per value live in SpreadCounts. Inside a bucket a heap orders
 * the instances by the instance-level strategies that follow (binpack's remaining resource, the
 * group's tasks on the instance for spread(instanceId)), then by the seeded tie-break key.
 * A strategy chain this cannot index (a spread over an attribute after a binpack) returns undefined,
 * and the caller scans.
 */
import type { SimInstance } from './clusterModel';
import { BucketQueue, queueSlots } from './bucketQueue';
import { IndexedHeap } from './heap';
import { binpackResources, type SpreadCounts, type Strategy } from './strategies';

export type InstanceKey = (instance: SimInstance) => number;

export interface IndexPlan {
  /** Attributes of the leading spread strategies, in order. */
  leading: string[];
  /** Instance-level keys after them, lowest first wins. */
  keys: InstanceKey[];
  /**
   * True when the keys are at most one task count (spread over instances): a bucket then orders its instances by
   * levels and tie-break keys in a BucketQueue instead of a heap.
   */
  counted: boolean;
}

export function instanceKey(strategy: Strategy): InstanceKey | undefined {
  if (strategy.kind === 'binpack') return binpackResources[strategy.resource].remaining;
  if (strategy.kind === 'spread-instance') return (i) => i.sameGroup;
  return undefined;
}

/** The index layout for a strategy chain; `random` ends the chain (what follows it never applies). */
export function indexPlan(strategies: Strategy[]): IndexPlan | undefined {
  const leading: string[] = [];
  const keys: InstanceKey[] = [];
  let counts = 0;
  for (const s of strategies) {
    if (s.kind === 'random') break;
    if (s.kind === 'spread-attribute') {
      if (keys.length > 0) return undefined;
      leading.push(s.attribute);
      continue;
    }
    if (s.kind === 'spread-instance') counts++;
    keys.push(instanceKey(s)!);
  }
  return { leading, keys, counted: keys.length === counts && counts <= 1 };
}

/** The candidates of one bucket, best first: a heap, or a bucket queue when the plan is counted. */
interface Candidates {
  readonly size: number;
  top(): number | undefined;
  upsert(item: number): void;
  delete(item: number): void;
}

/** What a counted plan's queues read, by instance index: its task count (0 without a key), then its tie-break key. */
export interface CountedOrder {
  level: Float64Array;
  tie: Uint32Array;
}

interface Bucket {
  heap: Candidates;
  /** Value id per leading attribute. */
  values: number[];
}

export class CandidateIndex {
  private readonly buckets: Bucket[] = [];
  private readonly bucketOf: Int32Array;
  private readonly tables: Array<{ counts: number[]; bucketOf: Int32Array }>;

  constructor(
    private readonly instances: SimInstance[],
    private readonly plan: IndexPlan,
    spread: SpreadCounts,
    /** True when a before b: keys first, then the tie-break. */
    readonly less: (a: number, b: number) => boolean,
    /** For a counted plan: the task count and tie-break key that `less` compares first. */
    counted?: CountedOrder,
  ) {
    this.tables = plan.leading.map((a) => spread.table(a));
    this.bucketOf = new Int32Array(instances.length);
    const byValues = new Map<number | string, number>();
    const bucketValues: number[][] = [];
    const sizes: number[] = [];
    // One number per combination of values when they can be counted exactly, else their text.
    let combinations = 1;
    for (const t of this.tables) combinations *= Math.max(1, t.counts.length);
    const numeric = combinations <= Number.MAX_SAFE_INTEGER;
    for (let k = 0; k < instances.length; k++) {
      const instance = instances[k];
      const key = numeric ? this.combination(instance) : this.tables.map((t) => t.bucketOf[instance.index]).join(',');
      let b = byValues.get(key);
      if (b === undefined) {
        b = bucketValues.length;
        byValues.set(key, b);
        bucketValues.push(this.tables.map((t) => t.bucketOf[instance.index]));
        sizes.push(0);
      }
      sizes[b]++;
      this.bucketOf[instance.index] = b;
    }
    if (counted && plan.counted) {
      const slots = queueSlots(instances.length);
      const order = { level: counted.level, key: counted.tie, keyRange: 2 ** 32, less };
      for (let b = 0; b < bucketValues.length; b++)
        this.buckets.push({ heap: new BucketQueue(slots, order, sizes[b]), values: bucketValues[b] });
    } else {
      const position = new Int32Array(instances.length).fill(-1);
      for (let b = 0; b < bucketValues.length; b++)
        this.buckets.push({ heap: new IndexedHeap(position, less), values: bucketValues[b] });
    }
  }

  /** The instance's value ids on the leading attributes as one number (mixed radix): building the index allocates no key per instance. */
  private combination(instance: SimInstance): number {
    let key = 0;
    for (const t of this.tables) key = key * Math.max(1, t.counts.length) + t.bucketOf[instance.index];
    return key;
  }

  /** The instance can take a task (again), or its keys changed: put it where it belongs. */
  update(instance: SimInstance): void {
    this.buckets[this.bucketOf[instance.index]].heap.upsert(instance.index);
  }

  delete(instance: SimInstance): void {
    this.buckets[this.bucketOf[instance.index]].heap.delete(instance.index);
  }

  /** The best candidate under the strategies and the tie-break, or undefined when none is left. */
  best(): SimInstance | undefined {
    let best = -1;
    const levels = this.tables.length;
    for (let b = 0; b < this.buckets.length; b++) {
      const bucket = this.buckets[b];
      if (bucket.heap.size === 0) continue;
      if (best < 0) {
        best = b;
        continue;
      }
      // Lower task counts on the leading attributes win, level by level; equal buckets compare their best instance.
      let order = 0;
      for (let k = 0; k < levels && order === 0; k++) {
        const t = this.tables[k];
        order = t.counts[bucket.values[k]] - t.counts[this.buckets[best].values[k]];
      }
      if (order < 0 || (order === 0 && this.less(bucket.heap.top()!, this.buckets[best].heap.top()!))) best = b;
    }
    return best < 0 ? undefined : this.instances[this.buckets[best].heap.top()!];
  }
}

/**
 * Where each part of an API-shaped document came from in its source file.
 *
 * A surface adapter writes the document as JSON text (the "virtual" text the rules, completion and hover
 * read) and records one segment per value and per member name: the virtual range and the source range it
 * was written from. A segment is `exact` when the two texts agree character for character (a JSON heredoc,
 * a string literal without escapes, a bare key written without quotes), so that a position inside it maps
 * to the same position in the source; otherwise a range inside it maps to the whole source range.
 */
export interface Segment {
  vOffset: number;
  vLength: number;
  sOffset: number;
  sLength: number;
  exact: boolean;
  /**
   * Set where the value is not written in the source but was taken from elsewhere (a variable's default,
   * a template parameter's default): a problem there says so, and is at most a warning.
   */
  assumption?: string;
  /**
   * `key` on the segment of a member name (a rename fix rewrites it in the surface's spelling); `unknown` on
   * a value the source does not determine (its placeholder is the surface's, not one the user wrote).
   */
  role?: 'key' | 'unknown';
}

export interface SourceRange {
  offset: number;
  length: number;
  /** The assumption the value rests on, when the range falls in a value taken from elsewhere. */
  assumption?: string;
}

/** Role codes of the packed segments (see `Segment.role`). */
const roles = [undefined, 'key', 'unknown'] as const;
const exactFlag = 4;

/**
 * Segments are kept packed, four numbers and a flag byte each in typed arrays, not one object each: a CDK stack
 * maps hundreds of thousands of them, which the garbage collector would otherwise copy and mark again and again.
 */
export class SourceMap {
  private ranges = new Int32Array(4 * 16);
  private flags = new Uint8Array(16);
  private count = 0;
  /** The few segments that rest on an assumption, by index. */
  private readonly assumptions = new Map<number, string>();
  private byVirtual: Int32Array | undefined;
  private bySource: Int32Array | undefined;

  add(segment: Segment): void {
    if (this.count === this.flags.length) {
      const ranges = new Int32Array(this.ranges.length * 2);
      ranges.set(this.ranges);
      this.ranges = ranges;
      const flags = new Uint8Array(this.flags.length * 2);
      flags.set(this.flags);
      this.flags = flags;
    }
    const i = this.count++;
    const r = this.ranges;
    r[4 * i] = segment.vOffset;
    r[4 * i + 1] = segment.vLength;
    r[4 * i + 2] = segment.sOffset;
    r[4 * i + 3] = segment.sLength;
    this.flags[i] = (segment.exact ? exactFlag : 0) | roles.indexOf(segment.role);
    if (segment.assumption !== undefined) this.assumptions.set(i, segment.assumption);
    this.byVirtual = this.bySource = undefined;
  }

  /** The source range of a virtual range: exact inside an exact segment, else the innermost segment's whole range. */
  toSource(vOffset: number, vLength: number): SourceRange | undefined {
    const segment = this.segmentAtVirtual(vOffset, vLength);
    if (!segment) return undefined;
    const assumption = this.assumptionAt(vOffset, vLength);
    if (segment.exact && vOffset + vLength <= segment.vOffset + segment.vLength) {
      const offset = segment.sOffset + (vOffset - segment.vOffset);
      return { offset, length: Math.min(vLength, segment.sOffset + segment.sLength - offset), assumption };
    }
    return { offset: segment.sOffset, length: segment.sLength, assumption };
  }

  /**
   * The virtual offset of a source offset: exact inside an exact segment, else the start of the innermost
   * segment's virtual range (hover and completion then answer for that node).
   */
  toVirtual(sOffset: number): number | undefined {
    const segment = this.segmentAtSource(sOffset);
    if (!segment) return undefined;
    if (segment.exact) return segment.vOffset + Math.min(sOffset - segment.sOffset, segment.vLength);
    return segment.vOffset;
  }

  /** The innermost segment holding a virtual range. */
  segmentAtVirtual(vOffset: number, vLength: number): Segment | undefined {
    return this.segment(innermost(this.ranges, this.sortedVirtual(), vOffset, vOffset + vLength, 0));
  }

  /** The innermost segment holding a source offset, with its kind of mapping. */
  segmentAtSource(sOffset: number): Segment | undefined {
    return this.segment(innermost(this.ranges, this.sortedSource(), sOffset, sOffset, 2));
  }

  private segment(i: number): Segment | undefined {
    if (i < 0) return undefined;
    const r = this.ranges;
    const flags = this.flags[i];
    const segment: Segment = {
      vOffset: r[4 * i],
      vLength: r[4 * i + 1],
      sOffset: r[4 * i + 2],
      sLength: r[4 * i + 3],
      exact: (flags & exactFlag) !== 0,
    };
    const role = roles[flags & 3];
    if (role) segment.role = role;
    const assumption = this.assumptions.get(i);
    if (assumption !== undefined) segment.assumption = assumption;
    return segment;
  }

  /** The assumption of the first-written segment that holds the range and rests on one. */
  private assumptionAt(vOffset: number, vLength: number): string | undefined {
    // In the order written (indexes ascend): the outer segment before those inside it.
    for (const [i, assumption] of this.assumptions) {
      const from = this.ranges[4 * i];
      if (from <= vOffset && vOffset + vLength <= from + this.ranges[4 * i + 1]) return assumption;
    }
    return undefined;
  }

  private sortedVirtual(): Int32Array {
    return (this.byVirtual ??= this.sortedBy(0));
  }

  private sortedSource(): Int32Array {
    return (this.bySource ??= this.sortedBy(2));
  }

  /** Segment indexes by start (ascending), then length (descending), on one side (0: virtual, 2: source). */
  private sortedBy(side: 0 | 2): Int32Array {
    const r = this.ranges;
    const order = new Int32Array(this.count);
    for (let i = 0; i < order.length; i++) order[i] = i;
    // Equal ranges keep the order they were written in.
    const compare = (a: number, b: number) =>
      r[4 * a + side] - r[4 * b + side] || r[4 * b + side + 1] - r[4 * a + side + 1] || a - b;
    // An adapter writes segments parent first, in the order of the text, so they are usually in order already.
    for (let i = 1; i < order.length; i++) if (compare(i - 1, i) > 0) return order.sort(compare);
    return order;
  }
}

/**
 * The index of the innermost segment whose range (virtual or source) holds [start, end], or -1. Segments nest
 * like the tree they were written from, so the innermost one is the last-starting one that holds the range.
 */
function innermost(ranges: Int32Array, sorted: Int32Array, start: number, end: number, side: 0 | 2): number {
  // The last segment starting at or before `start`.
  let lo = 0;
  let hi = sorted.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[4 * sorted[mid] + side] <= start) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = at; i >= 0; i--) {
    const s = sorted[i];
    if (ranges[4 * s + side] + ranges[4 * s + side + 1] >= end) return s;
  }
  return -1;
}

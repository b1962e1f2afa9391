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

export class SourceMap {
  private byVirtual: Segment[] | undefined;
  private bySource: Segment[] | undefined;
  private readonly segments: Segment[] = [];

  add(segment: Segment): void {
    this.segments.push(segment);
    this.byVirtual = this.bySource = undefined;
  }

  /** Every segment, in the order written (for tests and symbols). */
  all(): readonly Segment[] {
    return this.segments;
  }

  /** The source range of a virtual range: exact inside an exact segment, else the innermost segment's whole range. */
  toSource(vOffset: number, vLength: number): SourceRange | undefined {
    const segment = innermost(this.sortedVirtual(), vOffset, vOffset + vLength, 'v');
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
    const segment = innermost(this.sortedSource(), sOffset, sOffset, 's');
    if (!segment) return undefined;
    if (segment.exact) return segment.vOffset + Math.min(sOffset - segment.sOffset, segment.vLength);
    return segment.vOffset;
  }

  /** The innermost segment holding a virtual range. */
  segmentAtVirtual(vOffset: number, vLength: number): Segment | undefined {
    return innermost(this.sortedVirtual(), vOffset, vOffset + vLength, 'v');
  }

  /** The innermost segment holding a source offset, with its kind of mapping. */
  segmentAtSource(sOffset: number): Segment | undefined {
    return innermost(this.sortedSource(), sOffset, sOffset, 's');
  }

  /** The assumption of the outermost segment that holds the range and rests on one. */
  private assumptionAt(vOffset: number, vLength: number): string | undefined {
    for (const s of this.segments)
      if (s.assumption && s.vOffset <= vOffset && vOffset + vLength <= s.vOffset + s.vLength) return s.assumption;
    return undefined;
  }

  private sortedVirtual(): Segment[] {
    return (this.byVirtual ??= [...this.segments].sort((a, b) => a.vOffset - b.vOffset || b.vLength - a.vLength));
  }

  private sortedSource(): Segment[] {
    return (this.bySource ??= [...this.segments].sort((a, b) => a.sOffset - b.sOffset || b.sLength - a.sLength));
  }
}

/**
 * The innermost segment whose range (virtual or source) holds [start, end]. Segments nest like the tree
 * they were written from, so the innermost one is the last-starting one that holds the range.
 */
function innermost(sorted: Segment[], start: number, end: number, side: 'v' | 's'): Segment | undefined {
  const from = (s: Segment) => (side === 'v' ? s.vOffset : s.sOffset);
  const to = (s: Segment) => (side === 'v' ? s.vOffset + s.vLength : s.sOffset + s.sLength);
  // The last segment starting at or before `start`.
  let lo = 0;
  let hi = sorted.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (from(sorted[mid]) <= start) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = at; i >= 0; i--) if (to(sorted[i]) >= end) return sorted[i];
  return undefined;
}

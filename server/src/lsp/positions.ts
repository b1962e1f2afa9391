import { sliceOver, type Steps } from '../shared/steps';

/** A zero-based line and UTF-16 character, as LSP positions are. */
export interface LinePosition {
  line: number;
  character: number;
}

/** How many characters are scanned between two checks of the slice's clock. */
const scanStride = 64 * 1024;

/**
 * The positions of many offsets of one text, found in one pass that may pause (a multi-megabyte template's
 * diagnostics need no line table built in one piece). Equal to `TextDocument.positionAt` for every offset:
 * `\r\n`, `\r` and `\n` each end a line, an offset beyond the text is its end, and an offset inside a line's
 * break is the end of that line.
 */
export function* positionsSteps(text: string, offsets: readonly number[]): Steps<Map<number, LinePosition>> {
  const wanted = [...new Set(offsets.map((o) => Math.max(0, Math.min(o, text.length))))].sort((a, b) => a - b);
  const found = new Map<number, LinePosition>();
  let line = 0;
  let lineStart = 0;
  let next = 0;
  let i = 0;
  while (next < wanted.length) {
    const stop = Math.min(text.length, i + scanStride);
    for (; i < stop && next < wanted.length; i++) {
      while (next < wanted.length && wanted[next] <= i) next = settle(text, wanted, next, line, lineStart, found);
      const ch = text.charCodeAt(i);
      if (ch !== 13 && ch !== 10) continue;
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      // Offsets inside this break belong to the line it ends.
      while (next < wanted.length && wanted[next] <= i) next = settle(text, wanted, next, line, lineStart, found);
      line++;
      lineStart = i + 1;
    }
    if (i >= text.length) {
      while (next < wanted.length) next = settle(text, wanted, next, line, lineStart, found);
    }
    if (sliceOver()) yield;
  }
  for (const offset of offsets) {
    if (!found.has(offset)) found.set(offset, found.get(Math.max(0, Math.min(offset, text.length)))!);
  }
  return found;
}

/** Records the position of `wanted[next]` on the line starting at `lineStart`, before any line break. */
function settle(
  text: string,
  wanted: readonly number[],
  next: number,
  line: number,
  lineStart: number,
  found: Map<number, LinePosition>,
): number {
  let offset = wanted[next];
  while (offset > lineStart && isLineBreak(text.charCodeAt(offset - 1))) offset--;
  found.set(wanted[next], { line, character: offset - lineStart });
  return next + 1;
}

function isLineBreak(ch: number): boolean {
  return ch === 13 || ch === 10;
}

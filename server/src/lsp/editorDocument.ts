/**
 * The server's copy of an open document. Its line table (where each line starts) is built in slices by the check,
 * or at once on the first position asked before then, and an edit of a range updates the table instead of building
 * it again: on a multi-megabyte template, neither an edit nor the positions of its diagnostics scans the whole text
 * in one piece. Positions are those of `vscode-languageserver-textdocument`: `\r\n`, `\r` and `\n` each end a
 * line, an offset beyond the text is its end, and an offset inside a line's break is the end of that line.
 */
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import type { Steps } from '../shared/steps';

/** How many characters are scanned in one step. */
const scanStride = 64 * 1024;

const CR = 13;
const LF = 10;

/** True when a line starts at `at` (0 < at ≤ text's length): after `\n`, or after a `\r` that no `\n` follows. */
function startsLine(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  return before === LF || (before === CR && text.charCodeAt(at) !== LF);
}

/**
 * The line starts in `[from, to]` of `text`, appended to `out`, with a step after each stride. This module is part
 * of the server's start bundle, so it reads no slice clock (that lives in the rest of the server): whoever runs the
 * steps decides where a slice ends.
 */
function* lineStartsSteps(text: string, from: number, to: number, out: number[]): Steps<number[]> {
  for (let at = Math.max(from, 1); at <= to;) {
    const stop = Math.min(to, at + scanStride);
    for (; at <= stop; at++) if (startsLine(text, at)) out.push(at);
    yield;
  }
  return out;
}

/** Runs steps to their end. */
function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** The first index of the sorted `values` whose value is greater than `value`. */
function firstAbove(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid] > value) high = mid;
    else low = mid + 1;
  }
  return low;
}

export class EditorDocument implements TextDocument {
  private lines: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    private readonly text: string,
    lines?: number[],
  ) {
    this.lines = lines;
  }

  getText(range?: Range): string {
    return range ? this.text.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  /** Builds the line table in steps that may pause; afterwards positions are found without a pass over the text. */
  *lineSteps(): Steps<void> {
    if (!this.lines) this.lines = yield* lineStartsSteps(this.text, 1, this.text.length, [0]);
  }

  positionAt(offset: number): Position {
    const lines = this.lineStarts();
    let at = Math.max(0, Math.min(offset, this.text.length));
    const line = firstAbove(lines, at) - 1;
    // An offset inside a line's break is the end of that line.
    at = this.beforeBreak(at, lines[line]);
    return { line, character: at - lines[line] };
  }

  offsetAt(position: Position): number {
    const lines = this.lineStarts();
    if (position.line >= lines.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = lines[position.line];
    if (position.character <= 0) return start;
    const next = this.lineEnd(position.line);
    return this.beforeBreak(Math.min(start + position.character, next), start);
  }

  /** Line `line` without its break; past the last line, the last line; before the first, the empty start. */
  getLineRange(line: number): Range {
    const lines = this.lineStarts();
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const at = Math.min(line, lines.length - 1);
    const end = line >= lines.length ? this.text.length : this.beforeBreak(this.lineEnd(at), lines[at]);
    return { start: { line: at, character: 0 }, end: { line: at, character: end - lines[at] } };
  }

  /** The characters that end line `line`: empty for the last line and for a line out of range. */
  getEOLCharacters(line: number): string {
    const lines = this.lineStarts();
    if (line < 0 || line >= lines.length) return '';
    const next = this.lineEnd(line);
    return this.text.substring(this.beforeBreak(next, lines[line]), next);
  }

  /**
   * This document with `[start, end)` replaced by `insert`, as version `version`. When the line table is built,
   * the new one is this one's outside the edit, moved by the change in length, and a scan of the inserted text.
   */
  replaced(start: number, end: number, insert: string, version: number): EditorDocument {
    const text = this.text.slice(0, start) + insert + this.text.slice(end);
    if (!this.lines) return new EditorDocument(this.uri, this.languageId, version, text);
    const old = this.lines;
    const shift = insert.length - (end - start);
    // Whether a line starts at `at` depends on the characters at `at - 1` and `at`: only `[start, start +
    // insert.length]` can differ; before it nothing moved, after it everything moved by `shift`.
    const lines = old.slice(0, Math.max(1, firstAbove(old, start - 1)));
    drain(lineStartsSteps(text, start, start + insert.length, lines));
    for (let i = firstAbove(old, end); i < old.length; i++) lines.push(old[i] + shift);
    return new EditorDocument(this.uri, this.languageId, version, text, lines);
  }

  /** Where line `line` ends, its break included. */
  private lineEnd(line: number): number {
    const lines = this.lineStarts();
    return line + 1 < lines.length ? lines[line + 1] : this.text.length;
  }

  /** `at` moved back over line-break characters, not before `lineStart`. */
  private beforeBreak(at: number, lineStart: number): number {
    while (at > lineStart && isLineBreak(this.text.charCodeAt(at - 1))) at--;
    return at;
  }

  private lineStarts(): number[] {
    if (!this.lines) drain(this.lineSteps());
    return this.lines!;
  }
}

function isLineBreak(ch: number): boolean {
  return ch === CR || ch === LF;
}

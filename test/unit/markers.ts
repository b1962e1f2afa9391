/**
 * Fixture markers in the style of vscode-json-languageservice: `|` marks the cursor,
 * `[|…|]` marks expected ranges. Returns the text without markers.
 */
export function parseMarkers(marked: string): {
  text: string;
  cursor: number;
  ranges: Array<{ offset: number; length: number }>;
} {
  let text = '';
  let cursor = -1;
  const ranges: Array<{ offset: number; length: number }> = [];
  const open: number[] = [];
  for (let i = 0; i < marked.length; i++) {
    if (marked.startsWith('[|', i)) {
      open.push(text.length);
      i++;
      continue;
    }
    if (marked.startsWith('|]', i)) {
      const start = open.pop()!;
      ranges.push({ offset: start, length: text.length - start });
      i++;
      continue;
    }
    if (marked[i] === '|') {
      cursor = text.length;
      continue;
    }
    text += marked[i];
  }
  return { text, cursor, ranges };
}

/** Applies LSP-style edits given as offsets (non-overlapping) to a text. */
export function applyOffsetEdits(
  text: string,
  edits: Array<{ offset: number; length: number; newText: string }>,
): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset))
    out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

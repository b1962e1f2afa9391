import { parseTree, type ParseError } from 'jsonc-parser';

/**
 * Repository text (a glob, a path, an attribute name) shown inside markdown must read as the text it is:
 * every ASCII punctuation mark is backslash-escaped (CommonMark lets any of them be), so no `![t](https://…)`
 * becomes an image, no `[x](command:…)` a link and no `<img>` HTML; line breaks and other control
 * characters are written as `\u000a` so a value cannot start a block of its own.
 */
export function markdownText(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c > '~' || c < '!' ? `\\\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : `\\${c}`,
  );
}

/** Text for a plain-text line (a log, the CLI's text report): control characters as `\u000a` escapes, so no line is forged. */
export function escapeControls(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** "line L, column C" (both from 1) of an offset of `text`, after one pass over its line starts. */
export function lineColumn(text: string): (offset: number) => string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return `line ${lo + 1}, column ${offset - starts[lo] + 1}`;
  };
}

/** Where a text that JSON.parse refused first goes wrong, without quoting it (JSON.parse's own message does). */
export function jsonSyntaxPosition(text: string): string {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  return lineColumn(text)(errors[0]?.offset ?? 0);
}

/**
 * Any input value as text for messages and task-group keys. Never throws: values from the
 * tolerant JSON parser have no prototype, so String() fails on them.
 */
export function textOf(value: unknown, max = Infinity): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A count and its noun, plural unless the count is one: `1 task`, `3 instances`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

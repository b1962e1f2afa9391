/**
 * Makes `copy` hold exactly `original`'s items, in place, by pop and push: writing `length` is slow and can give the
 * array a new store, which the next push then allocates again. The cluster copies and port sets reset this way.
 */
export function overwrite<T>(copy: T[], original: readonly T[]): void {
  while (copy.length > original.length) copy.pop();
  for (let i = 0; i < original.length; i++) {
    if (i < copy.length) copy[i] = original[i];
    else copy.push(original[i]);
  }
}

/** Makes `copy` hold exactly `from`'s items from `start` up to `end`, in place as `overwrite` does. */
export function overwriteFrom<T>(copy: T[], from: readonly T[], start: number, end: number): void {
  const n = end - start;
  while (copy.length > n) copy.pop();
  for (let i = 0; i < n; i++) {
    if (i < copy.length) copy[i] = from[start + i];
    else copy.push(from[start + i]);
  }
}

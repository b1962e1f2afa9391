/** Rows of the distance table, kept between calls: suggestions are asked for one name after another. */
let rows = new Int32Array(0);

/**
 * Edit distance with adjacent transpositions (Damerau, optimal string alignment). With `max`, any distance over it
 * is returned as `max + 1`, found as soon as two rows in a row exceed it.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  if (rows.length < 3 * cols) rows = new Int32Array(3 * cols);
  // Three rows in turn: the one being filled, the one above, and the one above that (for transpositions).
  let before = 0;
  let above = cols;
  let row = 2 * cols;
  for (let j = 0; j < cols; j++) rows[above + j] = j;
  let aboveLeast = 0;
  for (let i = 1; i <= a.length; i++) {
    rows[row] = i;
    let least = i;
    for (let j = 1; j < cols; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(rows[above + j] + 1, rows[row + j - 1] + 1, rows[above + j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        d = Math.min(d, rows[before + j - 2] + 1);
      rows[row + j] = d;
      if (d < least) least = d;
    }
    // No later row can come back under `max` once two rows in a row are over it.
    if (least > max && aboveLeast > max) return max + 1;
    aboveLeast = least;
    const free = before;
    before = above;
    above = row;
    row = free;
  }
  const distance = rows[above + cols - 1];
  return distance > max ? max + 1 : distance;
}

/**
 * The one candidate close enough to `name` to suggest, or undefined when none is or
 * when two are equally close (a guess between two names helps nobody).
 */
export function closestName(name: string, candidates: readonly string[], ignoreCase = false): string | undefined {
  const lower = name.toLowerCase();
  const sameIgnoringCase = candidates.filter((c) => c.toLowerCase() === lower);
  if (sameIgnoringCase.length === 1) return sameIgnoringCase[0];
  const budget = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const c of candidates) {
    if (Math.abs(c.length - name.length) > budget) continue;
    // Past the budget every distance is as useless as any other: the count stops there.
    const dist = editDistance(ignoreCase ? lower : name, ignoreCase ? c.toLowerCase() : c, budget);
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
      tie = false;
    } else if (dist === bestDistance) tie = true;
  }
  return best !== undefined && bestDistance <= budget && !tie ? best : undefined;
}

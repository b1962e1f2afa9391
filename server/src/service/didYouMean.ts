/** Edit distance with adjacent transpositions (Damerau, optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[rows - 1][cols - 1];
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
    const dist = editDistance(ignoreCase ? lower : name, ignoreCase ? c.toLowerCase() : c);
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
      tie = false;
    } else if (dist === bestDistance) tie = true;
  }
  return best !== undefined && bestDistance <= budget && !tie ? best : undefined;
}

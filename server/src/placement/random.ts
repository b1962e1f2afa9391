/**
 * mulberry32: a small seeded generator, so one seed always gives the same placements.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the text: a stable number for an instance id, whatever the input order. */
export function stringHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The seeded tie-break key of an instance: a mix of the seed, its id and how many tasks of the group
 * it holds. Ties go to the lowest key, so the pick depends on the seed and the instance ids only, never
 * on the order of the input, and an instance that just took a task draws a fresh key.
 */
export function tieKey(seed: number, idHash: number, groupTasks: number): number {
  let t = (Math.imul(seed >>> 0, 0x9e3779b1) ^ idHash ^ Math.imul(groupTasks + 1, 0x85ebca77)) >>> 0;
  t = Math.imul(t ^ (t >>> 16), 0x7feb352d);
  t = Math.imul(t ^ (t >>> 15), 0x846ca68b);
  return (t ^ (t >>> 16)) >>> 0;
}

// Seeded uniform numbers for the segment models. Domain code may not call Math.random(); k-means seeding
// and the silhouette sample draw from here so the same seed always gives the same clusters.

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: one 32-bit word of state, fast, and ample for picking seed points and samples. `stream` names an independent sequence, so each k of a k-means search gets its own draws
 * and asking for that k alone reproduces the same clusters.
 * @example const random = seededRandom(42, 5); random() // 0 <= x < 1
 */
export function seededRandom(seed: number, stream = 0): Random {
  let state = mix(mix(Math.trunc(seed) >>> 0) ^ (stream >>> 0));
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit finaliser (murmur3's), so nearby seeds and streams start far apart. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Index in [0, n). */
export function randomIndex(random: Random, n: number): number {
  return Math.floor(random() * n);
}

// Mean silhouette of a clustering (Rousseeuw 1987), the score that picks k. For point i with mean
// distance a to the other members of its cluster and b to the members of the nearest other cluster,
// s = (b − a) / max(a, b); a point alone in its cluster scores 0. Distances are Euclidean.
import { distance2, type Points } from './points.ts';
import type { Random } from './prng.ts';

/** Default sample size: beyond it the silhouette (O(n²)) is estimated on a random sample. */
export const SILHOUETTE_SAMPLE = 5000;

/**
 * The rows to score: all of them up to `size`, beyond it a random sample of `size` rows whose distances
 * are taken within the sample, as scikit-learn's `silhouette_score(sample_size=…)` does. One sample serves
 * every k compared, so the comparison is fair.
 */
export function silhouetteRows(n: number, random: Random, size = SILHOUETTE_SAMPLE): Int32Array {
  return n > size ? sampleRows(n, size, random) : new Int32Array(n).map((_, i) => i);
}

/** Mean silhouette of the given rows, each measured against the other given rows only; 0 for one cluster. */
export function silhouetteOf(points: Points, assignments: Int32Array, k: number, rows: Int32Array): number {
  const { data, d } = points;
  const m = rows.length;
  if (m === 0 || k < 2) return 0;
  const sums = new Float64Array(m * k); // sums[p * k + c]: distances from row p to the rows of cluster c
  const sizes = new Int32Array(k);
  for (let p = 0; p < m; p++) {
    const i = rows[p]!;
    const ci = assignments[i]!;
    sizes[ci]!++;
    for (let q = p + 1; q < m; q++) {
      const j = rows[q]!;
      const dist = Math.sqrt(distance2(data, i, data, j, d));
      sums[p * k + assignments[j]!]! += dist;
      sums[q * k + ci]! += dist;
    }
  }
  let total = 0;
  for (let p = 0; p < m; p++) {
    const own = assignments[rows[p]!]!;
    if (sizes[own]! < 2) continue; // a singleton scores 0
    const a = sums[p * k + own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[p * k + c]! / sizes[c]!);
    if (b === Infinity) continue; // every sampled row in one cluster
    const spread = Math.max(a, b);
    if (spread > 0) total += (b - a) / spread;
  }
  return total / m;
}

/** `size` distinct row indices out of n, by a partial Fisher–Yates shuffle; sorted for memory order. */
function sampleRows(n: number, size: number, random: Random): Int32Array {
  const order = new Int32Array(n).map((_, i) => i);
  for (let p = 0; p < size; p++) {
    const q = p + Math.floor(random() * (n - p));
    const swap = order[p]!;
    order[p] = order[q]!;
    order[q] = swap;
  }
  return order.slice(0, size).sort();
}

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
  return silhouettesOf(points, [{ assignments, k }], rows)[0]!;
}

/**
 * `silhouetteOf` for several clusterings of the same points at once: the O(m²) distances between the rows
 * are computed once and shared, which is most of the cost.
 */
export function silhouettesOf(points: Points, clusterings: readonly { assignments: Int32Array; k: number }[], rows: Int32Array): number[] {
  const { data, d } = points;
  const m = rows.length;
  const sample = new Float64Array(m * d); // the rows' coordinates, gathered once so the pair loop reads them in order
  rows.forEach((i, p) => sample.set(data.subarray(i * d, i * d + d), p * d));
  const labels = clusterings.map(({ assignments }) => Int32Array.from(rows, (i) => assignments[i]!));
  const ks = Int32Array.from(clusterings, (c) => c.k);
  // sums[r][p * k + c]: total distance from row p to the rows in cluster c of clustering r
  const sums = clusterings.map(({ k }) => new Float64Array(m * k));
  for (let p = 0; p < m; p++) {
    for (let q = p + 1; q < m; q++) {
      const dist = Math.sqrt(distance2(sample, p, sample, q, d));
      for (let r = 0; r < ks.length; r++) {
        const k = ks[r]!, label = labels[r]!, sum = sums[r]!;
        sum[p * k + label[q]!]! += dist;
        sum[q * k + label[p]!]! += dist;
      }
    }
  }
  return clusterings.map(({ k }, r) => meanScore(sums[r]!, labels[r]!, k));
}

/** Mean of (b − a) / max(a, b) from each row's total distances to every cluster; 0 for one cluster. */
function meanScore(sums: Float64Array, labels: Int32Array, k: number): number {
  const m = labels.length;
  if (m === 0 || k < 2) return 0;
  const sizes = new Int32Array(k);
  for (const c of labels) sizes[c]!++;
  let total = 0;
  for (let p = 0; p < m; p++) {
    const own = labels[p]!;
    if (sizes[own]! < 2) continue; // a singleton scores 0
    const a = sums[p * k + own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[p * k + c]! / sizes[c]!);
    if (b === Infinity) continue; // every row in one cluster
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

// Rank-based scores shared by the models. Tied customers always land in the same score or tier, the
// lower one, so the result does not depend on input order and nobody is promoted by a tie.

/** The 1-based lowest rank of each value among all values sorted ascending ([5, 3, 5] → [2, 1, 2]). */
export function rankMin(values: ArrayLike<number>): Uint32Array {
  const sorted = Float64Array.from(values).sort();
  const out = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let lo = 0, hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1; else hi = mid;
    }
    out[i] = lo + 1;
  }
  return out;
}

/**
 * Quantile scores 1…bins: `ceil(bins × rankMin / n)` over the values sorted ascending, so the largest
 * values score `bins`. Quintiles: bins = 5.
 */
export function quantileScores(values: ArrayLike<number>, bins = 5): Uint8Array {
  const n = values.length;
  const ranks = rankMin(values);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.ceil((bins * ranks[i]!) / n);
  return out;
}

/**
 * Tiers by share of customers from the top. A customer's position p is how many customers have a value
 * ≥ theirs (so ties never split, and a tie block straddling a cut falls below it). With cumulative cuts
 * [100, 500, 2000] bp: p ≤ 1% × n is tier 0, p ≤ 5% × n tier 1, p ≤ 20% × n tier 2, else tier 3.
 * Integer arithmetic (p × 10000 ≤ n × bp) so no cut is lost to rounding.
 */
export function topShareTiers(values: ArrayLike<number>, cumulativeBp: readonly number[]): Uint8Array {
  const n = values.length;
  const ranks = rankMin(values);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = n - ranks[i]! + 1;
    let tier = 0;
    while (tier < cumulativeBp.length && p * 10000 > n * cumulativeBp[tier]!) tier++;
    out[i] = tier;
  }
  return out;
}

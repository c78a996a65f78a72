// Rank-based scores shared by the models. Tied customers always land in the same score or tier, the
// lower one, so the result does not depend on input order and nobody is promoted by a tie.

/**
 * The 1-based lowest rank of each value among all values sorted ascending ([5, 3, 5] → [2, 1, 2]).
 * Three ways to the same answer, by what the values allow (a million customers in well under a second):
 * a histogram for whole numbers in a short range (days, orders), one sort of packed value-and-index keys
 * for whole numbers that fit (money), and an index sort otherwise.
 */
export function rankMin(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  let min = Infinity, max = -Infinity, whole = true;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (whole && !Number.isInteger(v)) whole = false;
  }
  const out = new Uint32Array(n);
  if (n === 0) return out;
  const range = max - min;
  if (whole && range <= Math.max(4 * n, 1 << 16)) {
    // rankMin = 1 + how many values are smaller: a running sum over a histogram.
    const below = new Uint32Array(range + 2);
    for (let i = 0; i < n; i++) below[values[i]! - min + 1]!++;
    for (let v = 1; v < below.length; v++) below[v]! += below[v - 1]!;
    for (let i = 0; i < n; i++) out[i] = below[values[i]! - min]! + 1;
    return out;
  }
  const bits = Math.ceil(Math.log2(n + 1));
  const scale = 2 ** bits;
  if (whole && range * scale + n < Number.MAX_SAFE_INTEGER) {
    // (value − min) × 2^bits + index: one numeric sort of a typed array, exact below 2^53.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (values[i]! - min) * scale + i;
    keys.sort();
    let prev = -1, rank = 0;
    for (let k = 0; k < n; k++) {
      const index = keys[k]! % scale;
      const v = (keys[k]! - index) / scale;
      if (v !== prev) { rank = k + 1; prev = v; }
      out[index] = rank;
    }
    return out;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a]! - values[b]!);
  for (let k = 0, rank = 0; k < n; k++) {
    if (k === 0 || values[order[k]!]! !== values[order[k - 1]!]!) rank = k + 1;
    out[order[k]!] = rank;
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

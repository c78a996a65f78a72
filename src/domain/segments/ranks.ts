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

/** Whole numbers in a range short enough for rankMin's histogram (days, orders): ranking them is cheaper than selecting. */
function histogrammable(values: ArrayLike<number>): boolean {
  const n = values.length;
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v)) return false;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max - min <= Math.max(4 * n, 1 << 16);
}

/**
 * The values at 0-based positions of the ascending order, without sorting everything: a score or tier
 * only needs a handful of cut values (one selection pass each, on the part above the previous cut).
 */
export function orderStatistics(values: ArrayLike<number>, positions: readonly number[]): number[] {
  const a = Float64Array.from(values);
  const wanted = [...new Set(positions)].sort((x, y) => x - y);
  const at = new Map<number, number>();
  let lo = 0;
  for (const k of wanted) {
    select(a, lo, a.length - 1, k);
    at.set(k, a[k]!);
    lo = k; // everything from k on is ≥ a[k]
  }
  return positions.map((k) => at.get(k)!);
}

/**
 * Place the k-th smallest of a[lo..hi] at k (smaller before, larger after): quickselect with a
 * three-way partition (ties are common: whole yuan, equal spend) and a median-of-three pivot; after too
 * many rounds it sorts the rest, so no input makes it quadratic.
 */
function select(a: Float64Array, lo: number, hi: number, k: number): void {
  for (let rounds = 0; hi > lo; rounds++) {
    if (rounds > 64) { a.subarray(lo, hi + 1).sort(); return; }
    const x = a[lo]!, y = a[(lo + hi) >>> 1]!, z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
    // a[lo..lt) < pivot, a[lt..i) = pivot, a(gt..hi] > pivot
    let lt = lo, i = lo, gt = hi;
    while (i <= gt) {
      const v = a[i]!;
      if (v < pivot) { a[i] = a[lt]!; a[lt] = v; lt++; i++; }
      else if (v > pivot) { a[i] = a[gt]!; a[gt] = v; gt--; }
      else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return;
  }
}

/**
 * Quantile scores 1…bins: `ceil(bins × rankMin / n)` over the values sorted ascending, so the largest
 * values score `bins`. Quintiles: bins = 5. With a = the values sorted ascending, score ≤ k exactly when
 * rankMin ≤ k·n/bins, i.e. when the value is ≤ a[floor(k·n/bins) − 1]: bins − 1 cut values decide every
 * score, found by selection rather than a sort (money values); short-range whole numbers use the ranks.
 */
export function quantileScores(values: ArrayLike<number>, bins = 5): Uint8Array {
  const n = values.length;
  const out = new Uint8Array(n);
  if (n === 0) return out;
  if (histogrammable(values)) {
    const ranks = rankMin(values);
    for (let i = 0; i < n; i++) out[i] = Math.ceil((bins * ranks[i]!) / n);
    return out;
  }
  const positions = Array.from({ length: bins - 1 }, (_, j) => Math.floor(((j + 1) * n) / bins) - 1);
  // cut[k − 1]: the largest value scoring ≤ k (−∞: none does).
  const cut = valuesAt(values, positions);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let s = 1;
    while (s < bins && !(v <= cut[s - 1]!)) s++;
    out[i] = s;
  }
  return out;
}

/**
 * Tiers by share of customers from the top. A customer's position p is how many customers have a value
 * ≥ theirs (so ties never split, and a tie block straddling a cut falls below it). With cumulative cuts
 * [100, 500, 2000] bp: p ≤ 1% × n is tier 0, p ≤ 5% × n tier 1, p ≤ 20% × n tier 2, else tier 3.
 * Integer arithmetic (p × 10000 ≤ n × bp) so no cut is lost to rounding. A customer is past cut t when
 * p ≥ g = floor(n × bp / 10000) + 1, i.e. when the value is ≤ a[n − g] (a ascending): one cut value
 * per tier, found by selection.
 */
export function topShareTiers(values: ArrayLike<number>, cumulativeBp: readonly number[]): Uint8Array {
  const n = values.length;
  const out = new Uint8Array(n);
  if (n === 0) return out;
  const positions = cumulativeBp.map((bp) => n - (Math.floor((n * bp) / 10000) + 1));
  // Past cut t when value ≤ cut[t]; the cuts fall as bp rises, so the tiers passed are the leading ones.
  const cut = valuesAt(values, positions);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let tier = 0;
    while (tier < cut.length && v <= cut[tier]!) tier++;
    out[i] = tier;
  }
  return out;
}

/** The values at these positions of the ascending order (−∞ for a position before the first), by selection. */
function valuesAt(values: ArrayLike<number>, positions: readonly number[]): number[] {
  const stats = orderStatistics(values, positions.filter((c) => c >= 0));
  let next = 0;
  return positions.map((c) => (c >= 0 ? stats[next++]! : -Infinity));
}

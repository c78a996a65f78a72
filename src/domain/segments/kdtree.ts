// A k-d tree over the points for the filtering k-means of Kanungo et al. (2002): each node holds a
// contiguous run of the reordered points with their bounding box and coordinate sum, so a node whose every
// point has the same nearest centre is assigned in one step. Built once per clustering, reused by restarts.
import type { Points } from './points.ts';

export interface KdTree {
  /** The points reordered so that every node's points are contiguous. */
  points: Points;
  /** `order[p]` is the input row of the p-th reordered point. */
  order: Int32Array;
  /** Node j covers reordered points start[j] … end[j] − 1; its children are left[j] and left[j] + 1 (−1: leaf). */
  start: Int32Array;
  end: Int32Array;
  left: Int32Array;
  /** Bounding box corners and coordinate sum of node j, d values each from j · d. */
  low: Float64Array;
  high: Float64Array;
  sum: Float64Array;
  /** Sum of the squared norms of node j's points: with `sum`, the squared distances to any x in O(d). */
  squares: Float64Array;
}

/** Builds the tree, splitting the widest side of each box at the median until at most `leafSize` points remain. */
export function buildKdTree(points: Points, leafSize = 16): KdTree {
  const { n, d } = points;
  // The rows themselves are reordered (not an index), so every pass over a node reads memory in order.
  const data = Float64Array.from(points.data);
  const order = new Int32Array(n).map((_, i) => i);
  const capacity = 2 * Math.max(1, Math.ceil(n / Math.ceil(leafSize / 2)));
  const start = new Int32Array(capacity), end = new Int32Array(capacity), left = new Int32Array(capacity).fill(-1);
  const low = new Float64Array(capacity * d), high = new Float64Array(capacity * d), sum = new Float64Array(capacity * d);
  const squares = new Float64Array(capacity);
  let nodes = 1;

  // Node j's children are allocated as a pair before either is built, so the right one is left + 1.
  const build = (j: number, from: number, to: number): void => {
    const box = j * d;
    start[j] = from;
    end[j] = to;
    for (let t = 0; t < d; t++) {
      let total = 0, min = Infinity, max = -Infinity;
      for (let p = from * d + t; p < to * d; p += d) {
        const x = data[p]!;
        total += x;
        squares[j]! += x * x;
        if (x < min) min = x;
        if (x > max) max = x;
      }
      sum[box + t] = total;
      low[box + t] = min;
      high[box + t] = max;
    }
    let axis = 0;
    for (let t = 1; t < d; t++) if (high[box + t]! - low[box + t]! > high[box + axis]! - low[box + axis]!) axis = t;
    // A box of zero width holds copies of one point: nothing to split.
    if (to - from <= leafSize || high[box + axis] === low[box + axis]) return;
    const mid = (from + to) >> 1;
    select(data, d, axis, order, from, to - 1, mid);
    const child = left[j] = nodes;
    nodes += 2;
    build(child, from, mid);
    build(child + 1, mid, to);
  };
  build(0, 0, n);
  return { points: { data, n, d }, order, start, end, left, low, high, sum, squares };
}

/**
 * Reorders rows lo … hi (and their `order` entries) so that row k has the k-th smallest coordinate
 * `axis`, smaller ones before it and larger after (Hoare's quickselect).
 */
function select(data: Float64Array, d: number, axis: number, order: Int32Array, lo: number, hi: number, k: number): void {
  while (lo < hi) {
    const pivot = data[((lo + hi) >> 1) * d + axis]!;
    let i = lo, j = hi;
    while (i <= j) {
      while (data[i * d + axis]! < pivot) i++;
      while (data[j * d + axis]! > pivot) j--;
      if (i <= j) swapRows(data, d, order, i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swapRows(data: Float64Array, d: number, order: Int32Array, a: number, b: number): void {
  for (let t = 0; t < d; t++) {
    const x = data[a * d + t]!;
    data[a * d + t] = data[b * d + t]!;
    data[b * d + t] = x;
  }
  const o = order[a]!;
  order[a] = order[b]!;
  order[b] = o;
}

/**
 * Is row `ai` of `a` strictly farther than row `bi` of `b` from every point of the box at `box` (an
 * offset into low/high)? Enough to check the box corner reaching furthest towards a (Kanungo et al. 2002,
 * lemma 2).
 */
export function fartherFromBox(
  a: Float64Array, ai: number, b: Float64Array, bi: number,
  low: Float64Array, high: Float64Array, box: number, d: number,
): boolean {
  let toA = 0, toB = 0;
  for (let t = 0; t < d; t++) {
    const at = a[ai * d + t]!, bt = b[bi * d + t]!;
    const corner = at > bt ? high[box + t]! : low[box + t]!;
    toA += (at - corner) ** 2;
    toB += (bt - corner) ** 2;
  }
  return toA > toB;
}

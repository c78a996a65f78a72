// Greedy k-means++ seeding, as scikit-learn does it (Arthur & Vassilvitskii 2007, with the greedy variant
// of their section 5): each new centre is the best of 2 + ⌊ln k⌋ candidates drawn with probability
// proportional to the squared distance to the nearest centre chosen so far, "best" meaning the candidate
// that leaves the smallest total squared distance. Same algorithm, so the benchmark compares like for like.
//
// The k-d tree skips most distances without changing the result. No point of a node can come nearer to the
// candidate when the node's box is farther from the candidate than any of its points is from its nearest
// centre, or when all its points share a nearest centre that is nearer than the candidate to the whole box.
// When instead the candidate is nearer than that shared centre to the whole box, every point comes nearer,
// and the node's gain follows from its sums without visiting a point.
import { fartherFromBox, type KdTree } from './kdtree.ts';
import { distance2 } from './points.ts';
import { randomIndex, type Random } from './prng.ts';

/**
 * Up to k starting centres, copied from distinct points of the tree (flat, row-major). Fewer than k rows
 * come back only when the points have fewer than k distinct values: then every distinct value is a centre.
 */
export function seedCentres(tree: KdTree, k: number, random: Random): Float64Array {
  const { points: { data, n, d }, start, end, left, low, high, sum, squares } = tree;
  const trials = 2 + Math.floor(Math.log(k));
  const centres = new Float64Array(k * d);
  const closest = new Float64Array(n); // squared distance to the nearest centre chosen so far
  const nearest = new Int32Array(n); // which centre that is
  const worst = new Float64Array(start.length); // per tree node, the largest `closest` among its points
  const owner = new Int32Array(start.length); // per tree node, the nearest centre of all its points, or −1
  const mass = new Float64Array(start.length); // per tree node, the sum of `closest` over its points
  const cumulative = new Float64Array(n);

  /**
   * By how much the point `candidate` would lower the total squared distance; when `index` ≥ 0 it also
   * becomes centre `index`, updating `closest`, `nearest` and the node summaries.
   */
  const gain = (node: number, candidate: number, index: number): number => {
    const box = node * d, m = owner[node]!;
    if (boxDistance2(data, candidate, low, high, box, d) >= worst[node]!) return 0;
    if (m >= 0 && fartherFromBox(data, candidate, centres, m, low, high, box, d)) return 0;
    if (index < 0 && m >= 0 && fartherFromBox(centres, m, data, candidate, low, high, box, d)) {
      // Σ‖p − x‖² = Σ‖p‖² − 2 x·Σp + count·‖x‖²
      let dot = 0, norm = 0;
      for (let t = 0; t < d; t++) {
        const x = data[candidate * d + t]!;
        dot += x * sum[box + t]!;
        norm += x * x;
      }
      return mass[node]! - (squares[node]! - 2 * dot + (end[node]! - start[node]!) * norm);
    }
    const child = left[node]!;
    if (child >= 0) {
      const total = gain(child, candidate, index) + gain(child + 1, candidate, index);
      if (index >= 0) {
        worst[node] = Math.max(worst[child]!, worst[child + 1]!);
        owner[node] = owner[child] === owner[child + 1] ? owner[child]! : -1;
        mass[node] = mass[child]! + mass[child + 1]!;
      }
      return total;
    }
    const from = start[node]!, to = end[node]!;
    const total = leafGain(data, d, closest, nearest, from, to, candidate, index);
    if (index >= 0) {
      let max = 0, within = 0, shared = nearest[from]!;
      for (let p = from; p < to; p++) {
        max = Math.max(max, closest[p]!);
        within += closest[p]!;
        if (nearest[p] !== shared) shared = -1;
      }
      worst[node] = max;
      owner[node] = shared;
      mass[node] = within;
    }
    return total;
  };
  const choose = (candidate: number, index: number): void => {
    centres.set(data.subarray(candidate * d, candidate * d + d), index * d);
    gain(0, candidate, index);
  };

  // Before the first centre every point is infinitely far from one: nothing is skipped.
  closest.fill(Infinity);
  worst.fill(Infinity);
  owner.fill(-1);
  choose(randomIndex(random, n), 0);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let p = 0; p < n; p++) cumulative[p] = total += closest[p]!;
    // Every point sits on a chosen centre: there are only c distinct points.
    if (total === 0) return centres.slice(0, c * d);
    let best = 0, bestGain = -1;
    for (let t = 0; t < trials; t++) {
      const candidate = firstAbove(cumulative, random() * total);
      const g = gain(0, candidate, -1);
      if (g > bestGain) { bestGain = g; best = candidate; }
    }
    choose(best, c);
  }
  return centres;
}

/** `gain` for the points from … to − 1 of a leaf: a plain function, so the hot loop keeps its arrays in registers. */
function leafGain(
  data: Float64Array, d: number, closest: Float64Array, nearest: Int32Array,
  from: number, to: number, candidate: number, index: number,
): number {
  let total = 0;
  for (let p = from; p < to; p++) {
    const current = closest[p]!;
    const dist = distance2(data, p, data, candidate, d);
    if (dist < current) {
      total += current - dist;
      if (index >= 0) {
        closest[p] = dist;
        nearest[p] = index;
      }
    }
  }
  return total;
}

/** Squared distance from point i to the nearest point of the box whose corners start at `box`. */
function boxDistance2(data: Float64Array, i: number, low: Float64Array, high: Float64Array, box: number, d: number): number {
  let sum = 0;
  for (let t = 0; t < d; t++) {
    const x = data[i * d + t]!;
    const gap = x < low[box + t]! ? low[box + t]! - x : x > high[box + t]! ? x - high[box + t]! : 0;
    sum += gap * gap;
  }
  return sum;
}

/**
 * First index whose cumulative weight exceeds `target` (< the total). Strictly above, so the point drawn
 * always has a positive weight: it is never a centre already chosen.
 */
function firstAbove(cumulative: Float64Array, target: number): number {
  let lo = 0, hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// Lloyd's k-means iterations (assign every point to its nearest centre, move every centre to the mean of
// its points, repeat) computed with the filtering algorithm of Kanungo et al. (2002) on a k-d tree: a node
// of the tree whose box lies wholly nearer one centre than any other is assigned with its precomputed sum,
// without visiting its points. The assignments are exactly plain Lloyd's; in a few dimensions most of the
// work disappears.
import { buildKdTree, fartherFromBox, type KdTree } from './kdtree.ts';
import { seedCentres } from './kmeanspp.ts';
import { distance2, inertiaOf, type Points } from './points.ts';
import type { Random } from './prng.ts';

export interface LloydOptions {
  /** Upper limit on centre updates; 0 only assigns the points to the starting centres. Default 300. */
  maxIterations?: number;
  /**
   * Stop once the centres' total squared movement in one update is at most `tolerance` × the mean
   * per-coordinate variance of the points (scikit-learn's rule and default, 1e-4); 0 runs until the centres
   * stop moving. Either way the points are finally assigned to their nearest centre.
   */
  tolerance?: number;
}

export interface KmeansRun {
  /** Number of centres: k, or fewer when the points have fewer than k distinct values. */
  k: number;
  /** k rows of d coordinates, flat and row-major. */
  centres: Float64Array;
  /** Centre index of each point: its nearest, the lowest index among equally near ones. */
  assignments: Int32Array;
  /** Sum of squared distances from the points to their centres. */
  inertia: number;
  /** Centre updates done. */
  iterations: number;
}

/**
 * k-means from `restarts` greedy k-means++ seedings, keeping the lowest inertia (the first among equals).
 * Takes the points as a k-d tree (`buildKdTree(points)`), built once for every k tried.
 */
export function kmeans(tree: KdTree, k: number, random: Random, options: LloydOptions & { restarts?: number } = {}): KmeansRun {
  const { restarts = 10, ...lloydOptions } = options;
  const scale = meanVariance(tree.points);
  let best: KmeansRun | undefined;
  for (let r = 0; r < restarts; r++) {
    const run = iterate(tree, seedCentres(tree, k, random), lloydOptions, scale);
    if (best === undefined || run.inertia < best.inertia) best = run;
  }
  return inInputOrder(tree, best!);
}

/** Lloyd iterations from the given starting centres (flat, row-major, d coordinates each). */
export function lloyd(points: Points, initial: Float64Array, options: LloydOptions = {}): KmeansRun {
  const tree = buildKdTree(points);
  return inInputOrder(tree, iterate(tree, initial, options, meanVariance(points)));
}

/** The run on the tree's reordered points; `scale` is the points' mean variance, the tolerance's unit. */
function iterate(tree: KdTree, initial: Float64Array, options: LloydOptions, scale: number): KmeansRun {
  const { maxIterations = 300, tolerance = 1e-4 } = options;
  const { points } = tree;
  const { d } = points;
  const k = initial.length / d;
  const centres = Float64Array.from(initial);
  const assignments = new Int32Array(points.n);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  const threshold = tolerance * scale;
  const assign = filter(tree, k);

  assign(centres, assignments, sums, counts);
  let iterations = 0;
  while (iterations < maxIterations) {
    relocateEmpty(tree, centres, assignments, sums, counts);
    iterations++;
    let moved2 = 0;
    for (let j = 0; j < k; j++) {
      if (counts[j] === 0) continue; // only when given more centres than distinct points
      for (let t = 0; t < d; t++) {
        const mean = sums[j * d + t]! / counts[j]!;
        moved2 += (mean - centres[j * d + t]!) ** 2;
        centres[j * d + t] = mean;
      }
    }
    assign(centres, assignments, sums, counts);
    if (moved2 <= threshold && !counts.includes(0)) break;
  }
  return { k, centres, assignments, inertia: inertiaOf(points, centres, assignments), iterations };
}

/**
 * The assignment step over the tree: labels every point with its nearest centre and totals each
 * centre's points (sums and counts). At each node the candidate centres are filtered: the one nearest the
 * box's middle stays, and any other goes if even the box corner most in its favour is farther from it —
 * then no point of the box can prefer it. A node left with one candidate is assigned whole.
 */
function filter(tree: KdTree, k: number) {
  const { points: { data, d }, start, end, left, low, high, sum } = tree;
  // Candidate lists, one per tree level, each at most k long; a median-split tree is far less than 64 deep.
  const stack = new Int32Array(64 * k);
  const middle = new Float64Array(d);

  return (centres: Float64Array, labels: Int32Array, sums: Float64Array, counts: Int32Array): void => {
    sums.fill(0);
    counts.fill(0);
    const visit = (node: number, from: number, size: number): void => {
      const box = node * d;
      for (let t = 0; t < d; t++) middle[t] = (low[box + t]! + high[box + t]!) / 2;
      let best = stack[from]!, bestDist = Infinity;
      for (let c = from; c < from + size; c++) {
        const dist = distance2(middle, 0, centres, stack[c]!, d);
        if (dist < bestDist) { bestDist = dist; best = stack[c]!; }
      }
      // Survivors stay in index order, so that ties at the leaves still go to the lowest index.
      const next = from + size;
      let kept = 0;
      for (let c = from; c < next; c++) {
        const z = stack[c]!;
        if (z === best || !fartherFromBox(centres, z, centres, best, low, high, box, d)) stack[next + kept++] = z;
      }
      const first = start[node]!, last = end[node]!;
      if (kept === 1) {
        labels.fill(best, first, last);
        counts[best]! += last - first;
        for (let t = 0; t < d; t++) sums[best * d + t]! += sum[box + t]!;
      } else if (left[node]! >= 0) {
        visit(left[node]!, next, kept);
        visit(left[node]! + 1, next, kept);
      } else {
        assignLeaf(data, d, centres, stack, next, next + kept, first, last, labels, sums, counts);
      }
    };
    for (let j = 0; j < k; j++) stack[j] = j;
    visit(0, 0, k);
  };
}

/** Leaf points first … last − 1 to their nearest of the centres in candidates[from … to − 1] (index order). */
function assignLeaf(
  data: Float64Array, d: number, centres: Float64Array, candidates: Int32Array, from: number, to: number,
  first: number, last: number, labels: Int32Array, sums: Float64Array, counts: Int32Array,
): void {
  for (let p = first; p < last; p++) {
    let nearest = 0, nearestDist = Infinity;
    for (let c = from; c < to; c++) {
      const dist = distance2(data, p, centres, candidates[c]!, d);
      if (dist < nearestDist) { nearestDist = dist; nearest = candidates[c]!; }
    }
    labels[p] = nearest;
    counts[nearest]!++;
    for (let t = 0; t < d; t++) sums[nearest * d + t]! += data[p * d + t]!;
  }
}

/**
 * A cluster left without points takes the point farthest from its own centre (from clusters that keep at
 * least one point; the first input row among equals), as scikit-learn does; the update step then puts its
 * centre on that point. Sums are then recounted rather than adjusted, so no rounding is left behind.
 */
function relocateEmpty(tree: KdTree, centres: Float64Array, labels: Int32Array, sums: Float64Array, counts: Int32Array): void {
  const { points: { data, n, d }, order } = tree;
  let moved = false;
  for (let j = 0; j < counts.length; j++) {
    if (counts[j] !== 0) continue;
    let farthest = -1, worst = -1;
    for (let p = 0; p < n; p++) {
      if (counts[labels[p]!]! < 2) continue;
      const dist = distance2(data, p, centres, labels[p]!, d);
      if (dist > worst || (dist === worst && order[p]! < order[farthest]!)) { worst = dist; farthest = p; }
    }
    if (farthest < 0) break; // more centres than points: nothing to move
    counts[labels[farthest]!]!--;
    counts[j] = 1;
    labels[farthest] = j;
    moved = true;
  }
  if (!moved) return;
  sums.fill(0);
  for (let p = 0; p < n; p++) for (let t = 0; t < d; t++) sums[labels[p]! * d + t]! += data[p * d + t]!;
}

/** The run with its assignments put back in the order of the input rows. */
function inInputOrder(tree: KdTree, run: KmeansRun): KmeansRun {
  const assignments = new Int32Array(run.assignments.length);
  for (let p = 0; p < assignments.length; p++) assignments[tree.order[p]!] = run.assignments[p]!;
  return { ...run, assignments };
}

/** Mean over coordinates of the per-coordinate (population) variance: the scale of the tolerance. */
function meanVariance({ data, n, d }: Points): number {
  if (n === 0 || d === 0) return 0;
  let total = 0;
  for (let t = 0; t < d; t++) {
    let sum = 0, squares = 0;
    for (let i = 0; i < n; i++) sum += data[i * d + t]!;
    const mean = sum / n;
    for (let i = 0; i < n; i++) squares += (data[i * d + t]! - mean) ** 2;
    total += squares / n;
  }
  return total / d;
}

// Customer clusters: k-means on standardised log recency, frequency and spend (plus margin and category
// breadth when known for everyone), k given or chosen by the silhouette, each cluster told in plain words
// with its centre in original units. Deterministic for a seed. See docs/clusters.md.
import { invalid } from '../errors.ts';
import { customerFeatures, inOriginalUnits, type ClusterInput, type CustomerFeatures, type FeatureName } from './cluster-features.ts';
import { describeCentre } from './cluster-words.ts';
import { buildKdTree } from './kdtree.ts';
import { kmeans, type KmeansRun } from './lloyd.ts';
import { seededRandom } from './prng.ts';
import { silhouetteRows, silhouettesOf } from './silhouette.ts';

export type { ClusterInput } from './cluster-features.ts';

export interface ClusterResult {
  k: number;
  /** Mean silhouette (−1…1) of the chosen clustering; on a sample of 5,000 customers beyond that many. */
  silhouette: number;
  /** Sum of squared distances to the centres, in the standardised feature space. */
  inertia: number;
  /** Input fields used as features, in order: recencyDays, orders, netMinor[, marginMinor][, categories]. */
  features: string[];
  /** By descending spend of the centre. The centroid is keyed by feature, in days, orders, minor units, categories. */
  clusters: { index: number; size: number; centroid: Record<string, number>; description: { zh: string; en: string } }[];
  /** Cluster index per input row, same order. */
  assignments: Int32Array;
}

export interface ClusterOptions {
  /** Number of clusters; when absent, the k in `kRange` with the highest silhouette. */
  k?: number;
  /** Inclusive range searched when k is absent. Default [3, 8]. */
  kRange?: [number, number];
  /** Default 1. */
  seed?: number;
  /** k-means++ seedings per k (1 … 100), keeping the lowest inertia. Default 10. */
  restarts?: number;
}

/** Largest k accepted: beyond it clusters stop being describable segments. */
export const MAX_K = 50;
/** Most restarts accepted: the inertia stops improving long before, and the cost is linear. */
export const MAX_RESTARTS = 100;

/**
 * Clusters customers who bought; throws a VALIDATION AppError for no rows, bad fields or options, or a k
 * larger than the number of customers or of distinct customer profiles.
 * @example clusterCustomers(rows, { seed: 7 }).clusters[0].description.en // 'frequent, high spend, recent'
 */
export function clusterCustomers(rows: readonly ClusterInput[], options: ClusterOptions = {}): ClusterResult {
  const { k, kRange = [3, 8], seed = 1, restarts = 10 } = options;
  checkOptions(k, kRange, seed, restarts);
  if (rows.length === 0) throw invalid('rows', 'no customers to cluster: at least one customer with a purchase is needed');
  if (k !== undefined && k > rows.length) throw invalid('k', `k = ${k} needs at least ${k} customers, got ${rows.length}`);

  const features = customerFeatures(rows);
  const { points } = features;
  // Stream 0 draws the silhouette sample; stream k seeds k-means for that k, so a given k clusters the
  // same whether it was asked for or found by the search.
  const sample = silhouetteRows(points.n, seededRandom(seed, 0));
  const tree = buildKdTree(points);
  const run = (kk: number) => kmeans(tree, kk, seededRandom(seed, kk), { restarts });

  const runs: KmeansRun[] = [];
  if (k !== undefined) {
    runs.push(run(k));
    if (runs[0]!.k < k) throw invalid('k', `k = ${k} but the customers have only ${runs[0]!.k} distinct profiles`);
  } else {
    for (let kk = kRange[0]; kk <= kRange[1]; kk++) {
      const tried = run(kk);
      // Fewer distinct profiles than kk: every larger k fails too; below the range, take what there is.
      if (tried.k < kk) {
        if (runs.length === 0) runs.push(tried);
        break;
      }
      runs.push(tried);
    }
  }
  const scores = silhouettesOf(points, runs, sample);
  let best = 0;
  for (let r = 1; r < runs.length; r++) if (scores[r]! > scores[best]!) best = r;
  return describe(features, runs[best]!, scores[best]!);
}

/** Orders the clusters by descending centre spend, renumbers the assignments, and reads each centre. */
function describe(features: CustomerFeatures, run: KmeansRun, silhouette: number): ClusterResult {
  const { d } = features.points;
  const centre = (j: number) => run.centres.subarray(j * d, j * d + d);
  const spend = features.names.indexOf('netMinor');
  const sizes = new Int32Array(run.k);
  for (const a of run.assignments) sizes[a]!++;
  const order = Array.from({ length: run.k }, (_, j) => j)
    .sort((a, b) => centre(b)[spend]! - centre(a)[spend]! || sizes[b]! - sizes[a]! || a - b);
  const rank = new Int32Array(run.k);
  order.forEach((j, index) => { rank[j] = index; });
  return {
    k: run.k,
    silhouette,
    inertia: run.inertia,
    features: [...features.names],
    clusters: order.map((j, index) => ({
      index,
      size: sizes[j]!,
      centroid: inOriginalUnits(features, centre(j)),
      description: describeCentre(Object.fromEntries(features.names.map((name, t) => [name, centre(j)[t]!])) as Partial<Record<FeatureName, number>>),
    })),
    assignments: run.assignments.map((a) => rank[a]!),
  };
}

function checkOptions(k: number | undefined, kRange: readonly number[], seed: number, restarts: number): void {
  if (k !== undefined && !(Number.isInteger(k) && k >= 1 && k <= MAX_K)) throw invalid('k', `k must be a whole number from 1 to ${MAX_K}, got ${k}`);
  const [lo, hi] = kRange;
  if (!(kRange.length === 2 && Number.isInteger(lo) && Number.isInteger(hi) && lo! >= 2 && lo! <= hi! && hi! <= MAX_K)) {
    throw invalid('kRange', `kRange must be two whole numbers 2 ≤ low ≤ high ≤ ${MAX_K}, got [${kRange.join(', ')}]`);
  }
  if (!Number.isSafeInteger(seed)) throw invalid('seed', `seed must be a whole number, got ${seed}`);
  if (!(Number.isInteger(restarts) && restarts >= 1 && restarts <= MAX_RESTARTS)) {
    throw invalid('restarts', `restarts must be a whole number from 1 to ${MAX_RESTARTS}, got ${restarts}`);
  }
}

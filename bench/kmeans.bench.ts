// Benchmark: k-means of 200,000 synthetic customers on standardised log R, F, M, for k = 5…8 with 10
// k-means++ restarts each (the job; scikit-learn takes 0.55–1.2 s for it on this machine). Prints
// time per k and in total, and the inertia reached. Baselines in the same run: scikit-learn itself on the
// same points (bench/kmeans-sklearn.py, when a python3 with scikit-learn is found: BENCH_PYTHON, python3,
// /usr/bin/python3; Debian: apt-get install python3-sklearn), with its threads and on one thread; and a
// plain reference written from the textbook: sklearn's greedy k-means++ with full passes, then Lloyd with
// a full distance scan every iteration, run to convergence, REFERENCE_RESTARTS (50) restarts per k.
// Asserts nothing. Run: npx node bench/kmeans.bench.ts [CUSTOMERS] [REFERENCE_RESTARTS]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, gamma, normal, poisson, type Rng } from '../src/domain/demo/random.ts';
import { customerFeatures, type ClusterInput } from '../src/domain/segments/cluster-features.ts';
import { buildKdTree } from '../src/domain/segments/kdtree.ts';
import { clusterCustomers } from '../src/domain/segments/kmeans.ts';
import { kmeans } from '../src/domain/segments/lloyd.ts';
import { seededRandom } from '../src/domain/segments/prng.ts';

const customers = Number(process.argv[2] ?? 200_000);
const referenceRestarts = Number(process.argv[3] ?? 50);
const KS = [5, 6, 7, 8];

/** Customers from six latent groups, shaped like a store's: recency in days, orders, spend per order. */
function syntheticCustomers(n: number, rng: Rng): ClusterInput[] {
  const groups = [ // share, mean recency days, mean extra orders, mean spend per order (minor units)
    [0.05, 12, 14, 30_000], [0.15, 35, 5, 18_000], [0.15, 20, 0, 9_000],
    [0.15, 60, 1.5, 12_000], [0.15, 200, 3, 15_000], [0.35, 420, 0.3, 7_000],
  ] as const;
  const rows: ClusterInput[] = [];
  for (let id = 0; id < n; id++) {
    let u = rng(), g = 0;
    while (u >= groups[g]![0] && g < groups.length - 1) u -= groups[g++]![0];
    const [, recency, extra, spend] = groups[g]!;
    const orders = 1 + poisson(rng, extra);
    rows.push({ id, recencyDays: Math.floor(gamma(rng, 1.5, 1.5 / recency)), orders, netMinor: Math.round(orders * spend * Math.exp(normal(rng, 0, 0.6))) });
  }
  return rows;
}

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
function measure<R>(f: () => R): { result: R; wall: number; cpu: number } {
  const wall = performance.now(), cpu = cpuMs();
  const result = f();
  return { result, wall: performance.now() - wall, cpu: cpuMs() - cpu };
}
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

// The reference: written plainly, sharing no code with src/domain/segments.
function dist2(data: Float64Array, i: number, centres: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += (data[i * d + t]! - centres[j * d + t]!) ** 2;
  return s;
}
function plainSeeding(data: Float64Array, n: number, d: number, k: number, rng: Rng): Float64Array {
  const trials = 2 + Math.floor(Math.log(k));
  const centres = new Float64Array(k * d);
  const pick = Math.floor(rng() * n);
  centres.set(data.subarray(pick * d, pick * d + d));
  let closest: Float64Array = Float64Array.from({ length: n }, (_, i) => dist2(data, i, centres, 0, d));
  for (let c = 1; c < k; c++) {
    const cumulative = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) cumulative[i] = total += closest[i]!;
    let best: { at: number; potential: number; closest: Float64Array } | undefined;
    for (let t = 0; t < trials; t++) {
      const target = rng() * total;
      let at = cumulative.findIndex((x) => x > target);
      if (at < 0) at = n - 1;
      const next = new Float64Array(n);
      let potential = 0;
      for (let i = 0; i < n; i++) potential += next[i] = Math.min(closest[i]!, dist2(data, i, data, at, d));
      if (best === undefined || potential < best.potential) best = { at, potential, closest: next };
    }
    centres.set(data.subarray(best!.at * d, best!.at * d + d), c * d);
    closest = best!.closest;
  }
  return centres;
}
function plainLloyd(data: Float64Array, n: number, d: number, centres: Float64Array): number {
  const k = centres.length / d;
  const labels = new Int32Array(n).fill(-1);
  for (let iteration = 0; iteration < 300; iteration++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let best = 0, bestDist = dist2(data, i, centres, 0, d);
      for (let j = 1; j < k; j++) {
        const dist = dist2(data, i, centres, j, d);
        if (dist < bestDist) { best = j; bestDist = dist; }
      }
      if (labels[i] !== best) { labels[i] = best; changed++; }
    }
    if (changed === 0) break;
    const sums = new Float64Array(k * d), counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      counts[labels[i]!]!++;
      for (let t = 0; t < d; t++) sums[labels[i]! * d + t]! += data[i * d + t]!;
    }
    for (let j = 0; j < k; j++) if (counts[j]! > 0) for (let t = 0; t < d; t++) centres[j * d + t] = sums[j * d + t]! / counts[j]!;
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += dist2(data, i, centres, labels[i]!, d);
  return inertia;
}

const rows = syntheticCustomers(customers, createRng(2026, 'kmeans-bench'));
console.log(`${customers.toLocaleString('en-US')} synthetic customers, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
const features = measure(() => customerFeatures(rows));
const { points } = features.result;
const tree = measure(() => buildKdTree(points));
console.log(`features (log R, F, M standardised) ${seconds(features.wall)}; k-d tree ${seconds(tree.wall)} (cpu ${seconds(tree.cpu)})`);

let totalWall = tree.wall, totalCpu = tree.cpu;
const ours = new Map<number, number>();
for (const k of KS) {
  const run = measure(() => kmeans(tree.result, k, seededRandom(1, k), { restarts: 10 }));
  totalWall += run.wall;
  totalCpu += run.cpu;
  ours.set(k, run.result.inertia);
  console.log(`k = ${k}: ${seconds(run.wall)} (cpu ${seconds(run.cpu)}), inertia ${run.result.inertia.toFixed(1)}, best run ${run.result.iterations} iterations`);
}
console.log(`k = 5…8, 10 restarts each, tree included: ${seconds(totalWall)} (cpu ${seconds(totalCpu)})`);
sklearnBaseline(points.data, points.n, points.d);
// The same seeds run until no centre moves, to show how much the tolerance stop leaves on the table.
for (const k of KS) {
  const run = measure(() => kmeans(tree.result, k, seededRandom(1, k), { restarts: 10, tolerance: 0 }));
  console.log(`k = ${k}, tolerance 0: ${seconds(run.wall)} (cpu ${seconds(run.cpu)}), inertia ${run.result.inertia.toFixed(1)}, best run ${run.result.iterations} iterations`);
}

if (referenceRestarts > 0) {
  const rng = createRng(7, 'kmeans-reference');
  for (const k of KS) {
    const reference = measure(() => {
      let best = Infinity;
      for (let r = 0; r < referenceRestarts; r++) best = Math.min(best, plainLloyd(points.data, points.n, points.d, plainSeeding(points.data, points.n, points.d, k, rng)));
      return best;
    });
    const ratio = (ours.get(k)! / reference.result - 1) * 100;
    console.log(`reference k = ${k}: best of ${referenceRestarts} ${reference.result.toFixed(1)} in ${seconds(reference.wall)}; ours ${ratio >= 0 ? '+' : ''}${ratio.toFixed(3)} %`);
  }
}

/** scikit-learn's KMeans on the same points, with its default threads and on one; skipped with a note when not found. */
function sklearnBaseline(data: Float64Array, n: number, d: number): void {
  const python = [process.env.BENCH_PYTHON, 'python3', '/usr/bin/python3']
    .find((p) => p && spawnSync(p, ['-c', 'import sklearn'], { stdio: 'ignore' }).status === 0);
  if (!python) {
    console.log('scikit-learn: not found (Debian: apt-get install python3-sklearn; or set BENCH_PYTHON) — skipped');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'regulars-kmeans-'));
  try {
    const file = join(dir, 'points.f64');
    writeFileSync(file, new Uint8Array(data.buffer, data.byteOffset, n * d * 8));
    const version = spawnSync(python, ['-c', 'import sklearn; print(sklearn.__version__)'], { encoding: 'utf8' }).stdout.trim();
    for (const threads of [undefined, '1']) {
      const env = threads ? { ...process.env, OMP_NUM_THREADS: threads } : process.env;
      const r = spawnSync(python, [join(import.meta.dirname, 'kmeans-sklearn.py'), file, String(n), String(d), '10', KS.join(',')], { encoding: 'utf8', env });
      if (r.status !== 0) throw new Error(`scikit-learn baseline failed: ${r.stderr}`);
      let wall = 0, cpu = 0;
      for (const line of r.stdout.trim().split('\n')) {
        const x = JSON.parse(line) as { k: number; wall: number; cpu: number; inertia: number; iterations: number };
        wall += x.wall;
        cpu += x.cpu;
        const gap = (ours.get(x.k)! / x.inertia - 1) * 100;
        console.log(`scikit-learn ${version} (${threads ? 'one thread' : 'its threads'}) k = ${x.k}: ${x.wall.toFixed(2)} s (cpu ${x.cpu.toFixed(2)} s), `
          + `inertia ${x.inertia.toFixed(1)}, best run ${x.iterations} iterations; ours ${gap >= 0 ? '+' : ''}${gap.toFixed(3)} %`);
      }
      console.log(`scikit-learn (${threads ? 'one thread' : 'its threads'}) k = 5…8, 10 restarts each: ${wall.toFixed(2)} s (cpu ${cpu.toFixed(2)} s)`);
    }
  } finally {
    rmSync(dir, { recursive: true });
  }
}

const auto = measure(() => clusterCustomers(rows));
console.log(`clusterCustomers, k searched over 3…8 (silhouette on 5,000): ${seconds(auto.wall)} (cpu ${seconds(auto.cpu)}), `
  + `k = ${auto.result.k}, silhouette ${auto.result.silhouette.toFixed(3)}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
for (const c of auto.result.clusters) console.log(`  ${c.index}: ${c.size} customers, ${JSON.stringify(c.centroid)} — ${c.description.en} / ${c.description.zh}`);

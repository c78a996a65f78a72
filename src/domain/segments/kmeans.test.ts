import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import { customerFeatures } from './cluster-features.ts';
import { clusterCustomers, type ClusterInput } from './kmeans.ts';
import { seededRandom } from './prng.ts';
import { silhouetteOf } from './silhouette.ts';

let nextId = 1;
const customer = (recencyDays: number, orders: number, netMinor: number): ClusterInput => ({ id: nextId++, recencyDays, orders, netMinor });
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

test('three profiles, worked by hand: partition, order, words, centroids, silhouette 1 and inertia 0', () => {
  // 2 regulars (20 orders, ¥5,000, 10 days ago), 4 recent one-off buyers (1 order, ¥30, 10 days), 2 lapsed
  // one-off buyers (1 order, ¥30, 400 days). On each log feature a pair stands apart from the other 6 by some
  // gap v: mean v/4 from the 6, SD v·√3/4, so the pair sits at √3 ≈ 1.73 SD ("very") and the 6 at 1/√3 ≈ 0.58.
  const rows = [customer(10, 20, 500_000), customer(10, 1, 3000), customer(10, 20, 500_000), ...times(3, () => customer(10, 1, 3000)), customer(400, 1, 3000), customer(400, 1, 3000)];
  const result = clusterCustomers(rows);
  assert.equal(result.k, 3); // the search starts at 3, and 4 is impossible with 3 distinct profiles
  assert.deepEqual([...result.assignments], [0, 1, 0, 1, 1, 1, 2, 2]);
  assert.deepEqual(result.clusters.map((c) => c.size), [2, 4, 2]);
  assert.deepEqual(result.clusters.map((c) => c.centroid), [
    { recencyDays: 10, orders: 20, netMinor: 500_000 },
    { recencyDays: 10, orders: 1, netMinor: 3000 },
    { recencyDays: 400, orders: 1, netMinor: 3000 },
  ]);
  assert.deepEqual(result.clusters.map((c) => c.description.en), ['very frequent, very high spend, recent', 'infrequent, low spend, recent', 'infrequent, low spend, long lapsed']);
  assert.deepEqual(result.clusters.map((c) => c.description.zh), ['极高频、极高消费、近期活跃', '低频、低消费、近期活跃', '低频、低消费、长期未购买']);
  assert.equal(result.silhouette, 1);
  assert.equal(result.inertia, 0);
  assert.deepEqual(result.features, ['recencyDays', 'orders', 'netMinor']);
});

/** Three well-separated groups with some spread inside each (recent regulars, recent one-offs, lapsed). */
function blobs(perGroup: number, seed = 5): { rows: ClusterInput[]; group: number[] } {
  const random = seededRandom(seed);
  const jitter = (x: number) => x * (0.8 + 0.4 * random());
  const rows: ClusterInput[] = [], group: number[] = [];
  for (let i = 0; i < perGroup * 3; i++) {
    const g = i % 3;
    group.push(g);
    if (g === 0) rows.push(customer(Math.round(jitter(5)), Math.round(jitter(30)), Math.round(jitter(2_000_000))));
    else if (g === 1) rows.push(customer(Math.round(jitter(15)), 1, Math.round(jitter(5000))));
    else rows.push(customer(Math.round(jitter(500)), Math.round(jitter(2)), Math.round(jitter(8000))));
  }
  return { rows, group };
}

test('well-separated blobs: the search picks k = 3 and recovers the groups; centroids are the groups\' log means', () => {
  const { rows, group } = blobs(40);
  const result = clusterCustomers(rows, { kRange: [2, 6] });
  assert.equal(result.k, 3);
  // Same partition up to renaming: each group maps to one cluster, and the three clusters differ.
  const clusterOf = [0, 1, 2].map((g) => new Set(rows.flatMap((_, i) => (group[i] === g ? [result.assignments[i]] : []))));
  assert.ok(clusterOf.every((s) => s.size === 1));
  assert.equal(new Set(clusterOf.map((s) => [...s][0])).size, 3);
  // Ordered by spend: the regulars (group 0) first.
  assert.equal([...clusterOf[0]!][0], 0);
  // Centroid in original units = back-transformed mean of the group's log features, recomputed here.
  for (const g of [0, 1, 2]) {
    const members = rows.filter((_, i) => group[i] === g);
    const logMean = (f: (r: ClusterInput) => number) => members.reduce((s, r) => s + f(r), 0) / members.length;
    const centroid = result.clusters[[...clusterOf[g]!][0]!]!.centroid;
    assert.ok(Math.abs(centroid.recencyDays! - Math.expm1(logMean((r) => Math.log1p(r.recencyDays)))) < 0.01);
    assert.ok(Math.abs(centroid.orders! - Math.exp(logMean((r) => Math.log(r.orders)))) < 0.01);
    assert.ok(Math.abs(centroid.netMinor! - Math.expm1(logMean((r) => Math.log1p(r.netMinor)))) <= 0.5);
  }
  assert.ok(result.silhouette > 0.7);
});

test('deterministic for a seed; asking for the chosen k reproduces the search\'s clustering', () => {
  const { rows } = blobs(60, 8);
  const searched = clusterCustomers(rows, { seed: 11, kRange: [2, 5] });
  assert.deepEqual(clusterCustomers(rows, { seed: 11, kRange: [2, 5] }), searched);
  assert.deepEqual(clusterCustomers(rows, { seed: 11, k: searched.k }), searched);
});

test('inertia is the sum of squared distances to the centres, recomputed from the standardised features', () => {
  const { rows } = blobs(30, 3);
  const result = clusterCustomers(rows, { k: 4 });
  // Standardise here, average each cluster's points, and sum the squared distances.
  const columns = [(r: ClusterInput) => Math.log1p(r.recencyDays), (r: ClusterInput) => Math.log(r.orders), (r: ClusterInput) => Math.log1p(r.netMinor)];
  const z = columns.map((f) => {
    const xs = rows.map(f);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    return xs.map((x) => (x - mean) / sd);
  });
  let inertia = 0;
  for (let c = 0; c < result.k; c++) {
    const members = rows.flatMap((_, i) => (result.assignments[i] === c ? [i] : []));
    for (const column of z) {
      const mean = members.reduce((s, i) => s + column[i]!, 0) / members.length;
      inertia += members.reduce((s, i) => s + (column[i]! - mean) ** 2, 0);
    }
  }
  assert.ok(Math.abs(result.inertia - inertia) < 1e-9 * inertia);
});

test('margin and category breadth join the features when every customer has them', () => {
  const rows = blobs(20).rows.map((r, i) => ({ ...r, marginMinor: r.netMinor / 4 - (i % 2) * 1000, categories: 1 + (i % 5) }));
  const result = clusterCustomers(rows, { k: 3 });
  assert.deepEqual(result.features, ['recencyDays', 'orders', 'netMinor', 'marginMinor', 'categories']);
  assert.deepEqual(Object.keys(result.clusters[0]!.centroid), result.features);
});

test('identical customers form one cluster when k is searched, and cannot be split on request', () => {
  const same = times(12, () => customer(7, 3, 12_000));
  const result = clusterCustomers(same);
  assert.equal(result.k, 1);
  assert.equal(result.silhouette, 0);
  assert.equal(result.inertia, 0);
  assert.deepEqual(result.clusters, [{ index: 0, size: 12, centroid: { recencyDays: 7, orders: 3, netMinor: 12_000 }, description: { en: 'average on every count', zh: '各项接近平均' } }]);
  assert.throws(() => clusterCustomers(same, { k: 2 }), (e) => e instanceof AppError && e.field === 'k' && /only 1 distinct/.test(e.message));
});

test('empty input, too few customers and bad options are VALIDATION errors naming the field', () => {
  const fails = (run: () => unknown, field: string) => assert.throws(run, (e) => e instanceof AppError && e.code === 'VALIDATION' && e.field === field);
  const rows = times(5, (i) => customer(i, 1 + i, 100 * i));
  fails(() => clusterCustomers([]), 'rows');
  fails(() => clusterCustomers(rows, { k: 6 }), 'k');
  fails(() => clusterCustomers(rows, { k: 0 }), 'k');
  fails(() => clusterCustomers(rows, { k: 2.5 }), 'k');
  fails(() => clusterCustomers(rows, { kRange: [1, 4] }), 'kRange');
  fails(() => clusterCustomers(rows, { kRange: [5, 4] }), 'kRange');
  fails(() => clusterCustomers(rows, { seed: 1.5 }), 'seed');
  fails(() => clusterCustomers(rows, { restarts: 0 }), 'restarts');
  fails(() => clusterCustomers(rows, { restarts: 101 }), 'restarts');
  fails(() => clusterCustomers([customer(1, 0, 5)]), 'rows/0/orders');
});

test('fewer customers than the search range: k is the number of distinct profiles', () => {
  const result = clusterCustomers([customer(1, 5, 90_000), customer(300, 1, 2000)]);
  assert.equal(result.k, 2);
  assert.deepEqual(result.clusters.map((c) => c.centroid.orders), [5, 1]);
  assert.deepEqual([...result.assignments], [0, 1]);
});

test('beyond 5,000 customers the silhouette comes from a sample of 5,000 and stays close to the whole', () => {
  const { rows } = blobs(2000, 6); // 6,000 customers
  const result = clusterCustomers(rows, { k: 3, restarts: 2 });
  assert.deepEqual(result.clusters.map((c) => c.size), [2000, 2000, 2000]);
  const { points } = customerFeatures(rows);
  const whole = silhouetteOf(points, result.assignments, 3, Int32Array.from({ length: rows.length }, (_, i) => i));
  assert.notEqual(result.silhouette, whole); // a sample, not every customer
  assert.ok(Math.abs(result.silhouette - whole) < 0.01, `${result.silhouette} against ${whole}`);
});

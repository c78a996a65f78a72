import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildKdTree } from './kdtree.ts';
import { kmeans, lloyd } from './lloyd.ts';
import type { Points } from './points.ts';
import { seededRandom } from './prng.ts';

const points = (rows: number[][]): Points => ({ data: Float64Array.from(rows.flat()), n: rows.length, d: rows[0]?.length ?? 0 });
const dist2 = (a: number[], b: number[]) => a.reduce((s, x, t) => s + (x - b[t]!) ** 2, 0);
const centreRows = (c: Float64Array, d: number) => Array.from({ length: c.length / d }, (_, j) => [...c.subarray(j * d, j * d + d)]);

/** Plain Lloyd written from the definition, with the same empty-cluster rule, for comparison. */
function plainLloyd(rows: number[][], initial: number[][], maxIterations: number) {
  const centres = initial.map((c) => [...c]);
  const assign = () => rows.map((x) => {
    let best = 0;
    centres.forEach((c, j) => { if (dist2(x, c) < dist2(x, centres[best]!)) best = j; });
    return best;
  });
  let labels = assign();
  for (let it = 0; it < maxIterations; it++) {
    for (let j = 0; j < centres.length; j++) {
      if (labels.includes(j)) continue;
      const size = (c: number) => labels.filter((l) => l === c).length;
      let far = -1;
      rows.forEach((x, i) => {
        if (size(labels[i]!) >= 2 && (far < 0 || dist2(x, centres[labels[i]!]!) > dist2(rows[far]!, centres[labels[far]!]!))) far = i;
      });
      if (far >= 0) labels[far] = j;
    }
    let moved = 0;
    centres.forEach((c, j) => {
      const members = rows.filter((_, i) => labels[i] === j);
      if (members.length === 0) return; // more centres than points: the spare ones stay put
      const mean = c.map((_, t) => members.reduce((s, x) => s + x[t]!, 0) / members.length);
      moved += dist2(mean, c);
      centres[j] = mean;
    });
    labels = assign();
    if (moved === 0) break;
  }
  return { centres, labels, inertia: rows.reduce((s, x, i) => s + dist2(x, centres[labels[i]!]!), 0) };
}

test('an empty cluster takes the point farthest from its centre (worked by hand)', () => {
  // 3 goes to the centre at 1 (2 away, against 7), leaving the centre at 100 with nothing; 3 is the
  // farthest point of a cluster with more than one, so it moves, and the centres settle at 0.5, 10, 3.
  const run = lloyd(points([[0], [1], [3], [10]]), Float64Array.from([1, 10, 100]), { tolerance: 0 });
  assert.deepEqual([...run.centres], [0.5, 10, 3]);
  assert.deepEqual([...run.assignments], [0, 0, 2, 1]);
  assert.equal(run.inertia, 0.5); // 0.5² + 0.5²
  assert.equal(run.iterations, 2); // the second update moves nothing
});

test('Lloyd stays in a local minimum that k-means++ seeding avoids (worked by hand)', () => {
  // Pairs at x = 0 and x = 10. Starting from (0,0) and (0,2), each centre takes one point of each pair and
  // settles at (5,0) and (5,2): every point 5 away, inertia 100, and no point nearer the other centre.
  const square = points([[0, 0], [0, 2], [10, 0], [10, 2]]);
  const stuck = lloyd(square, Float64Array.from([0, 0, 0, 2]), { tolerance: 0 });
  assert.deepEqual(centreRows(stuck.centres, 2), [[5, 0], [5, 2]]);
  assert.equal(stuck.inertia, 100);
  // The split into the two pairs has each point 1 from its midpoint: inertia 4.
  const seeded = kmeans(buildKdTree(square), 2, seededRandom(1), { restarts: 10 });
  assert.deepEqual(centreRows(seeded.centres, 2).sort((a, b) => a[0]! - b[0]!), [[0, 1], [10, 1]]);
  assert.equal(seeded.inertia, 4);
});

test('maxIterations 0 only assigns to the starting centres, ties going to the lowest index', () => {
  const run = lloyd(points([[0], [2], [4]]), Float64Array.from([1, 3]), { maxIterations: 0 });
  assert.deepEqual([...run.assignments], [0, 0, 1]); // 2 is 1 from both centres
  assert.deepEqual([...run.centres], [1, 3]);
  assert.equal(run.inertia, 3);
  assert.equal(run.iterations, 0);
});

const cloudOf = (coordinate: fc.Arbitrary<number>) => fc.integer({ min: 1, max: 3 }).chain((d) => fc.record({
  rows: fc.array(fc.array(coordinate, { minLength: d, maxLength: d }), { minLength: 1, maxLength: 80 }),
  k: fc.integer({ min: 1, max: 6 }),
  pick: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
}));
const cloud = cloudOf(fc.double({ min: -100, max: 100, noNaN: true }));
// Whole coordinates keep sums exact, so both sides compute bit-identical centres and any tie is a real one.
const wholeCloud = cloudOf(fc.integer({ min: -20, max: 20 }));

test('same assignments, centres and inertia as plain Lloyd from the same starting centres, ties included', () => {
  fc.assert(fc.property(wholeCloud, ({ rows, k, pick }) => {
    const initial = pick.slice(0, k).map((p) => rows[p % rows.length]!.map((x) => x + 0.5));
    for (const maxIterations of [0, 1, 3, 300]) {
      const run = lloyd(points(rows), Float64Array.from(initial.flat()), { maxIterations, tolerance: 0 });
      const plain = plainLloyd(rows, initial, maxIterations);
      assert.deepEqual([...run.assignments], plain.labels);
      centreRows(run.centres, rows[0]!.length).forEach((c, j) => c.forEach((x, t) => assert.ok(Math.abs(x - plain.centres[j]![t]!) <= 1e-9 * (1 + Math.abs(x)))));
      assert.ok(Math.abs(run.inertia - plain.inertia) <= 1e-9 * (1 + plain.inertia));
    }
  }), { numRuns: 150 });
});

test('inertia never increases with more iterations; at convergence every point is with its nearest centre, each centre the mean of its points', () => {
  fc.assert(fc.property(cloud, fc.integer(), ({ rows, k }, seed) => {
    const d = rows[0]!.length;
    const initial = rows.slice(0, k).map((x, j) => x.map((v) => v + j));
    let previous = Infinity;
    for (let t = 0; t <= 8; t++) {
      const { inertia } = lloyd(points(rows), Float64Array.from(initial.flat()), { maxIterations: t, tolerance: 0 });
      assert.ok(inertia <= previous * (1 + 1e-12) + 1e-9, `iteration ${t}: ${inertia} > ${previous}`);
      previous = inertia;
    }
    const run = kmeans(buildKdTree(points(rows)), k, seededRandom(seed), { restarts: 2, tolerance: 0 });
    const centres = centreRows(run.centres, d);
    rows.forEach((x, i) => {
      const own = dist2(x, centres[run.assignments[i]!]!);
      centres.forEach((c, j) => assert.ok(own <= dist2(x, c) + 1e-9, `point ${i} nearer centre ${j}`));
    });
    centres.forEach((c, j) => {
      const members = rows.filter((_, i) => run.assignments[i] === j);
      assert.ok(members.length > 0, `cluster ${j} is empty`);
      c.forEach((x, t) => assert.ok(Math.abs(x - members.reduce((s, m) => s + m[t]!, 0) / members.length) <= 1e-9 * (1 + Math.abs(x))));
    });
    const recomputed = rows.reduce((s, x, i) => s + dist2(x, centres[run.assignments[i]!]!), 0);
    assert.ok(Math.abs(run.inertia - recomputed) <= 1e-9 * (1 + recomputed));
  }), { numRuns: 150 });
});

test('k-means is deterministic for a seed and keeps the best of its restarts', () => {
  const rows = Array.from({ length: 300 }, (_, i) => [Math.sin(i) * 10 + (i % 3) * 40, Math.cos(i * 1.7) * 10]);
  const tree = buildKdTree(points(rows));
  const a = kmeans(tree, 4, seededRandom(9), { restarts: 5 });
  const b = kmeans(tree, 4, seededRandom(9), { restarts: 5 });
  assert.deepEqual(a, b);
  // Five single restarts drawn from the same stream are the five candidates the best was chosen from.
  const random = seededRandom(9);
  const singles = Array.from({ length: 5 }, () => kmeans(tree, 4, random, { restarts: 1 }).inertia);
  assert.equal(a.inertia, Math.min(...singles));
});

test('same clusters as plain Lloyd on 2,000 points, where the tree is deep', () => {
  const random = seededRandom(4);
  const rows = Array.from({ length: 2000 }, (_, i) => [Math.round(random() * 100) + (i % 4) * 60, Math.round(random() * 100)]);
  const initial = [0, 1, 2, 3, 4, 5, 6].map((j) => rows[j * 97]!);
  const run = lloyd(points(rows), Float64Array.from(initial.flat()), { tolerance: 0 });
  const plain = plainLloyd(rows, initial, 300);
  assert.deepEqual([...run.assignments], plain.labels);
  assert.deepEqual(centreRows(run.centres, 2), plain.centres);
});

test('fewer distinct points than k gives one centre per distinct point', () => {
  const run = kmeans(buildKdTree(points([[1, 1], [5, 5], [1, 1], [5, 5], [1, 1]])), 4, seededRandom(3));
  assert.equal(run.k, 2);
  assert.deepEqual(centreRows(run.centres, 2).sort((a, b) => a[0]! - b[0]!), [[1, 1], [5, 5]]);
  assert.equal(run.inertia, 0);
  assert.deepEqual(new Set([...run.assignments].filter((_, i) => i % 2 === 0)).size, 1);
});

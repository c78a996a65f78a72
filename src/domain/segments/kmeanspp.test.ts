import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildKdTree } from './kdtree.ts';
import { seedCentres } from './kmeanspp.ts';
import type { Points } from './points.ts';
import { seededRandom, type Random } from './prng.ts';

const dist2 = (a: number[], b: number[]) => a.reduce((s, x, t) => s + (x - b[t]!) ** 2, 0);

/** scikit-learn's greedy k-means++ written plainly (full passes, no tree), drawing the same numbers. */
function plainSeeding(rows: number[][], k: number, random: Random): number[][] {
  const trials = 2 + Math.floor(Math.log(k));
  const centres = [rows[Math.floor(random() * rows.length)]!];
  let closest = rows.map((x) => dist2(x, centres[0]!));
  while (centres.length < k) {
    const total = closest.reduce((s, x) => s + x, 0);
    if (total === 0) break;
    let best: { at: number; potential: number; closest: number[] } | undefined;
    for (let t = 0; t < trials; t++) {
      const target = random() * total;
      let running = 0, at = 0;
      while ((running += closest[at]!) <= target) at++;
      const next = rows.map((x, i) => Math.min(closest[i]!, dist2(x, rows[at]!)));
      const potential = next.reduce((s, x) => s + x, 0);
      if (best === undefined || potential < best.potential) best = { at, potential, closest: next };
    }
    centres.push(rows[best!.at]!);
    closest = best!.closest;
  }
  return centres;
}

const asRows = (c: Float64Array, d: number) => Array.from({ length: c.length / d }, (_, j) => [...c.subarray(j * d, j * d + d)]);

test('the tree-pruned seeding picks the same centres as plain greedy k-means++', () => {
  // Whole coordinates keep every sum exact, so the two compare candidates identically.
  fc.assert(fc.property(
    fc.integer({ min: 1, max: 3 }).chain((d) => fc.array(fc.array(fc.integer({ min: -30, max: 30 }), { minLength: d, maxLength: d }), { minLength: 1, maxLength: 120 })),
    fc.integer({ min: 1, max: 9 }), fc.integer(),
    (rows, k, seed) => {
      const tree = buildKdTree({ data: Float64Array.from(rows.flat()), n: rows.length, d: rows[0]!.length }, 4);
      // Both draw from the tree's order of the points, as kmeans() seeds on it.
      const reordered = asRows(tree.points.data, tree.points.d);
      const ours = asRows(seedCentres(tree, k, seededRandom(seed)), tree.points.d);
      assert.deepEqual(ours, plainSeeding(reordered, k, seededRandom(seed)));
    },
  ), { numRuns: 300 });
});

test('centres are distinct points; fewer than k only when there are fewer distinct points', () => {
  const points: Points = { data: Float64Array.from([0, 5, 5, 9, 0, 5, 9, 9]), n: 8, d: 1 };
  const tree = buildKdTree(points);
  assert.deepEqual([...seedCentres(tree, 5, seededRandom(1))].sort(), [0, 5, 9]);
  const two = [...seedCentres(tree, 2, seededRandom(1))];
  assert.equal(new Set(two).size, 2);
  for (const c of two) assert.ok([0, 5, 9].includes(c));
  assert.deepEqual([...seedCentres(tree, 1, seededRandom(1))].length, 1);
});

test('the same seed gives the same centres', () => {
  const random = seededRandom(2);
  const points: Points = { data: Float64Array.from({ length: 400 }, () => random()), n: 200, d: 2 };
  const tree = buildKdTree(points);
  assert.deepEqual(seedCentres(tree, 6, seededRandom(8)), seedCentres(tree, 6, seededRandom(8)));
  assert.notDeepEqual(seedCentres(tree, 6, seededRandom(8)), seedCentres(tree, 6, seededRandom(9)));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Points } from './points.ts';
import { seededRandom } from './prng.ts';
import { silhouetteOf, silhouetteRows, silhouettesOf } from './silhouette.ts';

const line = (xs: number[]): Points => ({ data: Float64Array.from(xs), n: xs.length, d: 1 });
const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

test('two pairs on a line: 47/63, worked by hand', () => {
  // 0 and 1 against 4 and 5. Point 0: a = 1, b = (4 + 5)/2 = 4.5, s = 3.5/4.5 = 7/9; point 1: a = 1,
  // b = (3 + 4)/2 = 3.5, s = 2.5/3.5 = 5/7; the other pair mirrors them. Mean (7/9 + 5/7)/2 = 47/63.
  assert.ok(Math.abs(silhouetteOf(line([0, 1, 4, 5]), Int32Array.from([0, 0, 1, 1]), 2, all(4)) - 47 / 63) < 1e-15);
});

test('a point alone in its cluster scores 0, worked by hand', () => {
  // 0 and 2 against 10: point 0 has a = 2, b = 10, s = 0.8; point 2 has a = 2, b = 8, s = 0.75; 10 is alone.
  assert.ok(Math.abs(silhouetteOf(line([0, 2, 10]), Int32Array.from([0, 0, 1]), 2, all(3)) - 1.55 / 3) < 1e-15);
  // A point nearer the other cluster than its own scores below 0: 3 with {0} against {4, 5}.
  // Point 0: a = 3, b = 4.5 → 1/3; point 3: a = 3, b = 1.5 → −0.5; 4: a = 1, b = 2.5 → 0.6; 5: a = 1, b = 3.5 → 5/7.
  const mixed = silhouetteOf(line([0, 3, 4, 5]), Int32Array.from([0, 0, 1, 1]), 2, all(4));
  assert.ok(Math.abs(mixed - (1 / 3 - 0.5 + 0.6 + 5 / 7) / 4) < 1e-15);
});

test('one cluster scores 0', () => {
  assert.equal(silhouetteOf(line([0, 1, 2]), Int32Array.from([0, 0, 0]), 1, all(3)), 0);
});

/** The silhouette from its definition, point by point, in 2-D. */
function plainSilhouette(rows: [number, number][], labels: number[]): number {
  const dist = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  const clusters = [...new Set(labels)];
  if (clusters.length < 2) return 0;
  const scores = rows.map((x, i) => {
    const mean = (c: number, self: boolean) => {
      const others = rows.filter((_, j) => labels[j] === c && (!self || j !== i));
      return others.reduce((s, y) => s + dist(x, y), 0) / others.length;
    };
    if (labels.filter((l) => l === labels[i]).length === 1) return 0;
    const a = mean(labels[i]!, true);
    const b = Math.min(...clusters.filter((c) => c !== labels[i]).map((c) => mean(c, false)));
    return Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
  });
  return scores.reduce((s, x) => s + x, 0) / rows.length;
}

test('matches the definition on random labelled points, one clustering or several at once', () => {
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1 })), { minLength: 1, maxLength: 40 }),
    (labelled) => {
      const rows = labelled.map(([x]) => x);
      const four = labelled.map(([, l]) => l), two = labelled.map(([, , l]) => l);
      const points: Points = { data: Float64Array.from(rows.flat()), n: rows.length, d: 2 };
      const alone = silhouetteOf(points, Int32Array.from(four), 4, all(rows.length));
      assert.ok(Math.abs(alone - plainSilhouette(rows, four)) < 1e-12);
      const both = silhouettesOf(points, [{ assignments: Int32Array.from(four), k: 4 }, { assignments: Int32Array.from(two), k: 2 }], all(rows.length));
      assert.ok(Math.abs(both[0]! - plainSilhouette(rows, four)) < 1e-12);
      assert.ok(Math.abs(both[1]! - plainSilhouette(rows, two)) < 1e-12);
    },
  ));
});

test('rows: all of them up to the sample size, beyond it a seeded sample of distinct rows', () => {
  assert.deepEqual([...silhouetteRows(5, seededRandom(1), 5)], [0, 1, 2, 3, 4]);
  const sample = silhouetteRows(1000, seededRandom(1), 100);
  assert.equal(sample.length, 100);
  assert.equal(new Set(sample).size, 100);
  assert.ok(sample.every((r) => r >= 0 && r < 1000));
  assert.deepEqual(sample, silhouetteRows(1000, seededRandom(1), 100));
  assert.notDeepEqual(sample, silhouetteRows(1000, seededRandom(2), 100));
  // Roughly uniform: a tenth of the sample from each tenth of the rows, give or take.
  const big = silhouetteRows(100_000, seededRandom(3), 5000);
  for (let tenth = 0; tenth < 10; tenth++) {
    const count = big.filter((r) => Math.floor(r / 10_000) === tenth).length;
    assert.ok(count > 400 && count < 600, `tenth ${tenth}: ${count}`);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomIndex, seededRandom } from './prng.ts';

const draw = (random: () => number, n: number) => Array.from({ length: n }, random);

test('a seed and stream always give the same numbers; other seeds and streams differ', () => {
  assert.deepEqual(draw(seededRandom(42, 3), 20), draw(seededRandom(42, 3), 20));
  assert.notDeepEqual(draw(seededRandom(42, 3), 20), draw(seededRandom(42, 4), 20));
  assert.notDeepEqual(draw(seededRandom(42), 20), draw(seededRandom(43), 20));
});

test('uniform on [0, 1): every value in range, tenths filled evenly (chi-square)', () => {
  const n = 100_000;
  const counts = new Array<number>(10).fill(0);
  for (const x of draw(seededRandom(7), n)) {
    assert.ok(x >= 0 && x < 1);
    counts[Math.floor(x * 10)]!++;
  }
  const chi2 = counts.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0);
  assert.ok(chi2 < 27.88, `chi-square ${chi2}`); // 9 degrees of freedom, p = 0.001
});

test('randomIndex stays in [0, n)', () => {
  const random = seededRandom(1);
  const seen = new Set(Array.from({ length: 1000 }, () => randomIndex(random, 7)));
  assert.deepEqual([...seen].sort(), [0, 1, 2, 3, 4, 5, 6]);
});

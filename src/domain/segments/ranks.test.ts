import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderStatistics, quantileScores, rankMin, topShareTiers } from './ranks.ts';

test('rankMin gives ties the lowest rank among them', () => {
  assert.deepEqual([...rankMin([5, 3, 5])], [2, 1, 2]);
  assert.deepEqual([...rankMin([2, 2, 2, 2])], [1, 1, 1, 1]);
  assert.deepEqual([...rankMin([])], []);
});

test('quintiles: ceil(5 × rankMin / n)', () => {
  assert.deepEqual([...quantileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])], [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  // Ties: rankMin [1, 1, 1, 4, 5] of 5 → scores 1, 1, 1, 4, 5.
  assert.deepEqual([...quantileScores([7, 7, 7, 8, 9])], [1, 1, 1, 4, 5]);
  // One customer is the whole population: rank 1 of 1 → 5.
  assert.deepEqual([...quantileScores([42])], [5]);
  assert.deepEqual([...quantileScores([1, 2, 3], 3)], [1, 2, 3]);
});

test('top-share tiers: 1% / 4% / 15% / rest of 200 customers are 2 / 8 / 30 / 160', () => {
  const values = Array.from({ length: 200 }, (_, i) => i + 1);
  const tiers = topShareTiers(values, [100, 500, 2000]);
  const counts = [0, 0, 0, 0];
  for (const t of tiers) counts[t]!++;
  assert.deepEqual(counts, [2, 8, 30, 160]);
  assert.equal(tiers[199], 0, 'the largest value is in the top tier');
  assert.equal(tiers[0], 3);
});

test('top-share tiers keep ties together, below a cut they straddle', () => {
  // 100 customers: one at 10, two tied at 9, the rest tied at 1. Positions (customers with ≥ the value):
  // 10 → 1 (≤ 1% of 100: platinum), 9 → 3 (≤ 5: gold), 1 → 100 (lead) — the tie is not promoted.
  const values = [10, 9, 9, ...Array.from({ length: 97 }, () => 1)];
  const tiers = topShareTiers(values, [100, 500, 2000]);
  assert.deepEqual([...tiers.slice(0, 3)], [0, 1, 1]);
  assert.ok(tiers.slice(3).every((t) => t === 3));
  // Two tied at the top of 100: position 2 > 1% → both gold, neither platinum.
  assert.deepEqual([...topShareTiers([5, 5, ...Array.from({ length: 98 }, () => 0)], [100, 500, 2000]).slice(0, 2)], [1, 1]);
});

test('the three ways of ranking agree: short-range whole numbers, wide whole numbers, fractions', () => {
  // Reference: 1 + how many values are strictly smaller, counted pair by pair.
  const naive = (v: number[]) => v.map((x) => 1 + v.filter((y) => y < x).length);
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const cases = [
    Array.from({ length: 300 }, () => Math.floor(next() * 20) - 10), // histogram
    Array.from({ length: 300 }, () => Math.floor(next() * 1e9) - 5e8), // packed keys
    Array.from({ length: 300 }, () => Math.floor(next() * 40) * 1e7), // packed, with ties
    Array.from({ length: 300 }, () => Math.round(next() * 100) / 7), // fractions: index sort
    Array.from({ length: 300 }, () => (next() < 0.5 ? -1e15 : 1e15)), // too wide to pack
  ];
  for (const values of cases) assert.deepEqual([...rankMin(values)], naive(values));
});

test('scores and tiers by cut values equal the rank definitions, counted pair by pair', () => {
  // Reference: rankMin = 1 + how many values are strictly smaller; p = how many are ≥ the value.
  const naiveScores = (v: number[], bins: number) => v.map((x) => Math.ceil((bins * (1 + v.filter((y) => y < x).length)) / v.length));
  const naiveTiers = (v: number[], bp: number[]) => v.map((x) => {
    const p = v.filter((y) => y >= x).length;
    let t = 0;
    while (t < bp.length && p * 10000 > v.length * bp[t]!) t++;
    return t;
  });
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const cases = [
    Array.from({ length: 997 }, () => Math.floor(next() * 1e9) - 5e8), // wide: by selection
    Array.from({ length: 1000 }, () => Math.floor(next() * 30) * 1e7), // wide, long ties
    Array.from({ length: 640 }, () => Math.round(next() * 1000) / 7), // fractions
    Array.from({ length: 500 }, (_, i) => (i % 2 ? 1e12 : -1e12) + i), // alternating, sorted halves
    Array.from({ length: 300 }, () => Math.floor(next() * 20)), // short range: by ranks
    [3e9, 3e9, 3e9], [5e9], [1e10, -1e10],
  ];
  for (const values of cases) {
    for (const bins of [3, 5]) assert.deepEqual([...quantileScores(values, bins)], naiveScores(values, bins), `bins ${bins} of ${values.length}`);
    for (const bp of [[100, 500, 2000], [3000, 7000], [5000, 10000]]) assert.deepEqual([...topShareTiers(values, bp)], naiveTiers(values, bp), `${bp.join(",")} of ${values.length}`);
  }
});

test('order statistics: the values at ascending positions', () => {
  assert.deepEqual(orderStatistics([5, 1, 4, 1, 3], [0, 1, 4, 2]), [1, 1, 5, 3]);
  assert.deepEqual(orderStatistics([7, 7, 7], [2, 0]), [7, 7]);
});

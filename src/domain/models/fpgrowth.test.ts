import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { GROCERIES_BASKETS, loadGroceryBaskets, missing } from './fixtures.test.ts';
import { frequentItemsets, minimumCount } from './fpgrowth.ts';

/** Every itemset of the baskets with its count, by brute-force enumeration of each basket's subsets. */
function bruteForce(baskets: number[][], minCount: number, maxLength: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const basket of baskets) {
    const items = [...new Set(basket)].sort((a, b) => a - b);
    for (let mask = 1; mask < 1 << items.length; mask++) {
      const subset = items.filter((_, i) => mask & (1 << i));
      if (subset.length > maxLength) continue;
      const key = subset.join(',');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return new Map([...counts].filter(([, c]) => c >= minCount));
}

test('FP-Growth finds exactly the itemsets brute force finds', () => {
  fc.assert(fc.property(
    fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 8 }), { minLength: 1, maxLength: 40 }),
    fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }),
    (baskets, minCount, maxLength) => {
      const n = baskets.length;
      const mined = frequentItemsets(baskets, { minSupport: Math.min(1, minCount / n), maxLength });
      const expected = bruteForce(baskets, mined.minCount, maxLength);
      const got = new Map(mined.itemsets.map((s) => [s.items.join(','), s.count]));
      assert.deepEqual(got, expected);
    },
  ), { numRuns: 200 });
});

test('minimumCount is the smallest count meeting the support share exactly', () => {
  assert.equal(minimumCount(0.001, 9835), 10); // 9.835 → 10 baskets
  assert.equal(minimumCount(0.006, 9835), 60);
  assert.equal(minimumCount(0.01, 100), 1); // 0.01 · 100 is 1.0000000000000002 in floating point
  assert.equal(minimumCount(0.07, 100), 7);
  fc.assert(fc.property(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 1, max: 100000 }), (n, k) => {
    const s = Math.min(k, n) / n;
    const c = minimumCount(s, n);
    return c / n >= s && (c === 1 || (c - 1) / n < s);
  }));
});

test('itemsets honour minLength and maxLength and accept string or number items', () => {
  const baskets = [['a', 'b', 'c'], ['a', 'b'], ['a', 'c'], ['b', 'c'], ['a', 'b', 'c']];
  const pairsOnly = frequentItemsets(baskets, { minSupport: 0.4, minLength: 2, maxLength: 2 });
  assert.deepEqual(pairsOnly.itemsets.map((s) => s.items.join('')).sort(), ['ab', 'ac', 'bc']);
  assert.equal(pairsOnly.itemsets.find((s) => s.items.join('') === 'ab')!.count, 3);
  const numbers = frequentItemsets([[10, 2], [2, 10, 2], [10]], { minSupport: 0.5 });
  assert.deepEqual(numbers.itemsets.map((s) => [s.items, s.count]).sort(), [[[10], 3], [[2, 10], 2], [[2], 2]].sort());
  assert.throws(() => frequentItemsets(baskets, { minSupport: 0 }), /minSupport/);
});

test('Groceries item counts match summary(Groceries)', (t) => {
  const baskets = loadGroceryBaskets();
  if (!baskets) return t.skip(missing(GROCERIES_BASKETS));
  const mined = frequentItemsets(baskets, { minSupport: 1 / baskets.length, maxLength: 1 });
  assert.equal(mined.transactions, 9835);
  assert.equal(mined.itemsets.length, 169);
  assert.equal(mined.itemsets.reduce((s, i) => s + i.count, 0), 43367);
  const top = [...mined.itemsets].sort((a, b) => b.count - a.count).slice(0, 5).map((s) => [s.items[0], s.count]);
  assert.deepEqual(top, [['whole milk', 2513], ['other vegetables', 1903], ['rolls/buns', 1809], ['soda', 1715], ['yogurt', 1372]]);
});

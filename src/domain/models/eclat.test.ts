import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { eclatItemsets } from './eclat.ts';
import { GROCERIES_BASKETS, loadGroceryBaskets, missing } from './fixtures.test.ts';
import { frequentItemsets } from './fpgrowth.ts';

const asMap = (r: { itemsets: { items: (string | number)[]; count: number }[] }) => new Map(r.itemsets.map((s) => [s.items.join(','), s.count]));

test('Eclat finds exactly the itemsets FP-Growth finds (which brute force checks in fpgrowth.test.ts)', () => {
  fc.assert(fc.property(
    fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 9 }), { minLength: 1, maxLength: 60 }),
    fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 4 }),
    (baskets, minCount, minLength, extra) => {
      const options = { minSupport: Math.min(1, minCount / baskets.length), minLength, maxLength: minLength + extra };
      const ours = eclatItemsets(baskets, options);
      const reference = frequentItemsets(baskets, options);
      assert.deepEqual(asMap(ours), asMap(reference));
      // The sorted-list path (taken when bitmaps would be too big) finds the same.
      assert.deepEqual(eclatItemsets(baskets, options, { bitmapBytes: 0 }).countsByKey, reference.countsByKey);
      assert.deepEqual(ours.countsByKey, reference.countsByKey);
      assert.equal(ours.minCount, reference.minCount);
    },
  ), { numRuns: 300 });
});

test('Eclat on Groceries at support 0.001: 13,492 itemsets, the same as FP-Growth', (t) => {
  const baskets = loadGroceryBaskets();
  if (!baskets) return t.skip(missing(GROCERIES_BASKETS));
  const ours = eclatItemsets(baskets, { minSupport: 0.001 });
  const reference = frequentItemsets(baskets, { minSupport: 0.001 });
  assert.equal(ours.itemsets.length, 13492);
  assert.deepEqual(ours.countsByKey, reference.countsByKey);
  assert.deepEqual(eclatItemsets(baskets, { minSupport: 0.001 }, { bitmapBytes: 0 }).countsByKey, reference.countsByKey);
});

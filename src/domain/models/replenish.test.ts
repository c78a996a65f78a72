import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dueForReorder, itemCycles, median, medianGapDays, purchaseDatesByCustomerItem, reorderEstimates, type ItemPurchase,
} from './replenish.ts';

const buys = (customerId: string, item: string, ...dates: string[]): ItemPurchase<string, string>[] => dates.map((date) => ({ customerId, item, date }));

test('median gap counts distinct days; an even count of gaps takes the middle two', () => {
  assert.equal(medianGapDays(['2024-01-01']), null);
  assert.equal(medianGapDays(['2024-01-01', '2024-01-11']), 10);
  // gaps 10, 20, 5 → 10; gaps 10, 20 → 15.
  assert.equal(medianGapDays(['2024-01-01', '2024-01-11', '2024-01-31', '2024-02-05']), 10);
  assert.equal(medianGapDays(['2024-01-01', '2024-01-11', '2024-01-31']), 15);
  assert.ok(Number.isNaN(median([])));
  // Same-day repeats collapse before the gaps are taken.
  const dates = purchaseDatesByCustomerItem([...buys('a', 'milk', '2024-01-09', '2024-01-01', '2024-01-09')]);
  assert.deepEqual(dates.get('a')!.get('milk'), ['2024-01-01', '2024-01-09']);
});

// Milk: a every 10 days, b every 14, c every 20, d once. Coat: bought twice by e only.
const PURCHASES = [
  ...buys('a', 'milk', '2024-01-01', '2024-01-11', '2024-01-21', '2024-01-31'),
  ...buys('b', 'milk', '2024-01-01', '2024-01-15'),
  ...buys('c', 'milk', '2024-01-01', '2024-01-21', '2024-02-10'),
  ...buys('d', 'milk', '2024-02-01'),
  ...buys('e', 'coat', '2023-01-10', '2024-01-10'),
  ...buys('a', 'coat', '2024-01-05'),
];

test('typical interval is the median of repeat buyers\' own intervals; replenishable needs enough of them', () => {
  const cycles = itemCycles(purchaseDatesByCustomerItem(PURCHASES));
  assert.deepEqual(cycles.get('milk'), { item: 'milk', buyers: 4, repeatBuyers: 3, typicalIntervalDays: 14, replenishable: true });
  assert.deepEqual(cycles.get('coat'), { item: 'coat', buyers: 2, repeatBuyers: 1, typicalIntervalDays: null, replenishable: false });
  // With a lower bar, one repeat buyer of two is a 50 % share.
  assert.equal(itemCycles(purchaseDatesByCustomerItem(PURCHASES), { minRepeatBuyers: 1, minRepeatShare: 0.6 }).get('coat')!.replenishable, false);
  assert.equal(itemCycles(purchaseDatesByCustomerItem(PURCHASES), { minRepeatBuyers: 1, minRepeatShare: 0.5 }).get('coat')!.replenishable, true);
});

test('own interval first, the typical one for single buyers, and the due list as of a date', () => {
  const dates = purchaseDatesByCustomerItem(PURCHASES);
  const estimates = reorderEstimates(dates, itemCycles(dates));
  const milk = Object.fromEntries(estimates.filter((e) => e.item === 'milk').map((e) => [e.customerId, [e.basis, e.intervalDays, e.dueDate]]));
  assert.deepEqual(milk, {
    a: ['own', 10, '2024-02-10'], b: ['own', 14, '2024-01-29'], c: ['own', 20, '2024-03-01'], d: ['typical', 14, '2024-02-15'],
  });
  // e's coat has its own gap (365 days) but coats are not replenishable; a's single coat has no interval at all.
  assert.equal(estimates.find((e) => e.customerId === 'a' && e.item === 'coat'), undefined);
  assert.equal(estimates.find((e) => e.customerId === 'e')!.replenishable, false);

  // As of 2024-02-12, within 7 days: a (2 days overdue), d (due in 3), not c (18 days ahead);
  // b is 14 days overdue = 1 interval, kept under the 2-interval cap but dropped under a 0.5 cap.
  const due = dueForReorder(estimates, { asOf: '2024-02-12' });
  assert.deepEqual(due.map((d) => [d.customerId, d.daysOverdue]), [['b', 14], ['a', 2], ['d', -3]]);
  assert.deepEqual(dueForReorder(estimates, { asOf: '2024-02-12', maxOverdueIntervals: 0.5 }).map((d) => d.customerId), ['a', 'd']);
  assert.deepEqual(dueForReorder(estimates, { asOf: '2024-02-12', withinDays: 0 }).map((d) => d.customerId), ['b', 'a']);
  assert.ok(dueForReorder(estimates, { asOf: '2025-01-08', replenishableOnly: false }).some((d) => d.item === 'coat'));
  assert.throws(() => dueForReorder(estimates, { asOf: '12/02/2024' }), /asOf must be YYYY-MM-DD/);
});

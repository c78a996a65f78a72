import assert from 'node:assert/strict';
import { test } from 'node:test';
import { repurchaseCells, repurchaseFromSums } from './repurchase-cells.ts';

test('the cells of one customer: whole history and each month, counted by hand', () => {
  const cells = repurchaseCells([{ date: '2024-01-30', orders: 2 }, { date: '2024-02-02', orders: 1 }, { date: '2024-02-12', orders: 1 }]);
  const of = (span: string) => cells.filter((c) => c.span === span).map((c) => [c.kind, c.day, c.value]);
  assert.deepEqual(of('all'), [['orders', '', 4], ['first', '2024-01-30', 1], ['second', '2024-01-30', 3], ['gap', '', 3], ['gap', '', 10]]);
  assert.deepEqual(of('2024-01'), [['orders', '', 2], ['first', '2024-01-30', 0]]);
  assert.deepEqual(of('2024-02'), [['orders', '', 2], ['first', '2024-02-02', 1], ['second', '2024-02-02', 10], ['gap', '', 10]]);
});

test('figures from sums: rates, orders per repeat customer, and the gap median from a histogram', () => {
  // Three customers with 1, 2 and 4 orders; gaps 3, 10, 10, 40 (median of an even count: (10 + 10) / 2).
  const r = repurchaseFromSums({
    byOrders: new Map([[1, 1], [2, 1], [4, 1]]), gaps: new Map([[3, 1], [10, 2], [40, 1]]),
    repeatDayCustomers: 2, eligibleCustomers: 3, boughtAgainWithin: 1,
  }, 30);
  assert.deepEqual([r.customers, r.orders, r.repeatCustomers, r.repurchaseRate, r.ordersPerRepeatCustomer, r.withinRate], [3, 7, 2, 2 / 3, 3, 1 / 3]);
  assert.deepEqual([r.cycle.intervals, r.cycle.meanDays, r.cycle.medianDays, r.cycle.customers], [4, 63 / 4, 10, 2]);
  assert.deepEqual(r.cycle.histogram.map((b) => b.count), [1, 2, 0, 1, 0, 0, 0, 0]);
  const odd = repurchaseFromSums({ byOrders: new Map(), gaps: new Map([[5, 2], [9, 1]]), repeatDayCustomers: 0, eligibleCustomers: 0, boughtAgainWithin: 0 }, 30);
  assert.deepEqual([odd.cycle.medianDays, odd.customers, odd.repurchaseRate, odd.withinRate], [5, 0, null, null]);
  assert.throws(() => repurchaseFromSums({ byOrders: new Map(), gaps: new Map(), repeatDayCustomers: 0, eligibleCustomers: 0, boughtAgainWithin: 0 }, 0), { field: 'withinDays' });
});

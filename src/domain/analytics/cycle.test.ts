import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cycle, cycleByKey, gaps } from './cycle.ts';

test('gaps are whole days between consecutive dates, across a leap day', () => {
  assert.deepEqual(gaps(['2024-01-10', '2024-01-25', '2024-03-01']), [15, 36]);
  assert.deepEqual(gaps(['2024-01-10']), []);
});

test('mean, median and histogram of the gaps, hand-computed', () => {
  // Gaps 15, 36 | 5 | 45 | 30 — and a single-day customer, who adds none.
  const c = cycle([['2024-01-10', '2024-01-25', '2024-03-01'], ['2024-03-15', '2024-03-20'], ['2024-01-01', '2024-02-15'], ['2024-03-01', '2024-03-31'], ['2024-01-05']]);
  assert.equal(c.intervals, 5);
  assert.equal(c.customers, 4);
  assert.equal(c.meanDays, (15 + 36 + 5 + 45 + 30) / 5);
  assert.equal(c.medianDays, 30);
  assert.deepEqual(c.histogram.map((b) => b.count), [1, 0, 2, 2, 0, 0, 0, 0]);
  assert.deepEqual(c.histogram.map((b) => [b.fromDays, b.toDays]), [[1, 7], [8, 14], [15, 30], [31, 60], [61, 90], [91, 180], [181, 365], [366, null]]);
});

test('an even number of gaps has the mean of the middle two as its median', () => {
  const c = cycle([['2024-01-01', '2024-01-03'], ['2024-01-01', '2024-01-12'], ['2023-01-01', '2024-01-01']]);
  assert.deepEqual([c.intervals, c.medianDays, c.meanDays], [3, 11, (2 + 11 + 365) / 3]);
  assert.equal(cycle([['2024-01-01', '2024-01-03'], ['2024-01-01', '2024-01-12']]).medianDays, 6.5);
});

test('no repeat purchases: no cycle', () => {
  const c = cycle([['2024-01-01'], []]);
  assert.deepEqual([c.intervals, c.customers, c.meanDays, c.medianDays], [0, 0, null, null]);
  assert.ok(c.histogram.every((b) => b.count === 0));
});

test('reorder interval by product: per customer and key, same-day rows merge; most reordered first', () => {
  const rows = [
    { key: 'tea', customerId: 1, date: '2024-01-01' }, { key: 'tea', customerId: 1, date: '2024-01-08' }, { key: 'tea', customerId: 1, date: '2024-01-08' },
    { key: 'tea', customerId: 2, date: '2024-01-22' }, { key: 'tea', customerId: 2, date: '2024-01-01' }, { key: 'tea', customerId: 2, date: '2024-01-15' },
    { key: 'cake', customerId: 1, date: '2024-01-01' }, { key: 'cake', customerId: 3, date: '2024-01-02' }, { key: 'cake', customerId: 3, date: '2024-01-03' },
    { key: 'bun', customerId: 4, date: '2024-01-02' },
  ];
  assert.deepEqual(cycleByKey(rows), [
    { key: 'tea', buyers: 2, repeatBuyers: 2, intervals: 3, meanDays: 28 / 3, medianDays: 7 }, // gaps 7 | 14, 7
    { key: 'cake', buyers: 2, repeatBuyers: 1, intervals: 1, meanDays: 1, medianDays: 1 },
  ]);
  assert.deepEqual(cycleByKey(rows, { minIntervals: 2 }).map((k) => k.key), ['tea']);
  assert.deepEqual(cycleByKey([]), []);
});

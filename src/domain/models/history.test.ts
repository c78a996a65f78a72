import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customerHistories } from './history.ts';

test('histories: triples in weeks, repeat spend in Hardie\'s convention, holdout counts', () => {
  const rows = [
    { customerId: 1, date: '2024-01-01', salesMinor: 5000 }, // first purchase: not in the spend measure
    { customerId: 1, date: '2024-01-15', salesMinor: 1000 },
    { customerId: 1, date: '2024-01-15', salesMinor: 500 }, // same day: one occasion of 1500
    { customerId: 1, date: '2024-01-29', salesMinor: 2500 },
    { customerId: 1, date: '2024-02-12', salesMinor: 9999 }, // holdout
    { customerId: 2, date: '2024-01-22', salesMinor: 800 },
    { customerId: 3, date: '2024-02-01', salesMinor: 700 }, // first seen after calibration: left out
  ];
  const h = customerHistories(rows, { calibrationEnd: '2024-01-31', holdoutEnd: '2024-02-29', daysPerUnit: 7 });
  assert.deepEqual(h, [
    { customerId: 1, x: 2, tx: 4, T: 30 / 7, holdoutCount: 1, firstDate: '2024-01-01', repeatSpendMinor: 2000 },
    { customerId: 2, x: 0, tx: 0, T: 9 / 7, holdoutCount: 0, firstDate: '2024-01-22', repeatSpendMinor: 0 },
  ]);
  const byDay = customerHistories(rows, { calibrationEnd: '2024-01-31', daysPerUnit: 1 });
  assert.deepEqual(byDay.map((c) => [c.x, c.tx, c.T, c.holdoutCount]), [[2, 28, 30, 0], [0, 0, 9, 0]]);
  assert.throws(() => customerHistories(rows, { calibrationEnd: '2024/01/31', daysPerUnit: 7 }), /calibrationEnd must be YYYY-MM-DD/);
});

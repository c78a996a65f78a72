import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDate, checkPeriod, monthsOf, periodBounds, periodIndex, periodLabel } from './period.ts';

test('period indexes are consecutive across year ends and label back', () => {
  assert.equal(periodIndex('2024-01-31', 'month') - periodIndex('2023-12', 'month'), 1);
  assert.equal(periodIndex('2024-01-01', 'quarter') - periodIndex('2023-12-31', 'quarter'), 1);
  assert.deepEqual(['2024-02-29', '2024-11-05'].map((d) => periodLabel(periodIndex(d, 'quarter'), 'quarter')), ['2024-Q1', '2024-Q4']);
  assert.equal(periodLabel(periodIndex('2023-12-09', 'month'), 'month'), '2023-12');
  assert.equal(periodLabel(periodIndex('2023-12-09', 'year'), 'year'), '2023');
});

test('bounds of a month, quarter and year', () => {
  assert.deepEqual(periodBounds(periodIndex('2024-02-10', 'month'), 'month'), { from: '2024-02-01', to: '2024-02-29' });
  assert.deepEqual(periodBounds(periodIndex('2023-11-10', 'quarter'), 'quarter'), { from: '2023-10-01', to: '2023-12-31' });
  assert.deepEqual(periodBounds(2011, 'year'), { from: '2011-01-01', to: '2011-12-31' });
});

test('months of a period are cut to it', () => {
  assert.deepEqual(monthsOf({ from: '2023-12-15', to: '2024-02-10' }), [
    { month: '2023-12', from: '2023-12-15', to: '2023-12-31' },
    { month: '2024-01', from: '2024-01-01', to: '2024-01-31' },
    { month: '2024-02', from: '2024-02-01', to: '2024-02-10' },
  ]);
});

test('bad dates and reversed periods name the field', () => {
  assert.throws(() => checkDate('from', '2024-02-30'), { code: 'VALIDATION', field: 'from' });
  assert.throws(() => checkDate('to', '2024/02/01'), { code: 'VALIDATION', field: 'to' });
  assert.throws(() => checkPeriod({ from: '2024-03-01', to: '2024-02-01' }), { code: 'VALIDATION', field: 'to' });
  assert.deepEqual(checkPeriod({ from: '2024-02-29', to: '2024-02-29' }), { from: '2024-02-29', to: '2024-02-29' });
});

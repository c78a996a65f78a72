import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cohorts } from './cohorts.ts';

const FIRSTS = [
  { customerId: 1, firstDate: '2024-01-15' }, { customerId: 2, firstDate: '2024-01-20' }, { customerId: 3, firstDate: '2024-02-03' },
  { customerId: 4, firstDate: '2023-12-30' }, // before the period: no cohort
  { customerId: 5, firstDate: '2024-04-02' },
  { customerId: 6, firstDate: '2024-02-10' }, // no activity rows: the first purchase alone puts it in period 0
];
const ACTIVITY = [
  { customerId: 1, month: '2024-01' }, { customerId: 1, month: '2024-03' },
  { customerId: 2, month: '2024-01' }, { customerId: 2, month: '2024-02' }, { customerId: 2, month: '2024-02' }, { customerId: 2, month: '2024-04' },
  { customerId: 3, month: '2024-02' }, { customerId: 3, month: '2024-03' },
  { customerId: 4, month: '2024-01' }, { customerId: 5, month: '2024-04' },
];

test('monthly cohorts: period 0 is the whole cohort; later periods count each customer once', () => {
  const t = cohorts(FIRSTS, ACTIVITY, { grain: 'month', period: { from: '2024-01-01', to: '2024-03-31' } });
  assert.deepEqual(t.cohorts, [
    { cohort: '2024-01', size: 2, active: [2, 1, 1], rates: [1, 0.5, 0.5] }, // Feb: 2; Mar: 1
    { cohort: '2024-02', size: 2, active: [2, 1], rates: [1, 0.5] }, // Mar: 3
  ]);
  assert.deepEqual(t.average, [1, 2 / 4, 1 / 2]);
});

test('quarterly cohorts, and activity after the last period is left out', () => {
  const q = cohorts(FIRSTS, ACTIVITY, { grain: 'quarter', period: { from: '2024-01-01', to: '2024-04-30' } });
  assert.deepEqual(q.cohorts, [
    { cohort: '2024-Q1', size: 4, active: [4, 1], rates: [1, 0.25] }, // Q2: customer 2
    { cohort: '2024-Q2', size: 1, active: [1], rates: [1] },
  ]);
  assert.deepEqual(q.average, [1, 1 / 4]);
  const y = cohorts(FIRSTS, ACTIVITY, { grain: 'year', period: { from: '2023-06-01', to: '2024-12-31' } });
  assert.deepEqual(y.cohorts.map((c) => [c.cohort, c.active]), [['2023', [1, 1]], ['2024', [5]]]);
});

test('no customers: no cohorts', () => {
  assert.deepEqual(cohorts([], [], { grain: 'month', period: { from: '2024-01-01', to: '2024-03-31' } }), { grain: 'month', cohorts: [], average: [] });
  assert.deepEqual(cohorts(FIRSTS, ACTIVITY, { grain: 'quarter', period: null }), { grain: 'quarter', cohorts: [], average: [] });
});

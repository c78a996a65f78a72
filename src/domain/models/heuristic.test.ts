import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitReadiness, heuristicClv, heuristicExpected, meanRepeatSpend } from './heuristic.ts';

test('readiness names what is missing', () => {
  const few = Array.from({ length: 10 }, (_, i) => ({ x: i % 2 }));
  assert.deepEqual(fitReadiness(few), { fit: false, customers: 10, repeaters: 5, reason: 'only 10 customers with a purchase by the calibration end (a fit needs 50)' });
  const many = Array.from({ length: 60 }, (_, i) => ({ x: i < 19 ? 1 : 0 }));
  assert.equal(fitReadiness(many).reason, 'only 19 customers bought again (a fit needs 20)');
  assert.equal(fitReadiness(many, { minRepeaters: 19 }).fit, true);
});

test('the heuristic keeps the historical rate and the own mean spend', () => {
  assert.equal(heuristicExpected({ x: 3, tx: 10, T: 12 }, 4), 1);
  assert.equal(heuristicExpected({ x: 0, tx: 0, T: 0 }, 4), 0);
  assert.equal(meanRepeatSpend([{ x: 1, m: 10 }, { x: 0, m: 0 }, { x: 2, m: 30 }]), 20);
  // 3 purchases in 12 weeks → 1 per 4 weeks; month = 4 weeks; 2 months, no discounting, margin 50 %: 2 × 40 × 0.5.
  const r = heuristicClv({ x: 3, tx: 10, T: 12, m: 40 }, 25, { periodLength: 4, months: 2, discountRatePerMonth: 0, marginShare: 0.5 });
  assert.deepEqual(r, { clv: 40, expectedTransactions: 2, expectedSpend: 40, pAlive: null, transactionsByMonth: [1, 1] });
  // One-time buyers have a rate of 0 (their spend figure is the base's mean).
  const once = heuristicClv({ x: 0, tx: 0, T: 10, m: 0 }, 25, { periodLength: 4, months: 2 });
  assert.deepEqual([once.clv, once.expectedSpend], [0, 25]);
  // 1 purchase in 16 weeks → 0.25 a month of 4 weeks at 25 each, discounted 1 % a month.
  const slow = heuristicClv({ x: 1, tx: 4, T: 16, m: 25 }, 99, { periodLength: 4, months: 2 });
  assert.ok(Math.abs(slow.clv - (6.25 / 1.01 + 6.25 / 1.01 ** 2)) < 1e-12);
});

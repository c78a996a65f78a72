import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bgnbdConditionalExpected, type BgNbdParams } from './bgnbd.ts';
import { churnRisk, nextPurchase, silenceRule, timeUntilExpected } from './churn.ts';

const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

test('churn risk is one minus P(alive) in closed form', () => {
  // x = 2, t_x = 30.43, T = 38.86: P(alive) = 1 / (1 + a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x)).
  const odds = (0.793 / (2.426 + 1)) * ((4.414 + 38.86) / (4.414 + 30.43)) ** (0.243 + 2);
  assert.ok(Math.abs(churnRisk(CDNOW, { x: 2, tx: 30.43, T: 38.86 }) - (1 - 1 / (1 + odds))) < 1e-12);
  // BG/NBD: a customer with no repeat purchase cannot have dropped out yet.
  assert.equal(churnRisk(CDNOW, { x: 0, tx: 0, T: 30 }), 0);
});

test('silence rule: formerly frequent and silent beyond k usual cycles, both numbers shown', () => {
  const dates = ['2024-01-01', '2024-01-11', '2024-01-21', '2024-02-05']; // gaps 10, 10, 15 → cycle 10
  assert.deepEqual(silenceRule(dates, '2024-02-25'), {
    usualCycleDays: 10, silentDays: 20, k: 2, thresholdDays: 20, formerlyFrequent: true, flagged: false,
  });
  assert.equal(silenceRule(dates, '2024-02-26').flagged, true);
  assert.equal(silenceRule(dates, '2024-02-26', { k: 3 }).flagged, false);
  // Two purchase days have a cycle but are not "formerly frequent" under the default of three.
  const two = silenceRule(['2024-01-01', '2024-01-08'], '2024-06-01');
  assert.deepEqual([two.usualCycleDays, two.formerlyFrequent, two.flagged], [7, false, false]);
  assert.equal(silenceRule(['2024-01-01', '2024-01-08'], '2024-06-01', { minPurchaseDays: 2 }).flagged, true);
  assert.deepEqual(silenceRule(['2024-01-01'], '2024-01-31'), {
    usualCycleDays: null, silentDays: 30, k: 2, thresholdDays: null, formerlyFrequent: false, flagged: false,
  });
  assert.throws(() => silenceRule(dates, '2024-01-31'), /before the last purchase/);
  assert.throws(() => silenceRule([], '2024-01-31'), /at least one purchase/);
});

test('time until one expected purchase solves E[Y(t)] = 1 and is null when it never gets there', () => {
  const active = { x: 10, tx: 35, T: 36 };
  const t = timeUntilExpected(CDNOW, active, 104)!;
  assert.ok(Math.abs(bgnbdConditionalExpected(CDNOW, active, t) - 1) < 1e-5, `E at t = ${t}`);
  // A one-time buyer of 38 weeks ago: fewer than one purchase expected in two years.
  assert.ok(bgnbdConditionalExpected(CDNOW, { x: 0, tx: 0, T: 38 }, 104) < 1);
  assert.equal(timeUntilExpected(CDNOW, { x: 0, tx: 0, T: 38 }, 104), null);
});

test('next purchase by model and by cycle', () => {
  const dates = ['2024-01-01', '2024-01-15', '2024-01-29'];
  const customer = { x: 2, tx: 4, T: 4 };
  const r = nextPurchase(dates, '2024-01-29', { params: CDNOW, customer, daysPerUnit: 7 });
  assert.equal(r.cycleDate, '2024-02-12');
  // The model date is the first whole day on which one purchase is expected.
  const days = (Date.parse(`${r.modelDate!}T00:00:00Z`) - Date.parse('2024-01-29T00:00:00Z')) / 86_400_000;
  assert.ok(bgnbdConditionalExpected(CDNOW, customer, (days - 1) / 7) < 1 && bgnbdConditionalExpected(CDNOW, customer, days / 7) >= 1, `${days} days`);
  assert.equal(nextPurchase(dates, '2024-01-29', { params: CDNOW, customer: { x: 0, tx: 0, T: 60 }, daysPerUnit: 7 }).modelDate, null);
  assert.deepEqual(nextPurchase(['2024-01-01'], '2024-01-29', null), { modelDate: null, cycleDate: null });
});

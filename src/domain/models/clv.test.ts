import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bgnbdConditionalExpected, fitBgNbd, type BgNbdParams } from './bgnbd.ts';
import { customerLifetimeValue, customerLifetimeValues } from './clv.ts';
import { CDNOW_SUMMARY, loadCdnowSummary, missing } from './fixtures.test.ts';
import { fitGammaGamma, gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma.ts';
import { groupTriples } from './triples.ts';

const BG: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };

test('CLV on CDNOW reproduces the lifetimes Quickstart', (t) => {
  const rows = loadCdnowSummary();
  if (!rows) return t.skip(missing(CDNOW_SUMMARY));
  const bg = fitBgNbd(groupTriples(rows)).params;
  const gg = fitGammaGamma(rows.map((r) => ({ x: r.x, m: r.zbar }))).params;
  // lifetimes' customer_lifetime_value(time=12, discount_rate=0.01) with its default freq="D" steps 30 time
  // units per "month"; the Quickstart feeds it this weekly summary, so its months are 30 weeks long.
  const report = customerLifetimeValues(bg, gg, rows.map((r) => ({ x: r.x, tx: r.tx, T: r.T, m: r.zbar })), {
    periodLength: 30, months: 12, discountRatePerMonth: 0.01,
  });
  const quickstart = [140.096211, 18.943467, 38.180574, 38.180574, 38.180574, 1003.868107, 28.109683, 38.180574, 167.418216, 38.180574];
  quickstart.forEach((want, i) => {
    const got = report.customers[i]!.clv;
    assert.ok(Math.abs(got - want) < 1e-6 * want, `customer ${i + 1}: ${got} vs ${want}`);
  });
  assert.deepEqual(report.inputs.options, { periodLength: 30, months: 12, discountRatePerMonth: 0.01, marginShare: 1 });
  assert.deepEqual(report.inputs.bgnbd, bg);
  assert.equal(report.customers[0]!.m, 22.35);
});

test('without discounting CLV is expected transactions × expected spend × margin', () => {
  const customer = { x: 4, tx: 20, T: 30, m: 42 };
  const options = { periodLength: 52 / 12, months: 24, discountRatePerMonth: 0, marginShare: 0.3 };
  const r = customerLifetimeValue(BG, GG, customer, options);
  const transactions = bgnbdConditionalExpected(BG, customer, 24 * (52 / 12));
  assert.ok(Math.abs(r.expectedTransactions - transactions) < 1e-12);
  assert.ok(Math.abs(r.transactionsByMonth.reduce((s, n) => s + n, 0) - transactions) < 1e-12);
  assert.ok(Math.abs(r.clv - transactions * gammaGammaExpectedSpend(GG, customer) * 0.3) < 1e-9);
  // Discounting only lowers it, and later months are worth less.
  const discounted = customerLifetimeValue(BG, GG, customer, { ...options, discountRatePerMonth: 0.02 });
  assert.ok(discounted.clv < r.clv);
  assert.equal(customerLifetimeValue(BG, GG, customer, { ...options, months: 0 }).clv, 0);
});

test('CLV options are validated', () => {
  const c = { x: 1, tx: 1, T: 2, m: 10 };
  assert.throws(() => customerLifetimeValue(BG, GG, c, { periodLength: 0 }), /periodLength must be positive/);
  assert.throws(() => customerLifetimeValue(BG, GG, c, { periodLength: 4, marginShare: 1.5 }), /marginShare/);
  assert.throws(() => customerLifetimeValue(BG, GG, c, { periodLength: 4, months: 2.5 }), /months/);
});

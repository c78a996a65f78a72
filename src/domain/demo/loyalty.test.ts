import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoLoyaltyMembers, demoLoyaltyNow, demoSpareCoupons, demoVisits, pointsToPay } from './loyalty.ts';

const NOW_MS = Date.parse('2026-11-01T02:00:00.000Z');
const DAY = 86_400_000;

test('member i visits 1 + i mod 5 times, 10 to 349 days back, in time order, each key once', () => {
  const ids = [101, 102, 103, 104, 105, 106];
  const visits = demoVisits(ids, NOW_MS);
  assert.equal(visits.length, 1 + 2 + 3 + 4 + 5 + 1);
  assert.deepEqual(ids.map((id) => visits.filter((v) => v.customerId === id).length), [1, 2, 3, 4, 5, 1]);
  assert.equal(new Set(visits.map((v) => v.key)).size, visits.length);
  assert.ok(visits.every((v, j) => j === 0 || visits[j - 1]!.atMs <= v.atMs));
  assert.ok(visits.every((v) => v.atMs <= NOW_MS - 10 * DAY && v.atMs >= NOW_MS - 349 * DAY));
  // Member 105 (i = 4): keys 0..4 from the earliest visit on.
  assert.deepEqual(visits.filter((v) => v.customerId === 105).map((v) => v.key), ['seed-105-0', 'seed-105-1', 'seed-105-2', 'seed-105-3', 'seed-105-4']);
});

test('every third member uses a coupon on the first visit, issued the day before, on a bill of at least ¥320', () => {
  const visits = demoVisits([1, 2, 3, 4, 5, 6, 7], NOW_MS);
  const withCoupon = visits.filter((v) => v.coupon);
  // Ranks 0, 3, 6: C50 on even ranks, C20 on odd ones.
  assert.deepEqual(withCoupon.map((v) => [v.customerId, v.coupon!.templateId, v.coupon!.code]).sort((a, b) => Number(a[0]) - Number(b[0])),
    [[1, 'C50', 'DEMO_C50_1_USED'], [4, 'C20', 'DEMO_C20_4_USED'], [7, 'C50', 'DEMO_C50_7_USED']]);
  for (const v of withCoupon) {
    assert.ok(v.key.endsWith('-0') && v.priceMinor >= 32_000);
    assert.equal(v.coupon!.issuedAtMs, v.atMs - DAY);
  }
  // Member 2 (i = 1), first visit: (60 + (131 mod 19) × 80) × 100 = (60 + 17 × 80) × 100 fen = ¥1,420.
  assert.equal(visits.find((v) => v.key === 'seed-2-0')!.priceMinor, 142_000);
  // Even ranks pay with points, but never on the first visit: rank 0 has one visit, ranks 2, 4 and 6 have 3, 5 and 2.
  assert.deepEqual([...new Set(visits.filter((v) => v.paysWithPoints).map((v) => v.customerId))].sort(), [3, 5, 7]);
  assert.ok(visits.filter((v) => v.paysWithPoints).every((v) => !v.key.endsWith('-0')));
});

test('spare coupons: a fresh 满100减20 for i ≡ 1 (mod 3), a lapsed 满300减50 for i ≡ 2 (mod 6)', () => {
  const spare = demoSpareCoupons(Array.from({ length: 12 }, (_, i) => 100 + i), NOW_MS);
  assert.deepEqual(spare.filter((c) => c.templateId === 'C20').map((c) => c.customerId), [101, 104, 107, 110]);
  assert.deepEqual(spare.filter((c) => c.templateId === 'C50').map((c) => [c.customerId, c.code]), [[102, 'DEMO_C50_102_LAPSED'], [108, 'DEMO_C50_108_LAPSED']]);
  assert.ok(spare.every((c) => c.issuedAtMs === NOW_MS - (c.templateId === 'C20' ? 5 : 200) * DAY));
});

test('points paid: hundreds, at most 1,500 and half the bill', () => {
  assert.equal(pointsToPay(2340, 20_000), 1000);
  assert.equal(pointsToPay(5000, 100_000), 1500);
  assert.equal(pointsToPay(250, 100_000), 200);
  assert.equal(pointsToPay(99, 100_000), 0);
  assert.equal(pointsToPay(0, 100_000), 0);
});

test('2 % of the members take part, at most 400; the history is seen from 10:00 Shanghai the next morning', () => {
  assert.deepEqual([20_000, 100_000, 3000, 200, 49].map(demoLoyaltyMembers), [400, 400, 60, 4, 0]);
  assert.equal(demoLoyaltyNow('2026-10-31'), '2026-11-01T02:00:00.000Z');
  assert.equal(demoLoyaltyNow('2026-12-31'), '2027-01-01T02:00:00.000Z');
});

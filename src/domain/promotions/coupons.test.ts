import { test } from 'node:test';
import assert from 'node:assert/strict';
import { couponProblem, redeemCoupon, reinstateCoupon, releaseCoupon, reserveCoupon } from './coupons.ts';
import { issueCoupon, parsePromotion } from './definitions.ts';

const T = parsePromotion({ id: 'C20', name: '满100减20券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }] }, couponValidity: { kind: 'relative', days: 10 } });
const coupon = issueCoupon(T, { code: 'K1', memberId: 'm1', now: '2024-06-01T16:30:00.000Z' });
const ctx = (now: string, checkoutId: string | null = null) => ({ memberId: 'm1', now, checkoutId, zone: 'Asia/Shanghai' });

test('validity dates are shown as business dates in the store zone', () => {
  // Valid from 2024-06-01T16:30Z = 2024-06-02 00:30 in Shanghai; to 06-11T16:30Z = 06-12 00:30.
  assert.equal(couponProblem(coupon, ctx('2024-06-01T16:00:00.000Z'))!.zh, '此券2024-06-02起可用');
  assert.equal(couponProblem(coupon, ctx('2024-06-11T16:30:00.000Z'))!.en, 'coupon expired 2024-06-12');
  assert.equal(couponProblem(coupon, ctx('2024-06-11T16:29:59.000Z')), null);
});

test('a reservation holds a single-use coupon for one checkout until it lapses or is released', () => {
  const r = reserveCoupon(coupon, { ...ctx('2024-06-05T10:00:00.000Z'), checkoutId: 'A' }, 300);
  assert.ok(r.ok);
  assert.equal(r.coupon.reservedUntil, '2024-06-05T10:05:00.000Z');
  const other = reserveCoupon(r.coupon, { ...ctx('2024-06-05T10:04:59.000Z'), checkoutId: 'B' });
  assert.equal(!other.ok && other.reason.code, 'COUPON_RESERVED');
  assert.equal(reserveCoupon(r.coupon, { ...ctx('2024-06-05T10:05:00.000Z'), checkoutId: 'B' }).ok, true); // lapsed
  assert.equal(releaseCoupon(r.coupon, 'B'), r.coupon); // not B's to release
  assert.equal(releaseCoupon(r.coupon, 'A').reservedBy, null);
});

test('redeeming marks it used on the order; a second use names that order; a full return reinstates it', () => {
  const used = redeemCoupon(coupon, { ...ctx('2024-06-05T10:00:00.000Z'), orderId: '123' });
  assert.ok(used.ok);
  const again = redeemCoupon(used.coupon, { ...ctx('2024-06-05T10:01:00.000Z'), orderId: '124' });
  assert.equal(!again.ok && again.reason.en, 'coupon already used on order #123');
  assert.equal(reinstateCoupon(used.coupon, '999'), used.coupon);
  assert.equal(reinstateCoupon(used.coupon, '123').status, 'active');
  // Shared codes stay active: their limits count uses instead.
  const shared = issueCoupon(T, { code: 'SUMMER', memberId: null, now: '2024-06-01T00:00:00.000Z', multiUse: true });
  const s = redeemCoupon(shared, { memberId: 'm7', now: '2024-06-05T10:00:00.000Z', checkoutId: null, orderId: '200' });
  assert.ok(s.ok && s.coupon.status === 'active');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quote, DEFAULT_QUOTE_SETTINGS, type QuoteInput, type QuoteMember } from './quote.ts';
import { issueCoupon, parsePromotion } from './definitions.ts';
import { pointsPayment } from './points-payment.ts';
import { AppError } from '../errors.ts';

const C20 = parsePromotion({ id: 'C20', name: '满100减20券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }] } });
const member: QuoteMember = {
  id: 'm1', tierCode: 'normal', segments: [], discountBp: 0, discountOnPromoPrice: true, pointsMultiplierBp: 10000, birthDate: null, availablePoints: 350, earnedToday: 0,
};
const input = (over: Partial<QuoteInput> = {}): QuoteInput => ({
  cart: { storeCode: 'S1', channel: 'pos', lines: [{ lineNo: 1, sku: 'TEE', category: '服装/上衣', quantity: 1, unitPriceMinor: 15000 }] },
  member,
  promotions: [C20],
  coupons: [{ code: 'K1', coupon: issueCoupon(C20, { code: 'K1', memberId: 'm1', now: '2024-06-01T00:00:00.000Z' }) }],
  pointsToUse: 100,
  now: '2024-06-14T04:00:00.000Z',
  zone: 'Asia/Shanghai',
  ...over,
});

test('seed scenario: 100 points = ¥10 paying part of an order with a 满减 coupon', () => {
  const q = quote(input());
  // ¥150 − coupon ¥20 = ¥130; 100 points pay ¥10 → ¥120 to pay. Points are earned on the ¥120 paid in money: 120.
  assert.equal(q.businessDate, '2024-06-14');
  assert.deepEqual(q.totals, {
    grossMinor: 15000, tierDiscountMinor: 0, promotionDiscountMinor: 0, couponDiscountMinor: 2000, discountMinor: 2000,
    pointsUsed: 100, pointsValueMinor: 1000, payableMinor: 12000, pointsToEarn: 120, growthToEarn: 120,
  });
  assert.deepEqual(q.lines.map((l) => [l.couponDiscountMinor, l.pointsUsed, l.pointsPaidMinor, l.payableMinor, l.pointsEarned]), [[2000, 100, 1000, 12000, 120]]);
  assert.deepEqual(q.points.reasons, []);
  assert.deepEqual(q.applied.map((a) => [a.id, a.code, a.discountMinor]), [['C20', 'K1', 2000]]);
});

test('the points and the coupon are spread over the lines exactly, and kept per line for returns', () => {
  const q = quote(input({ cart: { storeCode: 'S1', channel: 'pos', lines: [
    { lineNo: 1, sku: 'TEE', category: '服装/上衣', quantity: 1, unitPriceMinor: 15000 },
    { lineNo: 2, sku: 'SOCK', category: '服装/袜子', quantity: 1, unitPriceMinor: 5000 },
  ] } }));
  // Coupon ¥20 over 150 : 50 → 15 + 5; nets 135 and 45. ¥10 of points over 135 : 45 → 7.50 + 2.50 (75 + 25 points).
  // Earned on 127.50 + 42.50 = 170 → 170 points, split 127.5 : 42.5 → 128 + 42 (the tie's odd point to the first line).
  assert.deepEqual(q.lines.map((l) => [l.couponDiscountMinor, l.pointsUsed, l.pointsPaidMinor, l.payableMinor, l.pointsEarned]), [[1500, 75, 750, 12750, 128], [500, 25, 250, 4250, 42]]);
  assert.equal(q.totals.payableMinor, q.totals.grossMinor - q.totals.discountMinor - q.totals.pointsValueMinor);
});

test('points policy: not with coupons, capped share, not more than the member has, members only', () => {
  const notWith = quote(input({ settings: { ...DEFAULT_QUOTE_SETTINGS, payment: { ...DEFAULT_QUOTE_SETTINGS.payment, withCoupons: false } } }));
  assert.deepEqual([notWith.totals.pointsUsed, notWith.totals.payableMinor, notWith.totals.pointsToEarn], [0, 13000, 130]);
  assert.equal(notWith.points.reasons[0]!.zh, '积分不可与优惠券同时使用');
  // Half of ¥130 at most: ¥65 = 650 points.
  const half = quote(input({ pointsToUse: 2000, member: { ...member, availablePoints: 3000 }, settings: { ...DEFAULT_QUOTE_SETTINGS, payment: { ...DEFAULT_QUOTE_SETTINGS.payment, maxShareBp: 5000 } } }));
  assert.deepEqual([half.totals.pointsUsed, half.totals.payableMinor], [650, 6500]);
  assert.equal(half.points.reasons[0]!.zh, '本单最多可用650积分');
  const short = quote(input({ pointsToUse: 400 }));
  assert.deepEqual([short.totals.pointsUsed, short.points.reasons[0]!.en], [350, 'only 350 points available']);
  const guest = quote(input({ member: null, coupons: [] }));
  assert.deepEqual([guest.totals.pointsUsed, guest.totals.pointsToEarn, guest.points.reasons[0]!.code], [0, 0, 'POINTS_MEMBERS_ONLY']);
});

test('points payment in blocks worth whole minor units, with a minimum', () => {
  const at = (requested: number, rate = { points: 100, valueMinor: 50 }, minPoints = 0) =>
    pointsPayment({ requested, available: 10_000, payableMinor: 100_000, couponApplied: false, isMember: true }, { rate, minPoints, maxShareBp: 10000, maxPointsPerOrder: null, withCoupons: true });
  // 100 points = ¥0.50: 2 points = 1 fen, so 101 points use 100 and pay 50 fen.
  assert.deepEqual([at(101).points, at(101).valueMinor], [100, 50]);
  assert.deepEqual([at(50, undefined, 100).points, at(50, undefined, 100).reasons[0]!.zh], [0, '至少使用100积分']);
  assert.throws(() => at(-1), (e: unknown) => e instanceof AppError && e.field === 'pointsToUse');
});

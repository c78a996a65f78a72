// Points as payment (积分抵现): 100 points = ¥10 by default. The rate, a minimum per use, a cap per
// order (a share of what is left to pay and/or a number of points) and whether points combine with
// coupons are policy. Asking for more than allowed is not an error: the till gets what can be used and
// the reason it is less.

import { reason, type Reason } from '../loyalty/reasons.ts';
import { DEFAULT_POINT_VALUE, type PointValue } from '../loyalty/liability.ts';
import { invalid } from '../errors.ts';

export interface PointsPaymentPolicy {
  rate: PointValue;
  minPoints: number;
  /** At most this share of the amount left to pay, in basis points (5000 = half). */
  maxShareBp: number;
  maxPointsPerOrder: number | null;
  withCoupons: boolean;
}

export const DEFAULT_POINTS_PAYMENT: PointsPaymentPolicy = Object.freeze({ rate: DEFAULT_POINT_VALUE, minPoints: 0, maxShareBp: 10000, maxPointsPerOrder: null, withCoupons: true });

export interface PointsPayment { requested: number; points: number; valueMinor: number; reasons: Reason[] }

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * How many of the requested points can pay for this order, and what they are worth. Points are used
 * in whole blocks worth a whole number of minor units (100 points = ¥10 → 1 point = 10 fen).
 * @example pointsPayment({ requested: 100, available: 350, payableMinor: 13000, couponApplied: true, isMember: true }) → 100 points, ¥10
 */
export function pointsPayment(o: { requested: number; available: number; payableMinor: number; couponApplied: boolean; isMember: boolean },
  policy: PointsPaymentPolicy = DEFAULT_POINTS_PAYMENT): PointsPayment {
  if (!Number.isSafeInteger(o.requested) || o.requested < 0) throw invalid('pointsToUse', 'points to use must be a whole number ≥ 0');
  const none = (...reasons: Reason[]): PointsPayment => ({ requested: o.requested, points: 0, valueMinor: 0, reasons });
  if (o.requested === 0) return none();
  if (!o.isMember) return none(reason('POINTS_MEMBERS_ONLY'));
  if (o.couponApplied && !policy.withCoupons) return none(reason('POINTS_NOT_WITH_COUPON'));
  const g = gcd(policy.rate.points, policy.rate.valueMinor);
  const block = policy.rate.points / g, blockValue = policy.rate.valueMinor / g;
  const reasons: Reason[] = [];
  let points = o.requested;
  if (points > o.available) { points = Math.max(0, o.available); reasons.push(reason('POINTS_INSUFFICIENT', { available: Math.max(0, o.available) })); }
  const byShare = Math.floor(Math.floor((o.payableMinor * policy.maxShareBp) / 10000) / blockValue) * block;
  const cap = Math.min(byShare, policy.maxPointsPerOrder ?? Infinity);
  if (points > cap) { points = cap; reasons.push(reason('POINTS_CAPPED', { max: cap })); }
  points = Math.floor(points / block) * block;
  if (points < policy.minPoints) return none(...reasons, reason('POINTS_BELOW_MINIMUM', { min: policy.minPoints }));
  return { requested: o.requested, points, valueMinor: (points / block) * blockValue, reasons };
}

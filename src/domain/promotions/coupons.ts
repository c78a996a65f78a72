// A presented coupon's own checks (whose, when, used, held by another checkout) and its state
// changes: reserve for a long checkout, release, redeem. These are pure transitions; the store applies
// them with a conditional update (status and reservation unchanged since read) so that two checkouts
// racing for one single-use code cannot both win.

import { businessDate, DEFAULT_ZONE } from '../time.ts';
import { reason, type Reason } from '../loyalty/reasons.ts';
import type { CouponInstance } from './definitions.ts';

export interface CouponContext { memberId: string | null; now: string; checkoutId: string | null; zone?: string }

const heldByOther = (c: CouponInstance, ctx: CouponContext) =>
  !c.multiUse && c.reservedBy !== null && c.reservedBy !== ctx.checkoutId && c.reservedUntil !== null && c.reservedUntil > ctx.now;

/** Why this coupon cannot be used now, or null when it can. */
export function couponProblem(c: CouponInstance, ctx: CouponContext): Reason | null {
  const zone = ctx.zone ?? DEFAULT_ZONE;
  if (c.status === 'void') return reason('COUPON_VOID');
  if (c.status === 'used') return reason('COUPON_USED', { orderId: c.usedOrderId ?? '?' });
  if (c.memberId !== null && c.memberId !== ctx.memberId) return reason('COUPON_NOT_YOURS');
  if (ctx.now < c.validFrom) return reason('COUPON_NOT_YET_VALID', { from: businessDate(c.validFrom, zone) });
  if (ctx.now >= c.validTo) return reason('COUPON_EXPIRED', { to: businessDate(c.validTo, zone) });
  if (heldByOther(c, ctx)) return reason('COUPON_RESERVED');
  return null;
}

type Transition = { ok: true; coupon: CouponInstance } | { ok: false; reason: Reason };

/** Hold a single-use coupon for `checkoutId` for `holdSeconds` (re-reserving extends the hold). */
export function reserveCoupon(c: CouponInstance, ctx: CouponContext & { checkoutId: string }, holdSeconds = 300): Transition {
  const problem = couponProblem(c, ctx);
  if (problem) return { ok: false, reason: problem };
  if (c.multiUse) return { ok: true, coupon: c };
  return { ok: true, coupon: { ...c, reservedBy: ctx.checkoutId, reservedUntil: new Date(Date.parse(ctx.now) + holdSeconds * 1000).toISOString() } };
}

/** Let go of a hold (a cancelled checkout); someone else's hold is left alone. */
export function releaseCoupon(c: CouponInstance, checkoutId: string): CouponInstance {
  return c.reservedBy === checkoutId ? { ...c, reservedBy: null, reservedUntil: null } : c;
}

/** Mark a single-use coupon used by `orderId`; shared codes stay active (their limits count uses). */
export function redeemCoupon(c: CouponInstance, ctx: CouponContext & { orderId: string }): Transition {
  const problem = couponProblem(c, ctx);
  if (problem) return { ok: false, reason: problem };
  if (c.multiUse) return { ok: true, coupon: c };
  return { ok: true, coupon: { ...c, status: 'used', usedOrderId: ctx.orderId, reservedBy: null, reservedUntil: null } };
}

/** A return of the whole order gives a single-use coupon back if it is still valid (policy of the caller). */
export function reinstateCoupon(c: CouponInstance, orderId: string): CouponInstance {
  return c.status === 'used' && c.usedOrderId === orderId ? { ...c, status: 'active', usedOrderId: null } : c;
}

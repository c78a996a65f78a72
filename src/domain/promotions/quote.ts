// The whole checkout price breakdown as one pure function: promotions, tier discount and coupons
// (evaluate), then points as payment, then the points and growth value the order will earn. The
// commit use-case stores exactly this quote, so a return later knows what every line earned and
// what points paid for it.

import { allocate } from '../money.ts';
import { businessDate } from '../time.ts';
import { DEFAULT_EARN_RULES, earnPoints, type EarnRules, type Multiplier } from '../loyalty/earn-rules.ts';
import { growthFor } from '../loyalty/tiers.ts';
import type { Reason } from '../loyalty/reasons.ts';
import type { Promotion } from './definitions.ts';
import { evaluate, type Adjustment, type Applied, type Cart, type EvalMember, type Evaluation, type NotApplied, type PresentedCoupon } from './evaluate.ts';
import { DEFAULT_POINTS_PAYMENT, pointsPayment, type PointsPaymentPolicy } from './points-payment.ts';
import type { PromotionUsage } from './scope.ts';

export interface QuoteSettings {
  earn: EarnRules;
  payment: PointsPaymentPolicy;
  maxCouponsPerOrder: number;
  /** Growth value (成长值) per currency unit paid in money. */
  growth: { growthPerUnit: number; unitMinor: number };
}

export const DEFAULT_QUOTE_SETTINGS: QuoteSettings = Object.freeze({
  earn: DEFAULT_EARN_RULES, payment: DEFAULT_POINTS_PAYMENT, maxCouponsPerOrder: 1, growth: { growthPerUnit: 1, unitMinor: 100 },
});

export interface QuoteMember extends EvalMember {
  birthDate: string | null;
  /** Spendable points now. */
  availablePoints: number;
  /** Points earned today (daily cap). */
  earnedToday: number;
  pointsMultiplierBp: number;
}

export interface QuoteInput {
  cart: Cart;
  member: QuoteMember | null;
  promotions: readonly Promotion[];
  coupons: readonly PresentedCoupon[];
  pointsToUse: number;
  /** UTC instant of the checkout, and the store's zone (the business date follows from them). */
  now: string;
  zone: string;
  checkoutId?: string | null;
  usage?: Readonly<Record<string, PromotionUsage>>;
  settings?: QuoteSettings;
}

export interface QuoteLine {
  lineNo: number;
  grossMinor: number;
  tierDiscountMinor: number;
  promotionDiscountMinor: number;
  couponDiscountMinor: number;
  /** Points that pay for this line, and their value. */
  pointsUsed: number;
  pointsPaidMinor: number;
  payableMinor: number;
  pointsEarned: number;
  adjustments: Adjustment[];
}

export interface Quote {
  businessDate: string;
  lines: QuoteLine[];
  totals: {
    grossMinor: number; tierDiscountMinor: number; promotionDiscountMinor: number; couponDiscountMinor: number; discountMinor: number;
    pointsUsed: number; pointsValueMinor: number; payableMinor: number; pointsToEarn: number; growthToEarn: number;
  };
  applied: Applied[];
  notApplied: NotApplied[];
  gifts: Evaluation['gifts'];
  couponsToIssue: Evaluation['issue'];
  points: { requested: number; used: number; valueMinor: number; reasons: Reason[] };
  earn: { multipliers: Multiplier[]; reasons: Reason[] };
}

export function quote(input: QuoteInput): Quote {
  const s = input.settings ?? DEFAULT_QUOTE_SETTINGS;
  const { cart, member } = input;
  const date = businessDate(input.now, input.zone);
  const ev = evaluate(cart, member, input.promotions, input.coupons, input.now, {
    checkoutId: input.checkoutId ?? null, zone: input.zone, usage: input.usage ?? {}, maxCouponsPerOrder: s.maxCouponsPerOrder,
  });

  const pay = pointsPayment({
    requested: input.pointsToUse, available: member?.availablePoints ?? 0, payableMinor: ev.totals.netMinor,
    couponApplied: ev.applied.some((a) => a.code !== null), isMember: member !== null,
  }, s.payment);
  // Points pay for the lines in proportion to what each still costs; the split is kept for returns.
  const weights = ev.lines.map((l) => l.netMinor);
  const valueParts = allocate(pay.valueMinor, weights), pointParts = allocate(pay.points, weights);

  const cartLine = new Map(cart.lines.map((l) => [l.lineNo, l]));
  const earned = member === null ? null : earnPoints(ev.lines.map((l, i) => {
    const c = cartLine.get(l.lineNo)!;
    return { lineNo: l.lineNo, sku: c.sku, category: c.category, quantity: c.quantity, kind: c.kind ?? 'merchandise', netMinor: l.netMinor, pointsPaidMinor: valueParts[i]!, reward: c.reward ?? false };
  }), { storeCode: cart.storeCode, date, tierMultiplierBp: member.pointsMultiplierBp, birthDate: member.birthDate, earnedToday: member.earnedToday }, s.earn);
  const earnedBy = new Map(earned?.lines.map((l) => [l.lineNo, l.points]) ?? []);

  const part = (l: Evaluation['lines'][number], source: Adjustment['source']) => l.adjustments.filter((a) => a.source === source).reduce((x, a) => x + a.amountMinor, 0);
  const lines: QuoteLine[] = ev.lines.map((l, i) => ({
    lineNo: l.lineNo, grossMinor: l.grossMinor,
    tierDiscountMinor: part(l, 'tier'), promotionDiscountMinor: part(l, 'promotion'), couponDiscountMinor: part(l, 'coupon'),
    pointsUsed: pointParts[i]!, pointsPaidMinor: valueParts[i]!, payableMinor: l.netMinor - valueParts[i]!,
    pointsEarned: earnedBy.get(l.lineNo) ?? 0, adjustments: l.adjustments,
  }));
  const payableMinor = lines.reduce((a, l) => a + l.payableMinor, 0);
  const t = ev.totals;
  return {
    businessDate: date,
    lines,
    totals: {
      grossMinor: t.grossMinor, tierDiscountMinor: t.tierDiscountMinor, promotionDiscountMinor: t.promotionDiscountMinor, couponDiscountMinor: t.couponDiscountMinor,
      discountMinor: t.tierDiscountMinor + t.promotionDiscountMinor + t.couponDiscountMinor,
      pointsUsed: pay.points, pointsValueMinor: pay.valueMinor, payableMinor,
      pointsToEarn: earned?.points ?? 0,
      // Growth follows money actually paid for merchandise, like points.
      growthToEarn: member === null ? 0 : growthFor(earned?.eligibleMinor ?? 0, s.growth),
    },
    applied: ev.applied, notApplied: ev.notApplied, gifts: ev.gifts, couponsToIssue: ev.issue,
    points: { requested: pay.requested, used: pay.points, valueMinor: pay.valueMinor, reasons: pay.reasons },
    earn: { multipliers: earned?.multipliers ?? [], reasons: earned?.reasons ?? [] },
  };
}

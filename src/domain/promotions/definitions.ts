// Promotions and coupon templates as JSON-able data (a store persists each as one row with a JSON
// column; the API accepts the same shape). zod validates them once, at the edge, and fills defaults;
// the evaluator then trusts the types. Money is integer minor units, rates basis points, instants UTC.

import { z } from 'zod';
import { parseConfig } from '../loyalty/parse.ts';

const minor = z.number().int().nonnegative();
const positive = z.number().int().min(1);
const ids = z.array(z.string().min(1)).min(1);
const instant = z.iso.datetime();

/** Which lines take part: no SKUs and no categories = every merchandise line. Categories match by path prefix. */
export const ItemScopeSchema = z.object({ skus: ids.optional(), categories: ids.optional() });

export const ScopeSchema = ItemScopeSchema.extend({
  excludeSkus: ids.optional(),
  excludeCategories: ids.optional(),
  stores: ids.optional(),
  channels: ids.optional(),
});

export const AudienceSchema = z.object({
  membersOnly: z.boolean().default(false),
  tiers: ids.optional(),
  segments: ids.optional(),
});

export const BenefitSchema = z.discriminatedUnion('kind', [
  /** 满减: the highest step reached applies (满100减20/满200减50); `repeat` makes one step 每满 (every ¥100 → ¥20 off). */
  z.object({ kind: z.literal('amount_off'), steps: z.array(z.object({ thresholdMinor: minor, offMinor: positive })).min(1), repeat: z.boolean().default(false) }),
  z.object({ kind: z.literal('percent_off'), offBp: z.number().int().min(1).max(10000), thresholdMinor: minor.default(0), maxOffMinor: minor.nullable().default(null) }),
  /** 特价: each unit in scope costs `priceMinor`. */
  z.object({ kind: z.literal('fixed_price'), priceMinor: minor }),
  z.object({ kind: z.literal('free_gift'), thresholdMinor: minor, giftSku: z.string().min(1), quantity: positive.default(1) }),
  /** 买N送M: in every N+M units in scope, the M cheapest are free. */
  z.object({ kind: z.literal('buy_n_get_m'), buy: positive, get: positive }),
  /** Buy `buy.quantity` of A, get `get.quantity` of B at `offBp` off (10000 = free). */
  z.object({
    kind: z.literal('buy_a_get_b'),
    buy: ItemScopeSchema.extend({ quantity: positive }),
    get: ItemScopeSchema.extend({ quantity: positive, offBp: z.number().int().min(1).max(10000).default(10000) }),
  }),
  /** Reach the threshold, get a coupon of `templateId` for the next order. */
  z.object({ kind: z.literal('next_order_coupon'), thresholdMinor: minor, templateId: z.string().min(1) }),
]);

export const PromotionSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1),
  active: z.boolean().default(true),
  /** A coupon template: applies only through a presented coupon of it. */
  coupon: z.boolean().default(false),
  benefit: BenefitSchema,
  scope: ScopeSchema.default({}),
  audience: AudienceSchema.default({ membersOnly: false }),
  validFrom: instant.nullable().default(null),
  validTo: instant.nullable().default(null),
  /** Coupon templates: how long an issued coupon is valid — fixed dates, or days from issue. */
  couponValidity: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('absolute'), from: instant, to: instant }),
    z.object({ kind: z.literal('relative'), days: positive }),
  ]).default({ kind: 'relative', days: 30 }),
  limits: z.object({
    /** Uses per member (needs a member at checkout). */
    perMember: positive.nullable().default(null),
    global: positive.nullable().default(null),
    /** Total discount the promotion may give. */
    budgetMinor: positive.nullable().default(null),
  }).default({ perMember: null, global: null, budgetMinor: null }),
  /** stackable: with anything else; exclusive: alone (the better of it and the rest wins); best_of: only the best of its group. */
  stacking: z.enum(['stackable', 'exclusive', 'best_of']).default('stackable'),
  /** best_of group; defaults to the benefit kind. */
  group: z.string().min(1).nullable().default(null),
  /** Higher first within a stage; ties by id. */
  priority: z.number().int().default(0),
}).superRefine((p, ctx) => {
  const b = p.benefit;
  if (b.kind === 'amount_off') {
    b.steps.forEach((s, i) => {
      if (i > 0 && s.thresholdMinor <= b.steps[i - 1]!.thresholdMinor) ctx.addIssue({ code: 'custom', path: ['benefit', 'steps', i, 'thresholdMinor'], message: 'step thresholds must increase' });
    });
    if (b.repeat && (b.steps.length !== 1 || b.steps[0]!.thresholdMinor === 0)) ctx.addIssue({ code: 'custom', path: ['benefit', 'repeat'], message: 'repeat needs exactly one step with a threshold above 0' });
  }
  if (p.validFrom && p.validTo && p.validTo <= p.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'validTo must be after validFrom' });
  const v = p.couponValidity;
  if (v.kind === 'absolute' && v.to <= v.from) ctx.addIssue({ code: 'custom', path: ['couponValidity', 'to'], message: 'must be after from' });
});

export type ItemScope = z.output<typeof ItemScopeSchema>;
export type Scope = z.output<typeof ScopeSchema>;
export type Benefit = z.output<typeof BenefitSchema>;
export type Promotion = z.output<typeof PromotionSchema>;
export type PromotionInput = z.input<typeof PromotionSchema>;

/** Validate a promotion or coupon template from JSON (errors name the field, e.g. "benefit/steps/1/thresholdMinor"). */
export const parsePromotion = (value: unknown): Promotion => parseConfig(PromotionSchema, value);

/** One issued coupon. Single-use coupons are reserved during a checkout and marked used; shared codes stay active. */
export interface CouponInstance {
  code: string;
  templateId: string;
  /** The member it was issued to; null = a code anyone may present. */
  memberId: string | null;
  /** Shared codes (posters, campaigns) may be used many times, bounded by the template's limits. */
  multiUse: boolean;
  issuedAt: string;
  validFrom: string;
  validTo: string;
  status: 'active' | 'used' | 'void';
  usedOrderId: string | null;
  reservedBy: string | null;
  reservedUntil: string | null;
}

const DAY_MS = 86_400_000;

/** A new coupon of `template`: validity fixed, or `days` from the issue instant. */
export function issueCoupon(template: Promotion, o: { code: string; memberId: string | null; now: string; multiUse?: boolean }): CouponInstance {
  const v = template.couponValidity;
  const [validFrom, validTo] = v.kind === 'absolute' ? [v.from, v.to] : [o.now, new Date(Date.parse(o.now) + v.days * DAY_MS).toISOString()];
  return {
    code: o.code, templateId: template.id, memberId: o.memberId, multiUse: o.multiUse ?? false, issuedAt: o.now, validFrom, validTo,
    status: 'active', usedOrderId: null, reservedBy: null, reservedUntil: null,
  };
}

// The loyalty settings a store saves and versions as JSON: the earning rules and the policy (expiry,
// return window, ledger, points as payment, coupons, referral, auto-issue). The tier ladder has its
// own schema in tiers.ts. zod validates once at the edge, fills defaults and names the bad field.

import { z } from 'zod';
import { AutoIssueRuleSchema } from '../promotions/auto-issue.ts';
import { parseConfig } from './parse.ts';
import { DEFAULT_EARN_RULES, type EarnRules } from './earn-rules.ts';
import { DEFAULT_EXPIRY } from './expiry.ts';
import { DEFAULT_LEDGER_POLICY } from './ledger.ts';
import { DEFAULT_REFERRAL_POLICY } from './referral.ts';
import { DEFAULT_POINTS_PAYMENT } from '../promotions/points-payment.ts';
import { parseLadder, type TierLadder } from './tiers.ts';

const date = z.iso.date();
const multiplierBp = z.number().int().min(0).max(1_000_000);
const count = z.number().int().nonnegative();

export const EarnRulesSchema = z.object({
  unitMinor: z.number().int().min(1).default(DEFAULT_EARN_RULES.unitMinor),
  basePointsPerUnit: z.number().nonnegative().default(DEFAULT_EARN_RULES.basePointsPerUnit),
  /** The most specific wins: SKU, then the longest category prefix, then store. */
  rates: z.array(z.object({
    scope: z.union([z.strictObject({ sku: z.string().min(1) }), z.strictObject({ category: z.string().min(1) }), z.strictObject({ store: z.string().min(1) })]),
    pointsPerUnit: z.number().nonnegative(),
  })).default([]),
  earnOnRewardLines: z.boolean().default(false),
  earnOnPointsPaid: z.boolean().default(false),
  birthday: z.object({ multiplierBp, window: z.enum(['day', 'week', 'month']) }).nullable().default({ multiplierBp: 20000, window: 'week' }),
  memberDays: z.array(z.object({
    weekdays: z.array(z.number().int().min(1).max(7)).optional(),
    monthDays: z.array(z.number().int().min(1).max(31)).optional(),
    multiplierBp,
  })).default([]),
  campaigns: z.array(z.object({ id: z.string().min(1), from: date, to: date, multiplierBp, stores: z.array(z.string().min(1)).optional() })).default([]),
  eventStacking: z.enum(['max', 'multiply']).default('max'),
  capPerOrder: count.nullable().default(null),
  capPerDay: count.nullable().default(null),
});

const ExpirySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('never') }),
  z.object({ kind: z.literal('days'), days: z.number().int().min(1) }),
  z.object({ kind: z.literal('end_of_year'), yearsAfter: count }),
  z.object({ kind: z.literal('end_of_month'), monthsAfter: count }),
]);

const RewardSchema = z.object({ points: count, couponTemplateId: z.string().min(1).nullable().default(null) });

export const LoyaltyPolicySchema = z.object({
  /** Zone of the business dates the jobs (expiry) run on when no date is given. */
  zone: z.string().min(1).default('Asia/Shanghai'),
  expiry: ExpirySchema.default(DEFAULT_EXPIRY),
  /** Earned points stay pending this many days (the return window). */
  returnWindowDays: z.number().int().min(0).max(366).default(7),
  ledger: z.object({
    allowDebt: z.boolean().default(false),
    transferEnabled: z.boolean().default(false),
    restoreRedeemed: z.enum(['proportional', 'full_return_only', 'never']).default('proportional'),
    restoredExpiryDays: z.number().int().min(1).default(30),
  }).default(DEFAULT_LEDGER_POLICY),
  payment: z.object({
    rate: z.object({ points: z.number().int().min(1), valueMinor: z.number().int().min(1) }).default(DEFAULT_POINTS_PAYMENT.rate),
    minPoints: count.default(0),
    maxShareBp: z.number().int().min(0).max(10000).default(10000),
    maxPointsPerOrder: count.nullable().default(null),
    withCoupons: z.boolean().default(true),
  }).default(DEFAULT_POINTS_PAYMENT),
  maxCouponsPerOrder: z.number().int().min(0).max(20).default(1),
  /** How long a reserved coupon stays held for its checkout. */
  couponHoldSeconds: z.number().int().min(10).max(86_400).default(300),
  /** A return of the whole order gives its single-use coupons back (while still valid). */
  reinstateCouponsOnFullReturn: z.boolean().default(true),
  /** Expected breakage for the liability report; null = estimated from history. */
  breakageBp: z.number().int().min(0).max(10000).nullable().default(null),
  referral: z.object({
    bindWithinDays: count.default(DEFAULT_REFERRAL_POLICY.bindWithinDays),
    minOrderMinor: count.default(DEFAULT_REFERRAL_POLICY.minOrderMinor),
    referrer: RewardSchema.default(DEFAULT_REFERRAL_POLICY.referrer),
    referee: RewardSchema.default(DEFAULT_REFERRAL_POLICY.referee),
    maxRewardsPerReferrer: count.nullable().default(DEFAULT_REFERRAL_POLICY.maxRewardsPerReferrer),
    clawbackOnFullReturn: z.boolean().default(DEFAULT_REFERRAL_POLICY.clawbackOnFullReturn),
  }).default(DEFAULT_REFERRAL_POLICY),
  autoIssue: z.array(AutoIssueRuleSchema).default([]),
  /**
   * The birthday job also honours birthdays up to this many days past that no run covered (the job did
   * not run those days): each coupon still once per birthday year; 0 = only within the lead days.
   */
  birthdayCatchUpDays: z.number().int().min(0).max(31).default(7),
}).superRefine((p, ctx) => {
  const seen = new Set<string>();
  p.autoIssue.forEach((r, i) => {
    if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['autoIssue', i, 'id'], message: `duplicate rule id ${r.id}` });
    seen.add(r.id);
  });
});

export type LoyaltyPolicy = z.output<typeof LoyaltyPolicySchema>;

export const parseEarnRules = (value: unknown): EarnRules => parseConfig(EarnRulesSchema, value);
export const parsePolicy = (value: unknown): LoyaltyPolicy => parseConfig(LoyaltyPolicySchema, value);

/** Until a ladder is saved every member is in one entry tier without benefits. */
export const DEFAULT_LADDER: TierLadder = parseLadder({ tiers: [{ code: 'normal', name: '普卡' }] });
export const DEFAULT_POLICY: LoyaltyPolicy = parsePolicy({});

/** Coupon templates a policy refers to (auto-issue rules, referral rewards), to check they exist. */
export function templatesNamed(policy: LoyaltyPolicy): { field: string; templateId: string }[] {
  const out = policy.autoIssue.map((r, i) => ({ field: `autoIssue/${i}/templateId`, templateId: r.templateId }));
  for (const role of ['referrer', 'referee'] as const) {
    const t = policy.referral[role].couponTemplateId;
    if (t !== null) out.push({ field: `referral/${role}/couponTemplateId`, templateId: t });
  }
  return out;
}

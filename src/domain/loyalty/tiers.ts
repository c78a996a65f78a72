// Member tiers (普卡/银卡/金卡/铂金卡/钻石卡). Qualification reads a growth value (成长值, earned with
// spend but never spent, unlike points) and/or rolling-window spend, orders and interactions.
// Upgrades happen as soon as a member qualifies; downgrades only at a review date (tier anniversary
// or a calendar day) after an optional grace period; long inactivity drops a member to the entry tier;
// a manual override pins a tier with a reason. `evaluateTier` returns the decision and the next state
// as data; the use-case stores the state and, when something changed, a history row.

import { z } from 'zod';
import { addDays, daysBetween } from '../time.ts';
import { invalid } from '../errors.ts';
import { parseConfig } from './parse.ts';
import { reason, type Reason } from './reasons.ts';

const count = z.number().int().nonnegative();
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected MM-DD');

export const TierBenefitsSchema = z.object({
  /** Tier discount in basis points (1000 = −10%). */
  discountBp: z.number().int().min(0).max(10000).default(0),
  /** Whether the tier discount also applies to lines already on promotion (platinum −10% on the promo price). */
  discountOnPromoPrice: z.boolean().default(true),
  /** 10000 = ×1, 15000 = ×1.5. */
  pointsMultiplierBp: z.number().int().min(0).max(1_000_000).default(10000),
  freeDelivery: z.boolean().default(false),
  prioritySupport: z.boolean().default(false),
  /** Coupon template issued in the birthday window, if any. */
  birthdayGift: z.string().min(1).nullable().default(null),
});

export const TierCriteriaSchema = z.object({
  growth: count.optional(),
  spendMinor: count.optional(),
  orders: count.optional(),
  interactions: count.optional(),
  /** Every threshold given must be met ('all'), or any one of them ('any'). */
  combine: z.enum(['all', 'any']).default('all'),
});

export const TierLadderSchema = z.object({
  tiers: z.array(z.object({
    code: z.string().min(1),
    name: z.string().min(1),
    criteria: TierCriteriaSchema.default({ combine: 'all' }),
    benefits: TierBenefitsSchema.default(TierBenefitsSchema.parse({})),
  })).min(1),
  /** Rolling window for spend, orders and interactions. */
  windowDays: z.number().int().min(1).default(365),
  review: z.discriminatedUnion('basis', [
    z.object({ basis: z.literal('anniversary') }),
    z.object({ basis: z.literal('calendar'), monthDay }),
  ]).default({ basis: 'anniversary' }),
  graceDays: count.default(0),
  /** After a failed review: straight to the tier the member qualifies for, or one step down. */
  downgrade: z.enum(['to_qualified', 'one_step']).default('to_qualified'),
  /** Days without a purchase or interaction after which a member drops to the entry tier; null = never. */
  exitAfterDays: z.number().int().min(1).nullable().default(null),
  /** Growth value per currency unit of net spend (unitMinor minor units). */
  growthPerUnit: z.number().nonnegative().default(1),
  unitMinor: z.number().int().min(1).default(100),
  /** The tier's birthday gift goes out from this many days before the birthday up to the day itself. */
  birthdayGiftLeadDays: z.number().int().min(0).max(31).default(0),
}).superRefine((l, ctx) => {
  const seen = new Set<string>();
  l.tiers.forEach((t, i) => {
    if (seen.has(t.code)) ctx.addIssue({ code: 'custom', path: ['tiers', i, 'code'], message: `duplicate tier code ${t.code}` });
    seen.add(t.code);
  });
});

export type TierBenefits = z.output<typeof TierBenefitsSchema>;
export type TierCriteria = z.output<typeof TierCriteriaSchema>;
export type TierLadder = z.output<typeof TierLadderSchema>;
export type TierDef = TierLadder['tiers'][number];

/** Validate a ladder from JSON; the first tier is the entry tier and is always met. */
export const parseLadder = (value: unknown): TierLadder => parseConfig(TierLadderSchema, value);

/** One day (or month) of a member's activity; `growth` may be negative (returns). */
export interface TierActivity { date: string; spendMinor: number; orders: number; interactions: number; growth: number }

export interface TierOverride { reason: string; actor: string | null; until: string | null }

/** What the store keeps per member. */
export interface TierState { tierCode: string; since: string; reviewOn: string; override: TierOverride | null }

export interface TierHistory { state: TierState | null; enrolledOn: string; activity: readonly TierActivity[] }

export interface TierMetrics { growth: number; spendMinor: number; orders: number; interactions: number; lastActiveOn: string | null }

export type TierAction = 'enter' | 'keep' | 'upgrade' | 'renew' | 'hold' | 'downgrade' | 'exit' | 'pinned' | 'override';

export interface TierDecision {
  action: TierAction;
  from: string | null;
  to: string;
  /** True when the tier changed: the use-case writes a history row. */
  changed: boolean;
  next: TierState;
  metrics: TierMetrics;
  reasons: Reason[];
}

/** Growth value for an amount of net spend (negative for a refund). */
export function growthFor(netMinor: number, ladder: Pick<TierLadder, 'growthPerUnit' | 'unitMinor'>): number {
  const g = Math.floor((Math.abs(netMinor) / ladder.unitMinor) * ladder.growthPerUnit + 1e-9);
  return netMinor < 0 ? -g : g;
}

/** Lifetime growth, and spend/orders/interactions in the window ending on `asOf` (inclusive). */
export function metricsAt(activity: readonly TierActivity[], windowDays: number, asOf: string): TierMetrics {
  const from = addDays(asOf, -windowDays);
  const m: TierMetrics = { growth: 0, spendMinor: 0, orders: 0, interactions: 0, lastActiveOn: null };
  for (const a of activity) {
    if (a.date > asOf) continue;
    m.growth += a.growth;
    if ((a.orders > 0 || a.interactions > 0) && (m.lastActiveOn === null || a.date > m.lastActiveOn)) m.lastActiveOn = a.date;
    if (a.date > from) { m.spendMinor += a.spendMinor; m.orders += a.orders; m.interactions += a.interactions; }
  }
  return m;
}

export function meets(c: TierCriteria, m: TierMetrics): boolean {
  const tests = ([['growth', m.growth], ['spendMinor', m.spendMinor], ['orders', m.orders], ['interactions', m.interactions]] as const)
    .filter(([k]) => c[k] !== undefined).map(([k, v]) => v >= c[k]!);
  if (tests.length === 0) return true;
  return c.combine === 'any' ? tests.some(Boolean) : tests.every(Boolean);
}

/** Index of the highest tier whose criteria are met (the entry tier, 0, always is). */
export function qualifiedIndex(ladder: TierLadder, m: TierMetrics): number {
  for (let i = ladder.tiers.length - 1; i > 0; i--) if (meets(ladder.tiers[i]!.criteria, m)) return i;
  return 0;
}

/** `date` moved by whole years; 29 Feb becomes 28 Feb in common years. */
export function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const md = date.slice(5) === '02-29' && !leap ? '02-28' : date.slice(5);
  return `${String(y).padStart(4, '0')}-${md}`;
}

/** The first review date strictly after `after`: an anniversary of `since`, or the calendar day. */
export function nextReviewAfter(ladder: TierLadder, since: string, after: string): string {
  const y = Number(after.slice(0, 4));
  for (let k = y - 1; k <= y + 1; k++) {
    const d = ladder.review.basis === 'anniversary' ? addYears(since, k - Number(since.slice(0, 4))) : addYears(`${k}-${ladder.review.monthDay}`, 0);
    if (d > after) return d;
  }
  return addYears(after, 1); // unreachable: some point in y+1 is after any date in year y
}

/** A new tier is held for at least a year: its first review is the first review date 365+ days on. */
const firstReview = (ladder: TierLadder, asOf: string) => nextReviewAfter(ladder, asOf, addDays(asOf, 364));

const fresh = (tierCode: string, ladder: TierLadder, asOf: string): TierState => ({ tierCode, since: asOf, reviewOn: firstReview(ladder, asOf), override: null });

/**
 * Decide a member's tier on `asOf`. Run it after each purchase (upgrades) and daily or on review
 * dates (renewals, downgrades, exits); it is idempotent for an unchanged history and date.
 */
export function evaluateTier(history: TierHistory, ladder: TierLadder, asOf: string): TierDecision {
  const metrics = metricsAt(history.activity, ladder.windowDays, asOf);
  const q = qualifiedIndex(ladder, metrics);
  const tiers = ladder.tiers;
  const state = history.state;
  const cur = state ? tiers.findIndex((t) => t.code === state.tierCode) : -1;
  const decide = (action: TierAction, to: number, next: TierState, reasons: Reason[]): TierDecision => ({
    action, from: state?.tierCode ?? null, to: tiers[to]!.code, changed: state?.tierCode !== tiers[to]!.code, next, metrics, reasons,
  });
  const qualified = [reason('TIER_QUALIFIED', { tier: tiers[q]!.name })];

  // New member, or a tier code the ladder no longer has: place them by what they qualify for.
  if (!state || cur < 0) return decide('enter', q, fresh(tiers[q]!.code, ladder, asOf), qualified);
  const o = state.override;
  if (o && (o.until === null || asOf < o.until)) return decide('pinned', cur, state, [reason('TIER_OVERRIDE', { reason: o.reason })]);

  const idleDays = daysBetween(metrics.lastActiveOn ?? history.enrolledOn, asOf);
  if (ladder.exitAfterDays !== null && cur > 0 && idleDays >= ladder.exitAfterDays) {
    return decide('exit', 0, fresh(tiers[0]!.code, ladder, asOf), [reason('TIER_INACTIVE', { days: idleDays })]);
  }
  if (q > cur) return decide('upgrade', q, fresh(tiers[q]!.code, ladder, asOf), qualified);
  if (asOf < state.reviewOn) return decide('keep', cur, state, []);
  if (q >= cur) {
    const reviewOn = nextReviewAfter(ladder, state.since, asOf);
    return decide('renew', cur, { ...state, reviewOn, override: null }, [reason('TIER_RENEWED', { tier: tiers[cur]!.name, reviewOn })]);
  }
  const missed = reason('TIER_NOT_REQUALIFIED', { tier: tiers[cur]!.name });
  const graceEnd = addDays(state.reviewOn, ladder.graceDays);
  if (asOf < graceEnd) return decide('hold', cur, state, [missed, reason('TIER_GRACE', { until: graceEnd })]);
  const to = ladder.downgrade === 'one_step' ? Math.max(q, cur - 1) : q;
  return decide('downgrade', to, fresh(tiers[to]!.code, ladder, asOf), [missed]);
}

/** Set a tier by hand, with a reason; it stays pinned until `until` (null = until changed again), then is reviewed. */
export function overrideTier(history: TierHistory, ladder: TierLadder, input: { tierCode: string; reason: string; actor: string | null; until: string | null },
  asOf: string): TierDecision {
  const state = history.state;
  const why = input.reason.trim();
  if (!why) throw invalid('reason', 'a tier override needs a reason');
  const to = ladder.tiers.findIndex((t) => t.code === input.tierCode);
  if (to < 0) throw invalid('tierCode', `unknown tier ${input.tierCode}`);
  if (input.until !== null && input.until <= asOf) throw invalid('until', 'an override must end after today');
  const next: TierState = { tierCode: input.tierCode, since: asOf, reviewOn: input.until ?? firstReview(ladder, asOf), override: { reason: why, actor: input.actor, until: input.until } };
  return {
    action: 'override', from: state?.tierCode ?? null, to: input.tierCode, changed: state?.tierCode !== input.tierCode, next,
    metrics: metricsAt(history.activity, ladder.windowDays, asOf), reasons: [reason('TIER_OVERRIDE', { reason: why })],
  };
}

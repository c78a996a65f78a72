// 老带新: each member has a referral code; a new member binds a referrer at registration; both are
// rewarded on the referee's first qualifying purchase. Self-referral (same member, phone or device)
// and the per-referrer cap are enforced here; the binding row records when the reward was given, so
// a second purchase, a replayed checkout or a second binding cannot pay twice.

import { daysBetween } from '../time.ts';
import { invalid } from '../errors.ts';
import { generateCodes, type CodeFormat } from '../promotions/codes.ts';
import { reason, type Reason } from './reasons.ts';

export interface ReferralReward { points: number; couponTemplateId: string | null }

export interface ReferralPolicy {
  /** Days after registration a referrer may still be bound (0 = on the registration day only). */
  bindWithinDays: number;
  /** The referee's purchase must reach this net amount to count as the first qualifying purchase. */
  minOrderMinor: number;
  referrer: ReferralReward;
  referee: ReferralReward;
  /** Rewards one referrer can collect in all; null = no cap. */
  maxRewardsPerReferrer: number | null;
  /** Take both rewards back when the order that paid them is returned in full (referral-clawback.ts). */
  clawbackOnFullReturn: boolean;
}

export const DEFAULT_REFERRAL_POLICY: ReferralPolicy = Object.freeze({
  bindWithinDays: 0, minOrderMinor: 0, referrer: { points: 500, couponTemplateId: null }, referee: { points: 200, couponTemplateId: null }, maxRewardsPerReferrer: 50,
  clawbackOnFullReturn: true,
});

/** A member as far as referral cares: who, which phone, which devices they have used. */
export interface ReferralParty { id: string; phone: string | null; deviceIds: readonly string[] }

/** What the store keeps per referee. */
export interface ReferralBinding { referrerId: string; refereeId: string; boundOn: string; rewardedOrderId: string | null; rewardedOn: string | null }

export const REFERRAL_CODE_FORMAT: CodeFormat = Object.freeze({ prefix: 'R', length: 8 });

/** A member's own referral code (store it with the member; it never changes). */
export const newReferralCode = (rng: () => number, taken: ReadonlySet<string> = new Set()) => generateCodes(1, rng, REFERRAL_CODE_FORMAT, taken)[0]!;

type Decline = { ok: false; reason: Reason };

/**
 * Bind the owner of a referral code to a new member. `referrer` is null when the code is unknown;
 * `existing` is the referee's current binding, if any.
 */
export function bindReferrer(input: {
  referee: ReferralParty & { registeredOn: string };
  referrer: ReferralParty | null;
  existing: ReferralBinding | null;
  date: string;
  policy?: ReferralPolicy;
}): { ok: true; binding: ReferralBinding } | Decline {
  const { referee, referrer, existing, date, policy = DEFAULT_REFERRAL_POLICY } = input;
  if (!referrer) return { ok: false, reason: reason('REFERRAL_CODE_UNKNOWN') };
  if (existing) return { ok: false, reason: reason('REFERRAL_ALREADY_BOUND') };
  const sharedDevice = referee.deviceIds.some((d) => referrer.deviceIds.includes(d));
  if (referrer.id === referee.id || (referee.phone !== null && referee.phone === referrer.phone) || sharedDevice) {
    return { ok: false, reason: reason('REFERRAL_SELF') };
  }
  if (daysBetween(referee.registeredOn, date) > policy.bindWithinDays || date < referee.registeredOn) return { ok: false, reason: reason('REFERRAL_TOO_LATE') };
  return { ok: true, binding: { referrerId: referrer.id, refereeId: referee.id, boundOn: date, rewardedOrderId: null, rewardedOn: null } };
}

export interface ReferralPayout { memberId: string; role: 'referrer' | 'referee'; points: number; couponTemplateId: string | null }

export interface ReferralOutcome {
  payouts: ReferralPayout[];
  declined: { role: 'referrer' | 'referee'; reason: Reason }[];
  /** The binding to store: marked rewarded when this purchase paid out. */
  binding: ReferralBinding;
}

/**
 * Decide the rewards for a referee's purchase. The first purchase reaching `minOrderMinor` pays the
 * referee, and the referrer unless they have reached the cap (`referrerRewards` = rewards they already had).
 */
export function referralReward(input: {
  binding: ReferralBinding;
  order: { id: string; netMinor: number; date: string };
  referrerRewards: number;
  policy?: ReferralPolicy;
}): ReferralOutcome {
  const { binding, order, referrerRewards, policy = DEFAULT_REFERRAL_POLICY } = input;
  if (!Number.isInteger(referrerRewards) || referrerRewards < 0) throw invalid('referrerRewards', 'a count of rewards ≥ 0');
  const both = (r: Reason) => ({ payouts: [], declined: [{ role: 'referrer' as const, reason: r }, { role: 'referee' as const, reason: r }], binding });
  if (binding.rewardedOrderId !== null) return both(reason('REFERRAL_ALREADY_REWARDED'));
  if (order.netMinor < policy.minOrderMinor || order.netMinor <= 0) return both(reason('REFERRAL_BELOW_MINIMUM', { minMinor: policy.minOrderMinor }));
  const payouts: ReferralPayout[] = [{ memberId: binding.refereeId, role: 'referee', ...policy.referee }];
  const declined: ReferralOutcome['declined'] = [];
  if (policy.maxRewardsPerReferrer !== null && referrerRewards >= policy.maxRewardsPerReferrer) {
    declined.push({ role: 'referrer', reason: reason('REFERRAL_CAP_REACHED', { cap: policy.maxRewardsPerReferrer }) });
  } else {
    payouts.unshift({ memberId: binding.referrerId, role: 'referrer', ...policy.referrer });
  }
  return { payouts, declined, binding: { ...binding, rewardedOrderId: order.id, rewardedOn: order.date } };
}

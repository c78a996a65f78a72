// 老带新 on the store: a member's referral code (made once, on demand), binding a referrer at
// registration, and paying both sides on the referee's first qualifying purchase — in the purchase's
// transaction, with the binding marked by a conditional update so nothing pays twice.
import type { Kysely } from 'kysely';
import { applyChange, earn, type LedgerChange, type Moment, type PointsLedger } from '../../domain/loyalty/ledger.ts';
import { lotDates } from '../../domain/loyalty/expiry.ts';
import { newReferralCode, referralReward, type ReferralOutcome } from '../../domain/loyalty/referral.ts';
import { appendLedger, loadLedger } from '../../store/loyalty-ledger.repo.ts';
import { insertReferralCode, markReferralRewarded, referralCodeOf, referralOf, rewardsOfReferrer } from '../../store/loyalty-members.repo.ts';
import type { DB } from '../../store/schema.ts';
import { cryptoRandom, type AutoIssue } from './issue.ts';
import type { LoyaltySettings } from './settings.ts';

/** The member's referral code, made on first use. */
export async function ensureReferralCode(db: Kysely<DB>, customerId: number): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await referralCodeOf(db, customerId);
    if (existing) return existing;
    await insertReferralCode(db, customerId, newReferralCode(cryptoRandom));
  }
  throw new Error('could not make a unique referral code');
}

export interface ReferralPayment {
  outcome: ReferralOutcome;
  /** Rows for the referee's own ledger (the caller appends them with the order's other rows). */
  refereeChange: LedgerChange | null;
  coupons: AutoIssue[];
}

/** Pay the referral rewards this purchase earns, if it is the referee's first qualifying one. */
export async function payReferral(db: Kysely<DB>, refereeId: number, refereeLedger: PointsLedger, o: {
  orderId: string; netMinor: number; moment: Moment; settings: LoyaltySettings; opId: string;
}): Promise<ReferralPayment | null> {
  const binding = await referralOf(db, refereeId);
  if (!binding || binding.rewardedOrderId !== null) return null;
  const policy = o.settings.policy;
  const outcome = referralReward({
    binding, order: { id: o.orderId, netMinor: o.netMinor, date: o.moment.date },
    referrerRewards: await rewardsOfReferrer(db, Number(binding.referrerId)), policy: policy.referral,
  });
  if (outcome.payouts.length === 0) return { outcome, refereeChange: null, coupons: [] };
  if (!(await markReferralRewarded(db, refereeId, o.orderId, o.moment.date))) return null;
  let refereeChange: LedgerChange | null = null;
  const coupons: AutoIssue[] = [];
  const dates = lotDates(policy.expiry, policy.returnWindowDays, o.moment.date);
  for (const p of outcome.payouts) {
    const memberId = Number(p.memberId);
    if (p.couponTemplateId !== null) coupons.push({ templateId: p.couponTemplateId, customerId: memberId, quantity: 1, dedupeKey: `referral:${p.role}:${refereeId}` });
    if (p.points <= 0) continue;
    const input = { points: p.points, origin: 'reward' as const, ...dates, orderId: o.orderId, opId: o.opId, note: `referral ${p.role}` };
    if (memberId === refereeId) {
      refereeChange = earn(refereeChange ? applyChange(refereeLedger, refereeChange) : refereeLedger, input, o.moment);
    } else {
      await appendLedger(db, memberId, earn(await loadLedger(db, memberId), input, o.moment));
    }
  }
  return { outcome, refereeChange, coupons };
}

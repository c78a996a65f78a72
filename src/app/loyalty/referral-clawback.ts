// 老带新 clawback on the store: when a full return brings back the order that paid a referral, take
// both rewards back (referral-clawback.ts decides how much from which lots), void the reward coupons
// not used yet, and mark the binding — in the return's transaction, so it happens once or not at all.
import type { Kysely } from 'kysely';
import type { Moment } from '../../domain/loyalty/ledger.ts';
import { referralClawbackDue, takeBackReward, type ReferralRole } from '../../domain/loyalty/referral-clawback.ts';
import { insertReferralClawback, referralClawbackOf, voidCouponsByDedupeKey } from '../../store/loyalty-jobs.repo.ts';
import { appendLedger, loadLedger } from '../../store/loyalty-ledger.repo.ts';
import { referralOf } from '../../store/loyalty-members.repo.ts';
import type { DB } from '../../store/schema.ts';
import type { LoyaltySettings } from './settings.ts';

export interface ReferralClawback {
  referrerId: number;
  refereeId: number;
  orderId: string;
  /** Per side: the reward's points, what was taken back, what could not be found (forgiven, or owed when debt is allowed). */
  referrer: { rewarded: number; takenBack: number; shortfall: number };
  referee: { rewarded: number; takenBack: number; shortfall: number };
  couponsVoided: string[];
}

/** Take back the referral rewards `orderId` paid, if it was the referee's rewarded order and is now returned in full. */
export async function clawbackReferral(trx: Kysely<DB>, refereeId: number, o: {
  orderId: string; returnId: number; wholeOrderReturned: boolean; moment: Moment; settings: LoyaltySettings; opId: string;
}): Promise<ReferralClawback | null> {
  const binding = await referralOf(trx, refereeId);
  const already = (await referralClawbackOf(trx, refereeId)) !== undefined;
  if (!binding || !referralClawbackDue(binding, { orderId: o.orderId, wholeOrderReturned: o.wholeOrderReturned, alreadyClawedBack: already, policy: o.settings.policy.referral })) return null;
  const referrerId = Number(binding.referrerId);
  const side = async (role: ReferralRole, customerId: number) => {
    const r = takeBackReward(await loadLedger(trx, customerId), { orderId: o.orderId, role, opId: o.opId }, o.moment, o.settings.policy.ledger);
    await appendLedger(trx, customerId, r.change);
    return { rewarded: r.rewarded, takenBack: r.takenBack, shortfall: r.shortfall };
  };
  const referrer = await side('referrer', referrerId);
  const referee = await side('referee', refereeId);
  // The checkout issues referral coupons under these dedupe keys (referral.ts); used ones stay used.
  const couponsVoided = await voidCouponsByDedupeKey(trx, [`referral:referrer:${refereeId}`, `referral:referee:${refereeId}`]);
  await insertReferralClawback(trx, {
    referee_id: refereeId, order_id: o.orderId, return_id: o.returnId, business_date: o.moment.date, at: o.moment.at,
    referrer_points: referrer.takenBack, referee_points: referee.takenBack, shortfall: referrer.shortfall + referee.shortfall,
  });
  return { referrerId, refereeId, orderId: o.orderId, referrer, referee, couponsVoided };
}

// 老带新 clawback: when the referee's first qualifying order — the one that paid the referral rewards —
// comes back in full, both rewards are taken back. Points come from the reward lot first (even while
// pending), then the member's other points in spending order, then other pending points; what cannot
// be found is forgiven, or owed when policy allows debt. Like a return, it never spends a lot below zero.

import { isExpired, openDraft, type LedgerChange, type LedgerPolicy, type Moment, type PointsLedger, type PointsLot } from './ledger.ts';
import type { ReferralBinding, ReferralPolicy } from './referral.ts';

export type ReferralRole = 'referrer' | 'referee';

/** The note on the entries that paid a referral reward (written by the checkout). */
export const rewardNote = (role: ReferralRole) => `referral ${role}`;
export const clawbackNote = (role: ReferralRole) => `referral ${role} clawback`;

/** Whether returning `orderId` in full takes back the referral rewards it paid. */
export function referralClawbackDue(binding: ReferralBinding | null, o: { orderId: string; wholeOrderReturned: boolean; alreadyClawedBack: boolean; policy: Pick<ReferralPolicy, 'clawbackOnFullReturn'> }): boolean {
  return binding !== null && binding.rewardedOrderId === o.orderId && o.wholeOrderReturned && !o.alreadyClawedBack && o.policy.clawbackOnFullReturn;
}

/** The lots a referral reward for `orderId` created in this member's ledger. */
export function referralRewardLots(ledger: PointsLedger, orderId: string, role: ReferralRole): PointsLot[] {
  const note = rewardNote(role);
  const created = new Set(ledger.entries.filter((e) => e.kind === 'reward' && e.orderId === orderId && e.note === note).map((e) => e.lotNo));
  return ledger.lots.filter((l) => l.origin === 'reward' && created.has(l.lotNo));
}

export interface RewardClawback {
  change: LedgerChange;
  /** Points the reward gave. */
  rewarded: number;
  /** Points taken back from the member's lots (and put into debt when policy allows). */
  takenBack: number;
  /** Points that could not be found: forgiven, or debt when policy allows. */
  shortfall: number;
}

/**
 * Take back a member's referral reward for `orderId`. Taking back twice takes nothing more: what
 * earlier clawback entries for this order and role took counts against the reward.
 * @example reward 500, reward lot spent down to 120, 300 other points → 120 + 300 taken, 80 forgiven
 */
export function takeBackReward(ledger: PointsLedger, input: { orderId: string; role: ReferralRole; opId: string }, moment: Moment, policy: LedgerPolicy): RewardClawback {
  const own = referralRewardLots(ledger, input.orderId, input.role);
  const rewarded = own.reduce((a, l) => a + l.points, 0);
  const note = clawbackNote(input.role);
  const before = -ledger.entries.filter((e) => e.kind === 'clawback' && e.orderId === input.orderId && e.note === note).reduce((a, e) => a + e.points, 0);
  const want = Math.max(0, rewarded - before);
  const d = openDraft(ledger, moment);
  d.settle();
  const refs = { orderId: input.orderId, opId: input.opId, note };
  const mine = own.filter((l) => !isExpired(l, moment.date));
  const usable = d.usableLots().filter((l) => !mine.includes(l));
  const pending = ledger.lots.filter((l) => !mine.includes(l) && l.availableOn > moment.date && !isExpired(l, moment.date) && d.remaining(l.lotNo) > 0);
  const taken = d.take(want, [...mine, ...usable, ...pending], 'clawback', refs);
  const missing = want - taken;
  if (missing > 0 && policy.allowDebt) d.post(null, 'clawback', -missing, refs);
  d.settle();
  return { change: d.finish(), rewarded, takenBack: policy.allowDebt ? want : taken, shortfall: missing };
}

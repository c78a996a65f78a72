import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyChange, balances, DEFAULT_LEDGER_POLICY, earn, EMPTY_LEDGER, redeem, remainingByLot, type PointsLedger } from './ledger.ts';
import { referralClawbackDue, takeBackReward } from './referral-clawback.ts';

const m = (date: string) => ({ at: `${date}T04:00:00.000Z`, date });
const policy = DEFAULT_LEDGER_POLICY;

/** 300 older points expiring 2026, then a 500-point referrer reward for order 9 expiring earlier (2025), available 2024-06-08. */
function referrerLedger(): PointsLedger {
  let l: PointsLedger = EMPTY_LEDGER;
  l = applyChange(l, earn(l, { points: 300, availableOn: '2024-05-01', expiresOn: '2026-01-01' }, m('2024-05-01')));
  l = applyChange(l, earn(l, { points: 500, origin: 'reward', availableOn: '2024-06-08', expiresOn: '2025-01-01', orderId: '9', note: 'referral referrer' }, m('2024-06-01')));
  return l;
}

test('referralClawbackDue: only the rewarded order, returned in full, once, when policy says so', () => {
  const binding = { referrerId: '1', refereeId: '2', boundOn: '2024-06-01', rewardedOrderId: '9', rewardedOn: '2024-06-01' };
  const base = { orderId: '9', wholeOrderReturned: true, alreadyClawedBack: false, policy: { clawbackOnFullReturn: true } };
  assert.equal(referralClawbackDue(binding, base), true);
  assert.equal(referralClawbackDue(binding, { ...base, orderId: '10' }), false);
  assert.equal(referralClawbackDue(binding, { ...base, wholeOrderReturned: false }), false);
  assert.equal(referralClawbackDue(binding, { ...base, alreadyClawedBack: true }), false);
  assert.equal(referralClawbackDue(binding, { ...base, policy: { clawbackOnFullReturn: false } }), false);
  assert.equal(referralClawbackDue(null, base), false);
});

test('a pending reward lot is taken back whole from itself', () => {
  const l = referrerLedger();
  const r = takeBackReward(l, { orderId: '9', role: 'referrer', opId: 'return:9:R1' }, m('2024-06-03'), policy);
  assert.deepEqual([r.rewarded, r.takenBack, r.shortfall], [500, 500, 0]);
  const after = applyChange(l, r.change);
  assert.equal(remainingByLot(after).get(2), 0); // the reward lot (created by entry 2)
  assert.equal(remainingByLot(after).get(1), 300); // older points untouched
  // Again: nothing more.
  const again = takeBackReward(after, { orderId: '9', role: 'referrer', opId: 'x' }, m('2024-06-03'), policy);
  assert.deepEqual([again.takenBack, again.change.entries.length], [0, 0]);
  // The referee role's reward is another lot: none here.
  assert.equal(takeBackReward(l, { orderId: '9', role: 'referee', opId: 'x' }, m('2024-06-03'), policy).rewarded, 0);
});

test('a spent reward: the rest of the reward lot, then other points; the remainder forgiven, or owed when debt is allowed', () => {
  let l = referrerLedger();
  // On 2024-06-10 the reward lot (expiring first) pays 380 of a 380-point redemption: 120 left in it.
  const spent = redeem(l, { points: 380 }, m('2024-06-10'));
  assert.ok(spent.ok);
  l = applyChange(l, spent.change);
  const r = takeBackReward(l, { orderId: '9', role: 'referrer', opId: 'op' }, m('2024-06-12'), policy);
  // 500 to take back: 120 from the reward lot + 300 from the older lot = 420; 80 forgiven.
  assert.deepEqual([r.takenBack, r.shortfall], [420, 80]);
  assert.deepEqual(balances(applyChange(l, r.change), '2024-06-12'), { total: 0, available: 0, pending: 0, expiredUnprocessed: 0, debt: 0, spendable: 0 });
  const owed = takeBackReward(l, { orderId: '9', role: 'referrer', opId: 'op' }, m('2024-06-12'), { ...policy, allowDebt: true });
  assert.deepEqual([owed.takenBack, owed.shortfall], [500, 80]);
  assert.deepEqual(balances(applyChange(l, owed.change), '2024-06-12').debt, -80);
});

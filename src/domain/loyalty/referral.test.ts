import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_REFERRAL_POLICY, bindReferrer, newReferralCode, referralReward, type ReferralBinding } from './referral.ts';
import { validateCode } from '../promotions/codes.ts';
import { createRng } from '../demo/random.ts';
import { EMPTY_LEDGER, applyChange, balances, earn } from './ledger.ts';

const alice = { id: 'm1', phone: '13800138000', deviceIds: ['dev-a'] };
const bob = { id: 'm2', phone: '13900139000', deviceIds: ['dev-b'], registeredOn: '2024-05-01' };
const policy = { ...DEFAULT_REFERRAL_POLICY, minOrderMinor: 5000, referrer: { points: 500, couponTemplateId: null }, referee: { points: 200, couponTemplateId: 'WELCOME10' } };

test('referral codes are check-summed codes with an R prefix', () => {
  const code = newReferralCode(createRng(5));
  assert.match(code, /^R[A-HJKMNP-Z2-9]{9}$/);
  assert.equal(validateCode(code, { prefix: 'R', length: 8 }).ok, true);
});

test('binding at registration; self-referral by member, phone or device, unknown codes, late and second bindings are refused', () => {
  const ok = bindReferrer({ referee: bob, referrer: alice, existing: null, date: '2024-05-01', policy });
  assert.deepEqual(ok, { ok: true, binding: { referrerId: 'm1', refereeId: 'm2', boundOn: '2024-05-01', rewardedOrderId: null, rewardedOn: null } });
  const no = (r: ReturnType<typeof bindReferrer>) => (r.ok ? 'bound' : r.reason.code);
  assert.equal(no(bindReferrer({ referee: { ...bob, phone: alice.phone }, referrer: alice, existing: null, date: '2024-05-01', policy })), 'REFERRAL_SELF');
  assert.equal(no(bindReferrer({ referee: { ...bob, deviceIds: ['dev-x', 'dev-a'] }, referrer: alice, existing: null, date: '2024-05-01', policy })), 'REFERRAL_SELF');
  assert.equal(no(bindReferrer({ referee: { ...bob, id: 'm1' }, referrer: alice, existing: null, date: '2024-05-01', policy })), 'REFERRAL_SELF');
  assert.equal(no(bindReferrer({ referee: bob, referrer: null, existing: null, date: '2024-05-01', policy })), 'REFERRAL_CODE_UNKNOWN');
  assert.equal(no(bindReferrer({ referee: bob, referrer: alice, existing: null, date: '2024-05-02', policy })), 'REFERRAL_TOO_LATE');
  assert.equal(no(bindReferrer({ referee: bob, referrer: alice, existing: null, date: '2024-05-02', policy: { ...policy, bindWithinDays: 1 } })), 'bound');
  const existing = ok.ok ? ok.binding : null;
  assert.equal(no(bindReferrer({ referee: bob, referrer: alice, existing, date: '2024-05-01', policy })), 'REFERRAL_ALREADY_BOUND');
  const self = bindReferrer({ referee: { ...bob, phone: alice.phone }, referrer: alice, existing: null, date: '2024-05-01', policy });
  assert.equal(!self.ok && self.reason.zh, '不能推荐自己（同一手机或设备）');
});

test('seed scenario: referral reward on the first qualifying purchase, once, for both sides', () => {
  const binding: ReferralBinding = { referrerId: 'm1', refereeId: 'm2', boundOn: '2024-05-01', rewardedOrderId: null, rewardedOn: null };
  // ¥39 is below the ¥50 minimum: nothing yet, and the binding stays open.
  const small = referralReward({ binding, order: { id: 'O1', netMinor: 3900, date: '2024-05-02' }, referrerRewards: 0, policy });
  assert.deepEqual(small.payouts, []);
  assert.equal(small.declined[0]!.reason.zh, '首单满¥50才有推荐奖励');
  assert.equal(small.binding.rewardedOrderId, null);
  // ¥120 qualifies: Alice gets 500 points, Bob 200 points and the welcome coupon; the binding is closed.
  const first = referralReward({ binding: small.binding, order: { id: 'O2', netMinor: 12000, date: '2024-05-03' }, referrerRewards: 0, policy });
  assert.deepEqual(first.payouts, [
    { memberId: 'm1', role: 'referrer', points: 500, couponTemplateId: null },
    { memberId: 'm2', role: 'referee', points: 200, couponTemplateId: 'WELCOME10' },
  ]);
  assert.deepEqual([first.binding.rewardedOrderId, first.binding.rewardedOn], ['O2', '2024-05-03']);
  // The payouts become ledger lots (pending through the return window like earned points).
  const on = { at: '2024-05-03T04:00:00.000Z', date: '2024-05-03' };
  const l = applyChange(EMPTY_LEDGER, earn(EMPTY_LEDGER, { points: first.payouts[0]!.points, origin: 'reward', orderId: 'O2', availableOn: '2024-05-10', expiresOn: null }, on));
  assert.deepEqual([l.entries[0]!.kind, balances(l, '2024-05-10').available], ['reward', 500]);
  // A later purchase pays nothing more.
  const again = referralReward({ binding: first.binding, order: { id: 'O3', netMinor: 50000, date: '2024-05-09' }, referrerRewards: 1, policy });
  assert.deepEqual([again.payouts.length, again.declined[0]!.reason.code], [0, 'REFERRAL_ALREADY_REWARDED']);
});

test('the referrer cap stops the referrer reward but not the newcomer’s', () => {
  const binding: ReferralBinding = { referrerId: 'm1', refereeId: 'm3', boundOn: '2024-05-01', rewardedOrderId: null, rewardedOn: null };
  const r = referralReward({ binding, order: { id: 'O9', netMinor: 9000, date: '2024-05-02' }, referrerRewards: 50, policy });
  assert.deepEqual(r.payouts.map((p) => p.role), ['referee']);
  assert.equal(r.declined[0]!.reason.en, 'referrer reached the cap of 50 rewards');
});

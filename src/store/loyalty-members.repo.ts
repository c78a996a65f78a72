// Per-member loyalty state: the tier (state and history), growth value and tier metrics per day,
// the member's referral code, who referred them and the devices they registered from.
import type { Kysely } from 'kysely';
import type { Reason } from '../domain/loyalty/reasons.ts';
import type { ReferralBinding } from '../domain/loyalty/referral.ts';
import type { TierActivity, TierDecision, TierOverride, TierState } from '../domain/loyalty/tiers.ts';
import type { DB } from './schema.ts';
import { newId } from './ids.ts';
import { precompiled } from './precompiled.ts';

export interface MemberTier { state: TierState; enrolledOn: string }

const tierOf = precompiled('member-tier', (db, $) => db.selectFrom('member_tiers').selectAll().where('customer_id', '=', $(0)));

export async function memberTier(db: Kysely<DB>, customerId: number): Promise<MemberTier | null> {
  const [r] = await tierOf(db, customerId);
  if (!r) return null;
  return {
    state: { tierCode: r.tier_code, since: r.since, reviewOn: r.review_on, override: r.override === null ? null : JSON.parse(r.override) as TierOverride },
    enrolledOn: r.enrolled_on,
  };
}

/** Actions worth a history row even when the tier stays (a renewal, an override, enrolment). */
const NOTED = new Set(['enter', 'renew', 'override']);

/** Store a tier decision: the new state, and a history row when the tier changed or was renewed, set or entered. */
export async function saveTierDecision(db: Kysely<DB>, customerId: number, d: TierDecision,
  o: { enrolledOn: string; at: string; date: string; actor: string | null; isNew: boolean }): Promise<void> {
  const row = {
    tier_code: d.next.tierCode, since: d.next.since, review_on: d.next.reviewOn,
    override: d.next.override === null ? null : JSON.stringify(d.next.override), updated_at: o.at,
  };
  if (o.isNew) await db.insertInto('member_tiers').values({ customer_id: customerId, enrolled_on: o.enrolledOn, ...row }).execute();
  else if (d.action !== 'keep' && d.action !== 'pinned') await db.updateTable('member_tiers').set(row).where('customer_id', '=', customerId).execute();
  if (d.changed || NOTED.has(d.action)) {
    await db.insertInto('tier_history').values({
      id: newId(), customer_id: customerId, at: o.at, business_date: o.date, action: d.action, from_tier: d.from, to_tier: d.to,
      reasons: JSON.stringify(d.reasons), actor: o.actor,
    }).execute();
  }
}

export async function tierHistory(db: Kysely<DB>, customerId: number) {
  const rows = await db.selectFrom('tier_history').selectAll().where('customer_id', '=', customerId).orderBy('at').orderBy('id').execute();
  return rows.map((r) => ({ at: r.at, date: r.business_date, action: r.action, from: r.from_tier, to: r.to_tier, reasons: JSON.parse(r.reasons) as Reason[], actor: r.actor }));
}

// Sorted here rather than by `order by`, which costs SQLite ~13 µs even along the key (see loyalty-ledger.repo.ts).
const activityOf = precompiled('member-activity', (db, $) => db.selectFrom('member_activity').selectAll().where('customer_id', '=', $(0)));

export async function memberActivity(db: Kysely<DB>, customerId: number): Promise<TierActivity[]> {
  const rows = await activityOf(db, customerId);
  rows.sort((a, b) => (a.business_date < b.business_date ? -1 : a.business_date > b.business_date ? 1 : 0));
  return rows.map((r) => ({ date: r.business_date, spendMinor: r.spend_minor, orders: r.orders, interactions: r.interactions, growth: r.growth }));
}

const activityAdd = precompiled('member-activity-add', (db, $) => db.insertInto('member_activity').values({
  customer_id: $(0), business_date: $(1), spend_minor: $(2), orders: $(3), interactions: $(4), growth: $(5),
}).onConflict((oc) => oc.columns(['customer_id', 'business_date']).doUpdateSet((eb) => ({
  spend_minor: eb('member_activity.spend_minor', '+', eb.ref('excluded.spend_minor')),
  orders: eb('member_activity.orders', '+', eb.ref('excluded.orders')),
  interactions: eb('member_activity.interactions', '+', eb.ref('excluded.interactions')),
  growth: eb('member_activity.growth', '+', eb.ref('excluded.growth')),
}))));

/** Add to a member's day of activity (negative for returns). */
export async function addActivity(db: Kysely<DB>, customerId: number, a: TierActivity): Promise<void> {
  await activityAdd(db, customerId, a.date, a.spendMinor, a.orders, a.interactions, a.growth);
}

const codeOf = precompiled('referral-code-of', (db, $) => db.selectFrom('referral_codes').select('code').where('customer_id', '=', $(0)));

export async function referralCodeOf(db: Kysely<DB>, customerId: number): Promise<string | null> {
  return (await codeOf(db, customerId))[0]?.code ?? null;
}

/** Insert a member's code; false when the code (or the member) already has one. */
export async function insertReferralCode(db: Kysely<DB>, customerId: number, code: string): Promise<boolean> {
  const r = await db.insertInto('referral_codes').values({ customer_id: customerId, code }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function ownerOfReferralCode(db: Kysely<DB>, code: string): Promise<number | null> {
  return (await db.selectFrom('referral_codes').select('customer_id').where('code', '=', code).executeTakeFirst())?.customer_id ?? null;
}

const toBinding = (r: { referee_id: number; referrer_id: number; bound_on: string; rewarded_order_id: string | null; rewarded_on: string | null }): ReferralBinding => ({
  referrerId: String(r.referrer_id), refereeId: String(r.referee_id), boundOn: r.bound_on, rewardedOrderId: r.rewarded_order_id, rewardedOn: r.rewarded_on,
});

const bindingOf = precompiled('referral-of', (db, $) => db.selectFrom('referrals').selectAll().where('referee_id', '=', $(0)));

export async function referralOf(db: Kysely<DB>, refereeId: number): Promise<ReferralBinding | null> {
  const [r] = await bindingOf(db, refereeId);
  return r ? toBinding(r) : null;
}

export async function insertReferral(db: Kysely<DB>, b: ReferralBinding): Promise<void> {
  await db.insertInto('referrals').values({
    referee_id: Number(b.refereeId), referrer_id: Number(b.referrerId), bound_on: b.boundOn, rewarded_order_id: null, rewarded_on: null,
  }).execute();
  await db.updateTable('customers').set({ referrer_id: Number(b.referrerId) }).where('id', '=', Number(b.refereeId)).execute();
}

/** Keep the devices a member registered from (a device already kept for them is left as it was). */
export async function recordDevices(db: Kysely<DB>, customerId: number, deviceIds: readonly string[], at: string): Promise<void> {
  const rows = [...new Set(deviceIds)].map((device_id) => ({ customer_id: customerId, device_id, first_seen_at: at }));
  if (rows.length > 0) await db.insertInto('member_devices').values(rows).onConflict((oc) => oc.columns(['customer_id', 'device_id']).doNothing()).execute();
}

export async function devicesOf(db: Kysely<DB>, customerId: number): Promise<string[]> {
  const rows = await db.selectFrom('member_devices').select('device_id').where('customer_id', '=', customerId).execute();
  return rows.map((r) => r.device_id);
}

/** Mark the binding rewarded by this order; false when another order got there first. */
export async function markReferralRewarded(db: Kysely<DB>, refereeId: number, orderId: string, date: string): Promise<boolean> {
  const r = await db.updateTable('referrals').set({ rewarded_order_id: orderId, rewarded_on: date })
    .where('referee_id', '=', refereeId).where('rewarded_order_id', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Rewards a referrer has been paid and kept: one taken back by a full return no longer counts towards the cap. */
export async function rewardsOfReferrer(db: Kysely<DB>, referrerId: number): Promise<number> {
  const r = await db.selectFrom('referrals').select((e) => e.fn.countAll<number>().as('n'))
    .where('referrer_id', '=', referrerId).where('rewarded_order_id', 'is not', null)
    .where((e) => e.not(e.exists(e.selectFrom('referral_clawbacks').select('referral_clawbacks.referee_id')
      .whereRef('referral_clawbacks.referee_id', '=', 'referrals.referee_id'))))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

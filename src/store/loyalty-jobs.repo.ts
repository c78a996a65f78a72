// What the daily loyalty jobs read and write besides the ledger: the members a tier review must look
// at, a reviewed tier saved only if nobody changed it meanwhile, members whose birthday is near, and
// referral clawbacks. Plain functions taking `db` first (inside or outside a transaction).
import { sql, type Kysely } from 'kysely';
import type { TierActivity, TierDecision, TierOverride, TierState } from '../domain/loyalty/tiers.ts';
import { newId } from './ids.ts';
import type { DB, ReferralClawbackRow } from './schema.ts';

/**
 * Members a tier review on `date` must evaluate: review (or override end) due, a tier the ladder no
 * longer has, or — with an inactivity exit — above the entry tier and idle since `idleCutoff` or earlier.
 */
export async function membersDueForReview(db: Kysely<DB>, o: { date: string; tierCodes: readonly string[]; entryTier: string; idleCutoff: string | null }): Promise<number[]> {
  const due = await db.selectFrom('member_tiers').select('customer_id')
    .where((eb) => eb.or([eb('review_on', '<=', o.date), eb('tier_code', 'not in', [...o.tierCodes])])).execute();
  const ids = new Set(due.map((r) => r.customer_id));
  if (o.idleCutoff !== null) {
    // A day counts as active when its net orders or interactions are positive (as the tier metrics count it).
    const last = db.selectFrom('member_activity').select(['customer_id', (e) => e.fn.max('business_date').as('last_on')])
      .where('business_date', '<=', o.date).where((eb) => eb.or([eb('orders', '>', 0), eb('interactions', '>', 0)])).groupBy('customer_id').as('a');
    const idle = await db.selectFrom('member_tiers as t').leftJoin(last, 'a.customer_id', 't.customer_id').select('t.customer_id')
      .where('t.tier_code', '<>', o.entryTier)
      .where(sql<string>`coalesce(a.last_on, t.enrolled_on)`, '<=', o.idleCutoff).execute();
    for (const r of idle) ids.add(r.customer_id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** Tier state and enrolment of these members (a review reads a chunk at a time). */
export async function tiersOf(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, { state: TierState; enrolledOn: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('member_tiers').selectAll().where('customer_id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.customer_id, {
    state: { tierCode: r.tier_code, since: r.since, reviewOn: r.review_on, override: r.override === null ? null : JSON.parse(r.override) as TierOverride },
    enrolledOn: r.enrolled_on,
  }]));
}

/** Daily activity of these members, oldest first. */
export async function activityOf(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, TierActivity[]>> {
  const out = new Map<number, TierActivity[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('member_activity').selectAll().where('customer_id', 'in', [...ids]).orderBy('customer_id').orderBy('business_date').execute();
  for (const r of rows) out.get(r.customer_id)!.push({ date: r.business_date, spendMinor: r.spend_minor, orders: r.orders, interactions: r.interactions, growth: r.growth });
  return out;
}

/** Store a reviewed tier only if the member's state is still `prev`; false when a checkout (or anyone) changed it meanwhile. */
export async function saveReviewedTier(db: Kysely<DB>, customerId: number, prev: TierState, next: TierState, at: string): Promise<boolean> {
  const r = await db.updateTable('member_tiers')
    .set({ tier_code: next.tierCode, since: next.since, review_on: next.reviewOn, override: next.override === null ? null : JSON.stringify(next.override), updated_at: at })
    .where('customer_id', '=', customerId).where('tier_code', '=', prev.tierCode).where('since', '=', prev.since).where('review_on', '=', prev.reviewOn)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertTierHistory(db: Kysely<DB>, customerId: number, d: TierDecision, o: { at: string; date: string; actor: string | null }): Promise<void> {
  await db.insertInto('tier_history').values({
    id: newId(), customer_id: customerId, at: o.at, business_date: o.date, action: d.action, from_tier: d.from, to_tier: d.to, reasons: JSON.stringify(d.reasons), actor: o.actor,
  }).execute();
}

/** Grace-period holds on record for these members on or after `since` (the earliest review date among them). */
export async function holdsOf(db: Kysely<DB>, ids: readonly number[], since: string): Promise<Map<number, { tierCode: string; date: string }[]>> {
  const out = new Map<number, { tierCode: string; date: string }[]>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('tier_history').select(['customer_id', 'to_tier', 'business_date']).where('customer_id', 'in', [...ids])
    .where('action', '=', 'hold').where('business_date', '>=', since).execute();
  for (const r of rows) out.set(r.customer_id, [...out.get(r.customer_id) ?? [], { tierCode: r.to_tier, date: r.business_date }]);
  return out;
}

export interface BirthdayCandidate { customerId: number; birthDate: string; tierCode: string; enrolledOn: string }

/** Members (enrolled, not merged away) born on one of these month-days (MM-DD). */
export async function membersBornOn(db: Kysely<DB>, monthDays: readonly string[]): Promise<BirthdayCandidate[]> {
  if (monthDays.length === 0) return [];
  const rows = await db.selectFrom('member_tiers as t').innerJoin('customers as c', 'c.id', 't.customer_id')
    .select(['t.customer_id', 'c.birth_date', 't.tier_code', 't.enrolled_on'])
    .where('c.merged_into_id', 'is', null).where('c.birth_date', 'is not', null)
    .where(sql<string>`substr(c.birth_date, 6, 5)`, 'in', [...monthDays])
    .orderBy('t.customer_id').execute();
  return rows.map((r) => ({ customerId: r.customer_id, birthDate: r.birth_date!, tierCode: r.tier_code, enrolledOn: r.enrolled_on }));
}

/** Void the still-unused coupons issued under these dedupe keys; returns the codes voided. */
export async function voidCouponsByDedupeKey(db: Kysely<DB>, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db.selectFrom('coupons').select('code').where('dedupe_key', 'in', [...keys]).where('status', '=', 'active').execute();
  if (rows.length === 0) return [];
  await db.updateTable('coupons').set({ status: 'void', reserved_by: null, reserved_until: null })
    .where('code', 'in', rows.map((r) => r.code)).where('status', '=', 'active').execute();
  return rows.map((r) => r.code).sort();
}

export async function referralClawbackOf(db: Kysely<DB>, refereeId: number): Promise<ReferralClawbackRow | undefined> {
  return db.selectFrom('referral_clawbacks').selectAll().where('referee_id', '=', refereeId).executeTakeFirst();
}

export async function insertReferralClawback(db: Kysely<DB>, row: ReferralClawbackRow): Promise<void> {
  await db.insertInto('referral_clawbacks').values(row).execute();
}

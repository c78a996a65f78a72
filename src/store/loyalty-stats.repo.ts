// Counts behind the dashboard's Loyalty page: members per tier, coupons per template by state, and
// promotion-wide uses. Plain GROUP BYs that read the same on SQLite and PostgreSQL.
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** Enrolled members per tier code (codes a ladder no longer has are kept, so nobody goes missing). */
export async function membersByTier(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('member_tiers').select(['tier_code', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('tier_code').execute();
  return new Map(rows.map((r) => [r.tier_code, Number(r.n)]));
}

/** Customers not merged away: enrolled or not, the base a tier's share is taken of. */
export async function customerCount(db: Kysely<DB>): Promise<number> {
  const r = await db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('merged_into_id', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface CouponCounts { issued: number; used: number; void: number; active: number; expired: number; multiUse: number }

/** Coupons of each template by state at instant `now`: an active coupon past its validTo counts as expired, not active. */
export async function couponCountsByTemplate(db: Kysely<DB>, now: string): Promise<Map<string, CouponCounts>> {
  const when = (cond: ReturnType<typeof sql>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;
  const rows = await db.selectFrom('coupons').select((eb) => [
    'template_id',
    eb.fn.countAll<number>().as('issued'),
    when(sql`status = 'used'`).as('used'),
    when(sql`status = 'void'`).as('void'),
    when(sql`status = 'active' and valid_to > ${now}`).as('active'),
    when(sql`status = 'active' and valid_to <= ${now}`).as('expired'),
    when(sql`multi_use = 1`).as('multi_use'),
  ]).groupBy('template_id').execute();
  return new Map(rows.map((r) => [r.template_id, {
    issued: Number(r.issued), used: Number(r.used), void: Number(r.void), active: Number(r.active), expired: Number(r.expired), multiUse: Number(r.multi_use),
  }]));
}

/** Promotion-wide uses and discount given (the customer_id 0 rows), by promotion id. */
export async function promotionTotals(db: Kysely<DB>): Promise<Map<string, { uses: number; spentMinor: number }>> {
  const rows = await db.selectFrom('promotion_usage').select(['promotion_id', 'uses', 'spent_minor']).where('customer_id', '=', 0).execute();
  return new Map(rows.map((r) => [r.promotion_id, { uses: Number(r.uses), spentMinor: Number(r.spent_minor) }]));
}

// The facts the repurchase and retention reports are computed from. Whole-chain questions read the
// activity tables kept current as sales arrive (customer_day, customer_summary; cohorts and date
// ranges come from the aggregates of report-aggregates.repo.ts);
// questions by store, channel, product or category read orders and order lines. Every query filters
// by business date (inclusive) and, when given, one store.
import { sql, type Kysely } from 'kysely';
import type { OrderFact, Visit } from '../domain/analytics/overview.ts';
import type { KeyDay } from '../domain/analytics/cycle.ts';
import type { PurchaseDay } from '../domain/analytics/days.ts';
import type { DB } from './schema.ts';
import { inChunks } from './batch.ts';

/** Business dates from `from` to `to` inclusive, at one store or (null) all of them. */
export interface Scope { from: string; to: string; storeId: number | null }

const month = sql<string>`substr(business_date, 1, 7)`;

/** Orders per customer and business date in the scope. */
export async function purchaseDays(db: Kysely<DB>, s: Scope): Promise<PurchaseDay[]> {
  const rows = s.storeId === null
    ? await db.selectFrom('customer_day').select(['customer_id', 'business_date', 'orders'])
      .where('business_date', '>=', s.from).where('business_date', '<=', s.to).execute()
    : await db.selectFrom('orders').select((eb) => ['customer_id', 'business_date', eb.fn.countAll<number>().as('orders')])
      .where('customer_id', 'is not', null).where('store_id', '=', s.storeId)
      .where('business_date', '>=', s.from).where('business_date', '<=', s.to)
      .groupBy(['customer_id', 'business_date']).execute();
  return rows.map((r) => ({ customerId: Number(r.customer_id), date: r.business_date, orders: Number(r.orders) }));
}

/**
 * Customers whose first purchase at the store lies in the scope, and the months they bought there up
 * to its end: the input of a cohort table. (The whole chain reads the stored cohort_cells instead.)
 */
export async function cohortFacts(db: Kysely<DB>, s: Scope & { storeId: number }): Promise<{ firsts: { customerId: number; firstDate: string }[]; activity: { customerId: number; month: string }[] }> {
  const storeId = s.storeId;
  const firstAtStore = db.selectFrom('orders').select((eb) => ['customer_id', eb.fn.min<string>('business_date').as('first_date')])
    .where('customer_id', 'is not', null).where('store_id', '=', storeId).groupBy('customer_id');
  const firsts = await db.selectFrom(firstAtStore.as('f')).select(['f.customer_id', 'f.first_date'])
    .where('f.first_date', '>=', s.from).where('f.first_date', '<=', s.to).execute();
  const activity = await db.selectFrom('orders').select(['customer_id', month.as('month')]).distinct()
    .where('customer_id', 'is not', null).where('store_id', '=', storeId).where('business_date', '>=', s.from).where('business_date', '<=', s.to).execute();
  return {
    firsts: firsts.map((r) => ({ customerId: Number(r.customer_id), firstDate: r.first_date })),
    activity: activity.map((r) => ({ customerId: Number(r.customer_id), month: r.month })),
  };
}

/**
 * Orders placed in the scope, with store code, the distinct categories on each and the customer's first
 * purchase ever. Orders are read alone and store codes and first purchases joined here: joined in SQL,
 * SQLite walks orders through the store-date index and looks up each order's customer (two random
 * reads per order, ~30× slower over all history at 1M members; bench/dashboard.bench.ts).
 */
export async function orderFacts(db: Kysely<DB>, s: Scope): Promise<OrderFact[]> {
  let orders = db.selectFrom('orders as o')
    .select(['o.id', 'o.customer_id', 'o.business_date', 'o.store_id', 'o.channel', 'o.net_minor', 'o.discount_minor', 'o.items'])
    .where('o.business_date', '>=', s.from).where('o.business_date', '<=', s.to);
  let lines = db.selectFrom('order_lines as l').innerJoin('orders as o', 'o.id', 'l.order_id').select(['l.order_id', 'l.category']).distinct()
    .where('o.customer_id', 'is not', null).where('l.kind', '=', 'merchandise').where('l.category', 'is not', null)
    .where('o.business_date', '>=', s.from).where('o.business_date', '<=', s.to);
  if (s.storeId !== null) {
    orders = orders.where('o.store_id', '=', s.storeId);
    lines = lines.where('o.store_id', '=', s.storeId);
  }
  const categories = new Map<number, string[]>();
  for (const l of await lines.execute()) (categories.get(l.order_id) ?? categories.set(l.order_id, []).get(l.order_id)!).push(l.category!);
  const codes = new Map((await db.selectFrom('stores').select(['id', 'code']).execute()).map((r) => [Number(r.id), r.code]));
  const firsts = new Map((await db.selectFrom('customer_summary').select(['customer_id', 'first_purchase_date'])
    .where('first_purchase_date', 'is not', null).execute()).map((r) => [Number(r.customer_id), r.first_purchase_date]));
  // As the inner join to stores did, an order of an unknown store is left out.
  return (await orders.execute()).filter((o) => codes.has(Number(o.store_id))).map((o) => ({
    customerId: o.customer_id, date: o.business_date, store: codes.get(Number(o.store_id))!, channel: o.channel,
    salesMinor: o.net_minor, discountMinor: o.discount_minor, items: o.items,
    categories: categories.get(o.id) ?? [], firstPurchaseDate: o.customer_id === null ? null : firsts.get(Number(o.customer_id)) ?? null,
  }));
}

/**
 * Customers' purchase days by store and channel up to the scope's end. Days from `recentFrom` on come
 * one by one; older history is folded into its latest day per customer, store and channel, which is
 * all that "a member, dormant at every date from recentFrom on" needs.
 */
export async function visits(db: Kysely<DB>, s: Scope & { recentFrom: string }): Promise<Visit[]> {
  const base = () => {
    const q = db.selectFrom('orders as o').innerJoin('stores as s', 's.id', 'o.store_id').where('o.customer_id', 'is not', null);
    return s.storeId === null ? q : q.where('o.store_id', '=', s.storeId);
  };
  const recent = await base().select(['o.customer_id', 'o.business_date', 's.code', 'o.channel'])
    .where('o.business_date', '>=', s.recentFrom).where('o.business_date', '<=', s.to)
    .groupBy(['o.customer_id', 'o.business_date', 's.code', 'o.channel']).execute();
  const older = await base().select((eb) => ['o.customer_id', eb.fn.max<string>('o.business_date').as('business_date'), 's.code', 'o.channel'])
    .where('o.business_date', '<', s.recentFrom).where('o.business_date', '<=', s.to)
    .groupBy(['o.customer_id', 's.code', 'o.channel']).execute();
  return [...older, ...recent].map((r) => ({ customerId: Number(r.customer_id), date: r.business_date, store: r.code, channel: r.channel }));
}

/** The distinct days each customer bought each product (SKU) or category in the scope; merchandise only. */
export async function keyDays(db: Kysely<DB>, s: Scope, by: 'category' | 'sku'): Promise<KeyDay[]> {
  const key = by === 'sku' ? 'l.sku' : 'l.category';
  let q = db.selectFrom('order_lines as l').innerJoin('orders as o', 'o.id', 'l.order_id')
    .select([`${key} as key`, 'o.customer_id', 'o.business_date'])
    .where('o.customer_id', 'is not', null).where('l.kind', '=', 'merchandise').where(key, 'is not', null)
    .where('o.business_date', '>=', s.from).where('o.business_date', '<=', s.to)
    .groupBy([key, 'o.customer_id', 'o.business_date']);
  if (s.storeId !== null) q = q.where('o.store_id', '=', s.storeId);
  return (await q.execute()).map((r) => ({ key: r.key!, customerId: Number(r.customer_id), date: r.business_date }));
}

/** Catalogue names of SKUs. */
export async function productNames(db: Kysely<DB>, skus: readonly string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const chunk of inChunks(skus)) {
    for (const r of await db.selectFrom('products').select(['sku', 'name']).where('sku', 'in', chunk).execute()) out.set(r.sku, r.name);
  }
  return out;
}

/** The latest as-of date of a segment scheme's snapshots on or before `onOrBefore`, or null. */
export async function latestSnapshotDate(db: Kysely<DB>, scheme: string, onOrBefore: string): Promise<string | null> {
  const r = await db.selectFrom('segment_snapshots').select((eb) => eb.fn.max<string | null>('as_of').as('as_of'))
    .where('scheme', '=', scheme).where('as_of', '<=', onOrBefore).executeTakeFirstOrThrow();
  return r.as_of;
}

/** Customer → segment of a scheme's snapshot as of a date (empty when there is none). */
export async function segmentsAsOf(db: Kysely<DB>, scheme: string, asOf: string): Promise<Map<number, string>> {
  const rows = await db.selectFrom('segment_snapshots').select(['customer_id', 'segment']).where('scheme', '=', scheme).where('as_of', '=', asOf).execute();
  return new Map(rows.map((r) => [Number(r.customer_id), r.segment]));
}

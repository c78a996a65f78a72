// What the predictive models read from the store, and where their fits are kept: purchase days per
// customer (customer_day: distinct business dates, what BG/NBD counts), baskets of merchandise lines per
// order at SKU or category level, unit margins, and the model_fits table.
import type { Kysely } from 'kysely';
import type { PurchaseDayRow } from '../domain/models/history.ts';
import type { DB, ModelFitRow } from './schema.ts';
import { newId } from './ids.ts';
import { inChunks } from './batch.ts';

/** Purchase days of every customer (or one) on or before `upTo`, by customer then date. */
export async function purchaseDays(db: Kysely<DB>, opts: { upTo: string; customerId?: number }): Promise<PurchaseDayRow<number>[]> {
  let q = db.selectFrom('customer_day').select(['customer_id', 'business_date', 'sales_minor']).where('business_date', '<=', opts.upTo);
  if (opts.customerId !== undefined) q = q.where('customer_id', '=', opts.customerId);
  const rows = await q.orderBy('customer_id').orderBy('business_date').execute();
  return rows.map((r) => ({ customerId: r.customer_id, date: r.business_date, salesMinor: r.sales_minor }));
}

export type ItemLevel = 'sku' | 'category';

/** One item of one order: merchandise lines only, an item counted once per order. */
export interface BasketLine { orderId: number; customerId: number | null; date: string; item: string }

export interface BasketQuery {
  level: ItemLevel;
  /** Business dates, inclusive; open when absent. */
  from?: string | undefined;
  to?: string | undefined;
  customerId?: number | undefined;
}

/** Items per order in a period (anonymous orders included: a basket needs no customer), by order. */
export async function basketLines(db: Kysely<DB>, q: BasketQuery): Promise<BasketLine[]> {
  const column = q.level === 'sku' ? 'l.sku' : 'l.category';
  let query = db.selectFrom('order_lines as l').innerJoin('orders as o', 'o.id', 'l.order_id')
    .select(['o.id as order_id', 'o.customer_id', 'o.business_date', `${column} as item`]).distinct()
    .where('l.kind', '=', 'merchandise').where(column, 'is not', null);
  if (q.from !== undefined) query = query.where('o.business_date', '>=', q.from);
  if (q.to !== undefined) query = query.where('o.business_date', '<=', q.to);
  if (q.customerId !== undefined) query = query.where('o.customer_id', '=', q.customerId);
  const rows = await query.orderBy('o.id').execute();
  return rows.map((r) => ({ orderId: r.order_id, customerId: r.customer_id, date: r.business_date, item: r.item! }));
}

/** A merchandise line with both item levels, for building the SKU and category models in one pass. */
export interface SharedBasketLine { orderId: number; customerId: number | null; date: string; sku: string | null; category: string | null }

/** Merchandise lines with a SKU or a category, by order, in a period (inclusive business dates). */
export async function sharedBasketLines(db: Kysely<DB>, q: Omit<BasketQuery, 'level'>): Promise<SharedBasketLine[]> {
  let query = db.selectFrom('order_lines as l').innerJoin('orders as o', 'o.id', 'l.order_id')
    .select(['o.id as order_id', 'o.customer_id', 'o.business_date', 'l.sku', 'l.category'])
    .where('l.kind', '=', 'merchandise').where((eb) => eb.or([eb('l.sku', 'is not', null), eb('l.category', 'is not', null)]));
  if (q.from !== undefined) query = query.where('o.business_date', '>=', q.from);
  if (q.to !== undefined) query = query.where('o.business_date', '<=', q.to);
  if (q.customerId !== undefined) query = query.where('o.customer_id', '=', q.customerId);
  const rows = await query.orderBy('o.id').execute();
  return rows.map((r) => ({ orderId: r.order_id, customerId: r.customer_id, date: r.business_date, sku: r.sku, category: r.category }));
}

/** Group basket lines into baskets (item lists), in order. */
export function basketsOf(lines: readonly Pick<BasketLine, 'orderId' | 'item'>[]): string[][] {
  const out: string[][] = [];
  let current = -1;
  for (const l of lines) {
    if (l.orderId !== current) {
      out.push([]);
      current = l.orderId;
    }
    out[out.length - 1]!.push(l.item);
  }
  return out;
}

/** Margin per unit sold (minor units, rounded) of each item over lines whose cost is known, in a period. */
export async function unitMargins(db: Kysely<DB>, q: Omit<BasketQuery, 'customerId'>): Promise<Map<string, number>> {
  const column = q.level === 'sku' ? 'l.sku' : 'l.category';
  let query = db.selectFrom('order_lines as l').innerJoin('orders as o', 'o.id', 'l.order_id')
    .select((eb) => [`${column} as item`, eb.fn.sum<number>('l.net_minor').as('net'), eb.fn.sum<number>('l.cost_minor').as('cost'),
      eb.fn.sum<number>('l.quantity').as('units')])
    .where('l.kind', '=', 'merchandise').where(column, 'is not', null).where('l.cost_minor', 'is not', null)
    .groupBy(column);
  if (q.from !== undefined) query = query.where('o.business_date', '>=', q.from);
  if (q.to !== undefined) query = query.where('o.business_date', '<=', q.to);
  const out = new Map<string, number>();
  for (const r of await query.execute()) {
    const units = Number(r.units);
    if (units > 0) out.set(r.item!, Math.round((Number(r.net) - Number(r.cost)) / units));
  }
  return out;
}

/** Product names by SKU, for display. */
export async function productNames(db: Kysely<DB>, skus: Iterable<string>): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const chunk of inChunks([...new Set(skus)])) {
    for (const r of await db.selectFrom('products').select(['sku', 'name']).where('sku', 'in', chunk).execute()) out.set(r.sku, r.name);
  }
  return out;
}

/** Member number and name by customer id, for lists (no phones: those need the caller's masking). */
export async function customerLabels(db: Kysely<DB>, ids: Iterable<number>): Promise<Map<number, { memberNo: string | null; name: string | null }>> {
  const out = new Map<number, { memberNo: string | null; name: string | null }>();
  for (const chunk of inChunks([...new Set(ids)])) {
    for (const r of await db.selectFrom('customers').select(['id', 'member_no', 'name']).where('id', 'in', chunk).execute()) {
      out.set(r.id, { memberNo: r.member_no, name: r.name });
    }
  }
  return out;
}

/** The last purchase date of any customer, or null; from customer_summary's index, not a scan of orders. */
export async function lastPurchaseDate(db: Kysely<DB>): Promise<string | null> {
  const r = await db.selectFrom('customer_summary').select((eb) => eb.fn.max('last_purchase_date').as('last')).executeTakeFirst();
  return r?.last ?? null;
}

/** Currencies of the stores (their minor-unit digits must agree for money to be pooled). */
export async function storeCurrencies(db: Kysely<DB>): Promise<string[]> {
  return (await db.selectFrom('stores').select('currency').distinct().orderBy('currency').execute()).map((r) => r.currency);
}

export interface ModelFit<P = unknown, D = unknown> {
  id: number; kind: string; calibrationEnd: string; period: string; fittedAt: string;
  params: P; logLik: number | null; customers: number; details: D;
}

const toFit = <P, D>(r: ModelFitRow): ModelFit<P, D> => ({
  id: r.id, kind: r.kind, calibrationEnd: r.calibration_end, period: r.period, fittedAt: r.fitted_at,
  params: JSON.parse(r.params) as P, logLik: r.log_lik, customers: r.customers, details: JSON.parse(r.details) as D,
});

export async function saveModelFit<P, D>(db: Kysely<DB>, fit: Omit<ModelFit<P, D>, 'id'>): Promise<ModelFit<P, D>> {
  const id = newId();
  await db.insertInto('model_fits').values({
    id, kind: fit.kind, calibration_end: fit.calibrationEnd, period: fit.period, fitted_at: fit.fittedAt,
    params: JSON.stringify(fit.params), log_lik: fit.logLik, customers: fit.customers, details: JSON.stringify(fit.details),
  }).execute();
  return { id, ...fit };
}

/** The most recent fit of a kind (by fit time, then id), or undefined. */
export async function latestModelFit<P, D>(db: Kysely<DB>, kind: string): Promise<ModelFit<P, D> | undefined> {
  const r = await db.selectFrom('model_fits').selectAll().where('kind', '=', kind)
    .orderBy('fitted_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return r ? toFit<P, D>(r) : undefined;
}

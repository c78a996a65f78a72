// Per-customer facts as of a date, for the segment models, without reading order lines. When as-of is
// on or after the last business date in the store and the window is all history, the stored summary
// already is the answer (one row per customer). Otherwise the facts are aggregated from customer_day
// (dates, orders, sales), returns (refunds) and customer_category (categories), and cost from orders.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CustomerFacts } from '../domain/segments/facts.ts';
import { addDays } from '../domain/time.ts';
import type { DB } from './schema.ts';
import { eachRow, interner, rowsOf, type Cell } from './segments-read.ts';

export interface FactsQuery {
  asOf: string;
  /** Days back from as-of for orders, sales, refunds and cost (null: all history). */
  windowDays: number | null;
  /** Only customers who bought at this store on or before as-of (their facts stay chain-wide). */
  storeId?: number | null;
  /** Load cost and units (margin, prices); free from the summary, one pass over orders otherwise. */
  costAndUnits?: boolean;
  /** From the summary, also read the tags' behaviour columns in the same pass (see SummaryBehaviour). */
  behaviour?: boolean;
}

/** Weekend orders, discounted orders and the purchase day before the last, aligned with the facts. */
export interface SummaryBehaviour {
  weekendOrders: Int32Array;
  discountedOrders: Int32Array;
  previousPurchaseDate: (string | null)[];
}

export interface LoadedFacts {
  /** In customer id order. */
  facts: CustomerFacts[];
  /** Where they came from: the stored summary, or the activity tables aggregated as of the date. */
  source: 'summary' | 'activity';
  /** Read with the facts when asked for and the summary answers; null otherwise (loadBehaviour reads it). */
  behaviour: SummaryBehaviour | null;
}

const PAGE = 10_000;

/** The last business date of any order or return (null for an empty store). */
export async function lastDataDate(db: Kysely<DB>): Promise<string | null> {
  const o = await db.selectFrom('customer_summary').select((eb) => eb.fn.max<string | null>('last_purchase_date').as('d')).executeTakeFirst();
  const r = await db.selectFrom('returns').select((eb) => eb.fn.max<string | null>('business_date').as('d')).where('customer_id', 'is not', null).executeTakeFirst();
  const dates = [o?.d, r?.d].filter((d): d is string => typeof d === 'string');
  return dates.length ? dates.sort()[dates.length - 1]! : null;
}

/** The first business date in the window (exclusive lower bound), or null for all history. */
export const windowStart = (asOf: string, windowDays: number | null): string | null => (windowDays === null ? null : addDays(asOf, -windowDays));

/** Customers who bought at a store on or before as-of. */
const boughtAt = (db: Kysely<DB>, storeId: number, asOf: string) => db.selectFrom('orders').select('customer_id')
  .where('store_id', '=', storeId).where('business_date', '<=', asOf).where('customer_id', 'is not', null);

/** Ids of the customers who bought at a store on or before as-of. */
export async function customersOfStore(db: Kysely<DB>, storeId: number, asOf: string): Promise<Set<number>> {
  return new Set((await boughtAt(db, storeId, asOf).distinct().execute()).map((r) => r.customer_id!));
}

/** The stored summary answers for all history as of its last business date or later; otherwise the activity tables. */
async function factsSource(db: Kysely<DB>, q: { asOf: string; windowDays: number | null }): Promise<LoadedFacts['source']> {
  const last = await lastDataDate(db);
  return q.windowDays === null && (last === null || q.asOf >= last) ? 'summary' : 'activity';
}

export async function loadFacts(db: Kysely<DB>, q: FactsQuery): Promise<LoadedFacts> {
  return (await factsSource(db, q)) === 'summary'
    ? { ...await fromSummary(db, q), source: 'summary' }
    : { facts: await fromActivity(db, q), source: 'activity', behaviour: null };
}

async function fromSummary(db: Kysely<DB>, q: FactsQuery): Promise<{ facts: CustomerFacts[]; behaviour: SummaryBehaviour | null }> {
  const out: CustomerFacts[] = [];
  const weekend: number[] = [], discounted: number[] = [], previous: (string | null)[] = [];
  const intern = interner();
  // Keyset pages: bounded memory for the driver's rows on both dialects. The behaviour columns ride
  // along when asked for: a second pass over the wide summary rows would cost as much as the first.
  // (The profile is not joined in: read apart, at once with this, see loadSideReads.)
  for (let after = -Infinity; ;) {
    let query = db.selectFrom('customer_summary as s')
      .select(['s.customer_id', 's.first_purchase_date', 's.last_purchase_date', 's.orders', 's.purchase_days', 's.sales_minor', 's.return_minor', 's.net_minor',
        's.cost_minor', 's.costed_sales_minor', 's.items', 's.categories'])
      .where('s.orders', '>', 0).orderBy('s.customer_id').limit(PAGE);
    if (q.behaviour) query = query.select(['s.weekend_orders', 's.discounted_orders', 's.previous_purchase_date']);
    if (after > -Infinity) query = query.where('s.customer_id', '>', after);
    if (q.storeId != null) query = query.where('s.customer_id', 'in', boughtAt(db, q.storeId, q.asOf));
    const rows = await rowsOf(db, query.compile());
    for (const r of rows) {
      const [id, first, last, orders, days, sales, returns, net, cost, costed, items, categories] =
        r as [number, string, string, number, number, number, number, number, number, number, number, number];
      out.push({
        id, firstPurchaseDate: intern(first), lastPurchaseDate: intern(last), orders, purchaseDays: days, salesMinor: sales, returnMinor: returns,
        netMinor: net, costMinor: q.costAndUnits ? cost : 0, costedSalesMinor: q.costAndUnits ? costed : 0, items: q.costAndUnits ? items : 0, categories,
      });
      if (q.behaviour) { weekend.push(r[12] as number); discounted.push(r[13] as number); previous.push(intern(r[14] as string | null)); }
    }
    if (rows.length < PAGE) break;
    after = out[out.length - 1]!.id;
  }
  const behaviour = q.behaviour
    ? { weekendOrders: Int32Array.from(weekend), discountedOrders: Int32Array.from(discounted), previousPurchaseDate: previous }
    : null;
  return { facts: out, behaviour };
}

async function fromActivity(db: Kysely<DB>, q: FactsQuery): Promise<CustomerFacts[]> {
  const { asOf } = q;
  const start = windowStart(asOf, q.windowDays);
  const inWindow = (col: string) => (start === null ? sql<boolean>`1 = 1` : sql<boolean>`${sql.ref(col)} > ${start}`);
  const storeFilter = (col: string) => (q.storeId == null ? sql<boolean>`1 = 1` : sql<boolean>`${sql.ref(col)} in (${boughtAt(db, q.storeId, asOf)})`);
  const each = (query: RawBuilder<unknown>, fn: (row: [number, ...Cell[]]) => void) => eachRow(db, query.compile(db), fn as (row: Cell[]) => void);

  const byId = new Map<number, CustomerFacts>();
  const facts: CustomerFacts[] = [];
  const intern = interner();
  await each(sql`
    select customer_id, min(business_date) as first, max(business_date) as last,
      sum(case when ${inWindow('business_date')} then orders else 0 end) as orders,
      sum(case when ${inWindow('business_date')} then 1 else 0 end) as days,
      sum(case when ${inWindow('business_date')} then sales_minor else 0 end) as sales
    from customer_day where business_date <= ${asOf} and ${storeFilter('customer_id')}
    group by customer_id order by customer_id`, ([id, first, last, orders, days, sales]) => {
    const f: CustomerFacts = {
      id: Number(id), firstPurchaseDate: intern(first as string), lastPurchaseDate: intern(last as string), orders: Number(orders), purchaseDays: Number(days),
      salesMinor: Number(sales), returnMinor: 0, netMinor: Number(sales), costMinor: 0, costedSalesMinor: 0, items: 0, categories: 0,
    };
    byId.set(f.id, f);
    facts.push(f);
  });

  await each(sql`
    select customer_id, sum(amount_minor) as amount from returns
    where customer_id is not null and business_date <= ${asOf} and ${inWindow('business_date')} group by customer_id`, ([id, amount]) => {
    const f = byId.get(Number(id));
    if (f) { f.returnMinor = Number(amount); f.netMinor = f.salesMinor - f.returnMinor; }
  });

  await each(sql`select customer_id, count(*) as n from customer_category where first_date <= ${asOf} group by customer_id`, ([id, n]) => {
    const f = byId.get(Number(id));
    if (f) f.categories = Number(n);
  });

  if (q.costAndUnits) {
    await each(sql`
      select customer_id, sum(case when cost_minor is null then 0 else cost_minor end) as cost,
        sum(case when cost_minor is null then 0 else net_minor end) as costed, sum(items) as items
      from orders where customer_id is not null and business_date <= ${asOf} and ${inWindow('business_date')} group by customer_id`, ([id, cost, costed, items]) => {
      const f = byId.get(Number(id));
      if (f) { f.costMinor = Number(cost); f.costedSalesMinor = Number(costed); f.items = Number(items); }
    });
  }
  return facts;
}

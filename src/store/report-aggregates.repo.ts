// The report aggregates of migration 0009, kept as sales arrive (applySalesToReports, the cell deltas
// applied by summary.repo.ts) and recomputed from orders and returns alone (rebuildReportAggregates).
// See docs/reports.md, "Stored aggregates".
import { sql, type Kysely } from 'kysely';
import { cellDeltas, cohortCells, type CohortCell } from '../domain/analytics/cohort-cells.ts';
import { repurchaseCells, type RepurchaseCell, type WindowSums } from '../domain/analytics/repurchase-cells.ts';
import type { Grain } from '../domain/analytics/period.ts';
import { addDays } from '../domain/time.ts';
import type { DB, OrderLineRow, OrderRow, ReturnLineRow, ReturnRow, SalesDayRow } from './schema.ts';
import { applySalesToVisits, rebuildOverview } from './overview-cells.repo.ts';
import { chunksFor, inChunks } from './batch.ts';
import { precompiled, shaped, upsertRows } from './precompiled.ts';

type OrderFacts = Pick<OrderRow, 'id' | 'business_date' | 'store_id' | 'channel' | 'customer_id' | 'line_count' | 'net_minor' | 'discount_minor' | 'items'>;
type ReturnFacts = Pick<ReturnRow, 'id' | 'business_date' | 'store_id' | 'customer_id' | 'amount_minor'>;

/**
 * Fold a batch of new orders and returns (anonymous ones too) into sales_day and returns_day, and the
 * member orders into customer_visit and the overview cells, inside the batch's transaction.
 */
export async function applySalesToReports(db: Kysely<DB>, batch: {
  orders: readonly OrderFacts[]; lines: readonly Pick<OrderLineRow, 'order_id' | 'category' | 'kind'>[];
  returns: readonly ReturnFacts[]; returnLines: readonly Pick<ReturnLineRow, 'return_id'>[];
}): Promise<void> {
  const { orders, returns, returnLines } = batch;
  await applySalesToVisits(db, orders, batch.lines);
  const days = new Map<string, SalesDayRow>();
  for (const o of orders) {
    const key = `${o.business_date}|${o.store_id}|${o.channel}`;
    const d = days.get(key) ?? { business_date: o.business_date, store_id: o.store_id, channel: o.channel, orders: 0, member_orders: 0, order_lines: 0, sales_minor: 0, discount_minor: 0, items: 0 };
    d.orders += 1; d.member_orders += o.customer_id === null ? 0 : 1; d.order_lines += o.line_count;
    d.sales_minor += o.net_minor; d.discount_minor += o.discount_minor; d.items += o.items;
    days.set(key, d);
  }
  await upsertRows(db, 'sales_day', [...days.values()], { keys: ['business_date', 'store_id', 'channel'], add: ['orders', 'member_orders', 'order_lines', 'sales_minor', 'discount_minor', 'items'] });
  const linesOf = new Map<number, number>();
  for (const l of returnLines) linesOf.set(l.return_id, (linesOf.get(l.return_id) ?? 0) + 1);
  const rdays = new Map<string, { business_date: string; store_id: number; returns: number; member_returns: number; return_lines: number; return_minor: number }>();
  for (const r of returns) {
    const key = `${r.business_date}|${r.store_id}`;
    const d = rdays.get(key) ?? { business_date: r.business_date, store_id: r.store_id, returns: 0, member_returns: 0, return_lines: 0, return_minor: 0 };
    d.returns += 1; d.member_returns += r.customer_id === null ? 0 : 1; d.return_lines += linesOf.get(r.id) ?? 0; d.return_minor += r.amount_minor;
    rdays.set(key, d);
  }
  await upsertRows(db, 'returns_day', [...rdays.values()], { keys: ['business_date', 'store_id'], add: ['returns', 'member_returns', 'return_lines', 'return_minor'] });
}

/** The cells a set of customers contributes to cohort_cells and repurchase_cells, read from their activity tables. */
export interface CustomerCells { cohorts: CohortCell[]; repurchase: RepurchaseCell[] }

/** The cells of customers as their stored summary, months and days say now (customers without orders have none). */
export async function customerCellsOf(db: Kysely<DB>, customerIds: Iterable<number>): Promise<CustomerCells> {
  const out: CustomerCells = { cohorts: [], repurchase: [] };
  for (const chunk of inChunks(customerIds)) {
    const firsts = await shaped(db, 'cells:firsts', [chunk], (d, $ids) => d.selectFrom('customer_summary').select(['customer_id', 'first_purchase_date'])
      .where('customer_id', 'in', $ids).where('orders', '>', 0));
    const months = new Map<number, string[]>();
    const rows = await shaped(db, 'cells:months', [chunk], (d, $ids) => d.selectFrom('customer_month').select(['customer_id', 'month'])
      .where('customer_id', 'in', $ids).where('orders', '>', 0));
    for (const r of rows) (months.get(r.customer_id) ?? months.set(r.customer_id, []).get(r.customer_id)!).push(r.month);
    for (const f of firsts) if (f.first_purchase_date) out.cohorts.push(...cohortCells(f.first_purchase_date, months.get(f.customer_id) ?? []));
    const days = await shaped(db, 'cells:days', [chunk], (d, $ids) => d.selectFrom('customer_day').select(['customer_id', 'business_date', 'orders'])
      .where('customer_id', 'in', $ids));
    // Sorted here: SQLite's ORDER BY costs more than the sort (see loyalty-ledger.repo.ts).
    days.sort((a, b) => a.customer_id - b.customer_id || (a.business_date < b.business_date ? -1 : a.business_date > b.business_date ? 1 : 0));
    out.repurchase.push(...repurchaseCellsByCustomer(days));
  }
  return out;
}

/** Repurchase cells of customer_day rows ordered by customer and date. */
function repurchaseCellsByCustomer(rows: readonly { customer_id: number; business_date: string; orders: number }[]): RepurchaseCell[] {
  const out: RepurchaseCell[] = [];
  for (let i = 0; i < rows.length;) {
    const id = rows[i]!.customer_id;
    const days: { date: string; orders: number }[] = [];
    for (; i < rows.length && rows[i]!.customer_id === id; i++) days.push({ date: rows[i]!.business_date, orders: Number(rows[i]!.orders) });
    out.push(...repurchaseCells(days));
  }
  return out;
}

const cohortKey = (c: CohortCell) => `${c.grain}|${c.cohort}|${c.period}`;
const repurchaseKey = (c: RepurchaseCell) => `${c.span}|${c.kind}|${c.day}|${c.value}`;

/** Add the customers' new cells and take away their old ones (both from customerCellsOf, before and after a change). */
export async function applyCellChange(db: Kysely<DB>, before: CustomerCells, after: CustomerCells): Promise<void> {
  const cohorts = cellDeltas(after.cohorts, before.cohorts, cohortKey);
  await upsertRows(db, 'cohort_cells', cohorts, { keys: ['grain', 'cohort', 'period'], add: ['customers'] });
  const repurchase = cellDeltas(after.repurchase, before.repurchase, repurchaseKey);
  await upsertRows(db, 'repurchase_cells', repurchase, { keys: ['span', 'kind', 'day', 'value'], add: ['customers'] });
  // A cell nobody is in any more goes, so the tables equal a rebuild row for row.
  if (cohorts.length) await dropEmptyCohorts(db);
  if (repurchase.length) await dropEmptyRepurchase(db);
}

const dropEmptyCohorts = precompiled('cohort-cells:drop-empty', (db) => db.deleteFrom('cohort_cells').where('customers', '=', 0));
const dropEmptyRepurchase = precompiled('repurchase-cells:drop-empty', (db) => db.deleteFrom('repurchase_cells').where('customers', '=', 0));

/** Period index of a 'YYYY-MM…' column in SQL, as periodIndex() computes it. */
function indexSql(col: string, grain: Grain) {
  const y = sql`cast(substr(${sql.ref(col)}, 1, 4) as integer)`;
  const m = sql`cast(substr(${sql.ref(col)}, 6, 2) as integer)`;
  if (grain === 'year') return y;
  if (grain === 'quarter') return sql`${y} * 4 + (${m} - 1) / 3`;
  return sql`${y} * 12 + ${m} - 1`;
}

/**
 * Recompute the aggregates: sales_day, returns_day, cohort_cells and customer_visit from orders,
 * order lines and returns alone; repurchase_cells from customer_day (rebuilt from orders just before,
 * by rebuildSummaries); overview_cells from customer_visit.
 */
export async function rebuildReportAggregates(db: Kysely<DB>): Promise<void> {
  for (const t of ['sales_day', 'returns_day', 'cohort_cells', 'repurchase_cells'] as const) await db.deleteFrom(t).execute();
  await sql`insert into sales_day (business_date, store_id, channel, orders, member_orders, order_lines, sales_minor, discount_minor, items)
    select business_date, store_id, channel, count(*), count(customer_id), sum(line_count), sum(net_minor), sum(discount_minor), sum(items)
    from orders group by business_date, store_id, channel`.execute(db);
  await sql`insert into returns_day (business_date, store_id, returns, member_returns, return_lines, return_minor)
    select r.business_date, r.store_id, count(*), count(r.customer_id), coalesce(sum(l.n), 0), sum(r.amount_minor)
    from returns r left join (select return_id, count(*) as n from return_lines group by return_id) l on l.return_id = r.id
    group by r.business_date, r.store_id`.execute(db);
  for (const grain of ['month', 'quarter', 'year'] as const) {
    await sql`insert into cohort_cells (grain, cohort, period, customers)
      select ${grain}, ${indexSql('f.first_date', grain)}, ${indexSql('m.month', grain)}, count(distinct m.customer_id)
      from (select customer_id, min(business_date) as first_date from orders where customer_id is not null group by customer_id) f
      join (select distinct customer_id, substr(business_date, 1, 7) as month from orders where customer_id is not null) m on m.customer_id = f.customer_id
      group by ${indexSql('f.first_date', grain)}, ${indexSql('m.month', grain)}`.execute(db);
  }
  await rebuildRepurchaseCells(db);
  await rebuildOverview(db);
}

/** repurchase_cells from customer_day, customer by customer in keyset pages, summed in memory. */
async function rebuildRepurchaseCells(db: Kysely<DB>): Promise<void> {
  const sums = new Map<string, RepurchaseCell & { customers: number }>();
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const ids = (await db.selectFrom('customer_summary').select('customer_id').where('customer_id', '>', after).where('orders', '>', 0)
      .orderBy('customer_id').limit(20_000).execute()).map((r) => Number(r.customer_id));
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    const days = await db.selectFrom('customer_day').select(['customer_id', 'business_date', 'orders'])
      .where('customer_id', '>=', ids[0]!).where('customer_id', '<=', after).orderBy('customer_id').orderBy('business_date').execute();
    for (const c of repurchaseCellsByCustomer(days)) {
      const k = repurchaseKey(c);
      const cur = sums.get(k);
      if (cur) cur.customers += 1;
      else sums.set(k, { ...c, customers: 1 });
    }
  }
  for (const chunk of chunksFor([...sums.values()], 5)) await db.insertInto('repurchase_cells').values(chunk).execute();
}

/** First and last business date with an order (at the store), or null when there is none. */
export async function salesDateRange(db: Kysely<DB>, storeId: number | null): Promise<{ first: string; last: string } | null> {
  let q = db.selectFrom('sales_day').select((eb) => [eb.fn.min<string | null>('business_date').as('first'), eb.fn.max<string | null>('business_date').as('last')]);
  if (storeId !== null) q = q.where('store_id', '=', storeId);
  const r = await q.executeTakeFirstOrThrow();
  return r.first && r.last ? { first: r.first, last: r.last } : null;
}

/** The stored cohort cells of a grain whose cohort lies in [fromIndex, toIndex]. */
export async function storedCohortCells(db: Kysely<DB>, grain: Grain, fromIndex: number, toIndex: number): Promise<{ cohort: number; period: number; customers: number }[]> {
  const rows = await db.selectFrom('cohort_cells').select(['cohort', 'period', 'customers'])
    .where('grain', '=', grain).where('cohort', '>=', fromIndex).where('cohort', '<=', toIndex).where('period', '<=', toIndex).execute();
  return rows.map((r) => ({ cohort: Number(r.cohort), period: Number(r.period), customers: Number(r.customers) }));
}

/** Whole-history totals of sales_day and returns_day, and the customers with a purchase (one cell each at the year grain). */
export async function storedTotals(db: Kysely<DB>) {
  const s = await db.selectFrom('sales_day').select((eb) => [
    eb.fn.coalesce(eb.fn.sum<number>('orders'), eb.val(0)).as('orders'),
    eb.fn.coalesce(eb.fn.sum<number>('member_orders'), eb.val(0)).as('member_orders'),
    eb.fn.coalesce(eb.fn.sum<number>('order_lines'), eb.val(0)).as('order_lines'),
    eb.fn.coalesce(eb.fn.sum<number>('sales_minor'), eb.val(0)).as('sales_minor'),
    eb.fn.min<string | null>('business_date').as('first'), eb.fn.max<string | null>('business_date').as('last'),
  ]).executeTakeFirstOrThrow();
  const r = await db.selectFrom('returns_day').select((eb) => [
    eb.fn.coalesce(eb.fn.sum<number>('returns'), eb.val(0)).as('returns'),
    eb.fn.coalesce(eb.fn.sum<number>('member_returns'), eb.val(0)).as('member_returns'),
    eb.fn.coalesce(eb.fn.sum<number>('return_lines'), eb.val(0)).as('return_lines'),
    eb.fn.coalesce(eb.fn.sum<number>('return_minor'), eb.val(0)).as('return_minor'),
  ]).executeTakeFirstOrThrow();
  const c = await db.selectFrom('cohort_cells').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('customers'), eb.val(0)).as('n'))
    .where('grain', '=', 'year').whereRef('cohort', '=', 'period').executeTakeFirstOrThrow();
  return {
    orders: Number(s.orders), memberOrders: Number(s.member_orders), orderLines: Number(s.order_lines), salesMinor: Number(s.sales_minor),
    first: s.first, last: s.last, returns: Number(r.returns), memberReturns: Number(r.member_returns), returnLines: Number(r.return_lines),
    returnMinor: Number(r.return_minor), customersWithPurchases: Number(c.n),
  };
}

/**
 * The sums of one span of repurchase_cells (null when the span has no cells): customers by orders,
 * gaps by length, and the first-purchase counts for "bought again within N days" of a period ending on `to`.
 */
export async function repurchaseSums(db: Kysely<DB>, span: string, to: string | null, withinDays: number): Promise<WindowSums> {
  const small = await db.selectFrom('repurchase_cells').select((eb) => ['kind', 'value', eb.fn.sum<number>('customers').as('n')])
    .where('span', '=', span).where('kind', 'in', ['orders', 'gap']).groupBy(['kind', 'value']).execute();
  const byOrders = new Map<number, number>(), gaps = new Map<number, number>();
  for (const r of small) (r.kind === 'orders' ? byOrders : gaps).set(Number(r.value), Number(r.n));
  // Eligible: first purchase ≥ withinDays before `to`, i.e. on or before the cut-off day.
  const cut = to === null ? '' : addDays(to, -withinDays);
  const f = await db.selectFrom('repurchase_cells').select((eb) => [
    eb.fn.sum<number>(eb.case().when('value', '=', 1).then(eb.ref('customers')).else(0).end()).as('repeat_day'),
    eb.fn.sum<number>(eb.case().when('day', '<=', cut).then(eb.ref('customers')).else(0).end()).as('eligible'),
  ]).where('span', '=', span).where('kind', '=', 'first').executeTakeFirstOrThrow();
  const again = await db.selectFrom('repurchase_cells').select((eb) => eb.fn.sum<number>('customers').as('n'))
    .where('span', '=', span).where('kind', '=', 'second').where('value', '>=', 1).where('value', '<=', withinDays).where('day', '<=', cut)
    .executeTakeFirstOrThrow();
  return {
    byOrders, gaps, repeatDayCustomers: Number(f.repeat_day ?? 0),
    eligibleCustomers: to === null ? 0 : Number(f.eligible ?? 0), boughtAgainWithin: to === null ? 0 : Number(again.n ?? 0),
  };
}

// The per-customer summary and the customer × month / × day / × category activity tables.
// Incremental upkeep (applySalesToSummaries) folds new orders/returns in with the pure functions of
// domain/customers/summary.ts; rebuildSummaries recomputes everything with SQL aggregates, on its own.
// Both keep the cohort and repurchase cells of report-aggregates.repo.ts in step (a change moves its customers' cells).
import { sql, type Kysely } from 'kysely';
import { EMPTY_SUMMARY, addOrder, addReturn, type Summary } from '../domain/customers/summary.ts';
import { monthOf } from '../domain/time.ts';
import type { CustomerSummaryRow, DB } from './schema.ts';
import { inChunks } from './batch.ts';
import { shaped, upsertRows } from './precompiled.ts';
import { rebuildVisitsOf } from './overview-cells.repo.ts';
import { applyCellChange, customerCellsOf, rebuildReportAggregates } from './report-aggregates.repo.ts';
import { isWeekendSql } from './sql-dates.ts';

export const toSummary = (r: CustomerSummaryRow): Summary => ({
  firstPurchaseAt: r.first_purchase_at, lastPurchaseAt: r.last_purchase_at, firstPurchaseDate: r.first_purchase_date,
  lastPurchaseDate: r.last_purchase_date, orders: r.orders, purchaseDays: r.purchase_days, items: r.items,
  grossMinor: r.gross_minor, discountMinor: r.discount_minor, salesMinor: r.sales_minor, costMinor: r.cost_minor,
  costedSalesMinor: r.costed_sales_minor, returns: r.returns, returnItems: r.return_items, returnMinor: r.return_minor,
  netMinor: r.net_minor, categories: r.categories, weekendOrders: r.weekend_orders, discountedOrders: r.discounted_orders,
  previousPurchaseDate: r.previous_purchase_date,
});

const toRow = (customerId: number, s: Summary): CustomerSummaryRow => ({
  customer_id: customerId, first_purchase_at: s.firstPurchaseAt, last_purchase_at: s.lastPurchaseAt,
  first_purchase_date: s.firstPurchaseDate, last_purchase_date: s.lastPurchaseDate, orders: s.orders,
  purchase_days: s.purchaseDays, items: s.items, gross_minor: s.grossMinor, discount_minor: s.discountMinor,
  sales_minor: s.salesMinor, cost_minor: s.costMinor, costed_sales_minor: s.costedSalesMinor, returns: s.returns,
  return_items: s.returnItems, return_minor: s.returnMinor, net_minor: s.netMinor, categories: s.categories,
  weekend_orders: s.weekendOrders, discounted_orders: s.discountedOrders, previous_purchase_date: s.previousPurchaseDate,
});

export interface NewOrderFacts {
  customerId: number; placedAt: string; businessDate: string; items: number; grossMinor: number;
  discountMinor: number; netMinor: number; costMinor: number | null;
  /** Merchandise lines by category: units and net amount. */
  categories: ReadonlyMap<string, { items: number; salesMinor: number }>;
}
export interface NewReturnFacts { customerId: number; businessDate: string; amountMinor: number; items: number }

/** Fold a batch of new orders and returns into the stored summaries (run inside the batch's transaction). */
export async function applySalesToSummaries(db: Kysely<DB>, orders: readonly NewOrderFacts[], returns: readonly NewReturnFacts[]): Promise<void> {
  const customerIds = new Set([...orders.map((o) => o.customerId), ...returns.map((r) => r.customerId)]);
  if (customerIds.size === 0) return;
  // The report cells of the buyers before and after the batch: their difference is the upkeep.
  const buyers = [...new Set(orders.map((o) => o.customerId))];
  const cellsBefore = await customerCellsOf(db, buyers);
  const summaries = new Map<number, Summary>();
  const days = new Set<string>();
  const cats = new Map<string, { orders: number; items: number; sales_minor: number; first_date: string; last_date: string; changed: boolean }>();
  for (const chunk of inChunks(customerIds)) {
    const inChunk = new Set(chunk);
    const chunkOrders = orders.filter((o) => inChunk.has(o.customerId));
    const stored = await shaped(db, 'summaries-of', [chunk], (d, $ids) => d.selectFrom('customer_summary').selectAll().where('customer_id', 'in', $ids));
    for (const r of stored) summaries.set(r.customer_id, toSummary(r));
    const orderDates = [...new Set(chunkOrders.map((o) => o.businessDate))];
    for (const chunkDates of inChunks(orderDates, 2000)) {
      const rows = await shaped(db, 'days-of', [chunk, chunkDates], (d, $ids, $dates) => d.selectFrom('customer_day')
        .select(['customer_id', 'business_date']).where('customer_id', 'in', $ids).where('business_date', 'in', $dates));
      for (const r of rows) days.add(`${r.customer_id}|${r.business_date}`);
    }
    const catNames = [...new Set(chunkOrders.flatMap((o) => [...o.categories.keys()]))];
    for (const chunkCats of inChunks(catNames, 2000)) {
      const rows = await shaped(db, 'categories-of', [chunk, chunkCats], (d, $ids, $cats) => d.selectFrom('customer_category').selectAll()
        .where('customer_id', 'in', $ids).where('category', 'in', $cats));
      for (const r of rows) cats.set(`${r.customer_id}|${r.category}`, { ...r, changed: false });
    }
  }

  const dayDelta = new Map<string, { customer_id: number; business_date: string; orders: number; sales_minor: number }>();
  const monthDelta = new Map<string, { customer_id: number; month: string; orders: number; purchase_days: number; items: number; sales_minor: number; return_minor: number }>();
  const month = (customerId: number, m: string) => {
    const key = `${customerId}|${m}`;
    let d = monthDelta.get(key);
    if (!d) monthDelta.set(key, (d = { customer_id: customerId, month: m, orders: 0, purchase_days: 0, items: 0, sales_minor: 0, return_minor: 0 }));
    return d;
  };
  for (const o of [...orders].sort((a, b) => (a.placedAt < b.placedAt ? -1 : a.placedAt > b.placedAt ? 1 : 0))) {
    const dayKey = `${o.customerId}|${o.businessDate}`;
    const newDay = !days.has(dayKey);
    days.add(dayKey);
    let newCats = 0;
    for (const [category, c] of o.categories) {
      const key = `${o.customerId}|${category}`;
      const cur = cats.get(key);
      if (!cur) {
        newCats++;
        cats.set(key, { orders: 1, items: c.items, sales_minor: c.salesMinor, first_date: o.businessDate, last_date: o.businessDate, changed: true });
      } else {
        cur.orders += 1; cur.items += c.items; cur.sales_minor += c.salesMinor;
        if (o.businessDate < cur.first_date) cur.first_date = o.businessDate;
        if (o.businessDate > cur.last_date) cur.last_date = o.businessDate;
        cur.changed = true;
      }
    }
    summaries.set(o.customerId, addOrder(summaries.get(o.customerId) ?? EMPTY_SUMMARY, o, newDay, newCats));
    const d = dayDelta.get(dayKey) ?? { customer_id: o.customerId, business_date: o.businessDate, orders: 0, sales_minor: 0 };
    d.orders += 1; d.sales_minor += o.netMinor;
    dayDelta.set(dayKey, d);
    const m = month(o.customerId, monthOf(o.businessDate));
    m.orders += 1; m.items += o.items; m.sales_minor += o.netMinor; m.purchase_days += newDay ? 1 : 0;
  }
  for (const r of returns) {
    summaries.set(r.customerId, addReturn(summaries.get(r.customerId) ?? EMPTY_SUMMARY, r));
    month(r.customerId, monthOf(r.businessDate)).return_minor += r.amountMinor;
  }

  // Rows carry the whole summary (replaced); activity rows carry deltas (added).
  const summaryRows = [...customerIds].map((id) => toRow(id, summaries.get(id)!));
  const values = Object.keys(summaryRows[0]!).filter((c) => c !== 'customer_id') as (keyof CustomerSummaryRow)[];
  await upsertRows(db, 'customer_summary', summaryRows, { keys: ['customer_id'], replace: values });
  await upsertRows(db, 'customer_day', [...dayDelta.values()], { keys: ['customer_id', 'business_date'], add: ['orders', 'sales_minor'] });
  await upsertRows(db, 'customer_month', [...monthDelta.values()], { keys: ['customer_id', 'month'], add: ['orders', 'purchase_days', 'items', 'sales_minor', 'return_minor'] });
  const catRows = [...cats].filter(([, c]) => c.changed).map(([key, c]) => {
    const bar = key.indexOf('|');
    return { customer_id: Number(key.slice(0, bar)), category: key.slice(bar + 1), orders: c.orders, items: c.items, sales_minor: c.sales_minor, first_date: c.first_date, last_date: c.last_date };
  });
  await upsertRows(db, 'customer_category', catRows, { keys: ['customer_id', 'category'], replace: ['orders', 'items', 'sales_minor', 'first_date', 'last_date'] });
  await applyCellChange(db, cellsBefore, await customerCellsOf(db, buyers));
}

/**
 * Recompute the summary and activity tables from orders and returns with SQL aggregates, for every
 * customer or only `customerIds` (after a merge). Independent of the incremental path by design.
 */
export async function rebuildSummaries(db: Kysely<DB>, customerIds?: readonly number[]): Promise<void> {
  // A partial rebuild (a merge) moves the customers' report cells; a full one recomputes every aggregate.
  const cellsBefore = customerIds ? await customerCellsOf(db, customerIds) : null;
  const scope = (col: string) => (customerIds ? sql`${sql.ref(col)} in (${sql.join(customerIds.length ? customerIds : [-1])})` : sql`1 = 1`);
  for (const t of ['customer_summary', 'customer_month', 'customer_day', 'customer_category'] as const) {
    await db.deleteFrom(t).where(customerIds ? (eb) => eb('customer_id', 'in', customerIds.length ? [...customerIds] : [-1]) : sql<boolean>`1 = 1`).execute();
  }
  await sql`insert into customer_day (customer_id, business_date, orders, sales_minor)
    select customer_id, business_date, count(*), sum(net_minor) from orders
    where customer_id is not null and ${scope('customer_id')} group by customer_id, business_date`.execute(db);
  await sql`insert into customer_category (customer_id, category, orders, items, sales_minor, first_date, last_date)
    select o.customer_id, l.category, count(distinct o.id), sum(l.quantity), sum(l.net_minor), min(o.business_date), max(o.business_date)
    from order_lines l join orders o on o.id = l.order_id
    where o.customer_id is not null and l.kind = 'merchandise' and l.category is not null and ${scope('o.customer_id')}
    group by o.customer_id, l.category`.execute(db);
  await sql`insert into customer_month (customer_id, month, orders, purchase_days, items, sales_minor, return_minor)
    select customer_id, substr(business_date, 1, 7), count(*), count(distinct business_date), sum(items), sum(net_minor), 0
    from orders where customer_id is not null and ${scope('customer_id')} group by customer_id, substr(business_date, 1, 7)`.execute(db);
  await sql`insert into customer_month (customer_id, month, orders, purchase_days, items, sales_minor, return_minor)
    select customer_id, substr(business_date, 1, 7), 0, 0, 0, 0, sum(amount_minor)
    from returns where customer_id is not null and ${scope('customer_id')} group by customer_id, substr(business_date, 1, 7)
    on conflict (customer_id, month) do update set return_minor = excluded.return_minor`.execute(db);
  await sql`insert into customer_summary (customer_id, first_purchase_at, last_purchase_at, first_purchase_date, last_purchase_date,
      orders, purchase_days, items, gross_minor, discount_minor, sales_minor, cost_minor, costed_sales_minor,
      returns, return_items, return_minor, net_minor, categories, weekend_orders, discounted_orders, previous_purchase_date)
    select c.id, o.first_at, o.last_at, o.first_date, o.last_date,
      coalesce(o.n, 0), coalesce(o.days, 0), coalesce(o.items, 0), coalesce(o.gross, 0), coalesce(o.discount, 0), coalesce(o.sales, 0),
      coalesce(o.cost, 0), coalesce(o.costed_sales, 0), coalesce(r.n, 0), coalesce(r.items, 0), coalesce(r.amount, 0),
      coalesce(o.sales, 0) - coalesce(r.amount, 0), coalesce(k.n, 0), coalesce(o.weekend, 0), coalesce(o.discounted, 0), p.previous
    from customers c
    left join (select customer_id, min(placed_at) as first_at, max(placed_at) as last_at, min(business_date) as first_date,
        max(business_date) as last_date, count(*) as n, count(distinct business_date) as days, sum(items) as items,
        sum(gross_minor) as gross, sum(discount_minor) as discount, sum(net_minor) as sales,
        sum(case when cost_minor is null then 0 else cost_minor end) as cost,
        sum(case when cost_minor is null then 0 else net_minor end) as costed_sales,
        sum(case when ${isWeekendSql(db, 'business_date')} then 1 else 0 end) as weekend,
        sum(case when discount_minor > 0 then 1 else 0 end) as discounted
      from orders where customer_id is not null group by customer_id) o on o.customer_id = c.id
    left join (select customer_id, count(*) as n, sum(items) as items, sum(amount_minor) as amount
      from returns where customer_id is not null group by customer_id) r on r.customer_id = c.id
    left join (select customer_id, count(*) as n from customer_category group by customer_id) k on k.customer_id = c.id
    left join (select d.customer_id, max(d.business_date) as previous from customer_day d
      join (select customer_id, max(business_date) as last from customer_day where ${scope('customer_id')} group by customer_id) l
        on l.customer_id = d.customer_id and d.business_date < l.last
      group by d.customer_id) p on p.customer_id = c.id
    where (o.customer_id is not null or r.customer_id is not null) and ${scope('c.id')}`.execute(db);
  if (customerIds) {
    await applyCellChange(db, cellsBefore!, await customerCellsOf(db, customerIds));
    await rebuildVisitsOf(db, customerIds);
  }
  else await rebuildReportAggregates(db);
}

export async function getSummary(db: Kysely<DB>, customerId: number): Promise<Summary | undefined> {
  const r = await db.selectFrom('customer_summary').selectAll().where('customer_id', '=', customerId).executeTakeFirst();
  return r ? toSummary(r) : undefined;
}

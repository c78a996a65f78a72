// The overview's stored distinct-customer counts (overview_cells) and the visits they come from
// (customer_visit), kept as sales arrive and on merges by the before/after difference of the
// customers concerned, and rebuilt from orders and order lines. See docs/reports.md, "Stored aggregates".
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { cellDeltas } from '../domain/analytics/cohort-cells.ts';
import { overviewCells, TOTAL, type OverviewCell, type OverviewSums, type StoredVisit } from '../domain/analytics/overview-cells.ts';
import type { Windows } from '../domain/analytics/overview.ts';
import { monthsOf, type Period } from '../domain/analytics/period.ts';
import { addDays, monthOf } from '../domain/time.ts';
import type { CustomerVisitRow, DB, OrderLineRow, OrderRow } from './schema.ts';
import { chunksFor, inChunks } from './batch.ts';
import { precompiled, shaped, upsertRows } from './precompiled.ts';

const cellKey = (c: OverviewCell) => `${c.span}|${c.kind}|${c.slice}|${c.day}|${c.until}`;
const toVisit = (r: Pick<CustomerVisitRow, 'business_date' | 'store_id' | 'channel' | 'categories'>): StoredVisit => ({
  date: r.business_date, store: String(r.store_id), channel: r.channel, categories: JSON.parse(r.categories) as string[],
});

/** Stored visits of customers, by customer. */
async function visitsOf(db: Kysely<DB>, customerIds: Iterable<number>): Promise<Map<number, CustomerVisitRow[]>> {
  const out = new Map<number, CustomerVisitRow[]>();
  for (const chunk of inChunks(customerIds)) {
    for (const r of await shaped(db, 'visits-of', [chunk], (d, $ids) => d.selectFrom('customer_visit').selectAll().where('customer_id', 'in', $ids))) {
      const id = Number(r.customer_id);
      (out.get(id) ?? out.set(id, []).get(id)!).push(r);
    }
  }
  return out;
}

const cellsOf = (visits: ReadonlyMap<number, readonly CustomerVisitRow[]>) => [...visits.values()].flatMap((vs) => overviewCells(vs.map(toVisit)));

async function applyCells(db: Kysely<DB>, before: readonly OverviewCell[], after: readonly OverviewCell[]): Promise<void> {
  const deltas = cellDeltas(after, before, cellKey);
  await upsertRows(db, 'overview_cells', deltas, { keys: ['span', 'kind', 'slice', 'day', 'until'], add: ['customers'] });
  if (deltas.length) await dropEmpty(db);
}

const dropEmpty = precompiled('overview-cells:drop-empty', (db) => db.deleteFrom('overview_cells').where('customers', '=', 0));

/** Fold a batch's member orders into customer_visit and move their customers' overview cells (inside the batch's transaction). */
export async function applySalesToVisits(
  db: Kysely<DB>, orders: readonly Pick<OrderRow, 'id' | 'customer_id' | 'business_date' | 'store_id' | 'channel'>[],
  lines: readonly Pick<OrderLineRow, 'order_id' | 'category' | 'kind'>[],
): Promise<void> {
  const members = orders.filter((o) => o.customer_id !== null);
  if (members.length === 0) return;
  const cats = new Map<number, Set<string>>();
  for (const l of lines) if (l.kind === 'merchandise' && l.category) (cats.get(l.order_id) ?? cats.set(l.order_id, new Set()).get(l.order_id)!).add(l.category);
  const stored = await visitsOf(db, members.map((o) => o.customer_id!));
  const before = cellsOf(stored);
  const visitKey = (id: number, date: string, storeId: number, channel: string) => `${id}|${date}|${storeId}|${channel}`;
  const byKey = new Map<string, CustomerVisitRow>();
  for (const [id, list] of stored) for (const r of list) byKey.set(visitKey(id, r.business_date, Number(r.store_id), r.channel), r);
  const changed = new Map<string, CustomerVisitRow>();
  for (const o of members) {
    const id = o.customer_id!;
    const key = visitKey(id, o.business_date, o.store_id, o.channel);
    let v = byKey.get(key);
    if (!v) {
      v = { customer_id: id, business_date: o.business_date, store_id: o.store_id, channel: o.channel, categories: '[]' };
      byKey.set(key, v);
      (stored.get(id) ?? stored.set(id, []).get(id)!).push(v);
    }
    const added = cats.get(o.id);
    if (added) v.categories = JSON.stringify([...new Set([...(JSON.parse(v.categories) as string[]), ...added])].sort());
    changed.set(key, v);
  }
  await upsertRows(db, 'customer_visit', [...changed.values()], { keys: ['customer_id', 'business_date', 'store_id', 'channel'], replace: ['categories'] });
  await applyCells(db, before, cellsOf(stored));
}

/** Visits from orders and order lines (all customers, or some): categories as a JSON array, in any order. */
async function insertVisitsFromOrders(db: Kysely<DB>, customerIds?: readonly number[]): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const cats = pg
    ? sql`coalesce(json_agg(distinct l.category) filter (where l.category is not null), '[]')::text`
    : sql`json_group_array(distinct l.category) filter (where l.category is not null)`;
  const scope = customerIds ? sql`o.customer_id in (${sql.join(customerIds.length ? customerIds : [-1])})` : sql`o.customer_id is not null`;
  await sql`insert into customer_visit (customer_id, business_date, store_id, channel, categories)
    select o.customer_id, o.business_date, o.store_id, o.channel, ${cats}
    from orders o left join order_lines l on l.order_id = o.id and l.kind = 'merchandise' and l.category is not null
    where ${scope} group by o.customer_id, o.business_date, o.store_id, o.channel`.execute(db);
}

/** After orders moved between customers (a merge): their visits again from orders, and their cells moved. */
export async function rebuildVisitsOf(db: Kysely<DB>, customerIds: readonly number[]): Promise<void> {
  const before = cellsOf(await visitsOf(db, customerIds));
  await db.deleteFrom('customer_visit').where('customer_id', 'in', customerIds.length ? [...customerIds] : [-1]).execute();
  await insertVisitsFromOrders(db, customerIds);
  await applyCells(db, before, cellsOf(await visitsOf(db, customerIds)));
}

/** customer_visit from orders and order lines, then overview_cells customer by customer (keyset pages, summed in memory). */
export async function rebuildOverview(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('customer_visit').execute();
  await db.deleteFrom('overview_cells').execute();
  await insertVisitsFromOrders(db);
  const sums = new Map<string, OverviewCell & { customers: number }>();
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const ids = (await db.selectFrom('customer_visit').select('customer_id').distinct().where('customer_id', '>', after)
      .orderBy('customer_id').limit(20_000).execute()).map((r) => Number(r.customer_id));
    if (ids.length === 0) break;
    const last = ids[ids.length - 1]!;
    const byCustomer = new Map<number, CustomerVisitRow[]>();
    for (const r of await db.selectFrom('customer_visit').selectAll().where('customer_id', '>', after).where('customer_id', '<=', last).execute()) {
      (byCustomer.get(Number(r.customer_id)) ?? byCustomer.set(Number(r.customer_id), []).get(Number(r.customer_id))!).push(r);
    }
    for (const c of cellsOf(byCustomer)) {
      const k = cellKey(c);
      const cur = sums.get(k);
      if (cur) cur.customers += 1;
      else sums.set(k, { ...c, customers: 1 });
    }
    after = last;
  }
  for (const chunk of chunksFor([...sums.values()], 6)) await db.insertInto('overview_cells').values(chunk).execute();
}

/**
 * What overviewFromCells needs for a stored span over `period`: the span's and its months' counts,
 * the total's run cells, every other slice's members / active / dormant as of the period end (summed
 * in SQL), and the period's day totals.
 */
export async function overviewSums(db: Kysely<DB>, span: string, period: Period, windows: Windows): Promise<OverviewSums> {
  const spans = [...new Set([span, ...monthsOf(period).map((m) => m.month)])];
  const counts = await db.selectFrom('overview_cells').select(['span', 'kind', 'slice', 'customers'])
    .where('span', 'in', spans).where('kind', 'in', ['customers', 'new', 'xsell']).execute();
  const runs = () => db.selectFrom('overview_cells').where('span', '=', '').where('kind', '=', 'run').where('day', '<=', period.to);
  // All the total's runs up to the end (each month picks its own); other slices only as of the end.
  const totalRuns = await runs().select(['day', 'until', 'customers']).where('slice', '=', TOTAL).execute();
  const activeAfter = addDays(period.to, -windows.activeDays), dormantBy = addDays(period.to, -windows.dormantDays);
  const others = await runs().select((eb) => [
    'slice', eb.fn.sum<number>('customers').as('members'),
    eb.fn.sum<number>(eb.case().when('day', '>', activeAfter).then(eb.ref('customers')).else(0).end()).as('active'),
    eb.fn.sum<number>(eb.case().when('day', '<=', dormantBy).then(eb.ref('customers')).else(0).end()).as('dormant'),
  ]).where('slice', '<>', TOTAL).where((eb) => eb.or([eb('until', '=', ''), eb('until', '>', monthOf(period.to))])).groupBy('slice').execute();
  const sales = await db.selectFrom('sales_day').selectAll().where('business_date', '>=', period.from).where('business_date', '<=', period.to).execute();
  return {
    counts: counts.map((c) => ({ ...c, customers: Number(c.customers) })),
    totalRuns: totalRuns.map((r) => ({ ...r, customers: Number(r.customers) })),
    asOfEnd: new Map(others.map((r) => [r.slice, { members: Number(r.members), active: Number(r.active), dormant: Number(r.dormant) }])),
    sales: sales.map((r) => ({
      date: r.business_date, store: String(r.store_id), channel: r.channel, orders: Number(r.orders), memberOrders: Number(r.member_orders),
      salesMinor: Number(r.sales_minor), discountMinor: Number(r.discount_minor), items: Number(r.items),
    })),
  };
}

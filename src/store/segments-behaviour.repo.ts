// Behaviour facts for the tags and the lifecycle, as of a date: the purchase day before the last and
// weekend orders, discounted orders, birth date and gender (customers), and category preferences.
// Current and over all history (the segments' usual question) the first three are kept in
// customer_summary and read with the facts, the profile joined in the same pass; as of a past date or
// within a window they come from customer_day and orders, and the profile from its own pass.
// Only the category preferences read order lines, and only for customers whose customer_category rows
// make them candidates (one range of the customer_category_recent index, migration 0012).
import { Worker } from 'node:worker_threads';
import { PostgresAdapter, sql, type CompiledQuery, type Kysely, type RawBuilder } from 'kysely';
import { dayNumbers, EMPTY_BEHAVIOUR, type CustomerBehaviour, type CustomerFacts } from '../domain/segments/facts.ts';
import type { CategoryPreference } from '../domain/segments/tags.ts';
import { addDays } from '../domain/time.ts';
import { sqliteHandle } from './db.ts';
import type { DB } from './schema.ts';
import type { CategoryJob, CategoryRows } from './segments-category.worker.ts';
import { eachRow, interner, type Cell } from './segments-read.ts';
import { windowStart, type SummaryBehaviour } from './segments.repo.ts';

export interface BehaviourQuery {
  asOf: string;
  windowDays: number | null;
  /** What to load; parts left out keep their empty values. */
  parts: { days?: boolean; orders?: boolean; profile?: boolean; categories?: readonly CategoryPreference[] };
  /** The summary's behaviour columns and profile read with the facts (loadFacts with `behaviour`, when the summary
   * answers); without them, weekend orders, discounted orders and the previous day are read from customer_day and
   * orders, and the profile from customers. */
  summary?: SummaryBehaviour | null;
  /** The category preferences' counts already read (loadCategoryOrders, started before the facts); read here otherwise. */
  categoryOrders?: CategoryOrders;
}

/** Orders containing each preference's category in its look-back: tag → customer id → orders. */
export type CategoryOrders = ReadonlyMap<string, ReadonlyMap<number, number>>;

/** Behaviour aligned with `facts` (same order; loadFacts gives them in id order). */
export async function loadBehaviour(db: Kysely<DB>, facts: readonly CustomerFacts[], q: BehaviourQuery): Promise<CustomerBehaviour[]> {
  const n = facts.length;
  const { asOf, summary, parts } = q;
  const start = windowStart(asOf, q.windowDays);
  const each = (query: CompiledQuery, fn: (row: [number, ...Cell[]]) => void) => eachRow(db, query, fn as (row: Cell[]) => void);
  const positionOf = positions(facts);
  // Columns first, one record per customer at the end: a million spread-and-patched records cost
  // far more than a million literals.
  const empty = <T>(v: T): T[] => new Array<T>(n).fill(v);
  let previous: readonly (string | null)[] | null = null, weekend: ArrayLike<number> | null = null, discounted: ArrayLike<number> | null = null;
  let birth: readonly (string | null)[] | null = null, gender: readonly string[] | null = null;

  if (parts.days && summary) { previous = summary.previousPurchaseDate; weekend = summary.weekendOrders; }
  if (parts.orders && summary) discounted = summary.discountedOrders;
  if (parts.profile && summary) { birth = summary.birthDate; gender = summary.gender; }

  if (parts.days && !summary) {
    // One pass over the purchase days, no self-join: the last day is already in the facts, so the
    // previous one is the latest day before it; the weekday comes from the date (1970-01-01 was a Thursday).
    const day = dayNumbers();
    const intern = interner();
    const prev = empty<string | null>(null), wk = new Int32Array(n);
    await each(sql`select customer_id, business_date, orders from customer_day where business_date <= ${asOf}`.compile(db), ([id, date, orders]) => {
      const i = positionOf(Number(id));
      if (i < 0) return;
      const d = date as string, p = prev[i]!;
      if (d < facts[i]!.lastPurchaseDate && (p === null || d > p)) prev[i] = intern(d);
      const dow = (day(d) + 4) % 7;
      if ((dow === 0 || dow === 6) && (start === null || d > start)) wk[i]! += Number(orders);
    });
    previous = prev; weekend = wk;
  }

  if (parts.orders && !summary) {
    // Only the discounted orders: half the rows out of the group-by (units come with the facts).
    const disc = new Int32Array(n);
    await each(sql`
      select customer_id, count(*) as discounted from orders
      where discount_minor > 0 and customer_id is not null and business_date <= ${asOf} and ${start === null ? sql`1 = 1` : sql`business_date > ${start}`}
      group by customer_id`.compile(db), ([id, count]) => {
      const i = positionOf(Number(id));
      if (i >= 0) disc[i] = Number(count);
    });
    discounted = disc;
  }

  if (parts.profile && !summary) {
    const intern = interner();
    const b = empty<string | null>(null), g = empty(EMPTY_BEHAVIOUR.gender);
    await each(db.selectFrom('customers').select(['id', 'birth_date', 'gender']).where('merged_into_id', 'is', null).compile(), ([id, birthDate, sex]) => {
      const i = positionOf(Number(id));
      if (i >= 0) { b[i] = intern(birthDate as string | null); g[i] = intern(sex as string); }
    });
    birth = b; gender = g;
  }

  // Most customers have no preference counts: they share the empty record.
  const counts = new Map<number, Record<string, number>>();
  const byTag = q.categoryOrders ?? await readCategoryOrders(db, parts.categories ?? [], asOf, false);
  for (const pref of parts.categories ?? []) {
    for (const [id, orders] of byTag.get(pref.tag) ?? []) {
      const i = positionOf(id);
      if (i >= 0) counts.set(i, { ...counts.get(i), [pref.tag]: orders });
    }
  }

  const out = new Array<CustomerBehaviour>(n);
  for (let i = 0; i < n; i++) {
    out[i] = {
      previousPurchaseDate: previous ? previous[i]! : null, discountedOrders: discounted ? discounted[i]! : 0, weekendOrders: weekend ? weekend[i]! : 0,
      birthDate: birth ? birth[i]! : null, gender: gender ? gender[i]! : EMPTY_BEHAVIOUR.gender, categoryOrders: counts.get(i) ?? EMPTY_BEHAVIOUR.categoryOrders,
    };
  }
  return out;
}

/**
 * Position of a customer id in `facts` (−1 when absent). Facts come in id order, so a binary search
 * needs no million-entry map; a map is built only if they do not.
 */
function positions(facts: readonly CustomerFacts[]): (id: number) => number {
  let sorted = true;
  for (let i = 1; i < facts.length && sorted; i++) sorted = facts[i - 1]!.id < facts[i]!.id;
  if (!sorted) {
    const index = new Map<number, number>();
    facts.forEach((f, i) => index.set(f.id, i));
    return (id) => index.get(id) ?? -1;
  }
  return (id) => {
    let lo = 0, hi = facts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1, v = facts[mid]!.id;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
}

/**
 * `category` itself or any category below it ("母婴" covers "母婴/奶粉", not "母婴用品"), as an exact byte
 * range: C/ ≤ x < C0 ('0' follows '/'), compared bytewise (PostgreSQL: the "C" collation, which
 * customer_category_recent is built with), so an index on the column can answer it.
 */
function underCategory(db: Kysely<DB>, col: string, category: string): RawBuilder<boolean> {
  const c = db.getExecutor().adapter instanceof PostgresAdapter ? sql`${sql.ref(col)} collate "C"` : sql.ref(col);
  return sql<boolean>`(${c} = ${category} or (${c} >= ${`${category}/`} and ${c} < ${`${category}0`}))`;
}

/**
 * The category preferences' counts, read apart from the facts so that both reads run at once when
 * started before loadFacts: on PostgreSQL on another pooled connection; on a SQLite file, outside a
 * transaction, on a worker thread with its own read-only connection (segments-category.worker.ts) —
 * the only part of the tags that reads order lines then costs no time of its own on an idle second core.
 */
export function loadCategoryOrders(db: Kysely<DB>, prefs: readonly CategoryPreference[], asOf: string): Promise<CategoryOrders> {
  return readCategoryOrders(db, prefs, asOf, true);
}

async function readCategoryOrders(db: Kysely<DB>, prefs: readonly CategoryPreference[], asOf: string, apart: boolean): Promise<CategoryOrders> {
  const out = new Map<string, Map<number, number>>();
  if (prefs.length === 0) return out;
  const handle = sqliteHandle(db);
  if (apart && handle && !handle.memory && !handle.inTransaction) {
    // A worker that cannot start (thread limits, a build without the file) costs time, not the answer.
    const rows = await categoryOrdersInWorker(db, handle.name, prefs, asOf).catch(() => null);
    if (rows) return rows;
  }
  for (const pref of prefs) {
    const counts = new Map<number, number>();
    await eachRow(db, categoryOrdersQuery(db, pref, asOf), ([id, n]) => { counts.set(Number(id), Number(n)); });
    out.set(pref.tag, counts);
  }
  return out;
}

/** The counts read on a worker thread over its own connection to the SQLite `file` (exported for its test). */
export async function categoryOrdersInWorker(db: Kysely<DB>, file: string, prefs: readonly CategoryPreference[], asOf: string): Promise<CategoryOrders> {
  const job: CategoryJob = { file, queries: prefs.map((p) => { const c = categoryOrdersQuery(db, p, asOf); return { tag: p.tag, sql: c.sql, parameters: [...c.parameters] }; }) };
  const rows = await new Promise<CategoryRows>((resolve, reject) => {
    const worker = new Worker(new URL('./segments-category.worker.ts', import.meta.url), { workerData: job });
    let settled = false;
    worker.once('message', (rows: CategoryRows) => { settled = true; resolve(rows); });
    worker.once('error', (e) => { settled = true; reject(e instanceof Error ? e : new Error(String(e))); });
    worker.once('exit', (code) => { if (!settled) reject(new Error(`category reader exited with code ${code}`)); });
  });
  return new Map(rows.map((r) => [r.tag, new Map(r.rows)]));
}

/**
 * One statement, narrowing in three steps: candidates from the index alone (bought the category after
 * `from`, and in at least minOrders orders over all time — Σ orders over its subcategories bounds the
 * distinct orders from above); of those, customers with at least minOrders orders of any kind in the
 * look-back (orders_customer_date alone); only then their order lines, the costly read scattered over
 * the table, for the exact count.
 */
export function categoryOrdersQuery(db: Kysely<DB>, pref: CategoryPreference, asOf: string): CompiledQuery {
  const from = addDays(asOf, -pref.days);
  const inLookBack = (col: string) => sql<boolean>`${sql.ref(col)} > ${from} and ${sql.ref(col)} <= ${asOf}`;
  return sql`
    with candidates as (
      select customer_id from customer_category
      where ${underCategory(db, 'category', pref.category)} and last_date > ${from}
      group by customer_id having sum(orders) >= ${pref.minOrders}),
    enough as (
      select customer_id from orders where customer_id in (select customer_id from candidates) and ${inLookBack('business_date')}
      group by customer_id having count(*) >= ${pref.minOrders})
    select o.customer_id, count(distinct o.id) as n from orders o join order_lines l on l.order_id = o.id
    where o.customer_id in (select customer_id from enough) and ${inLookBack('o.business_date')}
      and l.kind = 'merchandise' and ${underCategory(db, 'l.category', pref.category)}
    group by o.customer_id`.compile(db);
}

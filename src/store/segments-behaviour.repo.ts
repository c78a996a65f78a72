// Behaviour facts for the tags and the lifecycle, as of a date: the purchase day before the last and
// weekend orders, discounted orders, birth date and gender (customers), and category preferences.
// Current and over all history (the segments' usual question) the first three are kept in
// customer_summary and read with the facts; as of a past date or within a window they come from
// customer_day and orders. The profile and the category preferences are "side reads" (loadSideReads):
// started before the facts, they run at once with them — on a worker thread for a SQLite file, on
// other pooled connections on PostgreSQL. Only the category preferences read order lines, and only
// for customers whose customer_category rows make them candidates (one range of the
// customer_category_recent index, migration 0012).
import { Worker } from 'node:worker_threads';
import { PostgresAdapter, sql, type CompiledQuery, type Kysely, type RawBuilder } from 'kysely';
import { dayNumbers, EMPTY_BEHAVIOUR, type CustomerBehaviour, type CustomerFacts } from '../domain/segments/facts.ts';
import type { CategoryPreference } from '../domain/segments/tags.ts';
import { addDays } from '../domain/time.ts';
import { sqliteHandle } from './db.ts';
import type { DB } from './schema.ts';
import { profileBuilder, profileQuery, type Profiles } from './segments-profile.ts';
import type { SideJob, SideRows } from './segments-side.worker.ts';
import { eachRow, interner, type Cell } from './segments-read.ts';
import { windowStart, type SummaryBehaviour } from './segments.repo.ts';

export interface BehaviourQuery {
  asOf: string;
  windowDays: number | null;
  /** What to load; parts left out keep their empty values. */
  parts: { days?: boolean; orders?: boolean; profile?: boolean; categories?: readonly CategoryPreference[] };
  /** The summary's behaviour columns read with the facts (loadFacts with `behaviour`, when the summary answers);
   * without them, weekend orders, discounted orders and the previous day are read from customer_day and orders. */
  summary?: SummaryBehaviour | null;
  /** The profile and category counts already read (loadSideReads, started before the facts); read here otherwise. */
  side?: SideReads;
}

/** What loadSideReads gives: the profiles (when asked for) and the category preferences' counts. */
export interface SideReads { profiles: Profiles | null; categoryOrders: CategoryOrders }

/** Orders containing each preference's category in its look-back: tag → customer id → orders. */
export type CategoryOrders = ReadonlyMap<string, ReadonlyMap<number, number>>;

/** Behaviour aligned with `facts` (same order; loadFacts gives them in id order). */
export async function loadBehaviour(db: Kysely<DB>, facts: readonly CustomerFacts[], q: BehaviourQuery): Promise<CustomerBehaviour[]> {
  const n = facts.length;
  const { asOf, summary, parts } = q;
  const start = windowStart(asOf, q.windowDays);
  const each = (query: CompiledQuery, fn: (row: [number, ...Cell[]]) => void) => eachRow(db, query, fn as (row: Cell[]) => void);
  const { positionOf, sorted } = positions(facts);
  // Columns first, one record per customer at the end: a million spread-and-patched records cost
  // far more than a million literals.
  const empty = <T>(v: T): T[] => new Array<T>(n).fill(v);
  let previous: readonly (string | null)[] | null = null, weekend: ArrayLike<number> | null = null, discounted: ArrayLike<number> | null = null;
  let birth: readonly (string | null)[] | null = null, gender: readonly string[] | null = null;

  if (parts.days && summary) { previous = summary.previousPurchaseDate; weekend = summary.weekendOrders; }
  if (parts.orders && summary) discounted = summary.discountedOrders;

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

  const side = q.side ?? await readSide(db, { categories: parts.categories ?? [], profile: parts.profile ?? false, asOf }, false);
  if (parts.profile) {
    const p = side.profiles ?? await readProfiles(db);
    const intern = interner();
    const text = p.strings.map((x) => intern(x));
    const b = empty<string | null>(null), g = empty(EMPTY_BEHAVIOUR.gender);
    // Both in id order: one merge (a search per profile only if the facts were not sorted).
    for (let k = 0, i = 0; k < p.ids.length; k++) {
      const id = p.ids[k]!;
      if (sorted) { while (i < n && facts[i]!.id < id) i++; } else i = positionOf(id);
      if (i >= 0 && i < n && facts[i]!.id === id) {
        b[i] = p.birthDate[k]! < 0 ? null : text[p.birthDate[k]!]!;
        g[i] = p.gender[k]! < 0 ? EMPTY_BEHAVIOUR.gender : text[p.gender[k]!]!;
      }
    }
    birth = b; gender = g;
  }

  // Most customers have no preference counts: they share the empty record.
  const counts = new Map<number, Record<string, number>>();
  const byTag = side.categoryOrders;
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
function positions(facts: readonly CustomerFacts[]): { positionOf: (id: number) => number; sorted: boolean } {
  let sorted = true;
  for (let i = 1; i < facts.length && sorted; i++) sorted = facts[i - 1]!.id < facts[i]!.id;
  if (!sorted) {
    const index = new Map<number, number>();
    facts.forEach((f, i) => index.set(f.id, i));
    return { positionOf: (id) => index.get(id) ?? -1, sorted };
  }
  const positionOf = (id: number) => {
    let lo = 0, hi = facts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1, v = facts[mid]!.id;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  return { positionOf, sorted };
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
 * The profile (birth date and gender of every customer) and the category preferences' counts, read
 * apart from the facts so that all run at once when started before loadFacts: on PostgreSQL on other
 * pooled connections; on a SQLite file, outside a transaction, on a worker thread with its own
 * read-only connection (segments-side.worker.ts). On an idle second core they then cost the facts'
 * thread nothing but a merge; handing a million profile rows to JavaScript cost as much as the
 * facts' wider rows, joined or in a pass of their own.
 */
export function loadSideReads(db: Kysely<DB>, q: { categories: readonly CategoryPreference[]; profile: boolean; asOf: string }): Promise<SideReads> {
  return readSide(db, q, true);
}

async function readSide(db: Kysely<DB>, q: { categories: readonly CategoryPreference[]; profile: boolean; asOf: string }, apart: boolean): Promise<SideReads> {
  if (q.categories.length === 0 && !q.profile) return { profiles: null, categoryOrders: new Map() };
  const handle = sqliteHandle(db);
  if (apart && handle && !handle.memory && !handle.inTransaction) {
    // A worker that cannot start (thread limits, a build without the file) costs time, not the answer.
    const read = await sideReadsInWorker(db, handle.name, q).catch(() => null);
    if (read) return read;
  }
  const profiles = q.profile ? readProfiles(db) : Promise.resolve(null);
  const counts = Promise.all(q.categories.map(async (pref) => {
    const m = new Map<number, number>();
    await eachRow(db, categoryOrdersQuery(db, pref, q.asOf), ([id, n]) => { m.set(Number(id), Number(n)); });
    return [pref.tag, m] as const;
  }));
  return { profiles: await profiles, categoryOrders: new Map(await counts) };
}

async function readProfiles(db: Kysely<DB>): Promise<Profiles> {
  const builder = profileBuilder();
  await eachRow(db, profileQuery(db), (row) => builder.add(row));
  return builder.finish();
}

/** The side reads on a worker thread over its own connection to the SQLite `file` (exported for its test). */
export async function sideReadsInWorker(db: Kysely<DB>, file: string, q: { categories: readonly CategoryPreference[]; profile: boolean; asOf: string }): Promise<SideReads> {
  const statement = (c: CompiledQuery) => ({ sql: c.sql, parameters: [...c.parameters] });
  const job: SideJob = {
    file, categories: q.categories.map((p) => ({ tag: p.tag, ...statement(categoryOrdersQuery(db, p, q.asOf)) })), profile: q.profile ? statement(profileQuery(db)) : null,
  };
  const rows = await new Promise<SideRows>((resolve, reject) => {
    const worker = new Worker(new URL('./segments-side.worker.ts', import.meta.url), { workerData: job });
    let settled = false;
    worker.once('message', (r: SideRows) => { settled = true; resolve(r); });
    worker.once('error', (e) => { settled = true; reject(e instanceof Error ? e : new Error(String(e))); });
    worker.once('exit', (code) => { if (!settled) reject(new Error(`side reader exited with code ${code}`)); });
  });
  return { profiles: rows.profile, categoryOrders: new Map(rows.categories.map((r) => [r.tag, new Map(r.rows)])) };
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

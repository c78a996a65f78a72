// Behaviour facts for the tags and the lifecycle, as of a date: the purchase day before the last and
// weekend orders, discounted orders, birth date and gender (customers), and category preferences.
// Current and over all history (the segments' usual question) the first three are kept in
// customer_summary; as of a past date or within a window they come from customer_day and orders.
// Only the category preferences read order lines, and only for customers whose customer_category rows
// make them candidates.
import { sql, type CompiledQuery, type Kysely } from 'kysely';
import { dayNumbers, EMPTY_BEHAVIOUR, type CustomerBehaviour, type CustomerFacts } from '../domain/segments/facts.ts';
import type { CategoryPreference } from '../domain/segments/tags.ts';
import { addDays } from '../domain/time.ts';
import { inChunks } from './batch.ts';
import type { DB } from './schema.ts';
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
}

/** Behaviour aligned with `facts` (same order). */
export async function loadBehaviour(db: Kysely<DB>, facts: readonly CustomerFacts[], q: BehaviourQuery): Promise<CustomerBehaviour[]> {
  const index = new Map<number, number>();
  facts.forEach((f, i) => index.set(f.id, i));
  type Mutable = { -readonly [K in keyof CustomerBehaviour]: CustomerBehaviour[K] };
  const out: Mutable[] = facts.map(() => ({ ...EMPTY_BEHAVIOUR }));
  const { asOf } = q;
  const start = windowStart(asOf, q.windowDays);
  const each = (query: CompiledQuery, fn: (row: [number, ...Cell[]]) => void) => eachRow(db, query, fn as (row: Cell[]) => void);

  const { summary } = q;
  if (summary && (q.parts.days || q.parts.orders)) {
    out.forEach((b, i) => {
      if (q.parts.days) { b.weekendOrders = summary.weekendOrders[i]!; b.previousPurchaseDate = summary.previousPurchaseDate[i]!; }
      if (q.parts.orders) b.discountedOrders = summary.discountedOrders[i]!;
    });
  }

  if (!summary && q.parts.days) {
    // One pass over the purchase days, no self-join: the last day is already in the facts, so the
    // previous one is the latest day before it; the weekday comes from the date (1970-01-01 was a Thursday).
    const day = dayNumbers();
    const intern = interner();
    await each(sql`select customer_id, business_date, orders from customer_day where business_date <= ${asOf}`.compile(db), ([id, date, orders]) => {
      const i = index.get(Number(id));
      if (i === undefined) return;
      const b = out[i]!, d = date as string;
      if (d < facts[i]!.lastPurchaseDate && (b.previousPurchaseDate === null || d > b.previousPurchaseDate)) b.previousPurchaseDate = intern(d);
      const dow = (day(d) + 4) % 7;
      if ((dow === 0 || dow === 6) && (start === null || d > start)) b.weekendOrders += Number(orders);
    });
  }

  if (!summary && q.parts.orders) {
    // Only the discounted orders: half the rows out of the group-by (units come with the facts).
    await each(sql`
      select customer_id, count(*) as discounted from orders
      where discount_minor > 0 and customer_id is not null and business_date <= ${asOf} and ${start === null ? sql`1 = 1` : sql`business_date > ${start}`}
      group by customer_id`.compile(db), ([id, discounted]) => {
      const i = index.get(Number(id));
      if (i !== undefined) out[i]!.discountedOrders = Number(discounted);
    });
  }

  if (q.parts.profile) {
    const intern = interner();
    await each(db.selectFrom('customers').select(['id', 'birth_date', 'gender']).where('merged_into_id', 'is', null).compile(), ([id, birth, gender]) => {
      const i = index.get(Number(id));
      if (i !== undefined) { out[i]!.birthDate = intern(birth as string | null); out[i]!.gender = intern(gender as string); }
    });
  }

  for (const pref of q.parts.categories ?? []) {
    for (const [id, n] of await categoryOrders(db, pref, asOf)) {
      const i = index.get(id);
      // Most customers have no preference counts: they share the empty record.
      if (i !== undefined) out[i]!.categoryOrders = { ...out[i]!.categoryOrders, [pref.tag]: n };
    }
  }
  return out;
}

/** `category` itself or any category below it ("母婴" covers "母婴/奶粉"); portable and exact, unlike LIKE. */
const underCategory = (col: string, category: string) =>
  sql<boolean>`(${sql.ref(col)} = ${category} or substr(${sql.ref(col)}, 1, ${category.length + 1}) = ${`${category}/`})`;

/** Orders containing the category within its look-back, per customer. */
async function categoryOrders(db: Kysely<DB>, pref: CategoryPreference, asOf: string): Promise<Map<number, number>> {
  const from = addDays(asOf, -pref.days);
  // Candidates from customer_category: bought it in the look-back, and often enough over all time
  // (Σ orders over the subcategories bounds the distinct orders from above).
  const candidates = await sql<{ customer_id: number }>`
    select customer_id from customer_category
    where ${underCategory('category', pref.category)} and last_date > ${from} and first_date <= ${asOf}
    group by customer_id having sum(orders) >= ${pref.minOrders}`.execute(db);
  const out = new Map<number, number>();
  for (const chunk of inChunks(candidates.rows.map((r) => Number(r.customer_id)), 1000)) {
    const rows = await sql<{ customer_id: number; n: number }>`
      select o.customer_id, count(distinct o.id) as n from orders o join order_lines l on l.order_id = o.id
      where o.customer_id in (${sql.join(chunk)}) and o.business_date > ${from} and o.business_date <= ${asOf}
        and l.kind = 'merchandise' and ${underCategory('l.category', pref.category)}
      group by o.customer_id`.execute(db);
    for (const r of rows.rows) out.set(Number(r.customer_id), Number(r.n));
  }
  return out;
}

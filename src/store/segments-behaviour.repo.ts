// Behaviour facts for the tags and the lifecycle, as of a date: the purchase day before the last and
// weekend orders (customer_day), discounted orders and units (orders), birth date and gender
// (customers), and category preferences. Only the category preferences read order lines, and only for
// customers whose customer_category rows make them candidates.
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { EMPTY_BEHAVIOUR, type CustomerBehaviour, type CustomerFacts } from '../domain/segments/facts.ts';
import type { CategoryPreference } from '../domain/segments/tags.ts';
import { addDays } from '../domain/time.ts';
import { inChunks } from './batch.ts';
import type { DB } from './schema.ts';
import { windowStart } from './segments.repo.ts';

export interface BehaviourQuery {
  asOf: string;
  windowDays: number | null;
  /** What to load; parts left out keep their empty values. */
  parts: { days?: boolean; orders?: boolean; profile?: boolean; categories?: readonly CategoryPreference[] };
}

/** Behaviour aligned with `facts` (same order). */
export async function loadBehaviour(db: Kysely<DB>, facts: readonly CustomerFacts[], q: BehaviourQuery): Promise<CustomerBehaviour[]> {
  const index = new Map(facts.map((f, i) => [f.id, i]));
  const out: (Omit<CustomerBehaviour, 'categoryOrders'> & { categoryOrders: Record<string, number> })[] = facts.map(() => ({ ...EMPTY_BEHAVIOUR, categoryOrders: {} }));
  const at = (id: unknown) => {
    const i = index.get(Number(id));
    return i === undefined ? undefined : out[i];
  };
  const { asOf } = q;
  const start = windowStart(asOf, q.windowDays);
  const inWindow = (col: string) => (start === null ? sql<boolean>`1 = 1` : sql<boolean>`${sql.ref(col)} > ${start}`);

  if (q.parts.days) {
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    const weekend = pg ? sql<boolean>`extract(dow from cast(d.business_date as date)) in (0, 6)` : sql<boolean>`strftime('%w', d.business_date) in ('0', '6')`;
    const rows = await sql<{ customer_id: number; previous: string | null; weekend: number }>`
      select d.customer_id, max(case when d.business_date < l.last then d.business_date end) as previous,
        sum(case when ${weekend} and ${inWindow('d.business_date')} then d.orders else 0 end) as weekend
      from customer_day d
      join (select customer_id, max(business_date) as last from customer_day where business_date <= ${asOf} group by customer_id) l
        on l.customer_id = d.customer_id
      where d.business_date <= ${asOf}
      group by d.customer_id`.execute(db);
    for (const r of rows.rows) {
      const b = at(r.customer_id);
      if (b) { b.previousPurchaseDate = r.previous; b.weekendOrders = Number(r.weekend); }
    }
  }

  if (q.parts.orders) {
    const rows = await sql<{ customer_id: number; discounted: number; items: number }>`
      select customer_id, sum(case when discount_minor > 0 then 1 else 0 end) as discounted, sum(items) as items
      from orders where customer_id is not null and business_date <= ${asOf} and ${inWindow('business_date')}
      group by customer_id`.execute(db);
    for (const r of rows.rows) {
      const b = at(r.customer_id);
      if (b) { b.discountedOrders = Number(r.discounted); b.items = Number(r.items); }
    }
  }

  if (q.parts.profile) {
    const rows = await db.selectFrom('customers').select(['id', 'birth_date', 'gender']).where('merged_into_id', 'is', null).execute();
    for (const r of rows) {
      const b = at(r.id);
      if (b) { b.birthDate = r.birth_date; b.gender = r.gender; }
    }
  }

  for (const pref of q.parts.categories ?? []) {
    for (const [id, n] of await categoryOrders(db, pref, asOf)) {
      const b = at(id);
      if (b) b.categoryOrders[pref.tag] = n;
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

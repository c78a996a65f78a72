// Every row of the report aggregates (migration 0009), in key order, as plain numbers and strings:
// what tests compare between incremental upkeep and a rebuild from orders.
import type { Kysely } from 'kysely';
import type { DB } from '../../src/store/schema.ts';

// Weighed goods have fractional quantities: their sums are doubles, added in a different order by the
// upkeep and by SQL, so they are compared to a millionth of a unit.
export const micro = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The aggregates' rows. */
export async function aggregatesSnapshot(db: Kysely<DB>) {
  return {
    sales: (await db.selectFrom('sales_day').selectAll().orderBy('business_date').orderBy('store_id').orderBy('channel').execute()).map((r) => ({ ...r, store_id: Number(r.store_id), items: micro(r.items) })),
    returns: (await db.selectFrom('returns_day').selectAll().orderBy('business_date').orderBy('store_id').execute()).map((r) => ({ ...r, store_id: Number(r.store_id) })),
    cohorts: await db.selectFrom('cohort_cells').selectAll().orderBy('grain').orderBy('cohort').orderBy('period').execute(),
    repurchase: await db.selectFrom('repurchase_cells').selectAll().orderBy('span').orderBy('kind').orderBy('day').orderBy('value').execute(),
    overview: await db.selectFrom('overview_cells').selectAll().orderBy('span').orderBy('kind').orderBy('slice').orderBy('day').orderBy('until').execute(),
    // The rebuild writes each visit's categories in the order SQL aggregated them: compared as sorted lists.
    visits: (await db.selectFrom('customer_visit').selectAll().orderBy('customer_id').orderBy('business_date').orderBy('store_id').orderBy('channel').execute())
      .map((r) => ({ ...r, customer_id: Number(r.customer_id), store_id: Number(r.store_id), categories: (JSON.parse(r.categories) as string[]).sort() })),
  };
}

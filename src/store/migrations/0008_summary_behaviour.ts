// Frozen in time once released. The weekend/weekday and promotion-sensitive tags and the reactivated
// lifecycle stage read weekend orders, discounted orders and the purchase day before the last from
// customer_day and orders for every customer (4.5M rows at 1M customers); kept in the summary, the
// current segments never leave it. Existing summaries are filled in from the activity tables.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('customer_summary').addColumn('weekend_orders', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('customer_summary').addColumn('discounted_orders', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('customer_summary').addColumn('previous_purchase_date', 'text').execute();
  const weekend = db.getExecutor().adapter instanceof PostgresAdapter
    ? sql`extract(dow from cast(d.business_date as date)) in (0, 6)`
    : sql`strftime('%w', d.business_date) in ('0', '6')`;
  await sql`update customer_summary set
    weekend_orders = coalesce((select sum(d.orders) from customer_day d where d.customer_id = customer_summary.customer_id and ${weekend}), 0),
    discounted_orders = (select count(*) from orders o where o.customer_id = customer_summary.customer_id and o.discount_minor > 0),
    previous_purchase_date = (select max(d.business_date) from customer_day d
      where d.customer_id = customer_summary.customer_id and d.business_date < customer_summary.last_purchase_date)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['weekend_orders', 'discounted_orders', 'previous_purchase_date']) {
    await db.schema.alterTable('customer_summary').dropColumn(column).execute();
  }
}

// Frozen in time once released. Figures the dashboard reads kept as sales arrive, small enough to
// answer from at any number of members (docs/reports.md, "Stored aggregates"):
// - sales_day / returns_day: per business day × store (× channel) counts and money, anonymous sales
//   included — the headline counts of GET /api/stats and the first and last business dates;
// - cohort_cells: per grain (month, quarter, year), how many customers first bought in period
//   `cohort` and bought (again) in period `period` — the whole-chain cohort table;
// - repurchase_cells: per span (the whole history, or a month 'YYYY-MM'), customers by orders, by
//   first purchase day, by first day and gap to the second, and gaps between purchase days — the whole-chain repurchase
//   report (domain/analytics/repurchase-cells.ts).
// - customer_visit and overview_cells: each customer's visits (day × store × channel, with the
//   categories bought), and the overview's distinct-customer counts per span and slice
//   (domain/analytics/overview-cells.ts).
// And a partial index on merged customers, so counting the live ones needs no scan.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const clustered = db.getExecutor().adapter instanceof PostgresAdapter ? sql`` : sql`without rowid`;

  await s.createTable('sales_day')
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('store_id', 'bigint', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('orders', 'bigint', (c) => c.notNull())
    .addColumn('member_orders', 'bigint', (c) => c.notNull())
    .addColumn('order_lines', 'bigint', (c) => c.notNull())
    .addColumn('sales_minor', 'bigint', (c) => c.notNull())
    .addColumn('discount_minor', 'bigint', (c) => c.notNull())
    // Fractional for weighed goods, as orders.items (0005).
    .addColumn('items', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('sales_day_pk', ['business_date', 'store_id', 'channel'])
    .modifyEnd(clustered)
    .execute();

  await s.createTable('returns_day')
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('store_id', 'bigint', (c) => c.notNull())
    .addColumn('returns', 'bigint', (c) => c.notNull())
    .addColumn('member_returns', 'bigint', (c) => c.notNull())
    .addColumn('return_lines', 'bigint', (c) => c.notNull())
    .addColumn('return_minor', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('returns_day_pk', ['business_date', 'store_id'])
    .modifyEnd(clustered)
    .execute();

  await s.createTable('cohort_cells')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('cohort', 'integer', (c) => c.notNull())
    .addColumn('period', 'integer', (c) => c.notNull())
    .addColumn('customers', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('cohort_cells_pk', ['grain', 'cohort', 'period'])
    .modifyEnd(clustered)
    .execute();

  await s.createTable('repurchase_cells')
    .addColumn('span', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('customers', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('repurchase_cells_pk', ['span', 'kind', 'day', 'value'])
    .modifyEnd(clustered)
    .execute();
  // "Bought again within N days" reads the second-purchase cells with a gap of at most N days.
  await s.createIndex('repurchase_cells_value').on('repurchase_cells').columns(['span', 'kind', 'value', 'day']).execute();

  // A customer's purchases per day, store and channel with that visit's merchandise categories (a JSON
  // array): what the overview cells of a customer are computed from, kept beside customer_day.
  await s.createTable('customer_visit')
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('store_id', 'bigint', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_visit_pk', ['customer_id', 'business_date', 'store_id', 'channel'])
    .modifyEnd(clustered)
    .execute();

  await s.createTable('overview_cells')
    .addColumn('span', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('slice', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('customers', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('overview_cells_pk', ['span', 'kind', 'slice', 'day', 'until'])
    .modifyEnd(clustered)
    .execute();

  await s.createIndex('customers_merged').on('customers').column('merged_into_id').where(sql.ref('merged_into_id'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('customers_merged').execute();
  await db.schema.dropIndex('repurchase_cells_value').execute();
  for (const t of ['overview_cells', 'customer_visit', 'repurchase_cells', 'cohort_cells', 'returns_day', 'sales_day']) await db.schema.dropTable(t).execute();
}

// Frozen in time once released. A category-preference tag ("bought 母婴 in at least 2 orders within 90
// days") took its candidates from a scan of every customer_category row (~5M at 1M customers) with a
// prefix test on each. This index holds the rows by category and last purchase date, with the customer
// and their order count, so the candidates are one range read: category = C or C/… (a byte-ordered
// prefix range), last_date within the look-back, without visiting the table.
// - PostgreSQL: the category column is indexed under the "C" collation, so a prefix range compares bytes
//   whatever the database's collation (the query names the same collation to use it).
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const category = db.getExecutor().adapter instanceof PostgresAdapter ? sql`category collate "C"` : sql`category`;
  await sql`create index customer_category_recent on customer_category (${category}, last_date, customer_id, orders)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('customer_category_recent').execute();
}

// Frozen in time once released. Weighed goods (6.238 kg of oranges) have fractional quantities. SQLite
// keeps them as they are (a column's INTEGER affinity stores 6.238 as REAL); PostgreSQL's bigint
// refuses them, so quantities and item counts become double precision there.
import { PostgresAdapter, type Kysely } from 'kysely';

const COLUMNS: [table: string, column: string][] = [
  ['orders', 'items'], ['order_lines', 'quantity'], ['returns', 'items'], ['return_lines', 'quantity'],
  ['customer_summary', 'items'], ['customer_summary', 'return_items'], ['customer_month', 'items'], ['customer_category', 'items'],
];

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const [table, column] of COLUMNS) {
    await db.schema.alterTable(table).alterColumn(column, (c) => c.setDataType('double precision')).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const [table, column] of COLUMNS) {
    await db.schema.alterTable(table).alterColumn(column, (c) => c.setDataType('bigint')).execute();
  }
}

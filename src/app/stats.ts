// Headline counts of what the store holds (`regulars stats`, GET /api/stats). Orders, returns, money
// and dates come from the day aggregates and customers with a purchase from the cohort cells (both
// kept as sales arrive: report-aggregates.repo.ts), so no call scans orders or order lines.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { storedTotals } from '../store/report-aggregates.repo.ts';
import type { DB } from '../store/schema.ts';

export interface StoreStats {
  stores: number; customers: number; customersWithPurchases: number; products: number;
  orders: number; anonymousOrders: number; orderLines: number;
  returns: number; anonymousReturns: number; returnLines: number;
  salesMinor: number; returnMinor: number;
  firstBusinessDate: string | null; lastBusinessDate: string | null;
}

export async function storeStats(db: Kysely<DB>): Promise<StoreStats> {
  const count = async (table: keyof DB, where: RawBuilder<unknown> = sql`1 = 1`) =>
    Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(db)).rows[0]!.n);
  const t = await storedTotals(db);
  return {
    stores: await count('stores'),
    // All rows less the merged ones (a partial index): a filtered count would read every customer row.
    customers: await count('customers') - await count('customers', sql`merged_into_id is not null`),
    customersWithPurchases: t.customersWithPurchases,
    products: await count('products'),
    orders: t.orders,
    anonymousOrders: t.orders - t.memberOrders,
    orderLines: t.orderLines,
    returns: t.returns,
    anonymousReturns: t.returns - t.memberReturns,
    returnLines: t.returnLines,
    salesMinor: t.salesMinor,
    returnMinor: t.returnMinor,
    firstBusinessDate: t.first,
    lastBusinessDate: t.last,
  };
}

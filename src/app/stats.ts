// Headline counts of what the store holds (`regulars stats`, GET /api/stats).
import { sql, type Kysely, type RawBuilder } from 'kysely';
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
  const orders = await db.selectFrom('orders').select((eb) => [
    eb.fn.countAll<number>().as('n'),
    eb.fn.coalesce(eb.fn.sum<number>('net_minor'), eb.val(0)).as('sales'),
    eb.fn.min<string | null>('business_date').as('first'),
    eb.fn.max<string | null>('business_date').as('last'),
  ]).executeTakeFirstOrThrow();
  const returns = await db.selectFrom('returns').select((eb) => [
    eb.fn.countAll<number>().as('n'), eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.val(0)).as('amount'),
  ]).executeTakeFirstOrThrow();
  return {
    stores: await count('stores'),
    customers: await count('customers', sql`merged_into_id is null`),
    customersWithPurchases: await count('customer_summary', sql`orders > 0`),
    products: await count('products'),
    orders: Number(orders.n),
    anonymousOrders: await count('orders', sql`customer_id is null`),
    orderLines: await count('order_lines'),
    returns: Number(returns.n),
    anonymousReturns: await count('returns', sql`customer_id is null`),
    returnLines: await count('return_lines'),
    salesMinor: Number(orders.sales),
    returnMinor: Number(returns.amount),
    firstBusinessDate: orders.first,
    lastBusinessDate: orders.last,
  };
}

// Use-case: load the deterministic demo chain into the store (used by `regulars demo` and by `serve`
// when the database is empty). Idempotent like every other write: loading twice changes nothing.
import type { Kysely } from 'kysely';
import { generateDemo, type DemoOptions } from '../domain/demo/generate.ts';
import type { OrderInput, ReturnInput } from '../domain/orders/types.ts';
import type { DB } from '../store/schema.ts';
import { upsertCustomers } from '../store/customers.repo.ts';
import { upsertProducts } from '../store/products.repo.ts';
import { upsertStores } from '../store/stores.repo.ts';
import { recordSales } from './record-sales.ts';

export interface DemoReport { stores: number; products: number; customers: number; orders: number; returns: number }

export async function loadDemo(db: Kysely<DB>, opts: DemoOptions & { now: () => string; batch?: number; onProgress?: (orders: number) => void }): Promise<DemoReport> {
  const demo = generateDemo(opts);
  const now = opts.now();
  const storeIds = new Map([...(await upsertStores(db, demo.stores, now))].map(([code, s]) => [code, s.id]));
  await upsertProducts(db, demo.products, now);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < demo.customers.length; i += 2000) await upsertCustomers(trx, demo.customers.slice(i, i + 2000), storeIds, now);
  });
  const report: DemoReport = { stores: demo.stores.length, products: demo.products.length, customers: demo.customers.length, orders: 0, returns: 0 };
  let orders: OrderInput[] = [];
  let returns: ReturnInput[] = [];
  const flush = async () => {
    const r = await recordSales(db, { orders, returns }, { now: opts.now() });
    report.orders += r.ordersInserted + r.ordersUnchanged;
    report.returns += r.returnsInserted + r.returnsUnchanged;
    orders = [];
    returns = [];
    opts.onProgress?.(report.orders);
  };
  for (const e of demo.events) {
    if (e.type === 'order') orders.push(e.order); else returns.push(e.return);
    if (orders.length + returns.length >= (opts.batch ?? 2000)) await flush();
  }
  await flush();
  return report;
}

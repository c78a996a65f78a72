// Orders, returns and their lines: the facts everything else is computed from.
import type { Kysely } from 'kysely';
import type { DB, OrderLineRow, OrderRow, ReturnLineRow, ReturnRow } from './schema.ts';
import { chunksFor, inChunks } from './batch.ts';
import { sqliteHandle } from './db.ts';
import { bulkInsert } from './bulk-sqlite.ts';

export interface ExistingDoc { id: number; contentHash: string; customerId: number | null }

/** Orders (or returns) already stored under these external ids of one source. */
export async function existingDocs(db: Kysely<DB>, table: 'orders' | 'returns', source: string, externalIds: Iterable<string>): Promise<Map<string, ExistingDoc>> {
  const out = new Map<string, ExistingDoc>();
  for (const chunk of inChunks(externalIds)) {
    const rows = await db.selectFrom(table).select(['id', 'external_id', 'content_hash', 'customer_id'])
      .where('source', '=', source).where('external_id', 'in', chunk).execute();
    for (const r of rows) out.set(r.external_id, { id: r.id, contentHash: r.content_hash, customerId: r.customer_id });
  }
  return out;
}

export const existingOrders = (db: Kysely<DB>, source: string, ids: Iterable<string>) => existingDocs(db, 'orders', source, ids);
export const existingReturns = (db: Kysely<DB>, source: string, ids: Iterable<string>) => existingDocs(db, 'returns', source, ids);

export async function insertOrders(db: Kysely<DB>, orders: readonly OrderRow[], lines: readonly OrderLineRow[]): Promise<void> {
  const raw = sqliteHandle(db);
  if (raw) {
    bulkInsert(raw, 'orders', orders);
    bulkInsert(raw, 'order_lines', lines);
    return;
  }
  for (const chunk of chunksFor(orders, 17)) await db.insertInto('orders').values(chunk).execute();
  for (const chunk of chunksFor(lines, 13)) await db.insertInto('order_lines').values(chunk).execute();
}

export async function insertReturns(db: Kysely<DB>, returns: readonly ReturnRow[], lines: readonly ReturnLineRow[]): Promise<void> {
  const raw = sqliteHandle(db);
  if (raw) {
    bulkInsert(raw, 'returns', returns);
    bulkInsert(raw, 'return_lines', lines);
    return;
  }
  for (const chunk of chunksFor(returns, 14)) await db.insertInto('returns').values(chunk).execute();
  for (const chunk of chunksFor(lines, 8)) await db.insertInto('return_lines').values(chunk).execute();
}

export async function orderHistory(db: Kysely<DB>, customerId: number, opts: { limit?: number } = {}) {
  const orders = await db.selectFrom('orders').innerJoin('stores', 'stores.id', 'orders.store_id')
    .select(['orders.id', 'orders.external_id', 'orders.source', 'stores.code as store_code', 'orders.placed_at', 'orders.business_date',
      'orders.channel', 'orders.gross_minor', 'orders.discount_minor', 'orders.net_minor', 'orders.items'])
    .where('customer_id', '=', customerId).orderBy('placed_at', 'desc').limit(opts.limit ?? 50).execute();
  const lines = orders.length
    ? await db.selectFrom('order_lines').selectAll().where('order_id', 'in', orders.map((o) => o.id)).orderBy('order_id').orderBy('line_no').execute()
    : [];
  const returns = await db.selectFrom('returns').selectAll().where('customer_id', '=', customerId).orderBy('returned_at', 'desc').limit(opts.limit ?? 50).execute();
  return {
    orders: orders.map((o) => ({
      id: o.id, externalId: o.external_id, source: o.source, storeCode: o.store_code, placedAt: o.placed_at, businessDate: o.business_date,
      channel: o.channel, grossMinor: o.gross_minor, discountMinor: o.discount_minor, netMinor: o.net_minor, items: o.items,
      lines: lines.filter((l) => l.order_id === o.id).map((l) => ({
        lineNo: l.line_no, sku: l.sku, name: l.name, category: l.category, quantity: l.quantity, unitPriceMinor: l.unit_price_minor, netMinor: l.net_minor, kind: l.kind,
      })),
    })),
    returns: returns.map((r) => ({ id: r.id, externalId: r.external_id, orderId: r.order_id, returnedAt: r.returned_at, businessDate: r.business_date, amountMinor: r.amount_minor, items: r.items, reason: r.reason })),
  };
}

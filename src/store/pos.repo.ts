// Reads behind the POS write path: an order or return as recorded (for API responses, replays
// included), and what an order still has to return.
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

export interface RecordedOrder {
  id: number; source: string; externalId: string; storeCode: string; customerId: number | null; placedAt: string; businessDate: string;
  channel: string; grossMinor: number; discountMinor: number; netMinor: number; costMinor: number | null; items: number; lineCount: number;
}

export interface RecordedReturn {
  id: number; source: string; externalId: string; orderId: number | null; storeCode: string; customerId: number | null;
  returnedAt: string; businessDate: string; amountMinor: number; items: number; reason: string | null;
}

export async function recordedOrder(db: Kysely<DB>, id: number): Promise<RecordedOrder | undefined> {
  const r = await db.selectFrom('orders').innerJoin('stores', 'stores.id', 'orders.store_id').selectAll('orders').select('stores.code as store_code')
    .where('orders.id', '=', id).executeTakeFirst();
  return r && {
    id: r.id, source: r.source, externalId: r.external_id, storeCode: r.store_code, customerId: r.customer_id, placedAt: r.placed_at,
    businessDate: r.business_date, channel: r.channel, grossMinor: r.gross_minor, discountMinor: r.discount_minor, netMinor: r.net_minor,
    costMinor: r.cost_minor, items: r.items, lineCount: r.line_count,
  };
}

export async function recordedReturn(db: Kysely<DB>, id: number): Promise<RecordedReturn | undefined> {
  const r = await db.selectFrom('returns').innerJoin('stores', 'stores.id', 'returns.store_id').selectAll('returns').select('stores.code as store_code')
    .where('returns.id', '=', id).executeTakeFirst();
  return r && {
    id: r.id, source: r.source, externalId: r.external_id, orderId: r.order_id, storeCode: r.store_code, customerId: r.customer_id,
    returnedAt: r.returned_at, businessDate: r.business_date, amountMinor: r.amount_minor, items: r.items, reason: r.reason,
  };
}

export interface Returnable {
  orderId: number; netMinor: number;
  lines: { lineNo: number; sku: string | null; category: string | null; kind: string; quantity: number; netMinor: number }[];
  /** Lines of the returns already recorded against the order. */
  returned: { orderLineNo: number | null; sku: string | null; quantity: number; amountMinor: number }[];
}

/** An order (by source and external id) with its lines and everything already returned from it. */
export async function returnableOf(db: Kysely<DB>, source: string, externalId: string): Promise<Returnable | undefined> {
  const o = await db.selectFrom('orders').select(['id', 'net_minor']).where('source', '=', source).where('external_id', '=', externalId).executeTakeFirst();
  if (!o) return undefined;
  const lines = await db.selectFrom('order_lines').select(['line_no', 'sku', 'category', 'kind', 'quantity', 'net_minor'])
    .where('order_id', '=', o.id).orderBy('line_no').execute();
  const returned = await db.selectFrom('return_lines').innerJoin('returns', 'returns.id', 'return_lines.return_id')
    .select(['return_lines.order_line_no', 'return_lines.sku', 'return_lines.quantity', 'return_lines.amount_minor'])
    .where('returns.order_id', '=', o.id).execute();
  return {
    orderId: o.id, netMinor: o.net_minor,
    lines: lines.map((l) => ({ lineNo: l.line_no, sku: l.sku, category: l.category, kind: l.kind, quantity: l.quantity, netMinor: l.net_minor })),
    returned: returned.map((r) => ({ orderLineNo: r.order_line_no, sku: r.sku, quantity: r.quantity, amountMinor: r.amount_minor })),
  };
}

// Committed checkouts and their returns, keyed by the till's idempotency key (checkouts) and by
// (order, return id) (returns), each with the hash of its request and the response replays get.
import type { Kysely } from 'kysely';
import { precompiled } from './precompiled.ts';
import type { DB } from './schema.ts';

export interface StoredCheckout {
  key: string; requestHash: string; orderId: number; customerId: number | null;
  request: unknown;
  /** The response as sent, byte for byte: replays send this text again. */
  responseJson: string;
  createdAt: string;
}

const toCheckout = (r: DB['checkouts']): StoredCheckout => ({
  key: r.idempotency_key, requestHash: r.request_hash, orderId: r.order_id, customerId: r.customer_id,
  request: JSON.parse(r.request), responseJson: r.response, createdAt: r.created_at,
});

const byKey = precompiled('checkout-by-key', (db, $) => db.selectFrom('checkouts').selectAll().where('idempotency_key', '=', $(0)));

export async function checkoutByKey(db: Kysely<DB>, key: string): Promise<StoredCheckout | null> {
  const [r] = await byKey(db, key);
  return r ? toCheckout(r) : null;
}

export async function checkoutByOrder(db: Kysely<DB>, orderId: number): Promise<StoredCheckout | null> {
  const r = await db.selectFrom('checkouts').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  return r ? toCheckout(r) : null;
}

const insert = precompiled('checkout-insert', (db, $) => db.insertInto('checkouts').values({
  idempotency_key: $(0), request_hash: $(1), order_id: $(2), customer_id: $(3), request: $(4), response: $(5), created_at: $(6),
}));

export async function insertCheckout(db: Kysely<DB>, c: Omit<StoredCheckout, 'createdAt'>, now: string): Promise<void> {
  await insert(db, c.key, c.requestHash, c.orderId, c.customerId, JSON.stringify(c.request), c.responseJson, now);
}

export interface StoredReturn { requestHash: string; returnId: number; response: unknown }

export async function checkoutReturn(db: Kysely<DB>, orderId: number, externalId: string): Promise<StoredReturn | null> {
  const r = await db.selectFrom('checkout_returns').selectAll().where('order_id', '=', orderId).where('external_id', '=', externalId).executeTakeFirst();
  return r ? { requestHash: r.request_hash, returnId: r.return_id, response: JSON.parse(r.response) } : null;
}

export async function insertCheckoutReturn(db: Kysely<DB>, orderId: number, externalId: string, r: StoredReturn, now: string): Promise<void> {
  await db.insertInto('checkout_returns').values({
    order_id: orderId, external_id: externalId, request_hash: r.requestHash, return_id: r.returnId, response: JSON.stringify(r.response), created_at: now,
  }).execute();
}

/** Units already returned per order line number, over every return recorded against the order. */
export async function returnedUnits(db: Kysely<DB>, orderId: number): Promise<Map<number, number>> {
  const rows = await db.selectFrom('return_lines').innerJoin('returns', 'returns.id', 'return_lines.return_id')
    .select(['return_lines.order_line_no as line', (e) => e.fn.sum<number>('return_lines.quantity').as('units')])
    .where('returns.order_id', '=', orderId).where('return_lines.order_line_no', 'is not', null)
    .groupBy('return_lines.order_line_no').execute();
  return new Map(rows.map((r) => [r.line!, Number(r.units)]));
}

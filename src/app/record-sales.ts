// Use-case: record a batch of orders and returns in one transaction. Idempotent: an external id seen
// again with the same content is skipped; with different content it is a conflict, reported and never
// overwritten. Customers, products and (optionally) stores referenced for the first time are created.
import type { Kysely } from 'kysely';
import { orderTotals, type OrderInput, type ReturnInput } from '../domain/orders/types.ts';
import { AppError } from '../domain/errors.ts';
import type { DB, OrderLineRow, OrderRow, ReturnLineRow, ReturnRow } from '../store/schema.ts';
import { newId } from '../store/ids.ts';
import { refKey, resolveCustomers } from '../store/customers.repo.ts';
import { storeMemo } from '../store/db.ts';
import { ensureProducts, productIdsBySku } from '../store/products.repo.ts';
import { existingDocs, existingOrders, insertOrders, insertReturns } from '../store/sales.repo.ts';
import { storesByCode, upsertStores } from '../store/stores.repo.ts';
import { applySalesToReports } from '../store/report-aggregates.repo.ts';
import { applySalesToSummaries, type NewOrderFacts, type NewReturnFacts } from '../store/summary.repo.ts';
import { orderHash, returnHash } from './content-hash.ts';

export interface SalesBatch { orders: readonly OrderInput[]; returns: readonly ReturnInput[] }

export interface Conflict { kind: 'order' | 'return'; externalId: string; detail: string }

export interface BatchResult {
  ordersInserted: number; ordersUnchanged: number; returnsInserted: number; returnsUnchanged: number;
  customersCreated: number; storesCreated: string[]; conflicts: Conflict[];
  /** Documents already stored with identical content, as 'O|externalId' / 'R|externalId'. */
  unchangedKeys: Set<string>;
  /** Ids of the orders inserted, by external id (for API responses). */
  orderIds: Map<string, number>;
  returnIds: Map<string, number>;
}

export interface RecordOptions {
  now: string;
  importId?: number | null;
  /** Create stores that are not known yet with this zone and currency (imports); otherwise unknown stores are an error. */
  autoCreateStores?: { timeZone: string; currency: string } | null;
}

/** Record orders and returns; runs in its own transaction unless `db` already is one. */
export async function recordSales(db: Kysely<DB>, batch: SalesBatch, opts: RecordOptions): Promise<BatchResult> {
  if (db.isTransaction) return recordInTx(db, batch, opts);
  return db.transaction().execute((trx) => recordInTx(trx, batch, opts));
}

async function recordInTx(db: Kysely<DB>, batch: SalesBatch, opts: RecordOptions): Promise<BatchResult> {
  const { now, importId = null, autoCreateStores = null } = opts;
  const result: BatchResult = {
    ordersInserted: 0, ordersUnchanged: 0, returnsInserted: 0, returnsUnchanged: 0, customersCreated: 0,
    storesCreated: [], conflicts: [], unchangedKeys: new Set(), orderIds: new Map(), returnIds: new Map(),
  };

  // Stores.
  const codes = [...new Set([...batch.orders.map((o) => o.storeCode), ...batch.returns.map((r) => r.storeCode)])];
  const stores = await storesByCode(db, codes);
  const missing = codes.filter((c) => !stores.has(c));
  if (missing.length) {
    if (!autoCreateStores) throw new AppError('VALIDATION', `unknown store ${missing.join(', ')}`, { field: 'storeCode' });
    const created = await upsertStores(db, missing.map((code) => ({ code, name: code, format: null, city: null, ...autoCreateStores })), now);
    for (const [code, s] of created) stores.set(code, s);
    result.storesCreated = missing;
  }

  // Idempotency: split into new, unchanged and conflicting.
  const newOrders = await splitNew(db, batch.orders, 'order', orderHash, result);
  const newReturns = await splitNew(db, batch.returns, 'return', returnHash, result);

  // Customers and products.
  const refs = [...newOrders.map((o) => o.input.customer), ...newReturns.map((r) => r.input.customer)].filter((r) => r !== null && refKey(r) !== null);
  const customers = await resolveCustomers(db, refs as NonNullable<(typeof refs)[number]>[], now);
  result.customersCreated = customers.created;
  const customerOf = (ref: OrderInput['customer']) => (ref && refKey(ref) ? customers.ids.get(refKey(ref)!) ?? null : null);
  const skus = new Map<string, { name: string | null; category: string | null; kind: string }>();
  for (const { input } of newOrders) for (const l of input.lines) if (l.sku && !skus.has(l.sku)) skus.set(l.sku, { name: l.name, category: l.category, kind: l.kind });
  const productIds = await ensureProducts(db, skus, now);

  // Orders.
  const orderRows: OrderRow[] = [];
  const lineRows: OrderLineRow[] = [];
  const orderFacts: NewOrderFacts[] = [];
  for (const { input: o, hash } of newOrders) {
    const rows = orderRowsOf(o, { hash, storeId: stores.get(o.storeCode)!.id, customerId: customerOf(o.customer), productIds, importId, now });
    orderRows.push(rows.order);
    lineRows.push(...rows.lines);
    if (rows.facts) orderFacts.push(rows.facts);
    result.orderIds.set(o.externalId, rows.order.id);
  }
  await insertOrders(db, orderRows, lineRows);
  result.ordersInserted = orderRows.length;

  // Returns, linked to their order when it is known (same source).
  const returnRows: ReturnRow[] = [];
  const returnLineRows: ReturnLineRow[] = [];
  const returnFacts: NewReturnFacts[] = [];
  const linkable = new Map<string, string[]>();
  for (const { input } of newReturns) if (input.orderExternalId) linkable.set(input.source, [...(linkable.get(input.source) ?? []), input.orderExternalId]);
  const originals = new Map<string, { id: number; customerId: number | null }>();
  for (const [source, ids] of linkable) {
    for (const [ext, doc] of await existingOrders(db, source, ids)) originals.set(`${source}|${ext}`, { id: doc.id, customerId: doc.customerId });
  }
  for (const { input: r, hash } of newReturns) {
    const id = newId();
    const original = r.orderExternalId ? originals.get(`${r.source}|${r.orderExternalId}`) : undefined;
    const customerId = customerOf(r.customer) ?? original?.customerId ?? null;
    const amount = r.lines.reduce((a, l) => a + l.amountMinor, 0);
    const items = r.lines.reduce((a, l) => a + (l.kind === 'merchandise' ? l.quantity : 0), 0);
    returnRows.push({
      id, source: r.source, external_id: r.externalId, order_id: original?.id ?? null, store_id: stores.get(r.storeCode)!.id,
      customer_id: customerId, returned_at: r.returnedAt, business_date: r.businessDate, amount_minor: amount, items,
      reason: r.reason, content_hash: hash, import_id: importId, created_at: now,
    });
    r.lines.forEach((l, i) => returnLineRows.push({
      return_id: id, line_no: i + 1, order_line_no: l.orderLineNo, sku: l.sku, category: l.category, quantity: l.quantity, amount_minor: l.amountMinor, kind: l.kind,
    }));
    if (customerId !== null) returnFacts.push({ customerId, businessDate: r.businessDate, amountMinor: amount, items });
    result.returnIds.set(r.externalId, id);
  }
  await insertReturns(db, returnRows, returnLineRows);
  result.returnsInserted = returnRows.length;

  await applySalesToSummaries(db, orderFacts, returnFacts);
  await applySalesToReports(db, { orders: orderRows, lines: lineRows, returns: returnRows, returnLines: returnLineRows });
  return result;
}

/** One order as rows, and what the summaries need to know of it (null for an anonymous order). */
function orderRowsOf(o: OrderInput, k: {
  hash: string; storeId: number; customerId: number | null; productIds: ReadonlyMap<string, number>; importId: number | null; now: string;
}): { order: OrderRow; lines: OrderLineRow[]; facts: NewOrderFacts | null } {
  const id = newId();
  const t = orderTotals(o.lines);
  const order: OrderRow = {
    id, source: o.source, external_id: o.externalId, store_id: k.storeId, customer_id: k.customerId,
    placed_at: o.placedAt, business_date: o.businessDate, channel: o.channel, gross_minor: t.grossMinor, discount_minor: t.discountMinor,
    net_minor: t.netMinor, cost_minor: t.costMinor, items: t.items, line_count: o.lines.length, content_hash: k.hash, import_id: k.importId, created_at: k.now,
  };
  const categories = new Map<string, { items: number; salesMinor: number }>();
  const lines = o.lines.map((l, i): OrderLineRow => {
    if (l.kind === 'merchandise' && l.category) {
      const c = categories.get(l.category) ?? { items: 0, salesMinor: 0 };
      c.items += l.quantity; c.salesMinor += l.netMinor;
      categories.set(l.category, c);
    }
    return {
      order_id: id, line_no: i + 1, product_id: l.sku ? k.productIds.get(l.sku) ?? null : null, sku: l.sku, name: l.name, category: l.category,
      quantity: l.quantity, unit_price_minor: l.unitPriceMinor, gross_minor: l.grossMinor, discount_minor: l.discountMinor,
      net_minor: l.netMinor, cost_minor: l.costMinor, kind: l.kind,
    };
  });
  const facts = k.customerId === null ? null : { customerId: k.customerId, placedAt: o.placedAt, businessDate: o.businessDate, ...t, categories };
  return { order, lines, facts };
}

/**
 * The checkout's order, inside the checkout's transaction: the store and the customer are known
 * already and the idempotency key guards the order, so this skips what `recordSales` must find out
 * (store, existing documents, customer by reference) and goes straight to the rows and summaries.
 * An external id recorded before fails on the orders key (a unique violation, for the caller to explain).
 */
export async function recordCheckoutOrder(db: Kysely<DB>, o: OrderInput, known: { storeId: number; customerId: number | null }, now: string): Promise<number> {
  const skus = new Map<string, { name: string | null; category: string | null; kind: string }>();
  for (const l of o.lines) if (l.sku && !skus.has(l.sku)) skus.set(l.sku, { name: l.name, category: l.category, kind: l.kind });
  const productIds = await checkoutProductIds(db, skus, now);
  const rows = orderRowsOf(o, { hash: orderHash(o), ...known, productIds, importId: null, now });
  await insertOrders(db, [rows.order], rows.lines);
  if (rows.facts) await applySalesToSummaries(db, [rows.facts], []);
  await applySalesToReports(db, { orders: [rows.order], lines: rows.lines, returns: [], returnLines: [] });
  return rows.order.id;
}

/**
 * Product ids for a checkout's SKUs. Ids found by a select are remembered for the store (a product
 * is never deleted or renumbered, and what the select finds is committed or was written by an earlier
 * checkout of the same group commit, whose failure forgets the memo); SKUs new to the catalogue are created.
 */
async function checkoutProductIds(db: Kysely<DB>, skus: ReadonlyMap<string, { name: string | null; category: string | null; kind: string }>, now: string): Promise<Map<string, number>> {
  const memo = storeMemo<string, number>(db, 'product-ids');
  const ids = new Map<string, number>();
  for (const sku of skus.keys()) { const id = memo.get(sku); if (id !== undefined) ids.set(sku, id); }
  if (ids.size === skus.size) return ids;
  if (memo.size > 100_000) memo.clear();
  for (const [sku, id] of await productIdsBySku(db, [...skus.keys()].filter((s) => !ids.has(s)))) { memo.set(sku, id); ids.set(sku, id); }
  const missing = new Map([...skus].filter(([sku]) => !ids.has(sku)));
  if (missing.size) for (const [sku, id] of await ensureProducts(db, missing, now)) ids.set(sku, id);
  return ids;
}

/**
 * Keep the documents not stored yet. One stored (or earlier in this batch) with the same content is
 * counted unchanged; with other content it is a conflict, never applied.
 */
async function splitNew<T extends { source: string; externalId: string }>(
  db: Kysely<DB>, docs: readonly T[], kind: 'order' | 'return', hash: (d: T) => string, result: BatchResult,
): Promise<{ input: T; hash: string }[]> {
  const fresh: { input: T; hash: string }[] = [];
  const ids = kind === 'order' ? result.orderIds : result.returnIds;
  for (const [source, group] of groupBy(docs, (d) => d.source)) {
    const existing = await existingDocs(db, kind === 'order' ? 'orders' : 'returns', source, group.map((d) => d.externalId));
    const seen = new Map<string, string>();
    for (const d of group) {
      const h = hash(d);
      const prior = existing.get(d.externalId);
      const twin = seen.get(d.externalId);
      if (prior?.contentHash === h || twin === h) {
        if (kind === 'order') result.ordersUnchanged++; else result.returnsUnchanged++;
        result.unchangedKeys.add(`${kind === 'order' ? 'O' : 'R'}|${d.externalId}`);
        if (prior) ids.set(d.externalId, prior.id);
      } else if (prior || twin !== undefined) {
        result.conflicts.push({ kind, externalId: d.externalId, detail: `${kind} id already recorded with different content` });
      } else {
        seen.set(d.externalId, h);
        fresh.push({ input: d, hash: h });
      }
    }
  }
  return fresh;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it); else out.set(k, [it]);
  }
  return out;
}

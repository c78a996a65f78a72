// Use-case: one order or one return sent by a till (POST /api/orders, /api/returns). Money arrives in
// integer minor units, the instant with its offset; the business date is counted in the store's zone.
// Idempotent through recordSales: the same external id with the same content is a replay, with other
// content a conflict naming /externalId.
import type { Kysely } from 'kysely';
import { AppError, invalid } from '../domain/errors.ts';
import { lineAmount } from '../domain/money.ts';
import type { CustomerRef, LineKind, OrderInput, OrderLineInput, ReturnInput, ReturnLineInput } from '../domain/orders/types.ts';
import { normalizePhone } from '../domain/phone.ts';
import { businessDate } from '../domain/time.ts';
import type { DB } from '../store/schema.ts';
import { recordedOrder, recordedReturn, returnableOf, type RecordedOrder, type RecordedReturn, type Returnable } from '../store/pos.repo.ts';
import { existingReturns } from '../store/sales.repo.ts';
import { storesByCode, type Store } from '../store/stores.repo.ts';
import { recordSales } from './record-sales.ts';

/** The source of everything recorded through the API; external ids are unique within it. */
export const POS_SOURCE = 'pos';

export interface PosCustomer { memberNo?: string | null; phone?: string | null }

export interface PosOrderLine {
  sku?: string | null; name?: string | null; category?: string | null; quantity: number; unitPriceMinor: number;
  discountMinor?: number; /** Cost of the whole line. */ costMinor?: number | null; kind?: LineKind;
}

export interface PosOrder {
  externalId: string; storeCode: string; /** ISO instant with offset. */ placedAt: string; channel?: string;
  customer?: PosCustomer | null; lines: readonly PosOrderLine[];
}

export interface PosReturnLine {
  sku?: string | null; quantity: number; amountMinor: number; orderLineNo?: number | null; kind?: LineKind; category?: string | null;
}

export interface PosReturn {
  externalId: string; storeCode: string; orderExternalId?: string | null; returnedAt: string; reason?: string | null;
  customer?: PosCustomer | null; lines: readonly PosReturnLine[];
}

export interface PosOptions {
  now: Date;
  /** Stores the caller may record for; null means every store. */
  storeIds: readonly number[] | null;
}

/** Instants more than this far in the future are a till with a wrong clock, not a sale. */
const MAX_FUTURE_MS = 24 * 3_600_000;

async function storeFor(db: Kysely<DB>, code: string, storeIds: readonly number[] | null): Promise<Store> {
  const store = (await storesByCode(db, [code])).get(code);
  if (!store) throw invalid('/storeCode', `unknown store ${code}`);
  if (storeIds !== null && !storeIds.includes(store.id)) throw new AppError('FORBIDDEN', `you may not record sales for store ${code}`, { field: '/storeCode' });
  return store;
}

function customerRef(c: PosCustomer | null | undefined): CustomerRef | null {
  const memberNo = c?.memberNo?.trim() || null;
  let phone: string | null = null;
  if (c?.phone?.trim()) {
    phone = normalizePhone(c.phone);
    if (!phone) throw invalid('/customer/phone', `not a phone number: ${c.phone}`);
  }
  return memberNo || phone ? { memberNo, phone } : null;
}

function instant(text: string, field: string, now: Date): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw invalid(field, 'not an ISO instant');
  if (ms > now.getTime() + MAX_FUTURE_MS) throw invalid(field, 'lies more than a day in the future');
  return new Date(ms).toISOString();
}

function orderLine(l: PosOrderLine, i: number): OrderLineInput {
  const kind = l.kind ?? 'merchandise';
  const credit = kind === 'discount' || kind === 'voucher';
  if (!credit && l.unitPriceMinor < 0) throw invalid(`/lines/${i}/unitPriceMinor`, 'must not be negative');
  const grossMinor = lineAmount(l.unitPriceMinor, l.quantity);
  const discountMinor = l.discountMinor ?? 0;
  if (discountMinor > Math.abs(grossMinor)) throw invalid(`/lines/${i}/discountMinor`, `discount ${discountMinor} exceeds the line's gross ${grossMinor}`);
  return {
    sku: l.sku?.trim() || null, name: l.name ?? null, category: l.category ?? null, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor,
    grossMinor, discountMinor, netMinor: grossMinor - discountMinor, costMinor: l.costMinor ?? null, kind,
  };
}

/** Record one order; `replayed` when it was already recorded with the same content. */
export async function recordPosOrder(db: Kysely<DB>, o: PosOrder, opts: PosOptions): Promise<{ order: RecordedOrder; replayed: boolean }> {
  const store = await storeFor(db, o.storeCode, opts.storeIds);
  const placedAt = instant(o.placedAt, '/placedAt', opts.now);
  const input: OrderInput = {
    source: POS_SOURCE, externalId: o.externalId, storeCode: store.code, customer: customerRef(o.customer), placedAt,
    businessDate: businessDate(placedAt, store.timeZone), channel: o.channel ?? 'store', lines: o.lines.map(orderLine),
  };
  const result = await recordSales(db, { orders: [input], returns: [] }, { now: opts.now.toISOString() });
  if (result.conflicts.length) throw conflict('order', o.externalId);
  const order = await recordedOrder(db, result.orderIds.get(o.externalId)!);
  return { order: order!, replayed: result.ordersUnchanged > 0 };
}

/** Record one return; when linked to an order, it may not give back more than the order holds. */
export async function recordPosReturn(db: Kysely<DB>, r: PosReturn, opts: PosOptions): Promise<{ ret: RecordedReturn; replayed: boolean }> {
  const store = await storeFor(db, r.storeCode, opts.storeIds);
  const returnedAt = instant(r.returnedAt, '/returnedAt', opts.now);
  const customer = customerRef(r.customer);
  let lines: ReturnLineInput[] = r.lines.map((l) => ({
    sku: l.sku?.trim() || null, quantity: l.quantity, amountMinor: l.amountMinor, orderLineNo: l.orderLineNo ?? null,
    kind: l.kind ?? 'merchandise', category: l.category ?? null,
  }));
  const orderExternalId = r.orderExternalId?.trim() || null;
  if (orderExternalId) {
    const order = await returnableOf(db, POS_SOURCE, orderExternalId);
    if (!order) throw invalid('/orderExternalId', `no order ${orderExternalId} was recorded through the API`);
    // A replay is filled in the same way but skips the limits: it is itself among "already returned".
    const replay = (await existingReturns(db, POS_SOURCE, [r.externalId])).has(r.externalId);
    lines = checkReturn(order, lines, { limits: !replay });
  }
  const input: ReturnInput = {
    source: POS_SOURCE, externalId: r.externalId, orderExternalId, storeCode: store.code, customer, returnedAt,
    businessDate: businessDate(returnedAt, store.timeZone), reason: r.reason ?? null, lines,
  };
  const result = await recordSales(db, { orders: [], returns: [input] }, { now: opts.now.toISOString() });
  if (result.conflicts.length) throw conflict('return', r.externalId);
  const ret = await recordedReturn(db, result.returnIds.get(r.externalId)!);
  return { ret: ret!, replayed: result.returnsUnchanged > 0 };
}

const conflict = (kind: string, externalId: string) =>
  new AppError('CONFLICT', `${kind} ${externalId} was already recorded with different content`, { field: '/externalId' });

/**
 * Check return lines against their order and fill in what the order knows (SKU, category). A line
 * names its order line (orderLineNo) or a SKU; per order line and per SKU, all returns together may
 * not exceed what was bought, nor may the money refunded exceed what was paid.
 */
export function checkReturn(order: Returnable, lines: readonly ReturnLineInput[], opts: { limits?: boolean } = {}): ReturnLineInput[] {
  const { limits = true } = opts;
  const byNo = new Map(order.lines.map((l) => [l.lineNo, l]));
  const skuOf = (l: { orderLineNo: number | null; sku: string | null }) => l.sku ?? (l.orderLineNo !== null ? byNo.get(l.orderLineNo)?.sku ?? null : null);
  const perLine = new Map<number, number>();
  const perSku = new Map<string, number>();
  let refunded = 0;
  const add = (l: { orderLineNo: number | null; sku: string | null; quantity: number; amountMinor: number }) => {
    if (l.orderLineNo !== null) perLine.set(l.orderLineNo, (perLine.get(l.orderLineNo) ?? 0) + l.quantity);
    const sku = skuOf(l);
    if (sku !== null) perSku.set(sku, (perSku.get(sku) ?? 0) + l.quantity);
    refunded += l.amountMinor;
  };
  for (const prior of order.returned) add(prior);
  return lines.map((l, i) => {
    let filled = l;
    if (l.orderLineNo !== null) {
      const ol = byNo.get(l.orderLineNo);
      if (!ol) throw invalid(`/lines/${i}/orderLineNo`, `the order has no line ${l.orderLineNo}`);
      if (l.sku !== null && ol.sku !== null && l.sku !== ol.sku) throw invalid(`/lines/${i}/sku`, `line ${l.orderLineNo} of the order is ${ol.sku}, not ${l.sku}`);
      filled = { ...l, sku: l.sku ?? ol.sku, category: l.category ?? ol.category };
    } else if (l.sku !== null) {
      const ol = order.lines.find((x) => x.sku === l.sku);
      if (!ol) throw invalid(`/lines/${i}/sku`, `the order has no line with SKU ${l.sku}`);
      filled = { ...l, category: l.category ?? ol.category };
    }
    add(filled);
    if (!limits) return filled;
    if (filled.orderLineNo !== null) {
      const bought = byNo.get(filled.orderLineNo)!.quantity;
      const total = perLine.get(filled.orderLineNo)!;
      if (total > bought) throw invalid(`/lines/${i}/quantity`, `returns ${total} of order line ${filled.orderLineNo} in all, but ${bought} were bought`);
    }
    if (filled.sku !== null) {
      const bought = order.lines.filter((x) => x.sku === filled.sku).reduce((a, x) => a + x.quantity, 0);
      const total = perSku.get(filled.sku)!;
      if (bought > 0 && total > bought) throw invalid(`/lines/${i}/quantity`, `returns ${total} of ${filled.sku} in all, but ${bought} were bought`);
    }
    if (order.netMinor >= 0 && refunded > order.netMinor) throw invalid(`/lines/${i}/amountMinor`, `refunds ${refunded} in all, but the order came to ${order.netMinor}`);
    return filled;
  });
}

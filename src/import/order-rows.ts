// One record of an orders file → one ImportRow or one RowIssue. Pure apart from two memories kept
// per file: a date cache, and the occurrence counter that derives order keys for files without an
// order id (so re-importing the same file gives the same keys).
//
// Money: unit price × quantity is the gross (lineAmount; a price below one minor unit, such as UCI's
// £0.001, is kept exactly: 0 pence a unit, the gross rounded). With an amount column too, the amount is
// what was paid: discount = gross − amount unless a discount column says otherwise (an amount above
// the gross raises the gross). With only an amount: quantity 1 (or the quantity column) and
// unit price = amount ÷ quantity rounded, gross = amount exactly.
// Returns: a type column saying 退货/return, or a UCI-style cancellation (order id "C" + digits with
// a negative quantity). Return rows carry positive quantity and amounts.
import { hash } from 'node:crypto';
import { lineAmount } from '../domain/money.ts';
import { normalizePhone } from '../domain/phone.ts';
import { AppError } from '../domain/errors.ts';
import { DEFAULT_ZONE, isValidZone, type DateOrder } from '../domain/time.ts';
import type { ColumnIndex } from './headers.ts';
import { classifyLine, isAccountingAdjustment } from './line-kind.ts';
import type { RejectReason, RowResult } from './rows.ts';
import { cleanId, dateReader, isReturnMarker, parseMoney, parseQuantity } from './values.ts';

/** What a reader hands a mapper: the physical line where the record starts, its fields and text. */
export interface SourceRecord {
  lineNo: number;
  fields: string[];
  raw: string;
  error?: string | null;
}

export interface OrderRowOptions {
  /** IANA zone the file's local times are in. */
  zone?: string;
  /** How to read slash dates such as 03/05/2024. */
  dateOrder?: DateOrder;
  /** Minor-unit digits of the currency (2; 0 for JPY). */
  currencyDigits?: number;
  /** Order ids starting with this and a digit are cancellations when the quantity is negative. */
  cancelPrefix?: string | null;
  /**
   * Without an order id column: 'row' makes each line its own order (CDNOW: one row per purchase;
   * key = hash(customer, time, store) + occurrence); 'group' makes lines with the same customer,
   * time and store one order.
   */
  derivedKey?: 'row' | 'group';
  /**
   * Lines at price (or amount) 0: 'reject' (default) reports them as zero_price; 'keep' imports
   * them, for files where a free purchase is still a purchase (CDNOW has 80, 68 customers' only ones).
   */
  zeroPrice?: 'reject' | 'keep';
}

export type OrderRowMapper = (rec: SourceRecord) => RowResult;

/** The trimmed text of column `i` ('' when the column is absent or the record short). */
export function cell(fields: readonly string[], i: number | undefined): string {
  if (i === undefined) return '';
  const v = fields[i];
  if (v === undefined || v === '') return '';
  const first = v.charCodeAt(0);
  const lastC = v.charCodeAt(v.length - 1);
  return first > 32 && lastC > 32 ? v : v.trim();
}

function issue(rec: SourceRecord, reason: RejectReason, detail: string): RowResult {
  return { ok: false, issue: { lineNo: rec.lineNo, raw: rec.raw, reason, detail } };
}

/** Build the mapper for one file, given its column index and header width. */
export function createOrderRowMapper(cols: ColumnIndex, headerWidth: number, {
  zone = DEFAULT_ZONE, dateOrder = 'ymd', currencyDigits = 2, cancelPrefix = 'C', derivedKey = 'row', zeroPrice = 'reject',
}: OrderRowOptions = {}): OrderRowMapper {
  if (!isValidZone(zone)) throw new AppError('VALIDATION', `unknown time zone "${zone}" (an IANA name such as Asia/Shanghai)`, { field: 'zone' });
  const dates = dateReader(zone, dateOrder);
  const occurrences = new Map<string, number>();
  const c = {
    orderId: cols.orderId, customer: cols.customer, phone: cols.phone, store: cols.store, placedAt: cols.placedAt,
    placedTime: cols.placedTime, sku: cols.sku, name: cols.name, category: cols.category, category1: cols.category1,
    category2: cols.category2, category3: cols.category3, quantity: cols.quantity, unitPrice: cols.unitPrice,
    amount: cols.amount, discount: cols.discount, cost: cols.cost, unitCost: cols.unitCost, channel: cols.channel, type: cols.type,
  };
  const levels = [c.category1, c.category2, c.category3].filter((i) => i !== undefined);
  const cancel = cancelPrefix ? new RegExp(`^${cancelPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d`) : null;

  return (rec) => {
    const f = rec.fields;
    if (rec.error) return issue(rec, 'malformed_line', rec.error);
    if (f.length > headerWidth && f.slice(headerWidth).some((x) => x.trim() !== '')) {
      return issue(rec, 'malformed_line', `${f.length} fields, the header has ${headerWidth} (an unquoted delimiter?)`);
    }

    let dateText = cell(f, c.placedAt);
    if (dateText === '') return issue(rec, 'missing_date', 'no date');
    if (c.placedTime !== undefined && !dateText.includes(':')) dateText = `${dateText} ${cell(f, c.placedTime)}`.trim();
    const when = dates.read(dateText);
    if (!when) return issue(rec, 'invalid_date', `cannot read date "${dateText}"`);

    const orderId = cleanId(cell(f, c.orderId));
    if (c.orderId !== undefined && orderId === '') return issue(rec, 'missing_order_key', 'no order id');
    const sku = cell(f, c.sku) || null;
    const name = cell(f, c.name) || null;
    if (isAccountingAdjustment(orderId, sku, name)) return issue(rec, 'accounting_adjustment', `${orderId || 'line'} ${sku ?? ''} ${name ?? ''}`.trim());

    let quantity = 1;
    if (c.quantity !== undefined) {
      const q = parseQuantity(cell(f, c.quantity));
      if (q === null) return issue(rec, 'invalid_quantity', `quantity "${cell(f, c.quantity)}"`);
      quantity = q;
    }
    let price: number | null = null;
    if (c.unitPrice !== undefined) {
      // In thousandths of a minor unit: UCI sells PADS at £0.001, a real sale worth less than a penny.
      price = parseMoney(cell(f, c.unitPrice), currencyDigits + 3);
      if (price === null) return issue(rec, 'invalid_price', `unit price "${cell(f, c.unitPrice)}"`);
    }
    let amount: number | null = null;
    if (c.amount !== undefined && (cell(f, c.amount) !== '' || price === null)) {
      amount = parseMoney(cell(f, c.amount), currencyDigits);
      if (amount === null) return issue(rec, 'invalid_amount', `amount "${cell(f, c.amount)}"`);
    }
    if (quantity === 0) return issue(rec, 'zero_quantity', 'quantity 0');

    // The sign of a line is the sign of its quantity (of its amount when there is no quantity column).
    const negative = c.quantity !== undefined ? quantity < 0 : (amount ?? price ?? 0) < 0;
    const marked = c.type !== undefined && isReturnMarker(cell(f, c.type));
    const isReturn = marked || (negative && cancel !== null && cancel.test(orderId));
    if (negative && !isReturn) return issue(rec, 'negative_quantity_outside_return', `quantity ${cell(f, c.quantity) || cell(f, c.amount)}`);

    const qty = Math.abs(quantity);
    let unitPriceMinor: number;
    let grossMinor: number;
    let discountMinor = 0;
    if (price !== null) {
      if (price === 0 && zeroPrice === 'reject') return issue(rec, 'zero_price', 'unit price 0');
      if (price < 0 && !marked) return issue(rec, 'negative_price', `unit price ${cell(f, c.unitPrice)}`);
      const fine = Math.abs(price);
      unitPriceMinor = Math.round(fine / 1000);
      grossMinor = fine % 1000 === 0 ? lineAmount(fine / 1000, qty) : lineAmount(lineAmount(fine, qty), 0.001);
      if (amount !== null) {
        const paid = Math.abs(amount);
        if (paid > grossMinor) grossMinor = paid;
        discountMinor = grossMinor - paid;
      }
    } else {
      const a = amount ?? 0;
      if (a === 0 && zeroPrice === 'reject') return issue(rec, 'zero_price', 'amount 0');
      if (a < 0 && c.quantity !== undefined && !isReturn) return issue(rec, 'negative_price', `amount ${cell(f, c.amount)}`);
      grossMinor = Math.abs(a);
      unitPriceMinor = Math.round(grossMinor / qty);
    }
    if (c.discount !== undefined && cell(f, c.discount) !== '') {
      const d = parseMoney(cell(f, c.discount), currencyDigits);
      if (d === null) return issue(rec, 'invalid_amount', `discount "${cell(f, c.discount)}"`);
      discountMinor = Math.min(Math.abs(d), grossMinor);
    }

    const memberNo = cleanId(cell(f, c.customer)) || null;
    let phone: string | null = null;
    const phoneText = cell(f, c.phone);
    if (phoneText !== '' && !phoneText.includes('*')) {
      phone = normalizePhone(phoneText);
      if (phone === null) return issue(rec, 'invalid_phone', `phone "${phoneText}"`);
    }
    const storeCode = cell(f, c.store) || null;

    let orderKey = orderId;
    if (c.orderId === undefined) {
      const tuple = `${memberNo ?? ''}\u0001${phone ?? ''}\u0001${when.placedAt}\u0001${storeCode ?? ''}`;
      const h = hash('sha1', tuple).slice(0, 16);
      if (derivedKey === 'group') orderKey = `h${h}`;
      else {
        const n = (occurrences.get(h) ?? 0) + 1;
        occurrences.set(h, n);
        orderKey = `h${h}-${n}`;
      }
    }

    let costMinor: number | null = null;
    if (c.cost !== undefined) {
      const v = parseMoney(cell(f, c.cost), currencyDigits);
      costMinor = v === null ? null : Math.abs(v);
    } else if (c.unitCost !== undefined) {
      const v = parseMoney(cell(f, c.unitCost), currencyDigits);
      costMinor = v === null ? null : lineAmount(Math.abs(v), qty);
    }
    const category = levels.length > 0
      ? levels.map((i) => cell(f, i)).filter((s) => s !== '').join('/') || null
      : cell(f, c.category) || null;

    return {
      ok: true,
      row: {
        lineNo: rec.lineNo, raw: rec.raw, orderKey, isReturn, memberNo, phone, storeCode,
        placedAt: when.placedAt, businessDate: when.businessDate, channel: cell(f, c.channel) || null,
        sku, name, category, quantity: qty, unitPriceMinor, grossMinor, discountMinor, costMinor,
        kind: classifyLine(sku, name),
      },
    };
  };
}

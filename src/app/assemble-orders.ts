// Turn a file's rows (in file order) into orders and returns. Lines of one order are usually
// contiguous in POS exports; we group within a window of rows and hold the last open order back so
// an order that straddles two windows stays whole. An order whose lines reappear after it was
// recorded cannot be completed without rewriting it, so those late lines are rejected, not merged.
import type { OrderInput, ReturnInput } from '../domain/orders/types.ts';
import type { ImportRow, RowIssue } from '../import/rows.ts';

export interface AssembleOptions { source: string; defaultStore: string; defaultChannel: string }

export interface Assembled {
  orders: OrderInput[];
  returns: ReturnInput[];
  /** Line numbers of each order/return's rows, by document key, to account for every row. */
  rowsOf: Map<string, number[]>;
}

const docKey = (isReturn: boolean, orderKey: string) => `${isReturn ? 'R' : 'O'}|${orderKey}`;

export class OrderAssembler {
  private readonly pending = new Map<string, ImportRow[]>();
  private readonly flushed = new Set<string>();
  private lastKey: string | null = null;
  private readonly opts: AssembleOptions;

  constructor(opts: AssembleOptions) { this.opts = opts; }

  /** Add a row; returns an issue when the row belongs to an order already flushed. */
  add(row: ImportRow): RowIssue | null {
    const key = docKey(row.isReturn, row.orderKey);
    if (this.flushed.has(key)) {
      return { lineNo: row.lineNo, raw: row.raw, reason: 'order_conflict', detail: `lines of ${row.orderKey} reappear after the order was recorded; sort the file by order id` };
    }
    const list = this.pending.get(key);
    if (list) list.push(row); else this.pending.set(key, [row]);
    this.lastKey = key;
    return null;
  }

  /** Take every complete document; keep the last open one unless `final`. */
  take(final = false): Assembled {
    const out: Assembled = { orders: [], returns: [], rowsOf: new Map() };
    for (const [key, rows] of this.pending) {
      if (!final && key === this.lastKey) continue;
      this.pending.delete(key);
      this.flushed.add(key);
      out.rowsOf.set(key, rows.map((r) => r.lineNo));
      if (rows[0]!.isReturn) out.returns.push(this.toReturn(rows));
      else out.orders.push(this.toOrder(rows));
    }
    return out;
  }

  private toOrder(rows: ImportRow[]): OrderInput {
    const h = rows[0]!;
    return {
      source: this.opts.source, externalId: h.orderKey, storeCode: h.storeCode ?? this.opts.defaultStore,
      customer: h.memberNo || h.phone ? { memberNo: h.memberNo, phone: h.phone } : null,
      placedAt: h.placedAt, businessDate: h.businessDate, channel: h.channel ?? this.opts.defaultChannel,
      lines: rows.map((r) => ({
        sku: r.sku, name: r.name, category: r.category, quantity: r.quantity, unitPriceMinor: r.unitPriceMinor,
        grossMinor: r.grossMinor, discountMinor: r.discountMinor, netMinor: r.grossMinor - r.discountMinor, costMinor: r.costMinor, kind: r.kind,
      })),
    };
  }

  private toReturn(rows: ImportRow[]): ReturnInput {
    const h = rows[0]!;
    return {
      source: this.opts.source, externalId: h.orderKey, orderExternalId: null, storeCode: h.storeCode ?? this.opts.defaultStore,
      customer: h.memberNo || h.phone ? { memberNo: h.memberNo, phone: h.phone } : null,
      returnedAt: h.placedAt, businessDate: h.businessDate, reason: null,
      lines: rows.map((r) => ({ sku: r.sku, quantity: r.quantity, amountMinor: r.grossMinor - r.discountMinor, orderLineNo: null, kind: r.kind, category: r.category })),
    };
  }
}

export { docKey };

// The contract between reading a file and writing the store: every physical data line of an import
// becomes exactly one ImportRow or one RowIssue (nothing is lost).
import type { LineKind } from '../domain/orders/types.ts';

export const REJECT_REASONS = [
  'missing_order_key', 'missing_date', 'invalid_date', 'invalid_quantity', 'invalid_price', 'invalid_amount',
  'zero_quantity', 'zero_price', 'negative_price', 'negative_quantity_outside_return', 'positive_quantity_in_return',
  'accounting_adjustment', 'unknown_store', 'malformed_line', 'order_conflict', 'missing_customer_key',
  'invalid_phone', 'missing_sku',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** One order (or return) line read from a file. */
export interface ImportRow {
  /** 1-based physical line number in the file (the header is line 1). */
  lineNo: number;
  /** The original line as decoded (kept so a row can still be rejected later, e.g. on an order conflict). */
  raw: string;
  /** Order key: the file's order id, or one derived from customer + time when the file has none. */
  orderKey: string;
  /** True for cancellation/return lines (UCI "C…" invoices, negative quantities in a return file). */
  isReturn: boolean;
  memberNo: string | null;
  phone: string | null;
  storeCode: string | null;
  placedAt: string;
  businessDate: string;
  channel: string | null;
  sku: string | null;
  name: string | null;
  category: string | null;
  /** Always positive: units sold or returned. */
  quantity: number;
  unitPriceMinor: number;
  /** Always positive: gross line amount (sold or refunded). */
  grossMinor: number;
  discountMinor: number;
  costMinor: number | null;
  kind: LineKind;
}

export interface RowIssue {
  lineNo: number;
  /** The original line as it appeared in the file (decoded), for the reject file. */
  raw: string;
  reason: RejectReason;
  detail: string;
}

export type RowResult = { ok: true; row: ImportRow } | { ok: false; issue: RowIssue };

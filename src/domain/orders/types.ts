// What an order, a return and their lines look like once they have been read from a POS export, an
// API call or the demo generator. Money in minor units; `placedAt` is a UTC ISO instant and
// `businessDate` the date in the store's zone.

/** Merchandise counts toward items and categories; the other kinds are money without goods. */
export const LINE_KINDS = ['merchandise', 'shipping', 'fee', 'discount', 'manual', 'sample', 'voucher'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export interface OrderLineInput {
  sku: string | null;
  name: string | null;
  /** Category path, levels joined with '/', e.g. "服装/上衣/T恤". */
  category: string | null;
  quantity: number;
  unitPriceMinor: number;
  /** quantity × unit price before discount. */
  grossMinor: number;
  discountMinor: number;
  /** gross − discount: what the customer paid for the line. */
  netMinor: number;
  /** Cost of goods for the line, null when unknown. */
  costMinor: number | null;
  kind: LineKind;
}

/** How an order or return names its customer: a member number/card, a phone, or nothing (anonymous). */
export interface CustomerRef {
  memberNo: string | null;
  phone: string | null;
}

export interface OrderInput {
  /** Where the order came from ("pos", "import", "demo"); externalId is unique per source. */
  source: string;
  externalId: string;
  storeCode: string;
  customer: CustomerRef | null;
  placedAt: string;
  businessDate: string;
  channel: string;
  lines: OrderLineInput[];
}

export interface ReturnLineInput {
  sku: string | null;
  /** Positive: the number of units returned. */
  quantity: number;
  /** Positive: the amount refunded for the line. */
  amountMinor: number;
  /** Line number (1-based) of the original order's line, when known. */
  orderLineNo: number | null;
  kind: LineKind;
  category: string | null;
}

export interface ReturnInput {
  source: string;
  externalId: string;
  /** The original order's external id (same source), when known. */
  orderExternalId: string | null;
  storeCode: string;
  customer: CustomerRef | null;
  returnedAt: string;
  businessDate: string;
  reason: string | null;
  lines: ReturnLineInput[];
}

export interface OrderTotals {
  grossMinor: number;
  discountMinor: number;
  netMinor: number;
  /** Null when any merchandise line lacks a cost. */
  costMinor: number | null;
  /** Units of merchandise. */
  items: number;
}

/** Sum an order's lines; non-merchandise lines count in money but not in items. */
export function orderTotals(lines: readonly OrderLineInput[]): OrderTotals {
  let grossMinor = 0, discountMinor = 0, netMinor = 0, items = 0;
  let costMinor: number | null = 0;
  for (const l of lines) {
    grossMinor += l.grossMinor;
    discountMinor += l.discountMinor;
    netMinor += l.netMinor;
    if (l.kind === 'merchandise') {
      items += l.quantity;
      costMinor = costMinor === null || l.costMinor === null ? null : costMinor + l.costMinor;
    }
  }
  return { grossMinor, discountMinor, netMinor, costMinor, items };
}

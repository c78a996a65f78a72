// The per-customer summary is a fold over the customer's orders and returns. Incremental upkeep
// applies these functions to the stored summary as each batch arrives; `rebuild` recomputes the same
// facts independently with SQL aggregates, and a test proves the two agree.

export interface Summary {
  firstPurchaseAt: string | null;
  lastPurchaseAt: string | null;
  firstPurchaseDate: string | null;
  lastPurchaseDate: string | null;
  orders: number;
  /** Distinct business dates with a purchase (what BG/NBD counts). */
  purchaseDays: number;
  items: number;
  grossMinor: number;
  discountMinor: number;
  /** Net of discounts, before returns. */
  salesMinor: number;
  /** Cost of the orders whose cost is fully known … */
  costMinor: number;
  /** … and those orders' sales, so margin = costedSales − cost is never mixed with unknowns. */
  costedSalesMinor: number;
  returns: number;
  returnItems: number;
  returnMinor: number;
  /** sales − returns. */
  netMinor: number;
  /** Distinct merchandise categories bought. */
  categories: number;
  /** Orders on a Saturday or Sunday (business date): the weekend/weekday shopper tag. */
  weekendOrders: number;
  /** Orders with any discount: the promotion-sensitive tag. */
  discountedOrders: number;
  /** The latest purchase day before the last one (the reactivated stage needs the gap before it). */
  previousPurchaseDate: string | null;
}

export const EMPTY_SUMMARY: Summary = Object.freeze({
  firstPurchaseAt: null, lastPurchaseAt: null, firstPurchaseDate: null, lastPurchaseDate: null,
  orders: 0, purchaseDays: 0, items: 0, grossMinor: 0, discountMinor: 0, salesMinor: 0, costMinor: 0,
  costedSalesMinor: 0, returns: 0, returnItems: 0, returnMinor: 0, netMinor: 0, categories: 0,
  weekendOrders: 0, discountedOrders: 0, previousPurchaseDate: null,
});

export interface OrderFacts {
  placedAt: string;
  businessDate: string;
  items: number;
  grossMinor: number;
  discountMinor: number;
  netMinor: number;
  costMinor: number | null;
}

const minOf = (a: string | null, b: string) => (a === null || b < a ? b : a);
const maxOf = (a: string | null, b: string) => (a === null || b > a ? b : a);

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

/** The latest day before `last`, after `date` joins the purchase days (orders may arrive out of order). */
function previousDay(s: Summary, date: string): string | null {
  const last = s.lastPurchaseDate;
  if (last === null || date === last) return s.previousPurchaseDate;
  if (date > last) return last;
  return maxOf(s.previousPurchaseDate, date);
}

/**
 * Add one order. `newDay` says whether its business date had no earlier purchase by this customer;
 * `newCategories` how many of its categories the customer had never bought.
 */
export function addOrder(s: Summary, o: OrderFacts, newDay: boolean, newCategories: number): Summary {
  return {
    ...s,
    firstPurchaseAt: minOf(s.firstPurchaseAt, o.placedAt),
    lastPurchaseAt: maxOf(s.lastPurchaseAt, o.placedAt),
    firstPurchaseDate: minOf(s.firstPurchaseDate, o.businessDate),
    lastPurchaseDate: maxOf(s.lastPurchaseDate, o.businessDate),
    orders: s.orders + 1,
    purchaseDays: s.purchaseDays + (newDay ? 1 : 0),
    items: s.items + o.items,
    grossMinor: s.grossMinor + o.grossMinor,
    discountMinor: s.discountMinor + o.discountMinor,
    salesMinor: s.salesMinor + o.netMinor,
    costMinor: s.costMinor + (o.costMinor ?? 0),
    costedSalesMinor: s.costedSalesMinor + (o.costMinor === null ? 0 : o.netMinor),
    netMinor: s.netMinor + o.netMinor,
    categories: s.categories + newCategories,
    weekendOrders: s.weekendOrders + (isWeekend(o.businessDate) ? 1 : 0),
    discountedOrders: s.discountedOrders + (o.discountMinor > 0 ? 1 : 0),
    previousPurchaseDate: previousDay(s, o.businessDate),
  };
}

/** Add one return (amount and items positive). Returns lower net spend, never the order count. */
export function addReturn(s: Summary, r: { amountMinor: number; items: number }): Summary {
  return {
    ...s,
    returns: s.returns + 1,
    returnItems: s.returnItems + r.items,
    returnMinor: s.returnMinor + r.amountMinor,
    netMinor: s.netMinor - r.amountMinor,
  };
}

/** Margin (profit contribution) over the orders whose cost is known; null when none is. */
export function marginMinor(s: Pick<Summary, 'costMinor' | 'costedSalesMinor'>): number | null {
  return s.costedSalesMinor === 0 && s.costMinor === 0 ? null : s.costedSalesMinor - s.costMinor;
}

// What the segment models read about each customer, as of a date. The store loads these facts from
// the per-customer summary (or from the day/month/category activity tables for a past as-of date);
// the models below are pure functions over arrays of them.

/** One customer with at least one purchase on or before as-of. Money in minor units. */
export interface CustomerFacts {
  id: number;
  /** First and last business dates with a purchase on or before as-of (whole history, never windowed). */
  firstPurchaseDate: string;
  lastPurchaseDate: string;
  /** Orders, distinct purchase days and sales (net of discounts) in the window. */
  orders: number;
  purchaseDays: number;
  salesMinor: number;
  /** Refunds dated in the window. */
  returnMinor: number;
  /** sales − refunds in the window: the M of RFM. */
  netMinor: number;
  /** Cost of the window's orders whose cost is fully known, and those orders' sales, and units of merchandise
   * bought in the window (0 when not loaded: free from the summary, a pass over orders otherwise). */
  costMinor: number;
  costedSalesMinor: number;
  items: number;
  /** Distinct merchandise categories bought on or before as-of. */
  categories: number;
}

/** Facts only the tags and the lifecycle need; loaded on request (they cost an extra pass). */
export interface CustomerBehaviour {
  /** The purchase day before the last one (null for one purchase day): how long a lapse the last visit ended. */
  previousPurchaseDate: string | null;
  /** Window orders with a discount, and window orders placed on a Saturday or Sunday. */
  discountedOrders: number;
  weekendOrders: number;
  birthDate: string | null;
  gender: string;
  /** Orders containing each configured preference category in its own look-back, keyed by tag name. */
  categoryOrders: Readonly<Record<string, number>>;
}

export const EMPTY_BEHAVIOUR: CustomerBehaviour = Object.freeze({
  previousPurchaseDate: null, discountedOrders: 0, weekendOrders: 0, birthDate: null, gender: 'unknown', categoryOrders: Object.freeze({}),
});

/** A segment's display names. */
export interface Labels { en: string; zh: string }

/** A scheme's segments in display order, with their labels. */
export type SegmentCatalog = readonly (Labels & { name: string })[];

/** How many customers landed in each segment of a catalog, in catalog order (empty segments included). */
export function countSegments(catalog: SegmentCatalog, assigned: readonly string[]): { name: string; label: Labels; count: number }[] {
  const counts = new Map(catalog.map((s) => [s.name, 0]));
  for (const name of assigned) counts.set(name, (counts.get(name) ?? 0) + 1);
  return catalog.map((s) => ({ name: s.name, label: { en: s.en, zh: s.zh }, count: counts.get(s.name)! }));
}

/** Day number (days since 1970-01-01) of a business date. */
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86400000;

/**
 * A memoised day-number lookup: a million customers share a few thousand distinct dates, so each
 * date string is parsed once.
 */
export function dayNumbers(): (date: string) => number {
  const cache = new Map<string, number>();
  return (date) => {
    let n = cache.get(date);
    if (n === undefined) cache.set(date, (n = dayNumber(date)));
    return n;
  };
}

/** Days from each customer's last purchase to as-of (0 = bought on the as-of date). */
export function recencyDays(facts: readonly Pick<CustomerFacts, 'lastPurchaseDate'>[], asOf: string): Int32Array {
  const day = dayNumbers();
  const end = day(asOf);
  const out = new Int32Array(facts.length);
  for (let i = 0; i < facts.length; i++) out[i] = end - day(facts[i]!.lastPurchaseDate);
  return out;
}

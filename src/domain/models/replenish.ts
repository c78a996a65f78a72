// Replenishment: when will a customer need an item (a category or a SKU) again? Each customer's own
// reorder interval is the median gap between their distinct purchase days of the item; with fewer than
// two such days it falls back to the item's typical interval, the median of its repeat buyers' own
// intervals (one vote per customer, so a few heavy buyers cannot set it). Due date = last purchase + interval.
import { invalid } from '../errors.ts';
import { addDays, daysBetween } from '../time.ts';

/** One purchase of an item by a customer; `date` is a business date YYYY-MM-DD (repeats on a day count once). */
export interface ItemPurchase<C, I> { customerId: C; item: I; date: string }

export interface ItemCycle<I> {
  item: I;
  /** Customers who bought the item. */
  buyers: number;
  /** Customers who bought it on two or more distinct days. */
  repeatBuyers: number;
  /** Median of the repeat buyers' own median gaps, in days; null with fewer than minRepeatBuyers. */
  typicalIntervalDays: number | null;
  /** Bought again by enough customers to be a consumable (repeatBuyers ≥ minRepeatBuyers and ≥ minRepeatShare of buyers). */
  replenishable: boolean;
}

export interface CycleOptions {
  /** Fewest repeat buyers for a typical interval (default 3). */
  minRepeatBuyers?: number;
  /** Smallest share of buyers who buy again for an item to count as replenishable (default 0.2). */
  minRepeatShare?: number;
}

export interface ReorderEstimate<C, I> {
  customerId: C;
  item: I;
  /** Distinct purchase days of the item. */
  purchaseDays: number;
  lastDate: string;
  /** Reorder interval in days (may be fractional: a median of two gaps). */
  intervalDays: number;
  /** 'own': the customer's median gap; 'typical': the item's typical interval (fewer than two own purchases). */
  basis: 'own' | 'typical';
  /** lastDate + intervalDays, rounded to the nearest day. */
  dueDate: string;
  replenishable: boolean;
}

/** Median of the gaps (days) between sorted distinct dates; null with fewer than two dates. */
export function medianGapDays(sortedDistinctDates: readonly string[]): number | null {
  if (sortedDistinctDates.length < 2) return null;
  const gaps: number[] = [];
  for (let i = 1; i < sortedDistinctDates.length; i++) gaps.push(daysBetween(sortedDistinctDates[i - 1]!, sortedDistinctDates[i]!));
  return median(gaps);
}

/** Median of numbers (mean of the two middle values for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Sorted distinct purchase dates per customer × item. */
export function purchaseDatesByCustomerItem<C, I>(purchases: Iterable<ItemPurchase<C, I>>): Map<C, Map<I, string[]>> {
  const sets = new Map<C, Map<I, Set<string>>>();
  for (const { customerId, item, date } of purchases) {
    let byItem = sets.get(customerId);
    if (!byItem) sets.set(customerId, (byItem = new Map<I, Set<string>>()));
    let dates = byItem.get(item);
    if (!dates) byItem.set(item, (dates = new Set<string>()));
    dates.add(date);
  }
  const out = new Map<C, Map<I, string[]>>();
  for (const [c, byItem] of sets) out.set(c, new Map([...byItem].map(([i, d]) => [i, [...d].sort()])));
  return out;
}

/** Typical reorder interval and replenishability of each item, from every customer's purchases of it. */
export function itemCycles<C, I>(dates: ReadonlyMap<C, ReadonlyMap<I, readonly string[]>>, options: CycleOptions = {}): Map<I, ItemCycle<I>> {
  const { minRepeatBuyers = 3, minRepeatShare = 0.2 } = options;
  if (!(Number.isInteger(minRepeatBuyers) && minRepeatBuyers >= 1)) throw invalid('minRepeatBuyers', `minRepeatBuyers must be a whole number ≥ 1, got ${minRepeatBuyers}`);
  if (!(minRepeatShare >= 0 && minRepeatShare <= 1)) throw invalid('minRepeatShare', `minRepeatShare must lie in [0, 1], got ${minRepeatShare}`);
  const acc = new Map<I, { buyers: number; gaps: number[] }>();
  for (const byItem of dates.values()) {
    for (const [item, d] of byItem) {
      let a = acc.get(item);
      if (!a) acc.set(item, (a = { buyers: 0, gaps: [] }));
      a.buyers++;
      const gap = medianGapDays(d);
      if (gap !== null) a.gaps.push(gap);
    }
  }
  const out = new Map<I, ItemCycle<I>>();
  for (const [item, { buyers, gaps }] of acc) {
    const enough = gaps.length >= minRepeatBuyers;
    out.set(item, {
      item, buyers, repeatBuyers: gaps.length,
      typicalIntervalDays: enough ? median(gaps) : null,
      replenishable: enough && gaps.length >= minRepeatShare * buyers,
    });
  }
  return out;
}

/** Reorder interval and due date per customer × item; items with no own and no typical interval are left out. */
export function reorderEstimates<C, I>(
  dates: ReadonlyMap<C, ReadonlyMap<I, readonly string[]>>, cycles: ReadonlyMap<I, ItemCycle<I>>,
): ReorderEstimate<C, I>[] {
  const out: ReorderEstimate<C, I>[] = [];
  for (const [customerId, byItem] of dates) {
    for (const [item, d] of byItem) {
      const own = medianGapDays(d);
      const cycle = cycles.get(item);
      const intervalDays = own ?? cycle?.typicalIntervalDays ?? null;
      // A zero interval (never happens for distinct days) or none at all cannot say when the item is due.
      if (intervalDays === null || !(intervalDays > 0)) continue;
      const lastDate = d[d.length - 1]!;
      out.push({
        customerId, item, purchaseDays: d.length, lastDate, intervalDays, basis: own !== null ? 'own' : 'typical',
        dueDate: addDays(lastDate, Math.round(intervalDays)), replenishable: cycle?.replenishable ?? false,
      });
    }
  }
  return out;
}

export interface DueOptions {
  /** The date the list is made for, YYYY-MM-DD. */
  asOf: string;
  /** Also list items falling due within this many days after asOf (default 7). */
  withinDays?: number;
  /**
   * Items overdue by more than this many intervals are left out: the customer has most likely switched
   * or stocked up elsewhere, which is a churn question, not a reminder (default 2).
   */
  maxOverdueIntervals?: number;
  /** Only items that are replenishable (default true): a coat bought twice has a gap, not a cycle. */
  replenishableOnly?: boolean;
}

export interface DueItem<C, I> extends ReorderEstimate<C, I> {
  /** asOf − dueDate: negative while still ahead, positive when overdue. */
  daysOverdue: number;
}

/** The "due for reorder" list as of a date, most overdue first. */
export function dueForReorder<C, I>(estimates: Iterable<ReorderEstimate<C, I>>, options: DueOptions): DueItem<C, I>[] {
  const { asOf, withinDays = 7, maxOverdueIntervals = 2, replenishableOnly = true } = options;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw invalid('asOf', `asOf must be YYYY-MM-DD, got ${asOf}`);
  if (!(withinDays >= 0)) throw invalid('withinDays', `withinDays must be ≥ 0, got ${withinDays}`);
  if (!(maxOverdueIntervals > 0)) throw invalid('maxOverdueIntervals', `maxOverdueIntervals must be positive, got ${maxOverdueIntervals}`);
  const out: DueItem<C, I>[] = [];
  for (const e of estimates) {
    if (replenishableOnly && !e.replenishable) continue;
    if (e.lastDate > asOf) continue;
    const daysOverdue = daysBetween(e.dueDate, asOf);
    if (daysOverdue < -withinDays || daysOverdue > maxOverdueIntervals * e.intervalDays) continue;
    out.push({ ...e, daysOverdue });
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}

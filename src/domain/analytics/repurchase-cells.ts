// One customer's contribution to the stored repurchase figures (repurchase_cells), for the whole
// history and for each calendar month: their orders, their first purchase day with the gap to the
// second, and every gap between purchase days. Summed over customers, the cells give exactly what
// repurchase() and cycle() compute from the purchase days of that span, so a sale only moves the
// cells of its own customer (upkeep subtracts their old cells and adds their new ones).
import { daysBetween } from '../time.ts';
import { CYCLE_BUCKETS, type Cycle } from './cycle.ts';
import { checkDays, ratio } from './period.ts';
import type { Repurchase } from './repurchase.ts';

/** The span of the whole history; month spans are named 'YYYY-MM'. */
export const ALL_HISTORY = 'all';

/**
 * kind 'orders': value = the customer's orders in the span; 'first': day = their first purchase day in
 * it, value = 1 when they bought on a second day, else 0; 'second': day = the first purchase day, value =
 * days from it to the second; 'gap': value = days between consecutive purchase days. 'first' stays small
 * (one row per day and flag); 'second' is the large one, read by an index on value (gaps up to N days).
 */
export interface RepurchaseCell { span: string; kind: 'orders' | 'first' | 'second' | 'gap'; day: string; value: number }

/** A customer's cells from their purchase days: ascending distinct dates with the orders of each. */
export function repurchaseCells(days: readonly { date: string; orders: number }[]): RepurchaseCell[] {
  const out: RepurchaseCell[] = [];
  const add = (span: string, ds: readonly { date: string; orders: number }[]) => {
    if (ds.length === 0) return;
    out.push({ span, kind: 'orders', day: '', value: ds.reduce((s, d) => s + d.orders, 0) });
    out.push({ span, kind: 'first', day: ds[0]!.date, value: ds.length >= 2 ? 1 : 0 });
    if (ds.length >= 2) out.push({ span, kind: 'second', day: ds[0]!.date, value: daysBetween(ds[0]!.date, ds[1]!.date) });
    for (let i = 1; i < ds.length; i++) out.push({ span, kind: 'gap', day: '', value: daysBetween(ds[i - 1]!.date, ds[i]!.date) });
  };
  add(ALL_HISTORY, days);
  const months = new Map<string, { date: string; orders: number }[]>();
  for (const d of days) (months.get(d.date.slice(0, 7)) ?? months.set(d.date.slice(0, 7), []).get(d.date.slice(0, 7))!).push(d);
  for (const [month, ds] of months) add(month, ds);
  return out;
}

/** The sums a report needs from one span's cells (see the store's reader). */
export interface WindowSums {
  /** Customers by their number of orders in the span. */
  byOrders: ReadonlyMap<number, number>;
  /** Gaps by length in days. */
  gaps: ReadonlyMap<number, number>;
  /** Customers with ≥2 purchase days; those first buying ≥ withinDays before the end; of those, buying again within. */
  repeatDayCustomers: number; eligibleCustomers: number; boughtAgainWithin: number;
}

/** Repurchase and cycle figures from a span's sums: the same as repurchase() and cycle() over its purchase days. */
export function repurchaseFromSums(s: WindowSums, withinDays: number): Repurchase & { cycle: Cycle } {
  checkDays('withinDays', withinDays);
  let customers = 0, orders = 0, repeatCustomers = 0, repeatOrders = 0;
  for (const [n, count] of s.byOrders) {
    customers += count; orders += n * count;
    if (n >= 2) { repeatCustomers += count; repeatOrders += n * count; }
  }
  const gaps = [...s.gaps].filter(([, c]) => c > 0).sort(([a], [b]) => a - b);
  let intervals = 0, sum = 0;
  for (const [g, c] of gaps) { intervals += c; sum += g * c; }
  /** The k-th smallest gap (0-based). */
  const nth = (k: number) => {
    let seen = 0;
    for (const [g, c] of gaps) if ((seen += c) > k) return g;
    return NaN;
  };
  const median = intervals === 0 ? null : intervals % 2 ? nth((intervals - 1) / 2) : (nth(intervals / 2 - 1) + nth(intervals / 2)) / 2;
  return {
    customers, orders, repeatCustomers, repurchaseRate: ratio(repeatCustomers, customers),
    repeatDayCustomers: s.repeatDayCustomers, repeatDayRate: ratio(s.repeatDayCustomers, customers),
    ordersPerRepeatCustomer: ratio(repeatOrders, repeatCustomers),
    withinDays, eligibleCustomers: s.eligibleCustomers, boughtAgainWithin: s.boughtAgainWithin, withinRate: ratio(s.boughtAgainWithin, s.eligibleCustomers),
    cycle: {
      intervals, customers: s.repeatDayCustomers, meanDays: intervals ? sum / intervals : null, medianDays: median,
      histogram: CYCLE_BUCKETS.map(([fromDays, toDays]) => ({
        fromDays, toDays, count: gaps.filter(([g]) => g >= fromDays && (toDays === null || g <= toDays)).reduce((a, [, c]) => a + c, 0),
      })),
    },
  };
}

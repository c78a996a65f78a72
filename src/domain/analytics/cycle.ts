// The repurchase cycle: days between consecutive distinct purchase days of the same customer. Two
// orders on one day are one purchase (a forgotten item is not a reorder), so every gap is ≥ 1 day.
import { daysBetween } from '../time.ts';

/** Histogram buckets in days, inclusive; null = no upper bound. */
export const CYCLE_BUCKETS: readonly (readonly [from: number, to: number | null])[] = [
  [1, 7], [8, 14], [15, 30], [31, 60], [61, 90], [91, 180], [181, 365], [366, null],
];

export interface Cycle {
  /** Gaps counted, and the customers they come from (customers with ≥2 purchase days). */
  intervals: number;
  customers: number;
  meanDays: number | null;
  /** The middle gap; the mean of the two middle gaps when their number is even. */
  medianDays: number | null;
  histogram: { fromDays: number; toDays: number | null; count: number }[];
}

/** Gaps in days between consecutive dates of an ascending list of distinct dates. */
export function gaps(dates: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < dates.length; i++) out.push(daysBetween(dates[i - 1]!, dates[i]!));
  return out;
}

function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** Cycle figures over each customer's ascending distinct purchase dates. */
export function cycle(customers: Iterable<readonly string[]>): Cycle {
  const all: number[] = [];
  let contributing = 0;
  for (const dates of customers) {
    const g = gaps(dates);
    if (g.length) contributing++;
    for (const d of g) all.push(d);
  }
  all.sort((a, b) => a - b);
  let sum = 0;
  for (const d of all) sum += d;
  return {
    intervals: all.length, customers: contributing,
    meanDays: all.length ? sum / all.length : null, medianDays: median(all),
    histogram: CYCLE_BUCKETS.map(([fromDays, toDays]) => ({
      fromDays, toDays, count: all.filter((d) => d >= fromDays && (toDays === null || d <= toDays)).length,
    })),
  };
}

/** A customer bought a product or category (the key) on a date. */
export interface KeyDay { key: string; customerId: number; date: string }

export interface KeyCycle {
  key: string;
  /** Customers who bought the key in the period. */
  buyers: number;
  /** Customers who bought it on ≥2 days, and their gaps. */
  repeatBuyers: number;
  intervals: number;
  meanDays: number | null;
  medianDays: number | null;
}

/**
 * The typical reorder interval of each product or category: gaps between the days the same customer
 * bought that key. Keys with fewer than `minIntervals` gaps are left out; the most reordered come first.
 */
export function cycleByKey(rows: readonly KeyDay[], opts: { minIntervals?: number } = {}): KeyCycle[] {
  const { minIntervals = 1 } = opts;
  const keys = new Map<string, Map<number, Set<string>>>();
  for (const r of rows) {
    let buyers = keys.get(r.key);
    if (!buyers) keys.set(r.key, (buyers = new Map<number, Set<string>>()));
    let dates = buyers.get(r.customerId);
    if (!dates) buyers.set(r.customerId, (dates = new Set<string>()));
    dates.add(r.date);
  }
  const out: KeyCycle[] = [];
  for (const [key, buyers] of keys) {
    const c = cycle([...buyers.values()].map((d) => [...d].sort()));
    if (c.intervals < minIntervals) continue;
    out.push({ key, buyers: buyers.size, repeatBuyers: c.customers, intervals: c.intervals, meanDays: c.meanDays, medianDays: c.medianDays });
  }
  return out.sort((a, b) => b.intervals - a.intervals || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

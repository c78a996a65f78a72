// Calibration/holdout validation for BG/NBD: build (x, t_x, T) from purchase days up to a cutoff and count
// the repeat purchases after it, then compare predicted with actual holdout purchases per calibration
// frequency (FHL 2005, Figure 4 "conditional expectations").
import { invalid } from '../errors.ts';
import { bgnbdConditionalExpected, type BgNbdParams } from './bgnbd.ts';
import { checkTriple, type CustomerTriple } from './triples.ts';

/** One purchase occasion; `day` is a whole day number (e.g. days since 1970-01-01 of the business date). */
export interface PurchaseDay<Id> { customerId: Id; day: number }

export interface CalibrationHoldoutOptions {
  /** Last day of calibration (inclusive), as a day number. */
  calibrationEndDay: number;
  /** Last day of the holdout (inclusive), as a day number. */
  holdoutEndDay: number;
  /** Days per model time unit: 7 for weeks. */
  daysPerUnit?: number;
}

export interface CalibrationHoldoutRow<Id> extends CustomerTriple {
  customerId: Id;
  /** Purchase days in (calibration end, holdout end]. */
  holdoutCount: number;
}

/**
 * (x, t_x, T) in model units and holdout purchase counts per customer whose first purchase falls in calibration.
 * Several purchases on one day count as one occasion, as in FHL (2005). Customers first seen after the
 * cutoff are not in the calibration cohort and are left out; rows come back in order of first appearance.
 */
export function calibrationHoldoutSummary<Id>(
  purchases: Iterable<PurchaseDay<Id>>, options: CalibrationHoldoutOptions,
): CalibrationHoldoutRow<Id>[] {
  const { calibrationEndDay, holdoutEndDay, daysPerUnit = 7 } = options;
  if (!(holdoutEndDay >= calibrationEndDay)) throw invalid('holdoutEndDay', 'the holdout must end on or after the calibration end');
  if (!(daysPerUnit > 0)) throw invalid('daysPerUnit', `daysPerUnit must be positive, got ${daysPerUnit}`);
  const daysByCustomer = new Map<Id, Set<number>>();
  for (const { customerId, day } of purchases) {
    if (!Number.isInteger(day)) throw invalid('purchases/day', `day must be a whole day number, got ${day}`);
    let days = daysByCustomer.get(customerId);
    if (!days) {
      days = new Set();
      daysByCustomer.set(customerId, days);
    }
    days.add(day);
  }
  const rows: CalibrationHoldoutRow<Id>[] = [];
  for (const [customerId, daySet] of daysByCustomer) {
    const days = [...daySet].sort((a, b) => a - b);
    const first = days[0]!;
    if (first > calibrationEndDay) continue;
    let x = 0;
    let last = first;
    let holdoutCount = 0;
    for (const d of days) {
      if (d > first && d <= calibrationEndDay) {
        x++;
        last = d;
      } else if (d > calibrationEndDay && d <= holdoutEndDay) {
        holdoutCount++;
      }
    }
    rows.push({ customerId, x, tx: (last - first) / daysPerUnit, T: (calibrationEndDay - first) / daysPerUnit, holdoutCount });
  }
  return rows;
}

export interface TrackingRow {
  /** Calibration repeat purchases: "0", "1", …, or e.g. "7+" for the open last bucket. */
  bucket: string;
  customers: number;
  /** Actual holdout repeat purchases, summed over the bucket. */
  actual: number;
  /** Predicted holdout repeat purchases E[Y(t) | x, t_x, T], summed over the bucket. */
  predicted: number;
}

export interface TrackingTable {
  /** Holdout length in model time units. */
  holdoutLength: number;
  rows: TrackingRow[];
  total: TrackingRow;
}

/** Predicted vs actual holdout purchases per calibration frequency 0, 1, …, lastBucket+ and in total. */
export function holdoutTrackingTable(
  params: BgNbdParams,
  customers: readonly (CustomerTriple & { holdoutCount: number })[],
  holdoutLength: number,
  { lastBucket = 7 }: { lastBucket?: number } = {},
): TrackingTable {
  if (!(holdoutLength > 0)) throw invalid('holdoutLength', `holdoutLength must be positive, got ${holdoutLength}`);
  if (!(Number.isInteger(lastBucket) && lastBucket >= 1)) throw invalid('lastBucket', `lastBucket must be a whole number ≥ 1, got ${lastBucket}`);
  const rows: TrackingRow[] = Array.from({ length: lastBucket + 1 }, (_, k) => ({
    bucket: k === lastBucket ? `${k}+` : String(k), customers: 0, actual: 0, predicted: 0,
  }));
  const cache = new Map<string, number>();
  customers.forEach((c, i) => {
    checkTriple(c, `customers/${i}`);
    const key = `${c.x}|${c.tx}|${c.T}`;
    let predicted = cache.get(key);
    if (predicted === undefined) {
      predicted = bgnbdConditionalExpected(params, c, holdoutLength);
      cache.set(key, predicted);
    }
    const row = rows[Math.min(c.x, lastBucket)]!;
    row.customers++;
    row.actual += c.holdoutCount;
    row.predicted += predicted;
  });
  const total = rows.reduce((t, r) => ({
    bucket: 'total', customers: t.customers + r.customers, actual: t.actual + r.actual, predicted: t.predicted + r.predicted,
  }), { bucket: 'total', customers: 0, actual: 0, predicted: 0 });
  return { holdoutLength, rows, total };
}

// From a store's purchase days to the customer-base models' inputs: (x, t_x, T) in model units, holdout
// purchase counts (both through holdout.ts, so there is one definition of them), and the spend measure of
// Gamma-Gamma in Hardie's convention: the mean value of the *repeat* purchase days in calibration.
import { invalid } from '../errors.ts';
import { addDays, daysBetween } from '../time.ts';
import { calibrationHoldoutSummary } from './holdout.ts';
import type { CustomerTriple } from './triples.ts';

/** A customer's purchases on one business date (several orders that day are one occasion). */
export interface PurchaseDayRow<C> { customerId: C; date: string; salesMinor: number }

export interface CustomerHistory<C> extends CustomerTriple {
  customerId: C;
  /** First purchase date (YYYY-MM-DD). */
  firstDate: string;
  /** Mean sales per repeat purchase day in calibration, minor units; 0 when x = 0. */
  repeatSpendMinor: number;
  /** Purchase days in (calibrationEnd, holdoutEnd]. */
  holdoutCount: number;
}

export interface HistoryOptions {
  calibrationEnd: string;
  /** Defaults to calibrationEnd (no holdout). */
  holdoutEnd?: string;
  /** Days per model time unit: 7 for weeks, 1 for days. */
  daysPerUnit: number;
}

const EPOCH = '1970-01-01';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Histories of the customers whose first purchase is on or before calibrationEnd, in order of first appearance. */
export function customerHistories<C>(rows: Iterable<PurchaseDayRow<C>>, options: HistoryOptions): CustomerHistory<C>[] {
  const { calibrationEnd, holdoutEnd = calibrationEnd, daysPerUnit } = options;
  if (!DATE.test(calibrationEnd)) throw invalid('calibrationEnd', `calibrationEnd must be YYYY-MM-DD, got ${calibrationEnd}`);
  if (!DATE.test(holdoutEnd)) throw invalid('holdoutEnd', `holdoutEnd must be YYYY-MM-DD, got ${holdoutEnd}`);
  // Sales per customer and day; a day listed twice is added up (it is one purchase occasion).
  const days = new Map<C, Map<number, number>>();
  const purchases: { customerId: C; day: number }[] = [];
  for (const { customerId, date, salesMinor } of rows) {
    if (!DATE.test(date)) throw invalid('rows/date', `date must be YYYY-MM-DD, got ${date}`);
    const day = daysBetween(EPOCH, date);
    let byDay = days.get(customerId);
    if (!byDay) days.set(customerId, (byDay = new Map<number, number>()));
    byDay.set(day, (byDay.get(day) ?? 0) + salesMinor);
    purchases.push({ customerId, day });
  }
  const calibrationEndDay = daysBetween(EPOCH, calibrationEnd);
  const summary = calibrationHoldoutSummary(purchases, { calibrationEndDay, holdoutEndDay: daysBetween(EPOCH, holdoutEnd), daysPerUnit });
  return summary.map((s) => {
    const byDay = days.get(s.customerId)!;
    let first = Infinity;
    for (const d of byDay.keys()) if (d < first) first = d;
    let repeat = 0;
    for (const [d, sales] of byDay) if (d > first && d <= calibrationEndDay) repeat += sales;
    return {
      customerId: s.customerId, x: s.x, tx: s.tx, T: s.T, holdoutCount: s.holdoutCount,
      firstDate: addDays(EPOCH, first), repeatSpendMinor: s.x > 0 ? repeat / s.x : 0,
    };
  });
}

// Retention cohorts: customers grouped by the month (quarter, year) of their first purchase, and the
// share of each cohort buying again in each later period. Period 0 is the first purchase's own
// period, so it is 100% by definition; the last column of the table may be a period still running.
import { periodIndex, periodLabel, ratio, type Grain, type Period } from './period.ts';

export interface Cohort {
  /** '2011-03', '2011-Q1' or '2011'. */
  cohort: string;
  size: number;
  /** Customers of the cohort buying in period k after it (k = 0 … the report's last period). */
  active: number[];
  /** active[k] ÷ size. */
  rates: number[];
}

export interface CohortTable {
  grain: Grain;
  cohorts: Cohort[];
  /** For each k, Σ active ÷ Σ size over the cohorts that have reached period k (weighted by size). */
  average: (number | null)[];
}

/**
 * Cohorts whose first purchase falls in the periods from `period.from` to `period.to`, with their
 * activity up to the period holding `period.to` (whole periods: a cohort table counts calendar months,
 * quarters or years). `firsts` gives each customer's first purchase date; `activity` the months (or
 * dates) they bought in. No period (a store without orders): no cohorts.
 */
export function cohorts(
  firsts: readonly { customerId: number; firstDate: string }[],
  activity: readonly { customerId: number; month: string }[],
  opts: { grain: Grain; period: Period | null },
): CohortTable {
  const { grain } = opts;
  if (!opts.period) return { grain, cohorts: [], average: [] };
  const first = periodIndex(opts.period.from, grain);
  const last = periodIndex(opts.period.to, grain);
  const cohortOf = new Map<number, number>();
  for (const f of firsts) {
    const c = periodIndex(f.firstDate, grain);
    if (c >= first && c <= last) cohortOf.set(f.customerId, c);
  }
  // Distinct (customer, period) pairs: a customer counts once per period however often they bought.
  const seen = new Set<string>();
  const rows = cohortRows(last);
  const bump = (customerId: number, p: number) => {
    const c = cohortOf.get(customerId);
    if (c === undefined || p < c || p > last || seen.has(`${customerId}|${p}`)) return;
    seen.add(`${customerId}|${p}`);
    rows.add(c, p, 1);
  };
  for (const [customerId, c] of cohortOf) bump(customerId, c);
  for (const a of activity) bump(a.customerId, periodIndex(a.month, grain));
  return tableOf(rows.counts, grain);
}

/**
 * The same table from stored counts (cohort_cells of one grain): customers of cohort `cohort` who
 * bought in period `period`. Cells outside the report's cohorts or after its last period are ignored.
 */
export function cohortsFromCells(
  cells: readonly { cohort: number; period: number; customers: number }[],
  opts: { grain: Grain; period: Period | null },
): CohortTable {
  const { grain } = opts;
  if (!opts.period) return { grain, cohorts: [], average: [] };
  const first = periodIndex(opts.period.from, grain);
  const last = periodIndex(opts.period.to, grain);
  const rows = cohortRows(last);
  for (const { cohort: c, period: p, customers } of cells) {
    if (c < first || c > last || p < c || p > last || customers === 0) continue;
    rows.add(c, p, customers);
  }
  return tableOf(rows.counts, grain);
}

/** Active counts by cohort, each row from the cohort's own period (index 0) up to `last`. */
function cohortRows(last: number) {
  const counts = new Map<number, number[]>();
  const add = (cohort: number, period: number, customers: number) => {
    let row = counts.get(cohort);
    if (!row) counts.set(cohort, (row = new Array<number>(last - cohort + 1).fill(0)));
    row[period - cohort]! += customers;
  };
  return { counts, add };
}

/** Rows by cohort (active counts from period 0 on) → the table with rates and the weighted average. */
function tableOf(counts: ReadonlyMap<number, number[]>, grain: Grain): CohortTable {
  const table: Cohort[] = [...counts.entries()].sort(([a], [b]) => a - b).map(([c, active]) => ({
    cohort: periodLabel(c, grain), size: active[0]!, active, rates: active.map((n) => n / active[0]!),
  }));
  const width = Math.max(0, ...table.map((t) => t.active.length));
  const average = Array.from({ length: width }, (_, k) => {
    const reached = table.filter((t) => t.active.length > k);
    return ratio(reached.reduce((s, t) => s + t.active[k]!, 0), reached.reduce((s, t) => s + t.size, 0));
  });
  return { grain, cohorts: table, average };
}

// One customer's contribution to the stored cohort table (cohort_cells): for each grain, the period
// of their first purchase (the cohort) and each distinct period they bought in. Counting these cells
// over all customers gives exactly what cohorts() counts from the raw facts, so a sale only moves the
// cells of its own customer: upkeep subtracts their old cells and adds their new ones.
import { GRAINS, periodIndex, type Grain } from './period.ts';

/** A cell of the cohort table: customers who first bought in `cohort` and bought in `period`. */
export interface CohortCell { grain: Grain; cohort: number; period: number }

/** The cells of a customer with a first purchase on `firstDate` who bought in `months` ('YYYY-MM'). */
export function cohortCells(firstDate: string, months: Iterable<string>): CohortCell[] {
  const out: CohortCell[] = [];
  const list = [...months];
  for (const grain of GRAINS) {
    const cohort = periodIndex(firstDate, grain);
    const periods = new Set([cohort, ...list.map((m) => periodIndex(m, grain))]);
    for (const period of periods) out.push({ grain, cohort, period });
  }
  return out;
}

/** Sum signed cell counts by key: cells in `add` count +1, in `remove` −1; keys summing to zero are dropped. */
export function cellDeltas<C extends object>(add: readonly C[], remove: readonly C[], key: (c: C) => string): (C & { customers: number })[] {
  // Counts by key first, objects only for what is left: most cells are in both lists and cancel.
  const counts = new Map<string, number>();
  const cells = new Map<string, C>();
  const bump = (c: C, by: number) => {
    const k = key(c);
    const n = counts.get(k);
    if (n === undefined) { counts.set(k, by); cells.set(k, c); } else counts.set(k, n + by);
  };
  for (const c of add) bump(c, 1);
  for (const c of remove) bump(c, -1);
  const out: (C & { customers: number })[] = [];
  for (const [k, n] of counts) if (n !== 0) out.push({ ...cells.get(k)!, customers: n });
  return out;
}

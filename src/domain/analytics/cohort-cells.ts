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

/** Sum signed cell counts by (grain, cohort, period) key: new cells +1, old ones −1, zeros dropped. */
export function cellDeltas(add: readonly CohortCell[], remove: readonly CohortCell[]): Map<string, CohortCell & { customers: number }> {
  const out = new Map<string, CohortCell & { customers: number }>();
  const bump = (c: CohortCell, by: number) => {
    const key = `${c.grain}|${c.cohort}|${c.period}`;
    const cur = out.get(key) ?? { ...c, customers: 0 };
    cur.customers += by;
    out.set(key, cur);
  };
  for (const c of add) bump(c, 1);
  for (const c of remove) bump(c, -1);
  for (const [k, v] of out) if (v.customers === 0) out.delete(k);
  return out;
}

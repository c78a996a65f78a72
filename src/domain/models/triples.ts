// Customer summaries for the buy-till-you-die models: (x, t_x, T) per customer, grouped so that identical
// triples are evaluated once with a weight. A million customers cost what their distinct triples cost.
import { invalid } from '../errors.ts';

/** One customer's calibration summary; times in the model's unit (weeks for CDNOW). */
export interface CustomerTriple {
  /** Repeat transactions in calibration (purchase occasions after the first). */
  x: number;
  /** Time from the first purchase to the last repeat purchase (0 when x = 0). */
  tx: number;
  /** Time from the first purchase to the end of calibration. */
  T: number;
}

/** Distinct triples (parallel arrays) with the number of customers sharing each. */
export interface TripleCounts {
  x: readonly number[];
  tx: readonly number[];
  T: readonly number[];
  count: readonly number[];
}

/** Group customers by identical (x, t_x, T); validates each triple. */
export function groupTriples(customers: Iterable<CustomerTriple>): TripleCounts {
  // Nested maps on the numbers themselves: formatting fractional weeks into string keys cost more than the fit.
  const index = new Map<number, Map<number, Map<number, number>>>();
  const out = { x: [] as number[], tx: [] as number[], T: [] as number[], count: [] as number[] };
  let row = 0;
  for (const c of customers) {
    checkTriple(c, `customers/${row++}`);
    let byTx = index.get(c.T);
    if (!byTx) index.set(c.T, (byTx = new Map<number, Map<number, number>>()));
    let byX = byTx.get(c.tx);
    if (!byX) byTx.set(c.tx, (byX = new Map<number, number>()));
    const at = byX.get(c.x);
    if (at !== undefined) {
      out.count[at]!++;
      continue;
    }
    byX.set(c.x, out.x.length);
    out.x.push(c.x);
    out.tx.push(c.tx);
    out.T.push(c.T);
    out.count.push(1);
  }
  return out;
}

/** Throws a VALIDATION AppError unless x is a whole number ≥ 0 and 0 ≤ t_x ≤ T. */
export function checkTriple({ x, tx, T }: CustomerTriple, field = 'customer'): void {
  if (!(Number.isInteger(x) && x >= 0)) throw invalid(`${field}/x`, `x must be a whole number ≥ 0, got ${x}`);
  if (!(Number.isFinite(T) && T >= 0)) throw invalid(`${field}/T`, `T must be ≥ 0, got ${T}`);
  if (!(tx >= 0 && tx <= T)) throw invalid(`${field}/tx`, `t_x must lie in [0, T], got ${tx} with T = ${T}`);
}

/** Validates every row of grouped triples and returns the total number of customers. */
export function checkTripleCounts(data: TripleCounts): number {
  const n = data.x.length;
  if (data.tx.length !== n || data.T.length !== n || data.count.length !== n) {
    throw invalid('data', 'x, tx, T and count must have the same length');
  }
  let customers = 0;
  for (let i = 0; i < n; i++) {
    checkTriple({ x: data.x[i]!, tx: data.tx[i]!, T: data.T[i]! }, `data/${i}`);
    const w = data.count[i]!;
    if (!(w >= 0 && Number.isFinite(w))) throw invalid(`data/${i}/count`, `count must be ≥ 0, got ${w}`);
    customers += w;
  }
  return customers;
}

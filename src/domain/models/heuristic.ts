// When there are too few customers or repeaters to fit BG/NBD and Gamma-Gamma (a new store, a pilot),
// the predictions fall back to a transparent rule and say so: each customer keeps buying at their own
// historical repeat rate x / T, and each purchase is worth their own mean repeat spend (the base's mean
// for one-time buyers). No dropout is modelled, so for lapsed customers this over-predicts; P(alive) is
// not estimated (null) and the churn rule stands alone.
import { invalid } from '../errors.ts';
import type { ClvCustomer, ClvOptions } from './clv.ts';
import type { CustomerTriple } from './triples.ts';

export interface FitReadiness {
  /** True when there are enough customers and repeaters to fit the models. */
  fit: boolean;
  customers: number;
  repeaters: number;
  /** Why not, in words a store manager can read; null when fit. */
  reason: string | null;
}

export interface ReadinessOptions { minCustomers?: number; minRepeaters?: number }

/** Whether the base is large enough to fit (defaults: 50 customers, 20 of them with a repeat purchase). */
export function fitReadiness(customers: Iterable<Pick<CustomerTriple, 'x'>>, options: ReadinessOptions = {}): FitReadiness {
  const { minCustomers = 50, minRepeaters = 20 } = options;
  let n = 0;
  let repeaters = 0;
  for (const c of customers) {
    n++;
    if (c.x > 0) repeaters++;
  }
  const reason = n < minCustomers ? `only ${n} customers with a purchase by the calibration end (a fit needs ${minCustomers})`
    : repeaters < minRepeaters ? `only ${repeaters} customers bought again (a fit needs ${minRepeaters})` : null;
  return { fit: reason === null, customers: n, repeaters, reason };
}

/** Expected repeat purchases in the next t model units at the historical rate x / T (0 when T = 0). */
export function heuristicExpected({ x, T }: CustomerTriple, t: number): number {
  if (!(t >= 0)) throw invalid('t', `t must be ≥ 0, got ${t}`);
  return T > 0 ? (x / T) * t : 0;
}

/** Mean repeat spend m of the customers with x > 0; NaN when there are none. */
export function meanRepeatSpend(customers: readonly Pick<ClvCustomer, 'x' | 'm'>[]): number {
  const repeaters = customers.filter((c) => c.x > 0);
  return repeaters.reduce((s, c) => s + c.m, 0) / repeaters.length;
}

export interface HeuristicClv {
  clv: number;
  expectedTransactions: number;
  /** The customer's own mean repeat spend, or the base's mean for one-time buyers. */
  expectedSpend: number;
  pAlive: null;
  transactionsByMonth: number[];
}

/** The heuristic counterpart of customerLifetimeValue: constant historical rate, own mean spend, same discounting. */
export function heuristicClv(customer: ClvCustomer, baseSpend: number, options: ClvOptions): HeuristicClv {
  const { periodLength, months = 12, discountRatePerMonth = 0.01, marginShare = 1 } = options;
  if (!(periodLength > 0)) throw invalid('periodLength', `periodLength must be positive, got ${periodLength}`);
  if (!(Number.isInteger(months) && months >= 0)) throw invalid('months', `months must be a whole number ≥ 0, got ${months}`);
  if (!(marginShare >= 0 && marginShare <= 1)) throw invalid('marginShare', `marginShare must lie in [0, 1], got ${marginShare}`);
  const expectedSpend = customer.x > 0 ? customer.m : Number.isFinite(baseSpend) ? baseSpend : 0;
  const perMonth = heuristicExpected(customer, periodLength);
  const transactionsByMonth = Array.from({ length: months }, () => perMonth);
  let clv = 0;
  for (let k = 1; k <= months; k++) clv += (perMonth * expectedSpend * marginShare) / (1 + discountRatePerMonth) ** k;
  return { clv, expectedTransactions: perMonth * months, expectedSpend, pAlive: null, transactionsByMonth };
}

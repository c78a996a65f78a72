// Customers drawn from the BG/NBD process itself, for parameter-recovery tests and the million-customer
// benchmark: λ ~ Gamma(r, α) and p ~ Beta(a, b) per customer; purchases arrive as a Poisson process at
// rate λ and after each repeat purchase the customer drops out with probability p. Observation lengths
// and purchase times are whole days, as the store records them, so histories repeat and group well.
import { beta, exponential, gamma, intBetween, type Rng } from '../demo/random.ts';
import { invalid } from '../errors.ts';
import type { BgNbdParams } from './bgnbd.ts';
import type { TripleCounts } from './triples.ts';

export interface SimulationOptions {
  customers: number;
  /** Observation length T in whole days, drawn uniformly from [minDays, maxDays] (a cohort's first purchases spread over time). */
  minDays: number;
  maxDays: number;
  /** Days per model time unit (7: the parameters are per week). */
  daysPerUnit?: number;
  rng: Rng;
}

/** Grouped (x, t_x, T) of simulated customers, in model units; t_x is the day of the last repeat purchase. */
export function simulateBgNbd({ r, alpha, a, b }: BgNbdParams, options: SimulationOptions): TripleCounts {
  const { customers, minDays, maxDays, daysPerUnit = 7, rng } = options;
  if (!(Number.isInteger(customers) && customers >= 0)) throw invalid('customers', `customers must be a whole number ≥ 0, got ${customers}`);
  if (!(Number.isInteger(minDays) && minDays >= 0 && Number.isInteger(maxDays) && maxDays >= minDays && maxDays < 1 << 20)) {
    throw invalid('maxDays', `need whole numbers 0 ≤ minDays ≤ maxDays < 2^20, got ${minDays}…${maxDays}`);
  }
  const index = new Map<number, number>();
  const out = { x: [] as number[], tx: [] as number[], T: [] as number[], count: [] as number[] };
  for (let c = 0; c < customers; c++) {
    const lambda = gamma(rng, r, alpha);
    const p = beta(rng, a, b);
    const days = intBetween(rng, minDays, maxDays);
    const T = days / daysPerUnit;
    let t = 0;
    let x = 0;
    let last = 0;
    for (;;) {
      t += exponential(rng, lambda);
      if (t > T) break;
      x++;
      last = t;
      if (rng() < p) break;
    }
    const txDays = Math.round(last * daysPerUnit);
    const key = (x * 2 ** 20 + txDays) * 2 ** 20 + days; // exact below 2^53 for x < 2^13
    const at = index.get(key);
    if (at !== undefined) {
      out.count[at]!++;
      continue;
    }
    index.set(key, out.x.length);
    out.x.push(x);
    out.tx.push(txDays / daysPerUnit);
    out.T.push(T);
    out.count.push(1);
  }
  return out;
}

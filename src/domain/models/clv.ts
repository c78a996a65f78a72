// Customer lifetime value from BG/NBD (how many future transactions) × Gamma-Gamma (how much each is worth),
// by the discrete discounted-cash-flow approximation lifetimes uses: for months k = 1…H,
//   CLV = Σ_k [E(k·L) − E((k−1)·L)] · spend · margin / (1 + d)^k,
// where E(τ) is the expected number of repeat transactions in (T, T + τ] and L is one month in model time units.
import { invalid } from '../errors.ts';
import { bgnbdConditionalExpected, bgnbdPAlive, type BgNbdParams } from './bgnbd.ts';
import { gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma.ts';
import type { CustomerTriple } from './triples.ts';

export interface ClvOptions {
  /** Length of one month in the model's time unit, e.g. 365.25 / 12 / 7 ≈ 4.35 when the model is in weeks. */
  periodLength: number;
  /** Horizon in months. */
  months?: number;
  /** Discount rate per month, e.g. 0.01 (≈ 12.7 % a year). */
  discountRatePerMonth?: number;
  /** Share of spend kept as margin, 0…1. */
  marginShare?: number;
}

/** A customer's calibration summary plus m, the mean spend of their repeat transactions (money units). */
export interface ClvCustomer extends CustomerTriple { m: number }

export interface CustomerClv {
  /** Discounted expected margin over the horizon, in the money unit of m. */
  clv: number;
  /** Undiscounted expected repeat transactions over the horizon. */
  expectedTransactions: number;
  /** Gamma-Gamma expected spend per transaction (money units). */
  expectedSpend: number;
  pAlive: number;
  /** Expected transactions in each month of the horizon, month 1 first. */
  transactionsByMonth: number[];
}

export interface ClvReport {
  /** Everything the figures were computed from, so a stored report can be explained later. */
  inputs: { bgnbd: BgNbdParams; gammaGamma: GammaGammaParams; options: Required<ClvOptions> };
  customers: (ClvCustomer & CustomerClv)[];
}

/** Discounted expected margin of one customer over the horizon (money units of m). */
export function customerLifetimeValue(
  bgnbd: BgNbdParams, gammaGamma: GammaGammaParams, customer: ClvCustomer, options: ClvOptions,
): CustomerClv {
  const o = withDefaults(options);
  return clvOf(bgnbd, gammaGamma, customer, o, cumulativeCurve(bgnbd, customer, o));
}

/** CLV for many customers, with the parameters and options returned alongside; identical triples share work. */
export function customerLifetimeValues(
  bgnbd: BgNbdParams, gammaGamma: GammaGammaParams, customers: readonly ClvCustomer[], options: ClvOptions,
): ClvReport {
  const o = withDefaults(options);
  const curves = new Map<string, number[]>();
  return {
    inputs: { bgnbd: { ...bgnbd }, gammaGamma: { ...gammaGamma }, options: o },
    customers: customers.map((c) => {
      const key = `${c.x}|${c.tx}|${c.T}`;
      let curve = curves.get(key);
      if (!curve) {
        curve = cumulativeCurve(bgnbd, c, o);
        curves.set(key, curve);
      }
      return { x: c.x, tx: c.tx, T: c.T, m: c.m, ...clvOf(bgnbd, gammaGamma, c, o, curve) };
    }),
  };
}

function withDefaults(options: ClvOptions): Required<ClvOptions> {
  const { periodLength, months = 12, discountRatePerMonth = 0.01, marginShare = 1 } = options;
  if (!(periodLength > 0 && Number.isFinite(periodLength))) throw invalid('periodLength', `periodLength must be positive, got ${periodLength}`);
  if (!(Number.isInteger(months) && months >= 0)) throw invalid('months', `months must be a whole number ≥ 0, got ${months}`);
  if (!(discountRatePerMonth > -1 && Number.isFinite(discountRatePerMonth))) {
    throw invalid('discountRatePerMonth', `discountRatePerMonth must be > −1, got ${discountRatePerMonth}`);
  }
  if (!(marginShare >= 0 && marginShare <= 1)) throw invalid('marginShare', `marginShare must lie in [0, 1], got ${marginShare}`);
  return { periodLength, months, discountRatePerMonth, marginShare };
}

/** E(k·L) for k = 0…months: cumulative expected repeat transactions after T. */
function cumulativeCurve(params: BgNbdParams, customer: CustomerTriple, o: Required<ClvOptions>): number[] {
  const curve = [0];
  for (let k = 1; k <= o.months; k++) curve.push(bgnbdConditionalExpected(params, customer, k * o.periodLength));
  return curve;
}

function clvOf(
  bgnbd: BgNbdParams, gammaGamma: GammaGammaParams, customer: ClvCustomer, o: Required<ClvOptions>, curve: number[],
): CustomerClv {
  const expectedSpend = gammaGammaExpectedSpend(gammaGamma, { x: customer.x, m: customer.m });
  const transactionsByMonth = curve.slice(1).map((e, i) => e - curve[i]!);
  let clv = 0;
  transactionsByMonth.forEach((n, i) => {
    clv += (n * expectedSpend * o.marginShare) / (1 + o.discountRatePerMonth) ** (i + 1);
  });
  return {
    clv, expectedSpend, transactionsByMonth,
    expectedTransactions: curve.at(-1)!,
    pAlive: bgnbdPAlive(bgnbd, customer),
  };
}

// Gamma-Gamma model of spend per transaction (Fader & Hardie 2013, note 025; Colombo & Jiang 1999).
// Each transaction value is Gamma(p, ν); the scale ν varies across customers as Gamma(q, γ). Fitted on
// repeat customers (x > 0) from their mean repeat spend m; money is in whatever unit m is given in.
import { invalid } from '../errors.ts';
import { minimizeLbfgs } from './optimize.ts';
import { digamma, lgamma } from './special.ts';

export interface GammaGammaParams { p: number; q: number; gamma: number }

/** A repeat customer: x transactions with mean value m (money units per transaction). */
export interface SpendSummary { x: number; m: number }

export interface GammaGammaFit {
  params: GammaGammaParams;
  /** Log-likelihood (natural log) of the mean spends of the customers used. */
  logLikelihood: number;
  /** Customers with x > 0 that were fitted; customers with x = 0 carry no spend information and are skipped. */
  customers: number;
  skipped: number;
  iterations: number;
  converged: boolean;
}

const KEYS = ['p', 'q', 'gamma'] as const;

function checkParams(p: GammaGammaParams): void {
  for (const k of KEYS) if (!(p[k] > 0 && Number.isFinite(p[k]))) throw invalid(`params/${k}`, `${k} must be positive, got ${p[k]}`);
}

function repeaters(customers: readonly SpendSummary[]): { used: SpendSummary[]; skipped: number } {
  const used: SpendSummary[] = [];
  customers.forEach(({ x, m }, i) => {
    if (!(Number.isInteger(x) && x >= 0)) throw invalid(`customers/${i}/x`, `x must be a whole number ≥ 0, got ${x}`);
    if (x === 0) return;
    if (!(m > 0 && Number.isFinite(m))) throw invalid(`customers/${i}/m`, `mean spend must be positive for x > 0, got ${m}`);
    used.push({ x, m });
  });
  return { used, skipped: customers.length - used.length };
}

/**
 * Log-likelihood of the mean spends and its gradient in (p, q, γ). Density of m̄ given x:
 * Γ(px + q)/(Γ(px) Γ(q)) · γ^q m̄^(px−1) x^(px) / (γ + x m̄)^(px+q).
 */
export function gammaGammaLogLikelihoodWithGradient(
  params: GammaGammaParams, customers: readonly SpendSummary[],
): { value: number; gradient: GammaGammaParams } {
  checkParams(params);
  return evaluate(params, customers);
}

function evaluate(params: GammaGammaParams, customers: readonly SpendSummary[]): { value: number; gradient: GammaGammaParams } {
  const { p, q, gamma } = params;
  let value = 0;
  const g = { p: 0, q: 0, gamma: 0 };
  const logGamma = Math.log(gamma);
  const psiQ = digamma(q);
  for (const { x, m } of customers) {
    if (x === 0) continue;
    const px = p * x;
    const logM = Math.log(m);
    const logX = Math.log(x);
    const logDen = Math.log(gamma + m * x);
    value += lgamma(px + q) - lgamma(px) - lgamma(q) + q * logGamma + (px - 1) * logM + px * logX - (px + q) * logDen;
    const psiPXQ = digamma(px + q);
    g.p += x * (psiPXQ - digamma(px) + logM + logX - logDen);
    g.q += psiPXQ - psiQ + logGamma - logDen;
    g.gamma += q / gamma - (px + q) / (gamma + m * x);
  }
  return { value, gradient: g };
}

/** Gamma-Gamma log-likelihood (natural log) of repeat customers' mean spends; −4055.92 on CDNOW. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, customers: readonly SpendSummary[]): number {
  return gammaGammaLogLikelihoodWithGradient(params, customers).value;
}

/** Maximum-likelihood Gamma-Gamma fit on customers with x > 0; CDNOW gives p 6.25, q 3.74, γ 15.44. */
export function fitGammaGamma(
  customers: readonly SpendSummary[], options: { initial?: GammaGammaParams; gradientTolerance?: number } = {},
): GammaGammaFit {
  const { initial = { p: 1, q: 1, gamma: 1 }, gradientTolerance = 1e-9 } = options;
  checkParams(initial);
  const { used, skipped } = repeaters(customers);
  if (used.length === 0) throw invalid('customers', 'at least one customer with x > 0 is needed to fit');
  const n = used.length;
  const fromLog = (v: readonly number[]): GammaGammaParams => ({ p: Math.exp(v[0]!), q: Math.exp(v[1]!), gamma: Math.exp(v[2]!) });
  const result = minimizeLbfgs((v) => {
    const params = fromLog(v);
    const { value, gradient } = evaluate(params, used);
    return { value: -value / n, gradient: KEYS.map((k) => (-gradient[k] * params[k]) / n) };
  }, KEYS.map((k) => Math.log(initial[k])), { gradientTolerance, maxIterations: 500 });
  return {
    params: fromLog(result.x), logLikelihood: -result.value * n, customers: n, skipped,
    iterations: result.iterations, converged: result.converged,
  };
}

/**
 * Expected spend per transaction given x transactions with mean m (money units): (p(γ + x m))/(px + q − 1),
 * a weighted mean of the population mean pγ/(q − 1) and m. x = 0 gives the population mean (needs q > 1).
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, { x, m }: SpendSummary): number {
  checkParams(params);
  const { p, q, gamma } = params;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) throw invalid('params/q', `expected spend is undefined when px + q ≤ 1 (q = ${q})`);
  return x === 0 ? (p * gamma) / (q - 1) : (p * (gamma + x * m)) / denominator;
}

/**
 * Pearson correlation of x and m among repeat customers: the Gamma-Gamma model assumes spend does not
 * depend on frequency, so this should be near 0 (Fader & Hardie report 0.11 on CDNOW). NaN if undefined.
 */
export function frequencySpendCorrelation(customers: readonly SpendSummary[]): { correlation: number; customers: number } {
  const used = customers.filter((c) => c.x > 0);
  const n = used.length;
  if (n < 2) return { correlation: NaN, customers: n };
  const meanX = used.reduce((s, c) => s + c.x, 0) / n;
  const meanM = used.reduce((s, c) => s + c.m, 0) / n;
  let sxx = 0;
  let smm = 0;
  let sxm = 0;
  for (const { x, m } of used) {
    sxx += (x - meanX) ** 2;
    smm += (m - meanM) ** 2;
    sxm += (x - meanX) * (m - meanM);
  }
  return { correlation: sxm / Math.sqrt(sxx * smm), customers: n };
}

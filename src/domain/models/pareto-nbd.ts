// Pareto/NBD (Schmittlein, Morrison & Colombo 1987), in the form of Fader, Hardie & Lee (2005), "A Note on
// Implementing the Pareto/NBD Model in MATLAB": Poisson purchases at rate λ ~ Gamma(r, α) while alive,
// exponential lifetimes at rate μ ~ Gamma(s, β). Times in the triples' unit (weeks for CDNOW).
// The likelihood is kept in logs (its A₀ term is a difference of two close quantities, taken with log1mExp).
// Its gradient is by central differences: the analytic one needs 2F1 derivatives in its parameters.
import { invalid } from '../errors.ts';
import { hyp2f1 } from './hypergeometric.ts';
import { centralDifferenceGradient, minimizeLbfgs } from './optimize.ts';
import { lgamma, log1mExp, logAddExp } from './special.ts';
import { checkTriple, checkTripleCounts, type CustomerTriple, type TripleCounts } from './triples.ts';

export interface ParetoNbdParams { r: number; alpha: number; s: number; beta: number }

export interface ParetoNbdFit {
  params: ParetoNbdParams;
  /** Total log-likelihood (natural log). */
  logLikelihood: number;
  customers: number;
  distinctTriples: number;
  iterations: number;
  converged: boolean;
}

const KEYS = ['r', 'alpha', 's', 'beta'] as const;

function checkParams(p: ParetoNbdParams): void {
  for (const k of KEYS) if (!(p[k] > 0 && Number.isFinite(p[k]))) throw invalid(`params/${k}`, `${k} must be positive, got ${p[k]}`);
}

/** ln A₀ of the Pareto/NBD likelihood for one triple (x > 0 or t_x < T; −Infinity when t_x = T). */
function logA0({ r, alpha, s, beta }: ParetoNbdParams, x: number, tx: number, T: number): number {
  const k = r + s + x;
  // Expand around the larger of α and β so the 2F1 argument lies in [0, 1).
  const [big, b2] = alpha >= beta ? [alpha, s + 1] : [beta, r + x];
  const diff = Math.abs(alpha - beta);
  const term = (time: number): number => Math.log(hyp2f1(k, b2, k + 1, diff / (big + time))) - k * Math.log(big + time);
  const atTx = term(tx);
  const atT = term(T);
  return atTx + log1mExp(atT - atTx);
}

/** ln L for one customer: ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln[1/((α+T)^(r+x)(β+T)^s) + s/(r+s+x)·A₀]. */
function logLikelihoodOne(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const head = lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const died = Math.log(s / (r + s + x)) + logA0(p, x, tx, T);
  return head + logAddExp(alive, died);
}

/** Total Pareto/NBD log-likelihood (natural log) of grouped triples; −9595.0 on CDNOW at the published fit. */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, data: TripleCounts): number {
  checkParams(params);
  return totalLogLikelihood(params, data);
}

function totalLogLikelihood(params: ParetoNbdParams, data: TripleCounts): number {
  let total = 0;
  for (let i = 0; i < data.x.length; i++) {
    const w = data.count[i]!;
    if (w > 0) total += w * logLikelihoodOne(params, data.x[i]!, data.tx[i]!, data.T[i]!);
  }
  return total;
}

/** Maximum-likelihood Pareto/NBD fit of grouped triples; CDNOW gives r 0.553, α 10.578, s 0.606, β 11.669. */
export function fitParetoNbd(
  data: TripleCounts, options: { initial?: ParetoNbdParams; gradientTolerance?: number } = {},
): ParetoNbdFit {
  const { initial = { r: 1, alpha: 1, s: 1, beta: 1 }, gradientTolerance = 1e-7 } = options;
  checkParams(initial);
  const customers = checkTripleCounts(data);
  if (customers <= 0) throw invalid('data', 'at least one customer is needed to fit');
  const fromLog = (v: readonly number[]): ParetoNbdParams => ({ r: Math.exp(v[0]!), alpha: Math.exp(v[1]!), s: Math.exp(v[2]!), beta: Math.exp(v[3]!) });
  // Unchecked inside the search: a trial step may overflow a parameter, which the line search backs off from.
  const meanNegLL = (v: readonly number[]): number => -totalLogLikelihood(fromLog(v), data) / customers;
  const result = minimizeLbfgs(
    (v) => ({ value: meanNegLL(v), gradient: centralDifferenceGradient(meanNegLL, v, 1e-6) }),
    KEYS.map((k) => Math.log(initial[k])), { gradientTolerance, maxIterations: 500 },
  );
  return {
    params: fromLog(result.x), logLikelihood: -result.value * customers, customers, distinctTriples: data.x.length,
    iterations: result.iterations, converged: result.converged,
  };
}

/** P(customer still alive at T | x, t_x, T) under Pareto/NBD, a probability in [0, 1]. */
export function paretoNbdPAlive(params: ParetoNbdParams, customer: CustomerTriple): number {
  checkParams(params);
  checkTriple(customer);
  return Math.exp(logPAlive(params, customer));
}

function logPAlive(p: ParetoNbdParams, { x, tx, T }: CustomerTriple): number {
  if (tx === T) return 0; // A₀ vanishes: the customer was seen at the very end
  const { r, alpha, s, beta } = p;
  // 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀)
  const logOdds = Math.log(s / (r + s + x)) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + logA0(p, x, tx, T);
  return -logAddExp(0, logOdds);
}

/** Expected transactions in (T, T + t] given (x, t_x, T) under Pareto/NBD; t in model units. */
export function paretoNbdConditionalExpected(params: ParetoNbdParams, customer: CustomerTriple, t: number): number {
  checkParams(params);
  checkTriple(customer);
  if (!(t >= 0)) throw invalid('t', `t must be ≥ 0, got ${t}`);
  const { r, alpha, s, beta } = params;
  const { x, T } = customer;
  // (r + x)(β + T) / ((α + T)(s − 1)) · [1 − ((β + T)/(β + T + t))^(s − 1)], continuous at s = 1.
  const logRatio = Math.log1p(t / (beta + T));
  const shape = Math.abs(s - 1) < 1e-12 ? logRatio : -Math.expm1(-(s - 1) * logRatio) / (s - 1);
  return Math.exp(logPAlive(params, customer)) * ((r + x) * (beta + T) / (alpha + T)) * shape;
}

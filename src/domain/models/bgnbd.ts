// BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): purchases follow a Poisson
// process with rate λ ~ Gamma(r, α) while active; after each purchase the customer drops out with
// probability p ~ Beta(a, b). Times are in whatever unit the triples use (weeks for CDNOW).
// The likelihood is formed as a log-sum-exp of its two terms (Fader, Hardie & Lee 2013 note on #NUM!),
// and the fit maximises it over log-parameters with L-BFGS and the analytic gradient.
import { invalid } from '../errors.ts';
import { hyp2f1 } from './hypergeometric.ts';
import { minimizeLbfgs } from './optimize.ts';
import { digamma, interpolateAcross, lgamma, logAddExp, logBeta } from './special.ts';
import { checkTriple, checkTripleCounts, type CustomerTriple, type TripleCounts } from './triples.ts';

export interface BgNbdParams { r: number; alpha: number; a: number; b: number }

export interface BgNbdFit {
  params: BgNbdParams;
  /** Total log-likelihood over all customers (natural log). */
  logLikelihood: number;
  customers: number;
  distinctTriples: number;
  iterations: number;
  converged: boolean;
  /** Largest |∂(mean LL)/∂ log θ| at the solution. */
  gradientMax: number;
}

export interface FitBgNbdOptions {
  /** Starting values; 1 for every parameter by default. */
  initial?: BgNbdParams;
  gradientTolerance?: number;
  maxIterations?: number;
}

const KEYS = ['r', 'alpha', 'a', 'b'] as const;

function checkParams(p: BgNbdParams): void {
  for (const k of KEYS) if (!(p[k] > 0 && Number.isFinite(p[k]))) throw invalid(`params/${k}`, `${k} must be positive, got ${p[k]}`);
}

/** Per-x pieces of the likelihood that do not depend on t_x or T. */
interface XTerms { lgr: number; dlgr: number; lb1: number; lb1a: number; lb1b: number; lb2: number; lb2a: number; lb2b: number }

function xTerms(p: BgNbdParams, x: number, withGradient: boolean): XTerms {
  const { r, a, b } = p;
  const lbAB = logBeta(a, b);
  const lgr = lgamma(r + x) - lgamma(r);
  const lb1 = logBeta(a, b + x) - lbAB;
  const lb2 = x > 0 ? logBeta(a + 1, b + x - 1) - lbAB : -Infinity;
  if (!withGradient) return { lgr, dlgr: 0, lb1, lb1a: 0, lb1b: 0, lb2, lb2a: 0, lb2b: 0 };
  const psiAB = digamma(a + b);
  const psiABX = digamma(a + b + x);
  const psiB = digamma(b);
  return {
    lgr, lb1, lb2,
    dlgr: digamma(r + x) - digamma(r),
    lb1a: psiAB - psiABX,
    lb1b: digamma(b + x) - psiABX - psiB + psiAB,
    lb2a: x > 0 ? 1 / a - psiABX + psiAB : 0, // ψ(a + 1) − ψ(a) = 1/a
    lb2b: x > 0 ? digamma(b + x - 1) - psiABX - psiB + psiAB : 0,
  };
}

/** Total log-likelihood and its gradient with respect to (r, α, a, b). */
export function bgnbdLogLikelihoodWithGradient(
  params: BgNbdParams, data: TripleCounts,
): { value: number; gradient: BgNbdParams } {
  checkParams(params);
  return evaluate(params, data, true);
}

/** Total BG/NBD log-likelihood (natural log) of grouped triples; −9582.43 on CDNOW at the published fit. */
export function bgnbdLogLikelihood(params: BgNbdParams, data: TripleCounts): number {
  checkParams(params);
  return evaluate(params, data, false).value;
}

function evaluate(params: BgNbdParams, data: TripleCounts, withGradient: boolean): { value: number; gradient: BgNbdParams } {
  const { r, alpha } = params;
  // Per-x terms by x (a dense array: x is a small whole number), computed once per evaluation.
  const cache: (XTerms | undefined)[] = [];
  const logAlpha = Math.log(alpha);
  const rLogAlpha = r * logAlpha;
  let value = 0;
  let gr = 0, galpha = 0, ga = 0, gb = 0;
  const { x: xs, tx: txs, T: Ts, count } = data;
  for (let i = 0; i < xs.length; i++) {
    const w = count[i]!;
    if (w === 0) continue;
    const x = xs[i]!;
    const k = cache[x] ?? (cache[x] = xTerms(params, x, withGradient));
    const aT = alpha + Ts[i]!;
    const logAT = Math.log(aT);
    const head = k.lgr + rLogAlpha;
    const t1 = head + k.lb1 - (r + x) * logAT;
    if (x === 0) {
      // Only the "still active" term: ln L = t1, and its weight is 1.
      value += w * t1;
      if (withGradient) {
        gr += w * (k.dlgr + logAlpha - logAT);
        galpha += w * (r / alpha - r / aT);
        ga += w * k.lb1a;
        gb += w * k.lb1b;
      }
      continue;
    }
    const atx = alpha + txs[i]!;
    const logAtx = Math.log(atx);
    const t2 = head + k.lb2 - (r + x) * logAtx;
    // ln L = log-sum-exp(t1, t2) and the weight of t2, e^(t2 − ln L), from one exponential.
    let ll: number;
    let w2: number;
    if (t2 > t1) {
      const e = Math.exp(t1 - t2);
      ll = t2 + Math.log1p(e);
      w2 = 1 / (1 + e);
    } else {
      const e = Math.exp(t2 - t1);
      ll = t1 + Math.log1p(e);
      w2 = e / (1 + e);
    }
    value += w * ll;
    if (!withGradient) continue;
    const w1 = 1 - w2;
    gr += w * (k.dlgr + logAlpha - w1 * logAT - w2 * logAtx);
    galpha += w * (r / alpha - (r + x) * (w1 / aT + w2 / atx));
    ga += w * (w1 * k.lb1a + w2 * k.lb2a);
    gb += w * (w1 * k.lb1b + w2 * k.lb2b);
  }
  return { value, gradient: { r: gr, alpha: galpha, a: ga, b: gb } };
}

/** Maximum-likelihood BG/NBD fit of grouped (x, t_x, T) triples; CDNOW gives r 0.243, α 4.414, a 0.793, b 2.426. */
export function fitBgNbd(data: TripleCounts, options: FitBgNbdOptions = {}): BgNbdFit {
  const { initial = { r: 1, alpha: 1, a: 1, b: 1 }, gradientTolerance = 1e-9, maxIterations = 500 } = options;
  checkParams(initial);
  const customers = checkTripleCounts(data);
  if (customers <= 0) throw invalid('data', 'at least one customer is needed to fit');
  const fromLog = (v: readonly number[]): BgNbdParams => ({ r: Math.exp(v[0]!), alpha: Math.exp(v[1]!), a: Math.exp(v[2]!), b: Math.exp(v[3]!) });
  // Minimise the mean negative log-likelihood in log-parameters: unconstrained and well scaled.
  const result = minimizeLbfgs((v) => {
    const p = fromLog(v);
    const { value, gradient } = evaluate(p, data, true);
    return { value: -value / customers, gradient: KEYS.map((key) => (-gradient[key] * p[key]) / customers) };
  }, KEYS.map((k) => Math.log(initial[k])), { gradientTolerance, maxIterations });
  const params = fromLog(result.x);
  return {
    params,
    logLikelihood: -result.value * customers,
    customers,
    distinctTriples: data.x.length,
    iterations: result.iterations,
    converged: result.converged,
    gradientMax: Math.max(...result.gradient.map(Math.abs)),
  };
}

/** P(customer still active at T | x, t_x, T), a probability in [0, 1]. */
export function bgnbdPAlive(params: BgNbdParams, customer: CustomerTriple): number {
  checkParams(params);
  checkTriple(customer);
  return Math.exp(logPAlive(params, customer));
}

function logPAlive({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: CustomerTriple): number {
  if (x === 0) return 0;
  // 1 / (1 + a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x)), formed in logs.
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return -logAddExp(0, logOdds);
}

/** Expected repeat transactions in (T, T + t] for a customer with history (x, t_x, T); t in model units. */
export function bgnbdConditionalExpected(params: BgNbdParams, customer: CustomerTriple, t: number): number {
  checkParams(params);
  checkTriple(customer);
  if (!(t >= 0)) throw invalid('t', `t must be ≥ 0, got ${t}`);
  return Math.exp(logPAlive(params, customer)) * activeExpected(params, customer.x, customer.T, t);
}

/** Expected transactions E[X(t)] in (0, t] for a customer who has just made a first purchase; t in model units. */
export function bgnbdExpectedTransactions(params: BgNbdParams, t: number): number {
  checkParams(params);
  if (!(t >= 0)) throw invalid('t', `t must be ≥ 0, got ${t}`);
  return activeExpected(params, 0, 0, t);
}

/**
 * Expected transactions in (T, T + t] given the customer is still active, FHL (2005) eq. 10 without its
 * P(alive) factor: (a + b + x − 1)/(a − 1) · [1 − (1 − z)^(a−1) 2F1(a + b − 1 − r, a − 1; a + b + x − 1; z)],
 * z = t/(α + T + t). Euler's transformation turns the paper's 2F1(r + x, b + x; …) into this one, whose
 * parameters do not grow with x, so heavy buyers and long horizons cannot overflow.
 */
function activeExpected({ r, alpha, a, b }: BgNbdParams, x: number, T: number, t: number): number {
  if (t === 0) return 0;
  const z = t / (alpha + T + t);
  const log1mz = Math.log(alpha + T) - Math.log(alpha + T + t);
  const at = (aa: number): number => {
    const c = aa + b + x - 1;
    const f = hyp2f1(aa + b - 1 - r, aa - 1, c, z);
    // 1 − (1 − z)^(a−1)·F, through expm1 so that short horizons keep their digits.
    const gap = f > 0 ? -Math.expm1((aa - 1) * log1mz + Math.log(f)) : 1 - Math.exp((aa - 1) * log1mz) * f;
    return (c / (aa - 1)) * gap;
  };
  // a = 1 is a removable 0/0; bridge it by interpolation from both sides.
  return Math.abs(a - 1) < 1e-4 ? interpolateAcross(at, a, 1, 1e-4) : at(a);
}

/** P(X(t) = n): probability of exactly n transactions in (0, t] for a new customer; t in model units. */
export function bgnbdProbabilityOfCount(params: BgNbdParams, t: number, n: number): number {
  checkParams(params);
  if (!(t >= 0)) throw invalid('t', `t must be ≥ 0, got ${t}`);
  if (!(Number.isInteger(n) && n >= 0)) throw invalid('n', `n must be a whole number ≥ 0, got ${n}`);
  const { r, alpha, a, b } = params;
  if (t === 0) return n === 0 ? 1 : 0;
  const lbAB = logBeta(a, b);
  const logP = Math.log(alpha) - Math.log(alpha + t); // NBD "success" probability α/(α + t), in logs
  const logQ = Math.log(t) - Math.log(alpha + t);
  const logPmf0 = r * logP; // NBD: P(N = 0) = (α/(α + t))^r
  // Still active after n purchases with exactly n of them, or dropped out right after the n-th with N ≥ n.
  const first = logBeta(a, b + n) - lbAB + lgamma(r + n) - lgamma(r) - lgamma(n + 1) + logPmf0 + n * logQ;
  if (n === 0) return Math.exp(first);
  const second = logBeta(a + 1, b + n - 1) - lbAB + logNbdTail(logPmf0, n, r, logQ);
  return Math.exp(logAddExp(first, second));
}

/** ln P(N ≥ n) for N ~ NBD(r, α/(α + t)): one minus the head when that is accurate, else the tail summed. */
function logNbdTail(logPmf0: number, n: number, r: number, logQ: number): number {
  // log P(N = j + 1) = log P(N = j) + ln((r + j)/(j + 1)) + ln q, accumulated in logs so nothing underflows.
  let logPmf = logPmf0;
  let head = 0;
  for (let j = 0; j < n; j++) {
    head += Math.exp(logPmf);
    logPmf += Math.log((r + j) / (j + 1)) + logQ;
  }
  if (head < 0.9) return Math.log1p(-head);
  // Now logPmf = ln P(N = n). Sum the tail relative to it; successive ratios tend to q < 1.
  const q = Math.exp(logQ);
  let term = 1;
  let sum = 1;
  for (let j = n; j < n + 1e7; j++) {
    const ratio = ((r + j) / (j + 1)) * q;
    term *= ratio;
    sum += term;
    if (term < 1e-17 * sum && ratio < 1) break;
  }
  return logPmf + Math.log(sum);
}

// Gauss hypergeometric function 2F1(a, b; c; z) for real arguments and z ≤ 1.
// Direct power series where it converges quickly; Pfaff's transformation for z < 0; the 1 − z
// connection formula (Abramowitz & Stegun 15.3.6) near z = 1. Gamma ratios are formed in log space.
import { gammaSign, interpolateAcross, lgamma } from './special.ts';

const EPS = 1e-17;
const DIRECT_Z = 0.9;
const DIRECT_BUDGET_NEAR_ONE = 4000;
const MAX_TERMS = 200000;
// When c − a − b is within GAP of an integer the connection formula is 0/0 (two huge terms cancel).
// F is smooth in c, so it is interpolated from four nodes at c_m ± GAP, c_m ± 2·GAP around the
// degenerate c_m: cancellation there costs about eps/GAP, interpolation error is O(GAP⁴).
const GAP = 1e-4;

const isNonPositiveInteger = (v: number): boolean => v <= 0 && Number.isInteger(v);

/** Gauss hypergeometric 2F1(a, b; c; z) for real a, b, c and z ≤ 1 (dimensionless); 2F1(1, 1; 2; ½) = 2 ln 2. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if ([a, b, c, z].some(Number.isNaN)) return NaN;
  if (z === 0 || a === 0 || b === 0) return 1;
  // The series stops at the first non-positive integer numerator; it is defined if (c)_n ≠ 0 before then.
  const stop = Math.max(...[a, b].filter(isNonPositiveInteger));
  if (isNonPositiveInteger(c) && !(stop >= c)) return NaN;
  if (stop !== -Infinity) return series(a, b, c, z, MAX_TERMS) ?? NaN;
  if (z > 1) throw new RangeError(`hyp2f1: z = ${z} > 1 is outside the real domain`);
  if (z < 0) {
    // Pfaff: 2F1(a, b; c; z) = (1 − z)^(−a) 2F1(a, c − b; c; z/(z − 1)), with z/(z − 1) ∈ (0, 1).
    const w = z / (z - 1);
    return Math.exp(-a * Math.log1p(-z)) * hyp2f1(a, c - b, c, w);
  }
  if (z === 1) {
    const s = c - a - b;
    if (s <= 0) return Infinity;
    return gammaRatio([c, s], [c - a, c - b]);
  }
  if (z <= DIRECT_Z) {
    const v = series(a, b, c, z, MAX_TERMS);
    if (v === null) throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge`);
    return v;
  }
  // Near 1: the direct series still wins when c − a − b is large (terms decay like a power of n).
  const direct = series(a, b, c, z, DIRECT_BUDGET_NEAR_ONE);
  if (direct !== null) return direct;
  const s = c - a - b;
  const offset = s - Math.round(s);
  if (Math.abs(offset) < GAP) {
    return interpolateAcross((cc) => nearOne(a, b, cc, z), c, c - offset, GAP);
  }
  return nearOne(a, b, c, z);
}

/** A&S 15.3.6 for 0 < z < 1 and c − a − b not an integer. */
function nearOne(a: number, b: number, c: number, z: number): number {
  const s = c - a - b;
  const w = 1 - z;
  const first = gammaRatio([c, s], [c - a, c - b]) * need(series(a, b, 1 - s, w, MAX_TERMS));
  const second = Math.exp(s * Math.log(w)) * gammaRatio([c, -s], [a, b]) * need(series(c - a, c - b, s + 1, w, MAX_TERMS));
  return first + second;
}

function need(v: number | null): number {
  if (v === null) throw new RangeError('hyp2f1: series did not converge');
  return v;
}

/** Π Γ(num) / Π Γ(den), formed in log space with signs; 0 when a denominator argument is a pole. */
function gammaRatio(num: number[], den: number[]): number {
  let log = 0;
  let sign = 1;
  for (const v of den) {
    if (isNonPositiveInteger(v)) return 0;
    log -= lgamma(v);
    sign *= gammaSign(v);
  }
  for (const v of num) {
    log += lgamma(v);
    sign *= gammaSign(v);
  }
  return sign * Math.exp(log);
}

/** Σ (a)_n (b)_n / ((c)_n n!) z^n, or null when it has not converged within maxTerms. */
function series(a: number, b: number, c: number, z: number, maxTerms: number): number | null {
  let term = 1;
  let sum = 1;
  let quiet = 0;
  for (let n = 0; n < maxTerms; n++) {
    const ratio = ((a + n) * (b + n)) / ((c + n) * (n + 1));
    term *= ratio * z;
    sum += term;
    if (term === 0) return sum;
    // Stop only once the terms shrink geometrically and two in a row are negligible.
    if (Math.abs(term) <= EPS * Math.abs(sum) && Math.abs(ratio * z) < 1) {
      if (++quiet >= 2) return sum;
    } else {
      quiet = 0;
    }
  }
  return null;
}

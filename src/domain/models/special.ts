// Special functions the models need: log-gamma (with sign), digamma, log-beta and log-sum-exp.
// Models work in log space throughout so that large counts and long horizons cannot overflow.

const LANCZOS_G = 7;
// Godfrey's Lanczos coefficients for g = 7, n = 9 (about 15 significant digits for x ≥ 0.5).
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.9189385332046728;

/** ln|Γ(x)| for real x (Infinity at the poles 0, −1, −2, …); lgamma(0.5) = ln √π. */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
    if (Number.isInteger(x)) return Infinity;
    return Math.log(Math.PI / Math.abs(sinPi(x))) - lgamma(1 - x);
  }
  if (x === 1 || x === 2) return 0;
  if (x > 1e15) return x * (Math.log(x) - 1) - 0.5 * Math.log(x) + HALF_LOG_2PI;
  const y = x - 1;
  let sum = LANCZOS[0]!;
  for (let k = 1; k < LANCZOS.length; k++) sum += LANCZOS[k]! / (y + k);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Sign of Γ(x): +1, −1, or NaN at the poles (0, −1, −2, …). */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (Number.isInteger(x) || Number.isNaN(x)) return NaN;
  // Γ alternates sign between consecutive negative integers: negative on (−1, 0), positive on (−2, −1), …
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** sin(πx) with exact zeros at the integers, reduced to |πx| ≤ π/2 so small arguments keep full precision. */
function sinPi(x: number): number {
  const r = x - 2 * Math.round(x / 2); // r ∈ [−1, 1], exact for |x| < 1
  if (r === 0 || Math.abs(r) === 1) return 0;
  if (r > 0.5) return Math.sin(Math.PI * (1 - r));
  if (r < -0.5) return -Math.sin(Math.PI * (1 + r));
  return Math.sin(Math.PI * r);
}

/** tan(πx), reduced to |πx| ≤ π/2 (period 1). */
function tanPi(x: number): number {
  const r = x - Math.round(x); // r ∈ [−½, ½]
  return Math.tan(Math.PI * r);
}

/** Digamma ψ(x) = d/dx ln Γ(x) (NaN at the poles); ψ(1) = −0.5772156649…. */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) {
    if (Number.isInteger(x)) return NaN;
    // Reflection: ψ(1 − x) − ψ(x) = π cot(πx).
    return digamma(1 - x) - Math.PI / tanPi(x);
  }
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // Asymptotic series ln x − 1/(2x) − Σ B_2k / (2k x^2k).
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))));
  return shift + Math.log(x) - 0.5 * inv - series;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/** ln(e^a + e^b) without overflow; logAddExp(-Infinity, b) = b. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** ln Σ e^{v_i} without overflow; −Infinity for an empty list. */
export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  if (max === -Infinity || !Number.isFinite(max)) return max;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(values[i]! - max);
  return max + Math.log(sum);
}

/** ln(1 − e^x) for x ≤ 0, accurate near both ends (Mächler 2012). */
export function log1mExp(x: number): number {
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

/**
 * f(x) for |x − center| < gap where f has a removable 0/0 at `center`: cubic Lagrange interpolation from
 * f(center ± gap) and f(center ± 2·gap), which are computed well away from the cancellation.
 */
export function interpolateAcross(f: (v: number) => number, x: number, center: number, gap: number): number {
  const u = (x - center) / gap;
  const nodes = [-2, -1, 1, 2];
  let value = 0;
  for (const k of nodes) {
    let weight = 1;
    for (const j of nodes) if (j !== k) weight *= (u - j) / (k - j);
    value += weight * f(center + k * gap);
  }
  return value;
}

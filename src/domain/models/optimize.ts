// Unconstrained minimisation by L-BFGS (Nocedal & Wright 2006, Algorithm 7.4 two-loop recursion) with a
// line search satisfying the strong Wolfe conditions (Algorithms 3.5 and 3.6, cubic interpolation).
// Models fit log-parameters with it, so the search space is unconstrained; non-finite values
// (overflow far from the optimum) make the line search step back instead of failing.

/** A differentiable objective: value and gradient at x. */
export type Objective = (x: readonly number[]) => { value: number; gradient: number[] };

export interface MinimizeOptions {
  /** Stop when max |∂f/∂x_i| falls to this. */
  gradientTolerance?: number;
  maxIterations?: number;
  /** Number of (s, y) pairs kept. */
  memory?: number;
}

export type StopReason = 'gradient' | 'no-progress' | 'max-iterations' | 'line-search-failed';

export interface MinimizeResult {
  x: number[];
  value: number;
  gradient: number[];
  iterations: number;
  evaluations: number;
  /** True when the gradient tolerance was met, or no further decrease is representable. */
  converged: boolean;
  reason: StopReason;
}

const C1 = 1e-4;
const C2 = 0.9;
const MAX_LINE_SEARCH = 40;

interface Point { x: number[]; value: number; gradient: number[] }

const dot = (u: readonly number[], v: readonly number[]): number => {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i]! * v[i]!;
  return s;
};
const maxAbs = (v: readonly number[]): number => v.reduce((m, e) => Math.max(m, Math.abs(e)), 0);

/** Minimise f from x0 by L-BFGS with a strong-Wolfe line search; units are those of f and x. */
export function minimizeLbfgs(f: Objective, x0: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const { gradientTolerance = 1e-8, maxIterations = 1000, memory = 10 } = options;
  let evaluations = 0;
  const evaluate = (x: number[]): Point => {
    evaluations++;
    const { value, gradient } = f(x);
    return { x, value, gradient };
  };
  let current = evaluate([...x0]);
  if (!Number.isFinite(current.value)) throw new RangeError('minimizeLbfgs: objective is not finite at the start');
  const history: { s: number[]; y: number[]; rho: number }[] = [];
  const finish = (iterations: number, reason: StopReason): MinimizeResult => ({
    ...current, iterations, evaluations, reason, converged: reason === 'gradient' || reason === 'no-progress',
  });

  for (let iter = 0; iter < maxIterations; iter++) {
    if (maxAbs(current.gradient) <= gradientTolerance) return finish(iter, 'gradient');
    let direction = twoLoop(current.gradient, history);
    let slope = dot(direction, current.gradient);
    if (!(slope < 0)) {
      // Not a descent direction (can only happen through rounding): restart from steepest descent.
      history.length = 0;
      direction = current.gradient.map((g) => -g);
      slope = dot(direction, current.gradient);
    }
    // First step: a unit move in the largest coordinate; later steps: the quasi-Newton step.
    const initial = history.length === 0 ? Math.min(1, 1 / maxAbs(direction)) : 1;
    // When the predicted decrease is at the rounding level of f, no step can show a decrease and the line
    // search would only burn evaluations on noise: the gradient left is rounding error, so stop here.
    if (-slope * initial <= 1e-14 * Math.abs(current.value)) return finish(iter, 'no-progress');
    const next = strongWolfe(evaluate, current, direction, slope, initial);
    if (next === null) {
      // A failed search with curvature memory gets another chance from steepest descent.
      if (history.length === 0) return finish(iter, 'line-search-failed');
      history.length = 0;
      continue;
    }
    const s = next.x.map((v, i) => v - current.x[i]!);
    const y = next.gradient.map((g, i) => g - current.gradient[i]!);
    const sy = dot(s, y);
    const previousValue = current.value;
    current = next;
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      history.push({ s, y, rho: 1 / sy });
      if (history.length > memory) history.shift();
    }
    if (previousValue - current.value <= 1e-15 * Math.max(1, Math.abs(current.value))
      && maxAbs(s) <= 1e-12 * Math.max(1, maxAbs(current.x))) return finish(iter + 1, 'no-progress');
  }
  return finish(maxIterations, 'max-iterations');
}

/** L-BFGS two-loop recursion: −H·g with H the inverse-Hessian approximation. */
function twoLoop(g: readonly number[], history: readonly { s: number[]; y: number[]; rho: number }[]): number[] {
  const q = [...g];
  const alphas: number[] = [];
  for (let k = history.length - 1; k >= 0; k--) {
    const { s, y, rho } = history[k]!;
    const a = rho * dot(s, q);
    alphas[k] = a;
    for (let i = 0; i < q.length; i++) q[i]! -= a * y[i]!;
  }
  const last = history.at(-1);
  const gamma = last ? dot(last.s, last.y) / dot(last.y, last.y) : 1;
  for (let i = 0; i < q.length; i++) q[i]! *= gamma;
  for (let k = 0; k < history.length; k++) {
    const { s, y, rho } = history[k]!;
    const b = rho * dot(y, q);
    for (let i = 0; i < q.length; i++) q[i]! += (alphas[k]! - b) * s[i]!;
  }
  return q.map((v) => -v);
}

interface LinePoint { step: number; phi: number; slope: number; point: Point }

/** Strong Wolfe line search along d from `start`; null when no acceptable step was found. */
function strongWolfe(
  evaluate: (x: number[]) => Point, start: Point, d: readonly number[], slope0: number, initialStep: number,
): Point | null {
  const phi0 = start.value;
  const at = (step: number): LinePoint => {
    const point = evaluate(start.x.map((v, i) => v + step * d[i]!));
    return { step, phi: point.value, slope: dot(point.gradient, d), point };
  };
  const sufficient = (p: LinePoint): boolean => p.phi <= phi0 + C1 * p.step * slope0;
  const curvature = (p: LinePoint): boolean => Math.abs(p.slope) <= -C2 * slope0;
  let previous: LinePoint = { step: 0, phi: phi0, slope: slope0, point: start };
  let step = initialStep;
  for (let i = 0; i < MAX_LINE_SEARCH; i++) {
    const p = at(step);
    if (!Number.isFinite(p.phi) || p.slope !== p.slope) {
      step = previous.step + 0.5 * (step - previous.step); // overflowed: come back towards the last good step
      continue;
    }
    if (!sufficient(p) || (i > 0 && p.phi >= previous.phi)) return zoom(previous, p);
    if (curvature(p)) return p.point;
    if (p.slope >= 0) return zoom(p, previous);
    previous = p;
    step *= 2;
  }
  return null;

  function zoom(lo: LinePoint, hi: LinePoint): Point | null {
    for (let i = 0; i < MAX_LINE_SEARCH; i++) {
      const width = hi.step - lo.step;
      if (Math.abs(width) <= 1e-16 * Math.max(1, Math.abs(lo.step))) break;
      let step = cubicMinimizer(lo, hi);
      const inner = Math.min(lo.step, hi.step) + 0.1 * Math.abs(width);
      const outer = Math.max(lo.step, hi.step) - 0.1 * Math.abs(width);
      if (!(step >= inner && step <= outer)) step = lo.step + 0.5 * width;
      const p = at(step);
      if (!Number.isFinite(p.phi) || !sufficient(p) || p.phi >= lo.phi) {
        hi = Number.isFinite(p.phi) ? p : { ...p, phi: Infinity, slope: NaN };
      } else {
        if (curvature(p)) return p.point;
        if (p.slope * (hi.step - lo.step) >= 0) hi = lo;
        lo = p;
      }
    }
    // Accept the best point found if it at least decreased f.
    return lo.step !== 0 && lo.phi < phi0 ? lo.point : null;
  }
}

/** Minimiser of the cubic through (step, phi, slope) at two points; NaN when it has none. */
function cubicMinimizer(p: LinePoint, q: LinePoint): number {
  if (!Number.isFinite(q.phi) || !Number.isFinite(q.slope)) return NaN;
  const d1 = p.slope + q.slope - 3 * (p.phi - q.phi) / (p.step - q.step);
  const disc = d1 * d1 - p.slope * q.slope;
  if (disc < 0) return NaN;
  const d2 = Math.sign(q.step - p.step) * Math.sqrt(disc);
  return q.step - (q.step - p.step) * (q.slope + d2 - d1) / (q.slope - p.slope + 2 * d2);
}

/** Central-difference gradient of a scalar function (for gradient checks); step h relative to |x_i|. */
export function centralDifferenceGradient(f: (x: readonly number[]) => number, x: readonly number[], h = 1e-6): number[] {
  return x.map((xi, i) => {
    const step = h * Math.max(1, Math.abs(xi));
    const up = [...x];
    const down = [...x];
    up[i] = xi + step;
    down[i] = xi - step;
    return (f(up) - f(down)) / (2 * step);
  });
}

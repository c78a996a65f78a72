import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { centralDifferenceGradient, minimizeLbfgs, type Objective } from './optimize.ts';

/** Extended Rosenbrock in n (even) dimensions; minimum 0 at (1, …, 1). */
const rosenbrock: Objective = (x) => {
  let value = 0;
  const gradient = x.map(() => 0);
  for (let i = 0; i < x.length; i += 2) {
    const u = x[i]!;
    const v = x[i + 1]!;
    value += 100 * (v - u * u) ** 2 + (1 - u) ** 2;
    gradient[i] = -400 * u * (v - u * u) - 2 * (1 - u);
    gradient[i + 1] = 200 * (v - u * u);
  }
  return { value, gradient };
};

test('L-BFGS solves 2-D Rosenbrock from the classic start (−1.2, 1)', () => {
  const r = minimizeLbfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-10 });
  assert.equal(r.reason, 'gradient');
  assert.ok(r.converged);
  assert.ok(Math.abs(r.x[0]! - 1) < 1e-8 && Math.abs(r.x[1]! - 1) < 1e-8, `x = ${r.x.join(', ')}`);
  assert.ok(r.iterations < 60, `took ${r.iterations} iterations`);
});

test('L-BFGS solves 20-D extended Rosenbrock', () => {
  const x0 = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? -1.2 : 1));
  const r = minimizeLbfgs(rosenbrock, x0, { gradientTolerance: 1e-9 });
  assert.ok(r.converged);
  for (const v of r.x) assert.ok(Math.abs(v - 1) < 1e-7);
});

test('L-BFGS solves Beale\'s function', () => {
  // Minimum 0 at (3, 0.5).
  const beale: Objective = ([x = 0, y = 0]) => {
    const t1 = 1.5 - x + x * y;
    const t2 = 2.25 - x + x * y * y;
    const t3 = 2.625 - x + x * y ** 3;
    return {
      value: t1 * t1 + t2 * t2 + t3 * t3,
      gradient: [
        2 * t1 * (y - 1) + 2 * t2 * (y * y - 1) + 2 * t3 * (y ** 3 - 1),
        2 * t1 * x + 2 * t2 * 2 * x * y + 2 * t3 * 3 * x * y * y,
      ],
    };
  };
  const r = minimizeLbfgs(beale, [1, 1], { gradientTolerance: 1e-10 });
  assert.ok(r.converged);
  assert.ok(Math.abs(r.x[0]! - 3) < 1e-7 && Math.abs(r.x[1]! - 0.5) < 1e-7, `x = ${r.x.join(', ')}`);
});

test('L-BFGS minimises ill-conditioned convex quadratics (condition number up to 1e6)', () => {
  fc.assert(fc.property(
    fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: 2, maxLength: 30 }),
    fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 30, maxLength: 30 }),
    (diag, target) => {
      const f: Objective = (x) => ({
        value: x.reduce((s, v, i) => s + 0.5 * diag[i]! * (v - target[i]!) ** 2, 0),
        gradient: x.map((v, i) => diag[i]! * (v - target[i]!)),
      });
      const r = minimizeLbfgs(f, diag.map(() => 0), { gradientTolerance: 1e-12, maxIterations: 5000 });
      return r.converged && r.x.every((v, i) => Math.abs(v - target[i]!) * Math.sqrt(diag[i]!) < 1e-5);
    },
  ), { numRuns: 50 });
});

test('the line search steps back from a region where the objective is not finite', () => {
  // f(x) = x − ln x is NaN for x < 0; the first quasi-Newton steps overshoot into it.
  const f: Objective = ([x = 0]) => ({ value: x - Math.log(x), gradient: [1 - 1 / x] });
  const r = minimizeLbfgs(f, [40], { gradientTolerance: 1e-12 });
  assert.ok(r.converged);
  assert.ok(Math.abs(r.x[0]! - 1) < 1e-9);
});

test('centralDifferenceGradient approximates an analytic gradient', () => {
  const x = [0.3, -0.7, 1.1, 0.2];
  const numeric = centralDifferenceGradient((v) => rosenbrock(v).value, x);
  const analytic = rosenbrock(x).gradient;
  numeric.forEach((g, i) => assert.ok(Math.abs(g - analytic[i]!) < 1e-6 * Math.max(1, Math.abs(g))));
});

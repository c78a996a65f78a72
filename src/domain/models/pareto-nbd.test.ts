import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CDNOW_SUMMARY, loadCdnowSummary, missing } from './fixtures.test.ts';
import {
  fitParetoNbd, paretoNbdConditionalExpected, paretoNbdLogLikelihood, paretoNbdPAlive, type ParetoNbdParams,
} from './pareto-nbd.ts';
import { groupTriples } from './triples.ts';

// CLVTools test_correctness_pnbd_nocovstaticcov.R and lifetimes test_estimation.py (FHL 2005 comparison).
const PUBLISHED: ParetoNbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

test('Pareto/NBD log-likelihood matches mpmath on both branches (α ≥ β and α < β)', () => {
  // [r, α, s, β, x, t_x, T, ln L] with ln L from the FHL (2005) expression evaluated in mpmath at 40 digits.
  const cases: number[][] = [
    [0.553, 10.578, 0.606, 11.669, 0, 0, 38.86, -0.52104629408089037],
    [0.553, 10.578, 0.606, 11.669, 2, 30.43, 38.86, -9.5542832451504057],
    [0.553, 10.578, 0.606, 11.669, 26, 30.86, 31, -39.131671540302774],
    [1.2, 20, 0.4, 3, 5, 10, 40, -14.961210196743217],
    [1.2, 20, 0.4, 3, 150, 39.5, 40, -10.417256068819353],
    [0.3, 2, 1.7, 30, 1, 0.5, 60, -4.0072654548449815],
  ];
  for (const [r, alpha, s, beta, x, tx, T, want] of cases) {
    const got = paretoNbdLogLikelihood({ r: r!, alpha: alpha!, s: s!, beta: beta! }, { x: [x!], tx: [tx!], T: [T!], count: [1] });
    assert.ok(Math.abs(got - want!) < 1e-10 * Math.abs(want!), `x = ${x}: ${got} vs ${want}`);
  }
  // Continuous where the expansion switches sides (α = β).
  const at = (alpha: number) => paretoNbdLogLikelihood({ r: 0.5, alpha, s: 0.6, beta: 10 }, { x: [3], tx: [20], T: [30], count: [1] });
  assert.ok(Math.abs(at(10 - 1e-9) - at(10 + 1e-9)) < 1e-8);
});

test('Pareto/NBD fit on CDNOW reproduces the published estimates', (t) => {
  const rows = loadCdnowSummary();
  if (!rows) return t.skip(missing(CDNOW_SUMMARY));
  const data = groupTriples(rows);
  const fit = fitParetoNbd(data);
  assert.ok(fit.converged);
  for (const k of ['r', 'alpha', 's', 'beta'] as const) {
    assert.ok(Math.abs(fit.params[k] - PUBLISHED[k]) / PUBLISHED[k] < 1e-3, `${k} = ${fit.params[k]}, published ${PUBLISHED[k]}`);
  }
  assert.ok(Math.abs(fit.logLikelihood - -9595.0) < 0.1, `LL = ${fit.logLikelihood}`);
  assert.ok(fit.logLikelihood >= paretoNbdLogLikelihood(PUBLISHED, data));
});

test('Pareto/NBD P(alive) and conditional expectation match the R BTYD walkthrough', () => {
  const btyd = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };
  const customer = { x: 26, tx: 30.86, T: 31 };
  assert.equal(paretoNbdPAlive(btyd, customer).toFixed(4), '0.9979');
  assert.ok(Math.abs(paretoNbdConditionalExpected(btyd, customer, 52) - 25.46) < 0.01);
  assert.equal(paretoNbdPAlive(btyd, { x: 3, tx: 31, T: 31 }), 1);
  // Continuous across s = 1, where the closed form is 0/0.
  const e = (s: number) => paretoNbdConditionalExpected({ ...btyd, s }, customer, 52);
  assert.ok(Math.abs(e(1) - (e(1 - 1e-7) + e(1 + 1e-7)) / 2) < 1e-6);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../demo/random.ts';
import { bgnbdExpectedTransactions, fitBgNbd } from './bgnbd.ts';
import { simulateBgNbd } from './simulate.ts';

const CDNOW = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

test('simulated repeat purchases average E[X(T)] of the closed form (FHL 2005, eq. 9)', () => {
  const d = simulateBgNbd(CDNOW, { customers: 100_000, minDays: 190, maxDays: 273, rng: createRng(7) });
  let n = 0, sum = 0, sumSq = 0;
  d.x.forEach((x, i) => { n += d.count[i]!; sum += x * d.count[i]!; sumSq += x * x * d.count[i]!; });
  assert.equal(n, 100_000);
  let expected = 0;
  for (let day = 190; day <= 273; day++) expected += bgnbdExpectedTransactions(CDNOW, day / 7) / 84;
  const se = Math.sqrt((sumSq / n - (sum / n) ** 2) / n);
  assert.ok(Math.abs(sum / n - expected) < 4 * se, `mean ${sum / n} vs ${expected} (se ${se})`);
  assert.ok(d.x.every((x, i) => d.tx[i]! <= d.T[i]! && (x > 0 || d.tx[i] === 0)));
});

test('fitting 200,000 simulated customers recovers the generating parameters', () => {
  const n = 200_000;
  const fit = fitBgNbd(simulateBgNbd(CDNOW, { customers: n, minDays: 190, maxDays: 273, rng: createRng(11) }));
  assert.ok(fit.converged);
  // Four standard errors, scaled from the CDNOW fit's (lifetimes: 0.0126, 0.378, 0.186, 0.705 at 2,357 customers).
  const se = { r: 0.0126, alpha: 0.378, a: 0.186, b: 0.705 };
  for (const k of ['r', 'alpha', 'a', 'b'] as const) {
    const bound = 4 * se[k] * Math.sqrt(2357 / n);
    assert.ok(Math.abs(fit.params[k] - CDNOW[k]) < bound, `${k} = ${fit.params[k]}, generated with ${CDNOW[k]} (± ${bound})`);
  }
  assert.throws(() => simulateBgNbd(CDNOW, { customers: 1, minDays: 10, maxDays: 5, rng: createRng(1) }), /minDays ≤ maxDays/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  bgnbdConditionalExpected, bgnbdExpectedTransactions, bgnbdLogLikelihood, bgnbdLogLikelihoodWithGradient, bgnbdPAlive,
  bgnbdProbabilityOfCount, fitBgNbd, type BgNbdParams,
} from './bgnbd.ts';
import { CDNOW_SUMMARY, loadCdnowSummary, missing } from './fixtures.test.ts';
import { centralDifferenceGradient } from './optimize.ts';
import { groupTriples } from './triples.ts';

// Published: Fader, Hardie & Lee (2005), as quoted in CLVTools test_correctness_bgnbd.R and lifetimes
// test_estimation.py. CLVTools' full-precision MLE is (0.2425945, 4.4136019, 0.7929199, 2.4258881), LL −9582.429.
const PUBLISHED: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PUBLISHED_LL = -9582.4;
const cdnow = loadCdnowSummary();
const cdnowTriples = cdnow && groupTriples(cdnow);
const fitted = cdnowTriples && fitBgNbd(cdnowTriples);

test('CDNOW summary has the shape its README describes', (t) => {
  if (!cdnow) return t.skip(missing(CDNOW_SUMMARY));
  assert.equal(cdnow.length, 2357);
  assert.equal(cdnow.reduce((s, c) => s + c.x, 0), 2457);
  assert.equal(cdnow.filter((c) => c.x > 0).length, 946);
});

test('BG/NBD fit on CDNOW reproduces Fader, Hardie & Lee (2005)', (t) => {
  if (!fitted || !cdnowTriples) return t.skip(missing(CDNOW_SUMMARY));
  assert.ok(fitted.converged);
  assert.equal(fitted.customers, 2357);
  assert.ok(fitted.distinctTriples < 2357);
  for (const k of ['r', 'alpha', 'a', 'b'] as const) {
    const rel = Math.abs(fitted.params[k] - PUBLISHED[k]) / PUBLISHED[k];
    assert.ok(rel < 2e-3, `${k} = ${fitted.params[k]}, published ${PUBLISHED[k]}`);
    assert.equal(fitted.params[k].toFixed(3), PUBLISHED[k].toFixed(3), `${k} rounds to the published value`);
  }
  assert.ok(Math.abs(fitted.logLikelihood - PUBLISHED_LL) < 0.1, `LL = ${fitted.logLikelihood}`);
  // It is the maximum: CLVTools' full-precision estimate scores no higher.
  const clvtools = bgnbdLogLikelihood({ r: 0.2425945, alpha: 4.4136019, a: 0.7929199, b: 2.4258881 }, cdnowTriples);
  assert.ok(fitted.logLikelihood >= clvtools - 1e-9);
  assert.ok(Math.abs(bgnbdLogLikelihood(PUBLISHED, cdnowTriples) - -9582.4268) < 1e-3);
});

test('the BG/NBD fit does not depend on where it starts', (t) => {
  if (!fitted || !cdnowTriples) return t.skip(missing(CDNOW_SUMMARY));
  for (const initial of [{ r: 0.1, alpha: 0.1, a: 0.1, b: 0.1 }, { r: 5, alpha: 50, a: 3, b: 10 }]) {
    const other = fitBgNbd(cdnowTriples, { initial });
    assert.ok(other.converged);
    assert.ok(Math.abs(other.logLikelihood - fitted.logLikelihood) < 1e-6);
    assert.ok(Math.abs(other.params.b - fitted.params.b) < 1e-4 * fitted.params.b);
  }
});

test('grouping identical triples leaves the likelihood unchanged', (t) => {
  if (!cdnow || !cdnowTriples) return t.skip(missing(CDNOW_SUMMARY));
  const ungrouped = { x: cdnow.map((c) => c.x), tx: cdnow.map((c) => c.tx), T: cdnow.map((c) => c.T), count: cdnow.map(() => 1) };
  const a = bgnbdLogLikelihood(PUBLISHED, ungrouped);
  const b = bgnbdLogLikelihood(PUBLISHED, cdnowTriples);
  assert.ok(Math.abs(a - b) < 1e-8, `${a} vs ${b}`);
});

test('the analytic gradient matches central differences', () => {
  const data = { x: [0, 1, 2, 7, 30], tx: [0, 3.5, 10, 30.2, 35], T: [38, 20, 30, 31, 36], count: [10, 3, 2, 1, 1] };
  fc.assert(fc.property(
    fc.double({ min: 0.05, max: 5, noNaN: true }), fc.double({ min: 0.5, max: 50, noNaN: true }),
    fc.double({ min: 0.1, max: 5, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }),
    (r, alpha, a, b) => {
      const p = [r, alpha, a, b];
      const numeric = centralDifferenceGradient((v) => bgnbdLogLikelihood({ r: v[0]!, alpha: v[1]!, a: v[2]!, b: v[3]! }, data), p, 1e-6);
      const { gradient } = bgnbdLogLikelihoodWithGradient({ r, alpha, a, b }, data);
      const analytic = [gradient.r, gradient.alpha, gradient.a, gradient.b];
      return analytic.every((g, i) => Math.abs(g - numeric[i]!) <= 1e-5 * Math.max(1, Math.abs(g)));
    },
  ), { numRuns: 100 });
});

test('BG/NBD predictions match Hardie\'s spreadsheet and R BTYD', (t) => {
  // Conditional expectation for CDNOW customer 1 (lifetimes test, from Hardie's spreadsheet).
  assert.ok(Math.abs(bgnbdConditionalExpected(PUBLISHED, { x: 2, tx: 30.43, T: 38.86 }, 39) - 1.226) < 5e-4);
  // P(X(t) = x) from R BTYD via lifetimes.
  assert.ok(Math.abs(bgnbdProbabilityOfCount(PUBLISHED, 2, 10) - 1.07869e-7) < 1e-11);
  assert.ok(Math.abs(bgnbdProbabilityOfCount(PUBLISHED, 39, 0) - 0.5737864) < 1e-7);
  if (!fitted) return t.skip(missing(CDNOW_SUMMARY));
  // E[X(t)] from Hardie's spreadsheet, which uses the full-precision estimates.
  const times = [0.1429, 1, 3, 31.8571, 32, 78];
  const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
  times.forEach((time, i) => {
    const got = bgnbdExpectedTransactions(fitted.params, time);
    assert.ok(Math.abs(got - expected[i]!) < 5e-4, `E[X(${time})] = ${got}, spreadsheet ${expected[i]}`);
  });
});

test('P(X(t) = n) is a distribution whose mean is E[X(t)]', () => {
  for (const time of [1, 39, 150]) {
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 1200; n++) {
      const p = bgnbdProbabilityOfCount(PUBLISHED, time, n);
      total += p;
      mean += n * p;
    }
    assert.ok(Math.abs(total - 1) < 1e-9, `Σ P = ${total} at t = ${time}`);
    assert.ok(Math.abs(mean - bgnbdExpectedTransactions(PUBLISHED, time)) < 1e-6);
  }
});

test('P(alive) is 1 without repeat purchases and falls with time since the last one', () => {
  assert.equal(bgnbdPAlive(PUBLISHED, { x: 0, tx: 0, T: 30 }), 1);
  const recent = bgnbdPAlive(PUBLISHED, { x: 5, tx: 29, T: 30 });
  const lapsed = bgnbdPAlive(PUBLISHED, { x: 5, tx: 5, T: 30 });
  assert.ok(recent > lapsed && lapsed > 0 && recent < 1);
  // Extreme histories stay finite and in range instead of overflowing.
  const heavy = bgnbdPAlive(PUBLISHED, { x: 5000, tx: 1, T: 1000 });
  assert.ok(heavy >= 0 && heavy < 1e-100);
  assert.ok(Number.isFinite(bgnbdConditionalExpected(PUBLISHED, { x: 5000, tx: 999, T: 1000 }, 5000)));
});

test('conditional expectation is continuous across a = 1 and grows with the horizon', () => {
  const c = { x: 3, tx: 20, T: 30 };
  const at = (a: number) => bgnbdConditionalExpected({ ...PUBLISHED, a }, c, 52);
  // Reference values from FHL eq. 10 evaluated in mpmath at 40 digits.
  const mpmath: [number, number][] = [[0.999, 2.02981598887644], [0.99999, 2.02841085260823], [1.0001, 2.02825482064811]];
  for (const [a, want] of mpmath) assert.ok(Math.abs(at(a) - want) < 1e-11, `a = ${a}: ${at(a)} vs ${want}`);
  assert.ok(Math.abs(at(1) - (at(1 - 1e-5) + at(1 + 1e-5)) / 2) < 1e-9);
  let previous = 0;
  for (const horizon of [1, 10, 52, 260, 2600]) {
    const e = bgnbdConditionalExpected(PUBLISHED, c, horizon);
    assert.ok(e > previous);
    previous = e;
  }
});

test('invalid inputs are rejected with the field at fault', () => {
  assert.throws(() => groupTriples([{ x: 1.5, tx: 1, T: 2 }]), /x must be a whole number/);
  assert.throws(() => groupTriples([{ x: 1, tx: 3, T: 2 }]), /t_x must lie in \[0, T\]/);
  assert.throws(() => bgnbdPAlive({ ...PUBLISHED, r: -1 }, { x: 1, tx: 1, T: 2 }), /r must be positive/);
});

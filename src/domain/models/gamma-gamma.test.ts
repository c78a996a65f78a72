import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  fitGammaGamma, frequencySpendCorrelation, gammaGammaExpectedSpend, gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodWithGradient, type GammaGammaParams,
} from './gamma-gamma.ts';
import { CDNOW_SUMMARY, loadCdnowSummary, missing } from './fixtures.test.ts';
import { centralDifferenceGradient } from './optimize.ts';

// Fader & Hardie (2013) note 025, quoted in lifetimes and CLVTools tests; CLVTools reports LL −4055.92.
// The spend measure is zbar, the mean of the *repeat* calibration transactions (first purchase excluded).
const PUBLISHED: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };
const cdnow = loadCdnowSummary();
const spend = cdnow?.map((c) => ({ x: c.x, m: c.zbar }));
const fitted = spend && fitGammaGamma(spend);

test('Gamma-Gamma fit on the 946 CDNOW repeaters reproduces Fader & Hardie (2013)', (t) => {
  if (!fitted || !spend) return t.skip(missing(CDNOW_SUMMARY));
  assert.ok(fitted.converged);
  assert.equal(fitted.customers, 946);
  assert.equal(fitted.skipped, 2357 - 946);
  for (const k of ['p', 'q', 'gamma'] as const) {
    const rel = Math.abs(fitted.params[k] - PUBLISHED[k]) / PUBLISHED[k];
    // Published to 2 decimals; the MLE on this file is (6.2488, 3.7446, 15.4477), which lifetimes prints as γ = 15.45.
    assert.ok(rel < 1.5e-3, `${k} = ${fitted.params[k]}, published ${PUBLISHED[k]}`);
  }
  assert.ok(Math.abs(fitted.logLikelihood - -4055.92) < 0.01, `LL = ${fitted.logLikelihood}`);
  assert.ok(fitted.logLikelihood >= gammaGammaLogLikelihood(PUBLISHED, spend));
});

test('conditional expected spend matches Hardie\'s spreadsheet for CDNOW customers 1–10', (t) => {
  if (!fitted || !spend) return t.skip(missing(CDNOW_SUMMARY));
  const expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
  expected.forEach((want, i) => {
    const got = gammaGammaExpectedSpend(fitted.params, spend[i]!);
    assert.ok(Math.abs(got - want) < 0.01, `customer ${i + 1}: ${got} vs ${want}`);
  });
  // lifetimes Quickstart: mean conditional expected average profit over all 2,357 customers = 35.2529588256.
  const mean = spend.reduce((s, c) => s + gammaGammaExpectedSpend(fitted.params, c), 0) / spend.length;
  assert.ok(Math.abs(mean - 35.2529588256) < 1e-4, `mean ${mean}`);
});

test('frequency and spend are nearly uncorrelated among CDNOW repeaters', (t) => {
  if (!spend) return t.skip(missing(CDNOW_SUMMARY));
  const { correlation, customers } = frequencySpendCorrelation(spend);
  assert.equal(customers, 946);
  // Fader & Hardie (2013) report 0.11 for this check.
  assert.equal(correlation.toFixed(2), '0.11');
});

test('the Gamma-Gamma gradient matches central differences', () => {
  const data = [{ x: 1, m: 10 }, { x: 3, m: 25.5 }, { x: 12, m: 40 }, { x: 2, m: 5.2 }];
  fc.assert(fc.property(
    fc.double({ min: 0.2, max: 20, noNaN: true }), fc.double({ min: 0.2, max: 20, noNaN: true }), fc.double({ min: 0.5, max: 100, noNaN: true }),
    (p, q, gamma) => {
      const numeric = centralDifferenceGradient((v) => gammaGammaLogLikelihood({ p: v[0]!, q: v[1]!, gamma: v[2]! }, data), [p, q, gamma]);
      const { gradient } = gammaGammaLogLikelihoodWithGradient({ p, q, gamma }, data);
      return [gradient.p, gradient.q, gradient.gamma].every((g, i) => Math.abs(g - numeric[i]!) <= 1e-5 * Math.max(1, Math.abs(g)));
    },
  ), { numRuns: 100 });
});

test('expected spend shrinks a customer\'s mean towards the population mean', () => {
  const population = gammaGammaExpectedSpend(PUBLISHED, { x: 0, m: 0 });
  assert.ok(Math.abs(population - (6.25 * 15.44) / 2.74) < 1e-12);
  const light = gammaGammaExpectedSpend(PUBLISHED, { x: 1, m: 100 });
  const heavy = gammaGammaExpectedSpend(PUBLISHED, { x: 50, m: 100 });
  assert.ok(population < light && light < heavy && heavy < 100);
  assert.throws(() => gammaGammaExpectedSpend({ p: 1, q: 0.5, gamma: 1 }, { x: 0, m: 0 }), /undefined/);
  assert.throws(() => fitGammaGamma([{ x: 2, m: 0 }]), /mean spend must be positive/);
});

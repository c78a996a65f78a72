import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hyp2f1 } from './hypergeometric.ts';

// [a, b, c, z, 2F1] from mpmath 1.3 at 40 digits. Includes z near 1 with c − a − b integer or within 1e-7
// of one (the 0/0 cases of the connection formula), z < 0 (Pfaff) and BG/NBD-shaped arguments.
const REFERENCE: [number, number, number, number, number][] = [
  [1, 1, 2, 0.5, 1.3862943611198906],
  [1, 1, 2, 0.99, 4.6516870565536268],
  [1, 1, 2, 0.999999, 13.815524373459892],
  [1, 1, 2, -3, 0.46209812037329687],
  [0.5, 0.5, 1.5, 0.95, 1.380231154269966],
  [2.3, 4.1, 3.7, 0.97, 10585.345731961524],
  [2.3, 4.1, 3.7, 0.9999, 51142320038.626665],
  [0.24, 2.4, 2.2, 0.3, 1.0989608905778529],
  [0.5, 1, 3, -50, 0.30742703984606437],
  [1.5, 2.5, 4, 0.9999, 37.277177715461193],
  [1.5, 2.5, 6, 0.99999, 3.1041629082064358],
  [3, 0.5, 2.5, 0.995, 77.326791866678192],
  [30.24, 32.4, 32.2, 0.95, 3.9638418167715668e+39],
  [1.7, -0.2, 102.2, 0.999, 0.99664100715204133],
  [2, 3, 5.00001, 0.9995, 61.434938930386179],
  [2.2, 1.8, 4.0000001, 0.99999, 55.717865005876737],
  [0.243, 2.426, 2.219, 0.5, 1.2070970070440423],
  [0.243, 2.426, 2.219, 0.98, 3.377201939009162],
  [2.243, 4.426, 4.219, 0.47, 4.4930369340116198],
  [1.876, -0.207, 3.219, 0.999, 0.80371202024804605],
  [10.5, 0.3, 1.2, -0.999, 0.43419445676461194],
  [0.7, 1.3, 2.5, -200, 0.054234704931168118],
];

test('hyp2f1 matches mpmath, including near z = 1 and degenerate c − a − b', () => {
  for (const [a, b, c, z, want] of REFERENCE) {
    const got = hyp2f1(a, b, c, z);
    assert.ok(Math.abs(got - want) <= 1e-10 * Math.abs(want), `2F1(${a}, ${b}; ${c}; ${z}) = ${got}, want ${want}`);
  }
});

test('hyp2f1 closed forms', () => {
  // 2F1(a, b; b; z) = (1 − z)^(−a); 2F1(½, 1; 3/2; −z²) = arctan(z)/z.
  assert.ok(Math.abs(hyp2f1(2.7, 1.3, 1.3, 0.8) - Math.pow(0.2, -2.7)) < 1e-12 * Math.pow(0.2, -2.7));
  assert.ok(Math.abs(hyp2f1(0.5, 1, 1.5, -4) - Math.atan(2) / 2) < 1e-14);
  // 2F1(−2, 3; 4; z) = 1 − 1.5 z + 0.6 z² (terminates; defined for any z).
  assert.ok(Math.abs(hyp2f1(-2, 3, 4, 2) - 0.4) < 1e-14);
  assert.equal(hyp2f1(1, 2, 3, 0), 1);
  // Gauss's theorem at z = 1.
  assert.ok(Math.abs(hyp2f1(0.5, 0.5, 2, 1) - 4 / Math.PI) < 1e-13);
  assert.throws(() => hyp2f1(1, 1, 2, 1.5), RangeError);
});

test('hyp2f1 satisfies Euler\'s transformation across its branches', () => {
  const param = fc.double({ min: 0.05, max: 8, noNaN: true });
  fc.assert(fc.property(param, param, param, fc.double({ min: -5, max: 0.9995, noNaN: true }), (a, b, extra, z) => {
    const c = a + b - 1 + extra; // keeps c positive, c − a − b ∈ (−0.95, 7)
    if (c <= 0.05) return true;
    const lhs = hyp2f1(a, b, c, z);
    const rhs = Math.pow(1 - z, c - a - b) * hyp2f1(c - a, c - b, c, z);
    return Math.abs(lhs - rhs) <= 1e-8 * Math.max(Math.abs(lhs), 1e-300);
  }), { numRuns: 300 });
});

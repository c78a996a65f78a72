import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allocate, formatMinor, lineAmount, parseMinor } from './money.ts';

test('parseMinor reads decimal text exactly', () => {
  assert.equal(parseMinor('12.30'), 1230);
  assert.equal(parseMinor('0.29'), 29);
  assert.equal(parseMinor('-4.5'), -450);
  assert.equal(parseMinor('¥1,234.56'), 123456);
  assert.equal(parseMinor('2.555'), 256);
  assert.equal(parseMinor('.5'), 50);
  assert.equal(parseMinor('7'), 700);
  assert.equal(parseMinor('abc'), null);
  assert.equal(parseMinor(''), null);
  assert.equal(parseMinor('1.2.3'), null);
});

test('formatMinor round-trips parseMinor', () => {
  fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => parseMinor(formatMinor(n)) === n));
});

test('lineAmount multiplies exactly for fractional quantities', () => {
  assert.equal(lineAmount(255, 6), 1530);
  assert.equal(lineAmount(1999, 0.35), 700);
  assert.equal(lineAmount(-255, 3), -765);
});

test('allocate sums exactly and follows weights', () => {
  assert.deepEqual(allocate(100, [1, 1, 1]), [34, 33, 33]);
  fc.assert(fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.array(fc.nat(1000), { minLength: 1, maxLength: 20 }),
    (total, w) => allocate(total, w).reduce((a, b) => a + b, 0) === total));
});

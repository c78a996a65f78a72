import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abcd, parseAbcdConfig } from './abcd.ts';
import { AppError } from '../errors.ts';

const AS_OF = '2024-12-31';

test('ABCD by hand: D for lapsed or no value, then the top 20% / next 30% / rest of the valued', () => {
  const facts = [
    ...Array.from({ length: 10 }, (_, i) => ({ lastPurchaseDate: '2024-12-01', netMinor: (i + 1) * 10 })), // 10…100
    { lastPurchaseDate: '2024-01-01', netMinor: 5 }, // 365 days: still within → valued
    { lastPurchaseDate: '2023-12-31', netMinor: 9999 }, // 366 days: D despite high spend
    { lastPurchaseDate: '2024-12-30', netMinor: 0 }, // returned the whole order: D
    { lastPurchaseDate: '2024-12-30', netMinor: -50 }, // refunds exceed sales in the window: D
  ];
  // 11 valued: A when position ≤ 20% × 11 = 2.2 → 2; A+B ≤ 5.5 → 5; C the other 6.
  assert.deepEqual(abcd(facts, AS_OF), ['C', 'C', 'C', 'C', 'C', 'B', 'B', 'B', 'A', 'A', 'C', 'D', 'D', 'D']);
  assert.deepEqual(abcd(facts, AS_OF, parseAbcdConfig({ dormantDays: 364 }))[10], 'D');
  assert.deepEqual(abcd([], AS_OF), []);
});

test('ABCD settings are validated', () => {
  assert.throws(() => parseAbcdConfig({ dormantDays: 0 }), (e: unknown) => e instanceof AppError && e.field === '/abcd/dormantDays');
  assert.throws(() => parseAbcdConfig({ cumulativeBp: [2000] }), (e: unknown) => e instanceof AppError && e.field === '/abcd/cumulativeBp');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRfmConfig, rfmScores } from './rfm.ts';
import { AppError } from '../errors.ts';

// Hand-checked fixture, as of 2024-01-31. A and B tie on recency (1 day); B and D are single-order
// customers; C's second order was returned in full, so its net spend is 0.
const AS_OF = '2024-01-31';
const FACTS = [
  { id: 1, lastPurchaseDate: '2024-01-30', orders: 5, netMinor: 500 }, // A
  { id: 2, lastPurchaseDate: '2024-01-30', orders: 1, netMinor: 100 }, // B
  { id: 3, lastPurchaseDate: '2024-01-01', orders: 2, netMinor: 0 }, // C
  { id: 4, lastPurchaseDate: '2023-06-01', orders: 1, netMinor: 50 }, // D
  { id: 5, lastPurchaseDate: '2023-12-01', orders: 3, netMinor: 300 }, // E
];

test('quintile RFM scores by hand: ties share the lowest rank', () => {
  const s = rfmScores(FACTS, AS_OF);
  assert.deepEqual([...s.recencyDays], [1, 1, 30, 244, 61]);
  // R sorted by −days: D(−244) 1, E(−61) 2, C(−30) 3, A and B (−1) tie at rank 4 → ceil(5 × 4 / 5) = 4.
  assert.deepEqual([...s.r], [4, 4, 3, 1, 2]);
  // F: 1, 1 (B, D) rank 1; 2 (C) rank 3; 3 (E) 4; 5 (A) 5.
  assert.deepEqual([...s.f], [5, 1, 3, 1, 4]);
  // M: 0 (C) 1, 50 (D) 2, 100 (B) 3, 300 (E) 4, 500 (A) 5.
  assert.deepEqual([...s.m], [5, 3, 1, 2, 4]);
});

test('fixed thresholds per business', () => {
  const config = parseRfmConfig({ thresholds: { recencyDays: [7, 30, 90, 180], orders: [2, 3, 5, 10], netMinor: [100, 200, 400, 800] } });
  const s = rfmScores(FACTS, AS_OF, config);
  // Recency 1 → 5, 30 → 4 (≤ 30), 244 → 1, 61 → 3.
  assert.deepEqual([...s.r], [5, 5, 4, 1, 3]);
  // Orders 5 reaches 2, 3, 5 → 4; 1 → 1; 2 → 2; 3 → 3.
  assert.deepEqual([...s.f], [4, 1, 2, 1, 3]);
  // 500 reaches 100, 200, 400 → 4; 100 → 2; 0 → 1; 50 → 1; 300 → 3.
  assert.deepEqual([...s.m], [4, 2, 1, 1, 3]);
});

test('an empty store scores nobody', () => {
  const s = rfmScores([], AS_OF);
  assert.equal(s.r.length + s.f.length + s.m.length, 0);
});

test('thresholds are validated, naming the setting', () => {
  assert.throws(() => parseRfmConfig({ thresholds: { recencyDays: [30, 7, 90, 180], orders: [2, 3, 5, 10], netMinor: [1, 2, 3, 4] } }),
    (e: unknown) => e instanceof AppError && e.field === '/rfm/thresholds/recencyDays' && /increasing/.test(e.message));
  assert.throws(() => parseRfmConfig({ thresholds: { recencyDays: [1, 2, 3, 4], orders: ['2', 3, 5, 10], netMinor: [1, 2, 3, 4] } }),
    (e: unknown) => e instanceof AppError && e.field === '/rfm/thresholds/orders/0');
  assert.throws(() => parseRfmConfig({ quintiles: true }), (e: unknown) => e instanceof AppError && e.field === '/rfm/quintiles');
  assert.deepEqual(parseRfmConfig(undefined), { thresholds: null });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rfmScores } from './rfm.ts';
import { CLASSIC_SEGMENTS, classicSegment, classicSegments, parseRetentionConfig, retentionSegments } from './rfm-segments.ts';
import { AppError } from '../errors.ts';

const AS_OF = '2024-01-31';
const FACTS = [
  { id: 1, firstPurchaseDate: '2023-01-05', lastPurchaseDate: '2024-01-30', orders: 5, netMinor: 500 },
  { id: 2, firstPurchaseDate: '2024-01-30', lastPurchaseDate: '2024-01-30', orders: 1, netMinor: 100 },
  { id: 3, firstPurchaseDate: '2023-11-01', lastPurchaseDate: '2024-01-01', orders: 2, netMinor: 0 },
  { id: 4, firstPurchaseDate: '2023-06-01', lastPurchaseDate: '2023-06-01', orders: 1, netMinor: 50 },
  { id: 5, firstPurchaseDate: '2023-02-01', lastPurchaseDate: '2023-12-01', orders: 3, netMinor: 300 },
];

test('the classic grid is total: every score triple names one of the eleven, and all eleven occur', () => {
  const names = new Set<string>(CLASSIC_SEGMENTS.map((s) => s.name));
  const seen = new Set<string>();
  for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) {
    const s = classicSegment(r, f, m);
    assert.ok(names.has(s), `${r}${f}${m} → ${s}`);
    seen.add(s);
  }
  assert.equal(seen.size, 11);
});

test('classic segments by hand (scores from rfm.test.ts: R 4 4 3 1 2, F 5 1 3 1 4, M 5 3 1 2 4)', () => {
  // A: R4, FM 5 → champions. B: R4, FM round(2) = 2 → potential loyalist. C: R3, FM 2 → about to sleep.
  // D: R1, FM round(1.5) = 2 → lost. E: R2, FM 4 → at risk.
  assert.deepEqual(classicSegments(rfmScores(FACTS, AS_OF)), ['champions', 'potential_loyalist', 'about_to_sleep', 'lost', 'at_risk']);
  assert.equal(classicSegment(5, 1, 1), 'new');
  assert.equal(classicSegment(1, 5, 4), 'cant_lose');
});

test('retention classes by hand: new, then high value, potential, dormant', () => {
  // B: one order, first bought 1 day ago → new. D: one order but 244 days ago → not new; R1 → dormant.
  // A: R4 F5 M5 → high value. C: R3 → potential. E: R2 → dormant.
  assert.deepEqual(retentionSegments(FACTS, rfmScores(FACTS, AS_OF), AS_OF), ['high_value', 'new', 'potential', 'dormant', 'dormant']);
  // With a stricter bar for high value (all 5), A drops to potential.
  assert.deepEqual(retentionSegments(FACTS, rfmScores(FACTS, AS_OF), AS_OF, parseRetentionConfig({ highScore: 5 }))[0], 'potential');
});

test('retention settings are validated', () => {
  assert.throws(() => parseRetentionConfig({ highScore: 6 }), (e: unknown) => e instanceof AppError && e.field === '/retention/highScore');
  assert.throws(() => parseRetentionConfig({ newDays: -1 }), (e: unknown) => e instanceof AppError && e.field === '/retention/newDays');
});

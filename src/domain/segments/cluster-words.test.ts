import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeCentre } from './cluster-words.ts';

test('a word for each feature at least 0.5 SD from the mean, "very" from 1.5, in a fixed order', () => {
  assert.deepEqual(describeCentre({ recencyDays: -0.8, orders: 1.2, netMinor: 0.9 }), { en: 'frequent, high spend, recent', zh: '高频、高消费、近期活跃' });
  assert.deepEqual(describeCentre({ recencyDays: 1.5, orders: -1.5, netMinor: -0.5 }), { en: 'very infrequent, low spend, long lapsed', zh: '极低频、低消费、长期未购买' });
  assert.deepEqual(
    describeCentre({ recencyDays: -2, orders: 2, netMinor: 1.6, marginMinor: -0.7, categories: 0.6 }),
    { en: 'very frequent, very high spend, low margin, broad range, very recent', zh: '极高频、极高消费、低毛利、品类较广、刚刚购买' },
  );
});

test('just under 0.5 SD is unremarkable; a centre unremarkable on every count says so', () => {
  assert.deepEqual(describeCentre({ recencyDays: 0.49, orders: -0.49, netMinor: 0 }), { en: 'average on every count', zh: '各项接近平均' });
  assert.deepEqual(describeCentre({ recencyDays: 0.7, orders: 0.2, netMinor: 1.49 }), { en: 'high spend, lapsed', zh: '高消费、久未购买' });
});

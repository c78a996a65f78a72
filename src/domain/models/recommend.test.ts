import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCoPurchaseModel, hitRateAtK, recommendItems, recommendPopular } from './recommend.ts';

// 10 baskets: bread & butter together 4 times; milk in every basket (lift exactly 1); jam once with bread.
const BASKETS = [
  ['bread', 'butter', 'milk'], ['bread', 'butter', 'milk'], ['bread', 'butter', 'milk'], ['bread', 'butter', 'milk'],
  ['bread', 'jam', 'milk'], ['milk'], ['milk', 'tea'], ['milk', 'tea'], ['butter', 'milk'], ['tea', 'milk'],
];

test('neighbour scores are co-purchase counts weighted by lift', () => {
  const model = buildCoPurchaseModel(BASKETS);
  assert.equal(model.baskets, 10);
  // bread in 5, butter in 5, together in 4: lift = 4·10/(5·5) = 1.6, score = 4 · 1.6.
  const [top] = model.neighbours.get('bread')!;
  assert.equal(top!.item, 'butter');
  assert.equal(top!.coCount, 4);
  assert.ok(Math.abs(top!.lift - 1.6) < 1e-12 && Math.abs(top!.score - 6.4) < 1e-12);
  // Pairs below minCoCount (bread–jam, once) and at or below independence (milk) are dropped.
  assert.ok(!model.neighbours.get('bread')!.some((nb) => nb.item === 'jam' || nb.item === 'milk'));
  assert.equal(buildCoPurchaseModel(BASKETS, { minCoCount: 1 }).neighbours.get('jam')![0]!.item, 'bread');
  assert.deepEqual(model.popular.slice(0, 3), ['milk', 'bread', 'butter']);
});

test('recommendations skip owned items and fill up with popular ones', () => {
  const model = buildCoPurchaseModel(BASKETS);
  const recs = recommendItems(model, ['bread'], 3).map((r) => r.item);
  assert.equal(recs[0], 'butter');
  assert.ok(!recs.includes('bread'));
  assert.equal(recs.length, 3);
  assert.deepEqual(recommendPopular(model, ['milk'], 2).map((r) => r.item), ['bread', 'butter']);
});

test('hit-rate@k on a time split counts customers whose new purchases were recommended', () => {
  const ev = (customerId: string, date: string, items: string[]) => items.map((item) => ({ customerId, date, item }));
  const events = [
    // Training: many customers buy a and b together; c and d together.
    ...['u1', 'u2', 'u3', 'u4'].flatMap((c) => ev(c, '2024-01-05', ['a', 'b'])),
    ...['u5', 'u6', 'u7'].flatMap((c) => ev(c, '2024-01-06', ['c', 'd'])),
    ...ev('p', '2024-01-07', ['a']), ...ev('q', '2024-01-07', ['c']), ...ev('r', '2024-01-07', ['a']),
    // Test period: p buys b (predicted), q buys d (predicted), r buys d (not in r's top 1), s is new (skipped).
    ...ev('p', '2024-02-01', ['b']), ...ev('q', '2024-02-02', ['d', 'c']), ...ev('r', '2024-02-03', ['d']), ...ev('s', '2024-02-03', ['a']),
  ];
  const report = hitRateAtK(events, { testFromDate: '2024-02-01', k: 1 });
  assert.deepEqual({ customers: report.customers, hits: report.hits }, { customers: 3, hits: 2 });
  assert.ok(Math.abs(report.hitRate - 2 / 3) < 1e-15);
  assert.equal(report.trainBaskets, 10);
  assert.throws(() => hitRateAtK(events, { testFromDate: '2024/02/01', k: 1 }), /YYYY-MM-DD/);
});

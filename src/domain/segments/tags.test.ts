import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_BEHAVIOUR, type CustomerBehaviour, type CustomerFacts } from './facts.ts';
import { ageAt, ageBands, builtInTagCatalog, builtInTags, parseTagConfig } from './tags.ts';
import { AppError } from '../errors.ts';

const AS_OF = '2024-06-30';
const fact = (over: Partial<CustomerFacts> = {}): CustomerFacts => ({
  id: 1, firstPurchaseDate: '2023-01-01', lastPurchaseDate: '2024-06-01', orders: 4, purchaseDays: 4, salesMinor: 4000, returnMinor: 0,
  netMinor: 4000, costMinor: 0, costedSalesMinor: 0, items: 4, categories: 1, ...over,
});
const beh = (over: Partial<CustomerBehaviour> = {}): CustomerBehaviour => ({ ...EMPTY_BEHAVIOUR, previousPurchaseDate: '2024-05-01', ...over });

test('weekend and weekday shoppers need enough orders; shares compare exactly at the cut', () => {
  const facts = [fact({ orders: 5 }), fact({ orders: 10 }), fact({ orders: 10 }), fact({ orders: 2 }), fact({ orders: 10 })];
  const behaviour = [
    beh({ weekendOrders: 3 }), // 60% → weekend
    beh({ weekendOrders: 1 }), // 10% → weekday
    beh({ weekendOrders: 2 }), // 20% → neither
    beh({ weekendOrders: 2 }), // 100% but only 2 orders → neither
    beh({ weekendOrders: 0 }), // none → weekday
  ];
  const tags = builtInTags(facts, behaviour, AS_OF).map((t) => t.filter((x) => x.endsWith('_shopper')));
  assert.deepEqual(tags, [['weekend_shopper'], ['weekday_shopper'], [], [], ['weekday_shopper']]);
});

test('promotion-sensitive: at least half of at least two orders discounted', () => {
  const facts = [fact({ orders: 4 }), fact({ orders: 4 }), fact({ orders: 1 })];
  const behaviour = [beh({ discountedOrders: 2 }), beh({ discountedOrders: 1 }), beh({ discountedOrders: 1 })];
  assert.deepEqual(builtInTags(facts, behaviour, AS_OF).map((t) => t.includes('promotion_sensitive')), [true, false, false]);
});

test('price bands: terciles of average item price by default, fixed edges when set', () => {
  // Average item prices 10, 20, 30, 40, 50, 60; one customer without units has no band.
  const facts = [10, 20, 30, 40, 50, 60, 0].map((p) => fact({ salesMinor: p * 3, items: p ? 3 : 0 }));
  const behaviour = facts.map(() => beh());
  const band = (config?: ReturnType<typeof parseTagConfig>) => builtInTags(facts, behaviour, AS_OF, config).map((t) => t.find((x) => x.startsWith('price:')) ?? null);
  assert.deepEqual(band(), ['price:low', 'price:low', 'price:mid', 'price:mid', 'price:high', 'price:high', null]);
  assert.deepEqual(band(parseTagConfig({ priceEdgesMinor: [20, 45] })), ['price:low', 'price:low', 'price:mid', 'price:mid', 'price:high', 'price:high', null]);
  assert.deepEqual(band(parseTagConfig({ priceEdgesMinor: [5, 10] })).slice(0, 2), ['price:mid', 'price:high']);
});

test('age bands from the birth date, counting whole years at as-of', () => {
  assert.equal(ageAt('2000-06-30', AS_OF), 24, 'birthday on as-of counts');
  assert.equal(ageAt('2000-07-01', AS_OF), 23);
  assert.equal(ageAt(null, AS_OF), null);
  assert.equal(ageAt('1800-01-01', AS_OF), null);
  assert.deepEqual(ageBands([18, 25, 35]), ['age:<18', 'age:18-24', 'age:25-34', 'age:35+']);
  const births = ['2010-01-01', '2000-06-30', '1999-07-01', '1950-01-01', null];
  const tags = builtInTags(births.map(() => fact()), births.map((b) => beh({ birthDate: b })), AS_OF).map((t) => t.find((x) => x.startsWith('age:')) ?? null);
  assert.deepEqual(tags, ['age:<18', 'age:18-24', 'age:18-24', 'age:65+', null]);
});

test('category preference from the loaded counts, and the lifecycle stage tag', () => {
  const config = parseTagConfig({ categories: [{ category: '母婴', minOrders: 2, days: 90 }, { tag: 'tea', category: '饮品/奶茶', minOrders: 1 }] });
  const tags = builtInTags([fact({ orders: 1, items: 0 }), fact({ orders: 1, items: 0, firstPurchaseDate: '2024-06-20' })], [beh({ categoryOrders: { 母婴: 2, tea: 0 } }), beh({ categoryOrders: { 母婴: 1, tea: 3 } })], AS_OF, config);
  assert.deepEqual(tags, [['lifecycle:active', 'category:母婴'], ['lifecycle:new', 'category:tea']]);
  assert.ok(builtInTagCatalog(config).some((t) => t.name === 'category:tea' && t.explain === 'bought 饮品/奶茶 in ≥ 1 orders in the last 90 days'));
});

test('tag settings are validated', () => {
  assert.throws(() => parseTagConfig({ categories: [{ minOrders: 2 }] }), (e: unknown) => e instanceof AppError && e.field === '/tags/categories/0/category');
  assert.throws(() => parseTagConfig({ promotion: { minShareBp: 12000 } }), (e: unknown) => e instanceof AppError && e.field === '/tags/promotion/minShareBp');
  assert.throws(() => parseTagConfig({ ageEdges: null }), (e: unknown) => e instanceof AppError && e.field === '/tags/ageEdges');
  assert.throws(() => parseTagConfig({ weekend: { minOrder: 2 } }), (e: unknown) => e instanceof AppError && e.field === '/tags/weekend/minOrder');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from './evaluate.ts';
import { EMPTY_BEHAVIOUR, type CustomerFacts } from './facts.ts';
import { SEGMENT_FIELDS } from './fields.ts';
import { parseRule } from './rule.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

const AS_OF = '2024-01-31';
const fact = (id: number, first: string, last: string, orders: number, netMinor: number, costMinor = 0): CustomerFacts => ({
  id, firstPurchaseDate: first, lastPurchaseDate: last, orders, purchaseDays: orders, salesMinor: netMinor, returnMinor: 0, netMinor,
  costMinor, costedSalesMinor: costMinor ? netMinor : 0, items: id, categories: 1,
});
// The rfm.test.ts fixture (A…E).
const FACTS = [
  fact(1, '2023-01-05', '2024-01-30', 5, 500, 200), fact(2, '2024-01-30', '2024-01-30', 1, 100),
  { ...fact(3, '2023-11-01', '2024-01-01', 2, 0), salesMinor: 200, returnMinor: 200 }, // returned a whole order
  fact(4, '2023-06-01', '2023-06-01', 1, 50), fact(5, '2023-02-01', '2023-12-01', 3, 300),
];
const BEHAVIOUR = FACTS.map((_, i) => ({ ...EMPTY_BEHAVIOUR, discountedOrders: i === 0 ? 4 : 0, birthDate: i === 0 ? '1990-02-01' : null }));
const rule = (r: unknown) => parseRule(r, SEGMENT_FIELDS);

test('fields read facts, derived values, scores and schemes', () => {
  const e = evaluate({ asOf: AS_OF, facts: FACTS, behaviour: BEHAVIOUR, settings: DEFAULT_SETTINGS });
  const all = (name: string) => FACTS.map((_, i) => e.field(name)(i));
  assert.deepEqual(all('recencyDays'), [1, 1, 30, 244, 61]);
  assert.deepEqual(all('tenureDays'), [391, 1, 91, 244, 364]);
  assert.deepEqual(all('rfm'), ['champions', 'potential_loyalist', 'about_to_sleep', 'lost', 'at_risk']);
  assert.deepEqual(all('retention'), ['high_value', 'new', 'potential', 'dormant', 'dormant']);
  assert.deepEqual(all('marginMinor'), [300, null, null, null, null]);
  assert.deepEqual(all('avgItemPriceMinor'), [500, 50, 67, 13, 60]);
  assert.deepEqual(all('discountShareBp'), [8000, 0, 0, 0, 0]);
  assert.deepEqual(all('age'), [33, null, null, null, null]);
  assert.deepEqual(all('r'), [4, 4, 3, 1, 2]);
});

test('a dynamic segment over scheme names and tags', () => {
  const e = evaluate({ asOf: AS_OF, facts: FACTS, behaviour: BEHAVIOUR, settings: DEFAULT_SETTINGS });
  const m = e.matcher(rule({ any: [{ field: 'rfm', op: 'in', value: ['lost', 'at_risk'] }, { field: 'tags', op: 'contains', value: 'promotion_sensitive' }] }));
  assert.deepEqual(FACTS.map((_, i) => m(i)), [true, false, false, true, true]);
});

test('custom tags see facts and the built-in tags', () => {
  const e = evaluate({
    asOf: AS_OF, facts: FACTS, behaviour: BEHAVIOUR, settings: DEFAULT_SETTINGS,
    customTags: [
      { name: 'big_spender', rule: rule({ all: [{ field: 'netMinor', op: 'gte', value: 300 }] }) },
      { name: 'vip_deal_hunter', rule: rule({ all: [{ field: 'tags', op: 'contains', value: 'promotion_sensitive' }, { field: 'orders', op: 'gte', value: 5 }] }) },
    ],
  });
  const custom = e.tags().map((t) => t.filter((x) => x === 'big_spender' || x === 'vip_deal_hunter'));
  assert.deepEqual(custom, [['big_spender', 'vip_deal_hunter'], [], [], [], ['big_spender']]);
});

test('behaviour fields without behaviour loaded are a programming error, not a silent empty', () => {
  const e = evaluate({ asOf: AS_OF, facts: FACTS, behaviour: null, settings: DEFAULT_SETTINGS });
  // Four valued customers (C's net is 0): positions A 1, E 2, B 3, D 4; A needs ≤ 20% × 4 = 0.8 → none.
  assert.deepEqual(e.scheme('abcd').segments, ['B', 'C', 'D', 'C', 'B']);
  assert.throws(() => e.matcher(rule({ all: [{ field: 'tags', op: 'contains', value: 'x' }] }))(0), /behaviour facts were not loaded/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GROCERIES_BASKETS, loadGroceryBaskets, missing } from './fixtures.test.ts';
import { associationRules, type AssociationRule } from './rules.ts';

const groceries = loadGroceryBaskets();

const lengths = (rules: AssociationRule<string>[]): Record<number, number> => {
  const out: Record<number, number> = {};
  for (const r of rules) out[r.antecedent.length + 1] = (out[r.antecedent.length + 1] ?? 0) + 1;
  return out;
};

test('Groceries apriori(supp = 0.001, conf = 0.5): 5668 rules, top rule by lift', (t) => {
  if (!groceries) return t.skip(missing(GROCERIES_BASKETS));
  const { rules, transactions } = associationRules(groceries, { minSupport: 0.001, minConfidence: 0.5 });
  assert.equal(transactions, 9835);
  assert.equal(rules.length, 5668);
  assert.deepEqual(lengths(rules), { 2: 11, 3: 1461, 4: 3211, 5: 939, 6: 46 });
  // Top 6 by lift as printed by arules (README table).
  const top = [
    [['Instant food products', 'soda'], 'hamburger meat', 0.001220, 0.6316, 18.99565, 12],
    [['popcorn', 'soda'], 'salty snack', 0.001220, 0.6316, 16.69779, 12],
    [['baking powder', 'flour'], 'sugar', 0.001017, 0.5556, 16.40807, 10],
    [['ham', 'processed cheese'], 'white bread', 0.001932, 0.6333, 15.04549, 19],
    [['Instant food products', 'whole milk'], 'hamburger meat', 0.001525, 0.5000, 15.03823, 15],
    [['curd', 'other vegetables', 'whipped/sour cream', 'yogurt'], 'cream cheese ', 0.001017, 0.5882, 14.83409, 10],
  ] as const;
  top.forEach(([lhs, rhs, support, confidence, lift, count], i) => {
    const r = rules[i]!;
    assert.deepEqual(r.antecedent, lhs);
    assert.deepEqual(r.consequent, [rhs]);
    assert.equal(r.count, count);
    assert.equal(r.support.toFixed(6), support.toFixed(6));
    assert.equal(r.confidence.toFixed(4), confidence.toFixed(4));
    assert.equal(r.lift.toFixed(5), lift.toFixed(5));
  });
});

test('Groceries rule counts for the other published settings', (t) => {
  if (!groceries) return t.skip(missing(GROCERIES_BASKETS));
  const lantz = associationRules(groceries, { minSupport: 0.006, minConfidence: 0.25, minLength: 2 }).rules;
  assert.equal(lantz.length, 463);
  assert.deepEqual(lengths(lantz), { 2: 150, 3: 297, 4: 16 });
  const strong = associationRules(groceries, { minSupport: 0.001, minConfidence: 0.8 }).rules;
  assert.equal(strong.length, 410);
  assert.deepEqual(lengths(strong), { 3: 29, 4: 229, 5: 140, 6: 12 });
  const counts: [number, number, number][] = [[0.001, 0.25, 17391], [0.002, 0.5, 1098], [0.002, 0.25, 4024], [0.003, 0.25, 1771], [0.003, 0.5, 421]];
  for (const [minSupport, minConfidence, want] of counts) {
    assert.equal(associationRules(groceries, { minSupport, minConfidence }).rules.length, want, `supp ${minSupport}, conf ${minConfidence}`);
  }
  // arules' default minlen = 1 also yields {} ⇒ {whole milk}, whose confidence is its support 0.2555.
  const withEmpty = associationRules(groceries, { minSupport: 0.006, minConfidence: 0.25, minLength: 1 }).rules;
  assert.equal(withEmpty.length, 464);
  assert.deepEqual(withEmpty.filter((r) => r.antecedent.length === 0).map((r) => r.consequent), [['whole milk']]);
});

test('rule measures on a hand-computed example', () => {
  // 10 baskets: a in 6, b in 5, {a, b} in 4.
  const baskets = [
    ...Array.from({ length: 4 }, () => ['a', 'b']), ['a'], ['a'], ['b'], ['c'], ['c'], ['c'],
  ];
  const { rules } = associationRules(baskets, { minSupport: 0.1, minConfidence: 0 });
  const ab = rules.find((r) => r.antecedent[0] === 'a' && r.consequent[0] === 'b')!;
  assert.equal(ab.support, 0.4);
  assert.ok(Math.abs(ab.confidence - 4 / 6) < 1e-15);
  assert.ok(Math.abs(ab.lift - 4 / 6 / 0.5) < 1e-15);
  assert.ok(Math.abs(ab.leverage - (0.4 - 0.6 * 0.5)) < 1e-15);
  assert.ok(Math.abs(ab.conviction - 0.5 / (1 - 4 / 6)) < 1e-12);
  const sure = associationRules([['x', 'y'], ['x', 'y'], ['y']], { minSupport: 0.5, minConfidence: 1 }).rules;
  assert.deepEqual(sure.map((r) => [r.antecedent, r.consequent, r.conviction]), [[['x'], ['y'], Infinity]]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundleSuggestions, slowMoverPairings } from './bundles.ts';
import { associationRules } from './rules.ts';

test('buy-A-get-B offers rank by expected added margin, then lift; unknown margins last', () => {
  // 10 baskets: suit in 4, tie in 5, {suit, tie} in 3; socks in 4, {suit, socks} in 2; belt in 2, {suit, belt} in 2.
  const baskets = [
    ['suit', 'tie', 'belt'], ['suit', 'tie', 'socks'], ['suit', 'tie'], ['suit', 'socks', 'belt'],
    ['tie'], ['tie'], ['socks'], ['socks'], ['shirt'], ['shirt'],
  ];
  const { rules } = associationRules(baskets, { minSupport: 0.2, minConfidence: 0.5, maxLength: 2 });
  const margins = new Map([['tie', 3000], ['socks', 500]]);
  const offers = bundleSuggestions(rules, margins);
  const suit = offers.filter((o) => o.buy[0] === 'suit');
  // suit ⇒ tie: conf 3/4, lift 0.75/0.5 = 1.5, uplift 0.75 · (1 − 1/1.5) · 3000 = 750.
  // suit ⇒ socks: conf 2/4, lift 0.5/0.4 = 1.25, uplift 0.5 · 0.2 · 500 = 50.  suit ⇒ belt: lift 2.5, no margin.
  assert.deepEqual(suit.map((o) => [o.get, o.upliftMarginMinor]), [['tie', 750], ['socks', 50], ['belt', null]]);
  assert.ok(Math.abs(suit[0]!.lift - 1.5) < 1e-12 && suit[0]!.getMarginMinor === 3000 && suit[0]!.count === 3);
  assert.ok(bundleSuggestions(rules, margins, { minLift: 2 }).every((o) => o.lift > 2));
  assert.equal(bundleSuggestions(rules, margins, { limit: 1 }).length, 1);
});

test('slow movers get their strongest fast-moving partners', () => {
  // Over 10 days: milk in every basket, bread in 6, jam in 3 (always with bread), caviar in 1.
  const baskets = [
    ['milk', 'bread', 'jam'], ['milk', 'bread', 'jam'], ['milk', 'bread', 'jam'], ['milk', 'bread'], ['milk', 'bread'], ['milk', 'bread'],
    ['milk', 'tea'], ['milk', 'tea'], ['milk', 'caviar'], ['milk', 'tea', 'cake'], ['milk', 'cake'],
  ];
  // Counts: caviar 1, cake 2, jam 3, tea 3, bread 6, milk 11. Slowest half of 6 items → caviar, cake, jam
  // (jam before tea: ties keep first-seen order); fastest 30 % → ceil(1.8) = 2 items, bread and milk.
  const pairs = slowMoverPairings(baskets, { days: 10, slowShare: 0.5, fastShare: 0.3 });
  const jam = pairs.find((p) => p.item === 'jam')!;
  // Fast movers: bread and milk. jam–bread: 3 together, lift 3·11/(3·6) = 1.833; jam–milk lift 1 (dropped).
  assert.deepEqual(jam.partners.map((p) => p.item), ['bread']);
  assert.ok(Math.abs(jam.partners[0]!.lift - 11 / 6) < 1e-12 && jam.partners[0]!.coCount === 3);
  assert.equal(jam.velocityPerDay, 0.3);
  assert.equal(jam.partners[0]!.velocityPerDay, 0.6);
  // caviar was bought once and cake never with a fast mover twice: neither is listed.
  assert.deepEqual(pairs.map((p) => p.item), ['jam']);
  assert.throws(() => slowMoverPairings(baskets, { days: 0 }), /days must be positive/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextBestItems } from './next-best.ts';
import { buildCoPurchaseModel } from './recommend.ts';

const BASKETS = [
  ['suit', 'tie'], ['suit', 'tie'], ['suit', 'tie', 'shirt'], ['suit', 'shirt'], ['suit', 'shirt'],
  ['milk', 'bread'], ['milk', 'bread'], ['milk', 'bread'], ['milk'], ['milk'], ['tea'], ['tea'], ['tea'], ['tea'],
];

test('next-best sums neighbour scores over the history and never offers excluded items', () => {
  const model = buildCoPurchaseModel(BASKETS);
  // suit (5 baskets) with tie (3, together 3): lift 3·14/(5·3) = 2.8, score 8.4; with shirt (3, together 3): same.
  const recs = nextBestItems(model, ['suit'], new Set(['suit']), 2);
  assert.deepEqual(recs.map((r) => r.basis), ['co-purchase', 'co-purchase']);
  assert.deepEqual(recs.map((r) => r.item).sort(), ['shirt', 'tie']);
  assert.ok(Math.abs(recs[0]!.score - 8.4) < 1e-12);
  // The suit was bought recently and is excluded; the tie too: the rest is filled with popular items.
  const more = nextBestItems(model, ['suit', 'tie'], new Set(['suit', 'tie']), 3);
  assert.deepEqual(more.map((r) => [r.item, r.basis]), [['shirt', 'co-purchase'], ['milk', 'popular'], ['tea', 'popular']]);
  // A history item that is not excluded (a consumable) can come back.
  assert.ok(nextBestItems(model, ['milk', 'bread'], new Set(['bread']), 3).some((r) => r.item === 'milk'));
  assert.throws(() => nextBestItems(model, [], new Set(), 0), /k must be/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_SUMMARY, addOrder, addReturn, marginMinor } from './summary.ts';

const order = (date: string, net: number, cost: number | null = null) => ({
  placedAt: `${date}T02:00:00.000Z`, businessDate: date, items: 2, grossMinor: net + 100, discountMinor: 100, netMinor: net, costMinor: cost,
});

test('folds orders and returns into the summary', () => {
  let s = addOrder(EMPTY_SUMMARY, order('2024-03-05', 1000, 400), true, 2);
  s = addOrder(s, order('2024-03-01', 500), true, 0);
  s = addOrder(s, order('2024-03-05', 300, 100), false, 1);
  s = addReturn(s, { amountMinor: 200, items: 1 });
  assert.equal(s.firstPurchaseDate, '2024-03-01');
  assert.equal(s.lastPurchaseDate, '2024-03-05');
  assert.equal(s.orders, 3);
  assert.equal(s.purchaseDays, 2);
  assert.equal(s.items, 6);
  assert.equal(s.salesMinor, 1800);
  assert.equal(s.netMinor, 1600);
  assert.equal(s.categories, 3);
  assert.equal(marginMinor(s), 1300 - 500);
  assert.equal(marginMinor(EMPTY_SUMMARY), null);
});

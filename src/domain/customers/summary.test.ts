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

test('keeps weekend and discounted orders and the purchase day before the last, whatever the arrival order', () => {
  // 2024-03-02 is a Saturday, 2024-03-03 a Sunday, 2024-03-05 a Tuesday.
  const o = (date: string, discount: number) => ({ ...order(date, 1000), discountMinor: discount });
  let s = addOrder(EMPTY_SUMMARY, o('2024-03-05', 0), true, 0);
  assert.equal(s.previousPurchaseDate, null);
  s = addOrder(s, o('2024-03-02', 50), true, 0); // earlier day arrives late
  assert.equal(s.previousPurchaseDate, '2024-03-02');
  s = addOrder(s, o('2024-03-05', 0), false, 0); // same day as the last: nothing moves
  assert.equal(s.previousPurchaseDate, '2024-03-02');
  s = addOrder(s, o('2024-03-03', 10), true, 0); // between: the latest before the last
  assert.equal(s.previousPurchaseDate, '2024-03-03');
  s = addOrder(s, o('2024-03-01', 0), true, 0); // older than the previous: ignored
  assert.equal(s.previousPurchaseDate, '2024-03-03');
  s = addOrder(s, o('2024-03-09', 0), true, 0); // a new last day: the old last becomes the previous
  assert.equal(s.lastPurchaseDate, '2024-03-09');
  assert.equal(s.previousPurchaseDate, '2024-03-05');
  assert.equal(s.weekendOrders, 3); // 03-02, 03-03, 03-09 (a Saturday)
  assert.equal(s.discountedOrders, 2);
});

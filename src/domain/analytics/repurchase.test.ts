import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repurchase } from './repurchase.ts';
import type { PurchaseDay } from './days.ts';

const day = (customerId: number, date: string, orders = 1): PurchaseDay => ({ customerId, date, orders });

// Period 2024-01-01 … 2024-03-31, "again within 30 days".
const DAYS: PurchaseDay[] = [
  day(1, '2024-01-05', 2), // two orders on one day: repeat by orders, not by days
  day(2, '2024-01-10'), day(2, '2024-01-25'), day(2, '2024-03-01'), // back after 15 days
  day(3, '2024-02-01'), // single order
  day(4, '2024-03-15'), day(4, '2024-03-20'), // first purchase 16 days before the end: not eligible
  day(5, '2024-01-01'), day(5, '2024-02-15'), // back after 45 days: too late
  day(6, '2024-03-01'), day(6, '2024-03-31'), // exactly 30 days before the end, back exactly 30 days later
];

test('repurchase rate, repeat-day rate, orders per repeat customer and the within-N rate, hand-counted', () => {
  assert.deepEqual(repurchase(DAYS, { to: '2024-03-31', withinDays: 30 }), {
    customers: 6, orders: 12,
    repeatCustomers: 5, repurchaseRate: 5 / 6, // 1, 2, 4, 5, 6
    repeatDayCustomers: 4, repeatDayRate: 4 / 6, // 2, 4, 5, 6
    ordersPerRepeatCustomer: 11 / 5, // (2 + 3 + 2 + 2 + 2) / 5
    withinDays: 30, eligibleCustomers: 5, boughtAgainWithin: 2, withinRate: 2 / 5, // eligible 1, 2, 3, 5, 6; again 2, 6
  });
});

test('the same (customer, day) given twice merges; the window defaults to 30 days', () => {
  const r = repurchase([day(1, '2024-01-01'), day(1, '2024-01-01'), day(1, '2024-01-31')], { to: '2024-12-31' });
  assert.equal(r.orders, 3);
  assert.equal(r.repeatDayCustomers, 1);
  assert.equal(r.withinDays, 30);
  assert.equal(r.boughtAgainWithin, 1);
});

test('an empty period has no rates rather than zero ones', () => {
  const r = repurchase([], { to: '2024-03-31' });
  assert.equal(r.customers, 0);
  assert.equal(r.repurchaseRate, null);
  assert.equal(r.ordersPerRepeatCustomer, null);
  assert.equal(r.withinRate, null);
  assert.equal(repurchase(DAYS, { to: null }).eligibleCustomers, 0, 'no period end: no follow-up can be observed');
});

test('a window that is not a whole number of days is refused, naming the field', () => {
  assert.throws(() => repurchase(DAYS, { to: '2024-03-31', withinDays: 0 }), { code: 'VALIDATION', field: 'withinDays' });
  assert.throws(() => repurchase(DAYS, { to: '2024-03-31', withinDays: 1.5 }), { code: 'VALIDATION', field: 'withinDays' });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overview, type OrderFact, type Visit } from './overview.ts';

const order = (customerId: number | null, date: string, store: string, channel: string, salesMinor: number, discountMinor: number, items: number,
  categories: string[], firstPurchaseDate: string | null): OrderFact => ({ customerId, date, store, channel, salesMinor, discountMinor, items, categories, firstPurchaseDate });
const visit = (customerId: number, date: string, store = 'A', channel = 'store'): Visit => ({ customerId, date, store, channel });

const ORDERS = [
  order(4, '2024-02-28', 'A', 'store', 999, 0, 1, ['x'], '2024-01-15'),
  order(1, '2024-03-02', 'A', 'store', 1000, 100, 2, ['x', 'y'], '2023-12-01'),
  order(1, '2024-03-20', 'B', 'online', 500, 0, 1, ['x'], '2023-12-01'),
  order(2, '2024-03-05', 'A', 'store', 300, 0, 1, ['x'], '2024-03-05'),
  order(null, '2024-03-06', 'A', 'store', 200, 0, 3, ['y'], null),
  order(3, '2024-03-31', 'A', 'online', 0, 400, 1, ['z'], '2024-03-31'),
];
const VISITS = [
  visit(1, '2023-12-01'), visit(1, '2024-03-02'), visit(1, '2024-03-20', 'B', 'online'), visit(2, '2024-03-05'), visit(3, '2024-03-31', 'A', 'online'),
  visit(4, '2024-01-15'), visit(4, '2024-02-28'), visit(5, '2023-11-01'), visit(6, '2024-01-20', 'B'),
  visit(7, '2024-04-02'), // after the period: not yet a member
];
const MARCH = { from: '2024-03-01', to: '2024-03-31' };
const OPTS = { period: MARCH, activeDays: 30, dormantDays: 60 };

test('total figures of March, hand-counted', () => {
  // Idle days at 03-31: 1 → 11, 2 → 26, 3 → 0, 4 → 32, 5 → 151, 6 → 71.
  assert.deepEqual(overview(ORDERS, VISITS, OPTS).total, {
    customers: 3, newCustomers: 2, returningCustomers: 1, orders: 5, memberOrders: 4,
    salesMinor: 2000, discountMinor: 500, items: 8, avgOrderValueMinor: 400, itemsPerOrder: 1.6,
    crossSellCustomers: 1, crossSellRate: 1 / 3,
    members: 6, activeMembers: 3, dormantMembers: 2, activeShare: 0.5, dormantShare: 2 / 6,
  });
});

test('by store and by channel, each slice counting only its own orders and visits', () => {
  const o = overview(ORDERS, VISITS, OPTS);
  const pick = (s: { key: string; customers: number; newCustomers: number; orders: number; salesMinor: number; avgOrderValueMinor: number | null; crossSellCustomers: number; members: number; activeMembers: number; dormantMembers: number }) =>
    [s.key, s.customers, s.newCustomers, s.orders, s.salesMinor, s.avgOrderValueMinor, s.crossSellCustomers, s.members, s.activeMembers, s.dormantMembers];
  assert.deepEqual(o.byStore.map(pick), [
    ['A', 3, 2, 4, 1500, 375, 1, 5, 3, 1], // customer 1 last bought at A on 03-02: idle 29, still active
    ['B', 1, 0, 1, 500, 500, 0, 2, 1, 1],
  ]);
  assert.deepEqual(o.byChannel.map(pick), [
    ['online', 2, 1, 2, 500, 250, 0, 2, 2, 0],
    ['store', 2, 1, 3, 1500, 500, 1, 5, 2, 2],
  ]);
  assert.equal(o.bySegment, null);
  assert.equal(o.byTier, null);
});

test('by segment: anonymous orders belong to none; customers outside the map are (none); a segment may have members only', () => {
  const o = overview(ORDERS, VISITS, { ...OPTS, segmentOf: new Map([[1, 'gold'], [2, 'gold'], [4, 'lost']]) });
  assert.deepEqual(o.bySegment!.map((s) => [s.key, s.customers, s.newCustomers, s.orders, s.salesMinor, s.crossSellCustomers, s.members, s.activeMembers, s.dormantMembers]), [
    ['(none)', 1, 1, 1, 0, 0, 3, 1, 2],
    ['gold', 2, 1, 3, 1800, 1, 2, 2, 0],
    ['lost', 0, 0, 0, 0, 0, 1, 0, 0],
  ]);
  const lost = o.bySegment!.find((s) => s.key === 'lost')!;
  assert.deepEqual([lost.avgOrderValueMinor, lost.itemsPerOrder, lost.crossSellRate, lost.activeShare], [null, null, null, 0]);
});

test('by tier: the same slicing with a customer → tier map, apart from the segments', () => {
  const o = overview(ORDERS, VISITS, { ...OPTS, segmentOf: new Map([[1, 'gold']]), tierOf: new Map([[1, 'SILVER'], [2, 'GOLD'], [4, 'GOLD']]) });
  assert.deepEqual(o.byTier!.map((s) => [s.key, s.customers, s.orders, s.salesMinor, s.members]), [
    ['(none)', 1, 1, 0, 3],
    ['GOLD', 1, 1, 300, 2],
    ['SILVER', 1, 2, 1500, 1],
  ]);
  assert.deepEqual(o.bySegment!.map((s) => s.key), ['(none)', 'gold']);
});

test('by month: each month cut to the period, active and dormant as of its last day', () => {
  const o = overview(ORDERS, VISITS, { ...OPTS, period: { from: '2024-02-15', to: '2024-03-31' } });
  assert.deepEqual(o.byMonth.map((m) => m.key), ['2024-02', '2024-03']);
  const [feb, mar] = o.byMonth;
  // At 02-29: 1 idle 90, 4 idle 1, 5 idle 120, 6 idle 40.
  assert.deepEqual([feb!.customers, feb!.newCustomers, feb!.orders, feb!.salesMinor, feb!.members, feb!.activeMembers, feb!.dormantMembers], [1, 0, 1, 999, 4, 1, 2]);
  const { key: _key, ...march } = mar!;
  assert.deepEqual(march, overview(ORDERS, VISITS, OPTS).total);
  assert.equal(o.total.orders, 6);
});

test('an empty store: zero counts, no rates, a row per month', () => {
  const o = overview([], [], { period: MARCH });
  assert.deepEqual([o.total.customers, o.total.orders, o.total.avgOrderValueMinor, o.total.crossSellRate, o.total.activeShare], [0, 0, null, null, null]);
  assert.deepEqual([o.byStore, o.byChannel, o.byMonth.length, o.activeDays, o.dormantDays], [[], [], 1, 90, 180]);
  const none = overview([], [], { period: null });
  assert.deepEqual([none.total.members, none.byMonth], [0, []]);
});

test('windows are checked: dormant may not be shorter than active', () => {
  assert.throws(() => overview([], [], { period: MARCH, activeDays: 90, dormantDays: 60 }), { code: 'VALIDATION', field: 'dormantDays' });
  assert.throws(() => overview([], [], { period: MARCH, activeDays: -1 }), { code: 'VALIDATION', field: 'activeDays' });
});

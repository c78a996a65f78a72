// The reports on a tiny chain whose every figure is counted by hand: two orders on one day, a
// single-order customer, an order cancelled by a full return, a customer with only a return, an
// anonymous order, a categorised shipping line — and an empty store.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { recordSales } from '../src/app/record-sales.ts';
import { cohortReport, cycleReport, overviewReport, repurchaseReport } from '../src/app/reports.ts';
import { upsertStores } from '../src/store/stores.repo.ts';
import { STORES } from './support/api.ts';
import { forEachDialect, freshStore } from './support/dialects.ts';
import { line, order, ret } from './support/orders.ts';

const at = (date: string) => `${date}T04:00:00Z`; // noon in Shanghai, the same business date

const ORDERS = [
  order('O1', 'M1', at('2024-03-01'), [line('A1', 2, 1000), line('B1', 1, 500)]), // categories cat-A, cat-B
  order('O2', 'M1', at('2024-03-01'), [line('A2', 1, 300)]), // same day as O1
  order('O3', 'M1', at('2024-03-11'), [line('A1', 1, 1000)]),
  order('O4', 'M2', at('2024-03-05'), [line('A1', 1, 1000)]), // returned in full by R1
  order('O5', 'M2', at('2024-04-02'), [line('A3', 1, 700)]),
  order('O6', 'M4', at('2024-03-20'), [line('C1', 2, 250), line('SHIP', 1, 800, { kind: 'shipping', category: 'fees' })], { storeCode: 'S2' }),
  order('O7', null, at('2024-03-15'), [line('B2', 4, 100)]),
];
const RETURNS = [
  ret('R1', 'O4', 'M2', at('2024-03-06'), 1000),
  ret('R2', null, 'M3', at('2024-03-10'), 800), // M3 never bought anything
];

forEachDialect('reports on hand-counted fixtures', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let empty: Awaited<ReturnType<typeof freshStore>>;
  before(async () => {
    [store, empty] = await Promise.all([freshStore(dialect), freshStore(dialect)]);
    await upsertStores(store.db, STORES, at('2024-01-01'));
    await recordSales(store.db, { orders: ORDERS, returns: RETURNS }, { now: at('2024-04-03') });
  });
  after(async () => { await store.drop(); await empty.drop(); });

  test('repurchase: the cancelled order still counts, the return-only customer does not; same-day orders are one purchase day', async () => {
    const r = await repurchaseReport(store.db, { withinDays: 14 });
    assert.deepEqual([r.from, r.to, r.store], ['2024-03-01', '2024-04-02', null]);
    assert.deepEqual([r.customers, r.orders, r.repeatCustomers, r.repurchaseRate, r.repeatDayCustomers, r.ordersPerRepeatCustomer], [3, 6, 2, 2 / 3, 2, 5 / 2]);
    // M1 first 03-01, back 03-11 (10 days); M2 first 03-05, back 04-02 (28 days); M4 first 03-20, only 13 days before the end.
    assert.deepEqual([r.eligibleCustomers, r.boughtAgainWithin, r.withinRate], [2, 1, 1 / 2]);
    assert.deepEqual([r.cycleIntervals, r.cycleCustomers, r.meanCycleDays, r.medianCycleDays], [2, 2, 19, 19]);
    assert.deepEqual(r.cycleHistogram.map((b) => b.count), [0, 1, 1, 0, 0, 0, 0, 0]);
  });

  test('repurchase at one store and in a period', async () => {
    const s2 = await repurchaseReport(store.db, { store: 'S2' });
    assert.deepEqual([s2.from, s2.to, s2.customers, s2.repeatCustomers, s2.repurchaseRate, s2.meanCycleDays], ['2024-03-20', '2024-03-20', 1, 0, 0, null]);
    const march = await repurchaseReport(store.db, { from: '2024-03-01', to: '2024-03-31' });
    assert.deepEqual([march.customers, march.orders, march.repeatCustomers, march.repeatDayCustomers, march.cycleIntervals], [3, 5, 1, 1, 1]);
    const later = await repurchaseReport(store.db, { from: '2024-05-01' });
    assert.deepEqual([later.from, later.to, later.customers], ['2024-05-01', '2024-05-01', 0], 'a from beyond the data: the period follows it');
  });

  test('monthly cohorts: March has M1, M2 and M4; M2 came back in April', async () => {
    const r = await cohortReport(store.db, {});
    assert.deepEqual([r.from, r.to, r.grain], ['2024-03-01', '2024-04-30', 'month']);
    assert.deepEqual(r.cohorts, [{ cohort: '2024-03', size: 3, active: [3, 1], rates: [1, 1 / 3] }]);
    const s1 = await cohortReport(store.db, { store: 'S1', by: 'quarter' });
    assert.deepEqual(s1.cohorts, [{ cohort: '2024-Q1', size: 2, active: [2, 1], rates: [1, 1 / 2] }]);
  });

  test('overview: sales before returns, anonymous orders in money only, shipping is no category', async () => {
    const r = await overviewReport(store.db, { activeDays: 30, dormantDays: 60 });
    assert.deepEqual(r.total, {
      customers: 3, newCustomers: 3, returningCustomers: 0, orders: 7, memberOrders: 6,
      salesMinor: 2500 + 300 + 1000 + 1000 + 700 + 1300 + 400, discountMinor: 0, items: 3 + 1 + 1 + 1 + 1 + 2 + 4,
      avgOrderValueMinor: Math.round(7200 / 7), itemsPerOrder: 13 / 7,
      crossSellCustomers: 1, crossSellRate: 1 / 3, // M1 (cat-A, cat-B); M4's shipping line is not merchandise
      members: 3, activeMembers: 3, dormantMembers: 0, activeShare: 1, dormantShare: 0, // last purchases 22, 0 and 13 days before 04-02
    });
    assert.deepEqual(r.byStore.map((s) => [s.key, s.customers, s.orders, s.salesMinor, s.members]), [['S1', 2, 6, 5900, 2], ['S2', 1, 1, 1300, 1]]);
    assert.deepEqual(r.byMonth.map((m) => [m.key, m.customers, m.newCustomers, m.returningCustomers, m.orders]), [['2024-03', 3, 3, 0, 6], ['2024-04', 1, 0, 1, 1]]);
  });

  test('reorder interval by category: only cat-A was bought twice by someone', async () => {
    const r = await cycleReport(store.db, { by: 'category', minIntervals: 1 });
    assert.deepEqual(r.items, [{ key: 'cat-A', name: null, buyers: 2, repeatBuyers: 2, intervals: 2, meanDays: 19, medianDays: 19 }]);
  });

  test('an empty store: no period, zero counts, no rates', async () => {
    const r = await repurchaseReport(empty.db, {});
    assert.deepEqual([r.from, r.to, r.customers, r.repurchaseRate, r.meanCycleDays], [null, null, 0, null, null]);
    assert.deepEqual((await cohortReport(empty.db, {})).cohorts, []);
    const o = await overviewReport(empty.db, {});
    assert.deepEqual([o.total.orders, o.total.avgOrderValueMinor, o.total.activeShare, o.byMonth], [0, null, null, []]);
    const dated = await overviewReport(empty.db, { from: '2024-01-01', to: '2024-02-15' });
    assert.deepEqual(dated.byMonth.map((m) => [m.key, m.orders]), [['2024-01', 0], ['2024-02', 0]]);
    assert.deepEqual((await cycleReport(empty.db, { by: 'sku' })).items, []);
  });

  test('bad input names the field', async () => {
    await assert.rejects(repurchaseReport(store.db, { from: '2024-02-30' }), { code: 'VALIDATION', field: 'from' });
    await assert.rejects(repurchaseReport(store.db, { from: '2024-03-10', to: '2024-03-01' }), { code: 'VALIDATION', field: 'to' });
    await assert.rejects(repurchaseReport(store.db, { store: 'NOPE' }), { code: 'NOT_FOUND', field: 'store' });
    await assert.rejects(overviewReport(store.db, { activeDays: 200 }), { code: 'VALIDATION', field: 'dormantDays' });
    await assert.rejects(overviewReport(store.db, { segments: { scheme: 'rfm' } }), { code: 'NOT_FOUND', field: 'segments' });
    await assert.rejects(cycleReport(store.db, { by: 'sku', limit: 0 }), { code: 'VALIDATION', field: 'limit' });
  });
});

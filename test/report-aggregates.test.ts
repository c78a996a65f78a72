// The report aggregates of migration 0009 (sales_day, returns_day, cohort_cells): figures counted by
// hand on a small example, incremental upkeep (imports, merges) equal to a rebuild from orders, and
// the reports read from them equal to the pure functions over facts read from orders.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { mergeCustomers } from '../src/app/merge-customers.ts';
import { recordSales } from '../src/app/record-sales.ts';
import { storeStats } from '../src/app/stats.ts';
import { cohortReport, overviewReport, repurchaseReport } from '../src/app/reports.ts';
import { overview } from '../src/domain/analytics/overview.ts';
import { orderFacts, visits } from '../src/store/analytics.repo.ts';
import { cohorts } from '../src/domain/analytics/cohorts.ts';
import { cycle } from '../src/domain/analytics/cycle.ts';
import { byCustomer } from '../src/domain/analytics/days.ts';
import { GRAINS, periodIndex, periodLabel } from '../src/domain/analytics/period.ts';
import { repurchase } from '../src/domain/analytics/repurchase.ts';
import { addDays } from '../src/domain/time.ts';
import type { DB } from '../src/store/schema.ts';
import { migrateToLatest, migrator } from '../src/store/migrate.ts';
import { rebuildSummaries } from '../src/store/summary.repo.ts';
import { forEachDialect, freshStore } from './support/dialects.ts';
import { line, order, ret } from './support/orders.ts';
import { aggregatesSnapshot as snapshot } from './support/aggregates.ts';

const NOW = '2025-01-01T00:00:00.000Z';
const STORES = { autoCreateStores: { timeZone: 'Asia/Shanghai', currency: 'CNY' } };

/**
 * The reports read from the cells equal the pure functions over facts read from orders here: the
 * whole-history repurchase figures and those of one month, and the cohort tables of every grain.
 */
async function sameAsRecomputed(db: Kysely<DB>): Promise<void> {
  const days = (await db.selectFrom('orders').select((eb) => ['customer_id', 'business_date', eb.fn.countAll<number>().as('n')])
    .where('customer_id', 'is not', null).groupBy(['customer_id', 'business_date']).execute())
    .map((r) => ({ customerId: Number(r.customer_id), date: r.business_date, orders: Number(r.n) }));
  if (days.length === 0) return;
  const dates = days.map((d) => d.date).sort();
  const first = dates[0]!, last = dates[dates.length - 1]!;
  const month = dates[Math.floor(dates.length / 2)]!.slice(0, 7);
  const monthEnd = addDays(`${periodLabel(periodIndex(month, 'month') + 1, 'month')}-01`, -1);
  // A gap that occurs in the data as N puts "again within N days" on its boundary.
  const gap = (() => {
    const all = cycle([...byCustomer(days).values()].map((d) => d.dates));
    return all.medianDays === null ? 30 : Math.max(1, Math.round(all.medianDays));
  })();
  for (const [from, to, withinDays] of [[first, last, gap], ['2020-01-01', '2030-12-31', 7], [`${month}-01`, monthEnd, 10], [first, last, 30]] as const) {
    const inPeriod = days.filter((d) => d.date >= from && d.date <= to);
    const c = cycle([...byCustomer(inPeriod).values()].map((d) => d.dates));
    assert.deepEqual(await repurchaseReport(db, { from, to, withinDays }), {
      from, to, store: null, ...repurchase(inPeriod, { to, withinDays }),
      cycleIntervals: c.intervals, cycleCustomers: c.customers, meanCycleDays: c.meanDays, medianCycleDays: c.medianDays, cycleHistogram: c.histogram,
    }, `repurchase ${from} … ${to}`);
  }
  // The overview: whole history and one month, with windows that differ from the defaults.
  for (const [from, to, activeDays, dormantDays] of [[first, last, 90, 180], [`${month}-01`, monthEnd, 20, 45], ['2022-12-15', '2025-02-01', 30, 30]] as const) {
    const period = { from, to };
    const expected = overview(await orderFacts(db, { ...period, storeId: null }), await visits(db, { ...period, storeId: null, recentFrom: '0000-01-01' }), { period, activeDays, dormantDays });
    assert.deepEqual(await overviewReport(db, { from, to, activeDays, dormantDays }), { from, to, store: null, segmentScheme: null, segmentAsOf: null, tierAsOf: null, ...expected },
      `overview ${from} … ${to}`);
  }
  const firsts = new Map<number, string>();
  for (const d of days) if (!firsts.has(d.customerId) || d.date < firsts.get(d.customerId)!) firsts.set(d.customerId, d.date);
  for (const [grain, to] of GRAINS.flatMap((g) => [[g, undefined], [g, dates[Math.floor(dates.length / 3)]]] as const)) {
    const r = await cohortReport(db, { by: grain, ...(to ? { to } : {}) });
    const table = cohorts([...firsts].map(([customerId, firstDate]) => ({ customerId, firstDate })), days.map((d) => ({ customerId: d.customerId, month: d.date.slice(0, 7) })), { grain, period: { from: r.from!, to: r.to! } });
    assert.deepEqual({ grain: r.grain, cohorts: r.cohorts, average: r.average }, table, `cohorts by ${grain} to ${to ?? 'the end'}`);
  }
}

forEachDialect('report aggregates', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  before(async () => { store = await freshStore(dialect); });
  after(async () => { await store.drop(); });

  test('a small chain counted by hand: day totals, cohort cells, stats', async () => {
    // Business dates are Shanghai dates; 04:00Z is noon there.
    await recordSales(store.db, {
      orders: [
        order('H1', 'M1', '2024-01-10T04:00:00.000Z', [line('A1', 1, 1000), line('B1', 2, 500)]),
        order('H2', 'M1', '2024-02-05T04:00:00.000Z', [line('A1', 1, 1000, { discountMinor: 100 })]),
        order('H3', 'M2', '2024-02-20T04:00:00.000Z', [line('A1', 3, 1000)], { storeCode: 'S2', channel: 'online' }),
        order('H4', null, '2024-02-20T04:00:00.000Z', [line('C1', 1, 700)], { storeCode: 'S2', channel: 'online' }),
      ],
      returns: [ret('HR1', 'H1', null, '2024-01-11T04:00:00.000Z', 400)],
    }, { now: NOW, ...STORES });
    // A later batch: M1 comes back in April (a new month and a new quarter for the January cohort).
    await recordSales(store.db, { orders: [order('H5', 'M1', '2024-04-01T04:00:00.000Z', [line('A1', 1, 1000)])], returns: [] }, { now: NOW, ...STORES });

    const s = await snapshot(store.db);
    const ids = new Map((await store.db.selectFrom('stores').select(['id', 'code']).execute()).map((r) => [r.code, Number(r.id)]));
    assert.deepEqual(s.sales.map((r) => [r.business_date, r.store_id === ids.get('S1') ? 'S1' : 'S2', r.channel, r.orders, r.member_orders, r.order_lines, r.sales_minor, r.discount_minor]), [
      ['2024-01-10', 'S1', 'store', 1, 1, 2, 2000, 0],
      ['2024-02-05', 'S1', 'store', 1, 1, 1, 900, 100],
      ['2024-02-20', 'S2', 'online', 2, 1, 2, 3700, 0],
      ['2024-04-01', 'S1', 'store', 1, 1, 1, 1000, 0],
    ]);
    assert.deepEqual(s.returns.map((r) => [r.business_date, r.returns, r.member_returns, r.return_lines, r.return_minor]), [['2024-01-11', 1, 1, 1, 400]],
      'the return names no customer but its order is M1\'s');
    const jan = periodIndex('2024-01', 'month'), feb = jan + 1, apr = jan + 3, q1 = periodIndex('2024-01', 'quarter');
    assert.deepEqual(s.cohorts.map((c) => [c.grain, Number(c.cohort), Number(c.period), Number(c.customers)]), [
      ['month', jan, jan, 1], ['month', jan, feb, 1], ['month', jan, apr, 1], ['month', feb, feb, 1],
      ['quarter', q1, q1, 2], ['quarter', q1, q1 + 1, 1],
      ['year', 2024, 2024, 2],
    ]);

    const stats = await storeStats(store.db);
    assert.deepEqual(
      [stats.orders, stats.anonymousOrders, stats.orderLines, stats.salesMinor, stats.returns, stats.anonymousReturns, stats.returnLines, stats.returnMinor,
        stats.customersWithPurchases, stats.customers, stats.firstBusinessDate, stats.lastBusinessDate],
      [5, 1, 6, 7600, 1, 0, 1, 400, 2, 2, '2024-01-10', '2024-04-01'],
    );

    // Merging M2 into M1: M1's cohort is still January and February is already one of its months,
    // so M2's February cohort goes and nothing else moves.
    const [m1, m2] = await Promise.all(['M1', 'M2'].map(async (m) => Number((await store.db.selectFrom('customers').select('id').where('member_no', '=', m).executeTakeFirstOrThrow()).id)));
    await mergeCustomers(store.db, m1!, m2!, { actor: null, now: NOW });
    const merged = await snapshot(store.db);
    assert.deepEqual(merged.cohorts.map((c) => [c.grain, Number(c.cohort), Number(c.period), Number(c.customers)]), [
      ['month', jan, jan, 1], ['month', jan, feb, 1], ['month', jan, apr, 1],
      ['quarter', q1, q1, 1], ['quarter', q1, q1 + 1, 1],
      ['year', 2024, 2024, 1],
    ]);
    assert.deepEqual(merged.sales, s.sales, 'a merge moves no order between days, stores or channels, nor to or from anonymous');
    await rebuildSummaries(store.db);
    assert.deepEqual(await snapshot(store.db), merged);
  });

  test('incremental upkeep (batches and merges) equals a rebuild from orders and returns', async () => {
    const members = ['R1', 'R2', 'R3', 'R4', 'R5', null];
    const arbOrder = fc.record({
      member: fc.constantFrom(...members),
      day: fc.integer({ min: 0, max: 729 }),
      store: fc.constantFrom('S1', 'S2'),
      channel: fc.constantFrom('store', 'online'),
      lines: fc.array(fc.record({ sku: fc.constantFrom('A1', 'B2', 'C3'), qty: fc.integer({ min: 1, max: 3 }), price: fc.integer({ min: 1, max: 9000 }),
        category: fc.constantFrom('cat-A', 'cat-B', 'cat-C', null) }), { minLength: 1, maxLength: 3 }),
      returned: fc.boolean(),
    });
    const arbStep = fc.oneof(
      { weight: 4, arbitrary: fc.record({ orders: fc.array(arbOrder, { maxLength: 10 }) }) },
      { weight: 1, arbitrary: fc.record({ merge: fc.tuple(fc.constantFrom('R1', 'R2', 'R3', 'R4', 'R5'), fc.constantFrom('R1', 'R2', 'R3', 'R4', 'R5')) }) },
    );
    let seq = 0;
    await fc.assert(fc.asyncProperty(fc.array(arbStep, { minLength: 1, maxLength: 5 }), async (steps) => {
      for (const step of steps) {
        if ('merge' in step) {
          const ids = await store.db.selectFrom('customers').select(['id', 'member_no']).where('member_no', 'in', step.merge).where('merged_into_id', 'is', null).execute();
          const [a, b] = step.merge.map((m) => ids.find((r) => r.member_no === m));
          if (a && b && a.id !== b.id) await mergeCustomers(store.db, Number(a.id), Number(b.id), { actor: null, now: NOW });
          continue;
        }
        const orders = step.orders.map((o) => {
          const at = new Date(Date.UTC(2023, 0, 1 + o.day, 4)).toISOString();
          return order(`Q${++seq}`, o.member, at, o.lines.map((l) => line(l.sku, l.qty, l.price, { category: l.category })), { storeCode: o.store, channel: o.channel });
        });
        const returns = step.orders.flatMap((o, i) => (o.returned ? [ret(`QR${seq}-${i}`, orders[i]!.externalId, null, orders[i]!.placedAt, 1, { storeCode: o.store })] : []));
        await recordSales(store.db, { orders, returns }, { now: NOW, ...STORES });
      }
      const incremental = await snapshot(store.db);
      await rebuildSummaries(store.db);
      assert.deepEqual(await snapshot(store.db), incremental);
      await sameAsRecomputed(store.db);
    }), { numRuns: dialect === 'postgres' ? 10 : 30 });
  });
});

forEachDialect('report aggregates on a store that already holds sales', (dialect) => {
  test('migrating to 0009 builds them once, equal to the kept ones', async () => {
    const store = await freshStore(dialect);
    try {
      await recordSales(store.db, {
        orders: [order('A1', 'M1', '2024-01-10T04:00:00.000Z', [line('A1', 1, 1000)]), order('A2', 'M2', '2024-03-10T04:00:00.000Z', [line('B1', 1, 800)])],
        returns: [],
      }, { now: NOW, ...STORES });
      const kept = await snapshot(store.db);
      assert.equal(kept.cohorts.length, 4, 'by month one cell each; by quarter and by year one shared cell');
      // As before 0009: stepped down to 0008 (0010 and 0009 undone, their tables gone), then the migrator runs again.
      const down = await migrator(store.db).migrateTo('0008_summary_behaviour');
      assert.equal(down.error, undefined);
      assert.ok(!(await store.db.introspection.getTables()).some((t) => t.name === 'sales_day'));
      await migrateToLatest(store.db);
      assert.deepEqual(await snapshot(store.db), kept);
      // A store that ran 0010 before 0009 existed (two branches): 0009 alone is undone, and still runs.
      for (const t of ['overview_cells', 'customer_visit', 'repurchase_cells', 'cohort_cells', 'returns_day', 'sales_day'] as const) await store.db.schema.dropTable(t).execute();
      await store.db.schema.dropIndex('customers_merged').execute();
      await sql`delete from kysely_migration where name = '0009_report_aggregates'`.execute(store.db);
      await migrateToLatest(store.db);
      assert.deepEqual(await snapshot(store.db), kept);
    } finally {
      await store.drop();
    }
  });
});

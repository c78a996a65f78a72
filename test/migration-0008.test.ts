// Migration 0008 adds weekend orders, discounted orders and the purchase day before the last to
// customer_summary and fills them in for summaries that already exist: stepped down to 0007 and up
// again over recorded sales, the filled-in summary equals a rebuild from the orders.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect, freshStore } from './support/dialects.ts';
import { recordSales } from '../src/app/record-sales.ts';
import { migrator } from '../src/store/migrate.ts';
import { rebuildSummaries } from '../src/store/summary.repo.ts';
import { upsertStores } from '../src/store/stores.repo.ts';
import { line, order } from './support/orders.ts';

const NOW = '2024-04-01T00:00:00.000Z';

forEachDialect('migration 0008 (summary behaviour columns)', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  before(async () => {
    store = await freshStore(dialect);
    await upsertStores(store.db, [{ code: 'S1', name: 'S1', timeZone: 'Asia/Shanghai', currency: 'CNY', format: null, city: null }], NOW);
  });
  after(() => store.drop());

  test('down to 0007 and up again: the new columns are filled in as a rebuild computes them', async () => {
    // Business dates in Asia/Shanghai: 03-02 Sat, 03-03 Sun, 03-05 Tue, 03-09 Sat.
    const at = (d: string) => `${d}T04:00:00.000Z`;
    await recordSales(store.db, {
      orders: [
        order('O1', 'M1', at('2024-03-02'), [line('A1', 1, 1000, { discountMinor: 100 })]),
        order('O2', 'M1', at('2024-03-05'), [line('A1', 1, 1000)]),
        order('O3', 'M1', at('2024-03-09'), [line('B1', 2, 500, { discountMinor: 50 })]),
        order('O4', 'M2', at('2024-03-03'), [line('A1', 1, 1000)]),
        order('O5', 'M2', at('2024-03-03'), [line('B1', 1, 700)]),
      ], returns: [],
    }, { now: NOW });
    const read = () => store.db.selectFrom('customer_summary').innerJoin('customers', 'customers.id', 'customer_summary.customer_id')
      .select(['member_no', 'weekend_orders', 'discounted_orders', 'previous_purchase_date']).orderBy('member_no').execute();
    const expected = [
      { member_no: 'M1', weekend_orders: 2, discounted_orders: 2, previous_purchase_date: '2024-03-05' },
      { member_no: 'M2', weekend_orders: 2, discounted_orders: 0, previous_purchase_date: null },
    ];
    assert.deepEqual(await read(), expected, 'kept as the sales arrived');

    const down = await migrator(store.db).migrateTo('0007_loyalty');
    assert.equal(down.error, undefined);
    const columns = (await store.db.introspection.getTables()).find((t) => t.name === 'customer_summary')!.columns.map((c) => c.name);
    assert.ok(!columns.includes('weekend_orders'), 'the columns are gone at 0007');
    const up = await migrator(store.db).migrateToLatest();
    assert.equal(up.error, undefined);
    assert.deepEqual(await read(), expected, 'filled in by the migration');
    await rebuildSummaries(store.db);
    assert.deepEqual(await read(), expected, 'and by a rebuild');
  });
});

// The whole UCI Online Retail file (541,909 rows), imported with no column map. SQLite only: the
// dialect loop in import.test.ts proves the same code on PostgreSQL with small files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importFile } from '../src/app/import-file.ts';
import { storeStats } from '../src/app/stats.ts';
import { openStore } from '../src/store/db.ts';
import { dataset } from './support/datasets.ts';

const uci = dataset('online_retail', 'online_retail.csv.gz');

test('UCI Online Retail imports in one go, every row accounted for, and a second import changes nothing', { skip: uci.skip }, async () => {
  const store = await openStore(':memory:');
  const rejected = new Map<string, number>();
  const run = () => importFile(store.db, uci.path, {
    kind: 'orders', fileName: 'online_retail.csv.gz', now: () => '2024-01-01T00:00:00.000Z', zone: 'Europe/London', currency: 'GBP',
    read: { worker: true }, reject: (i) => rejected.set(i.reason, (rejected.get(i.reason) ?? 0) + 1),
  });
  const report = await run();
  assert.ok('orders' in report);
  assert.equal(report.rowsRead, 541909);
  assert.equal(report.rowsImported + report.rowsRejected, 541909);
  // Counted independently from the raw file (see the closing note of the foundation issue):
  // 1,336 negative-quantity stock adjustments, 1,179 zero-price lines outside them, 3 bad-debt lines.
  // (Prices below a penny, e.g. PADS at £0.001, are real sales and are imported.)
  assert.deepEqual(report.rejectedByReason, { negative_quantity_outside_return: 1336, zero_price: 1179, accounting_adjustment: 3 });
  assert.deepEqual(Object.fromEntries(rejected), report.rejectedByReason, 'every rejected row reached the reject sink');
  // 22,064 non-cancellation invoices − 2,104 with no positive line − A563185 (bad debt) = 19,959.
  assert.equal(report.orders.inserted, 19959);
  assert.equal(report.returns.inserted, 3836);
  assert.equal(report.returns.anonymous, 182);

  const stats = await storeStats(store.db);
  assert.equal(stats.orders, report.orders.inserted);
  assert.equal(stats.returns, report.returns.inserted);
  assert.equal(stats.anonymousOrders, report.orders.anonymous);
  assert.equal(stats.orderLines + stats.returnLines, report.rowsImported);
  // 4,372 customer ids; 13256's only row is 12,540 free stickers (price 0), rejected, so 4,371 customers.
  assert.equal(stats.customers, 4371);
  // Published gross Σ qty×price £9,747,747.93 over all rows; the rejected rows add up to −£11,062.06
  // (zero-price rows add nothing), so sales − refunds of what we imported must be £9,758,809.99.
  assert.equal(stats.salesMinor - stats.returnMinor, 975880999);

  const again = await run();
  assert.equal(again.rowsImported, 0);
  assert.equal(again.rowsUnchanged, report.rowsImported);
  assert.deepEqual(await storeStats(store.db), stats);
  await store.close();
});

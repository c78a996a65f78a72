import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect, freshStore } from './support/dialects.ts';
import { line, order, ret } from './support/orders.ts';
import { recordSales } from '../src/app/record-sales.ts';
import { mergeCustomers } from '../src/app/merge-customers.ts';
import { getSummary } from '../src/store/summary.repo.ts';
import { upsertStores } from '../src/store/stores.repo.ts';
import { findByRefs } from '../src/store/customers.repo.ts';
import { auditFor } from '../src/store/audit.repo.ts';

const NOW = '2024-06-01T00:00:00.000Z';

forEachDialect('merging customers', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  before(async () => {
    store = await freshStore(dialect);
    await upsertStores(store.db, [{ code: 'S1', name: 'S1', timeZone: 'Asia/Shanghai', currency: 'CNY', format: null, city: null }], NOW);
  });
  after(() => store.drop());

  test('orders, returns and summary move to the survivor, with an audit entry', async () => {
    await recordSales(store.db, {
      orders: [
        order('A', 'CARD-1', '2024-03-01T02:00:00.000Z', [line('A1', 1, 1000)]),
        order('B', null, '2024-03-09T02:00:00.000Z', [line('B1', 2, 300)], { customer: { memberNo: null, phone: '13800138000' } }),
        order('C', null, '2024-03-09T05:00:00.000Z', [line('C1', 1, 700)], { customer: { memberNo: null, phone: '13800138000' } }),
      ],
      returns: [ret('R', 'B', null, '2024-03-10T02:00:00.000Z', 300)],
    }, { now: NOW });
    const ids = await findByRefs(store.db, [{ memberNo: 'CARD-1', phone: null }, { memberNo: null, phone: '13800138000' }]);
    const survivor = ids.get('m:CARD-1')!, dup = ids.get('p:13800138000')!;
    const result = await mergeCustomers(store.db, survivor, dup, { actor: 'owner', now: NOW });
    assert.deepEqual([result.ordersMoved, result.returnsMoved], [2, 1]);
    const s = (await getSummary(store.db, survivor))!;
    assert.equal(s.orders, 3);
    assert.equal(s.purchaseDays, 2);
    assert.equal(s.netMinor, 1000 + 600 + 700 - 300);
    assert.equal(await getSummary(store.db, dup), undefined);
    const after = await findByRefs(store.db, [{ memberNo: null, phone: '13800138000' }]);
    assert.equal(after.get('p:13800138000'), survivor, 'the duplicate phone resolves to the survivor');
    const audit = await auditFor(store.db, 'customer', survivor);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.action, 'customer.merge');
    await assert.rejects(mergeCustomers(store.db, survivor, dup, { actor: 'owner', now: NOW }), /already merged/);
  });
});

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { forEachDialect, freshStore } from './support/dialects.ts';
import { line, order, ret } from './support/orders.ts';
import { recordSales } from '../src/app/record-sales.ts';
import { rebuildSummaries, getSummary } from '../src/store/summary.repo.ts';
import { upsertStores } from '../src/store/stores.repo.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../src/store/schema.ts';

const NOW = '2024-06-01T00:00:00.000Z';
const S1 = { code: 'S1', name: '静安店', timeZone: 'Asia/Shanghai', currency: 'CNY', format: 'clothing', city: '上海' };

async function snapshot(db: Kysely<DB>) {
  const sort = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    summary: sort(await db.selectFrom('customer_summary').selectAll().execute()),
    month: sort(await db.selectFrom('customer_month').selectAll().execute()),
    day: sort(await db.selectFrom('customer_day').selectAll().execute()),
    category: sort(await db.selectFrom('customer_category').selectAll().execute()),
  };
}

forEachDialect('recording sales', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  before(async () => { store = await freshStore(dialect); await upsertStores(store.db, [S1], NOW); });
  after(() => store.drop());

  test('orders and returns build the summary; re-recording is a no-op; changed content is a conflict', async () => {
    const batch = {
      orders: [
        order('O1', 'M1', '2024-03-05T02:00:00.000Z', [line('A1', 2, 1000), line('B1', 1, 550, { discountMinor: 50 })]),
        order('O2', 'M1', '2024-03-05T09:00:00.000Z', [line('A1', 1, 1000)]),
        order('O3', 'M1', '2024-04-02T02:00:00.000Z', [line('C1', 3, 200)]),
        order('O4', null, '2024-04-02T03:00:00.000Z', [line('A1', 1, 1000)]),
      ],
      returns: [ret('R1', 'O1', null, '2024-03-07T02:00:00.000Z', 1000)],
    };
    const first = await recordSales(store.db, batch, { now: NOW });
    assert.equal(first.ordersInserted, 4);
    assert.equal(first.returnsInserted, 1);
    assert.equal(first.customersCreated, 1);
    const m1 = await store.db.selectFrom('customers').select('id').where('member_no', '=', 'M1').executeTakeFirstOrThrow();
    const s = await getSummary(store.db, m1.id);
    assert.ok(s);
    assert.equal(s.orders, 3);
    assert.equal(s.purchaseDays, 2);
    assert.equal(s.items, 2 + 1 + 1 + 3);
    assert.equal(s.salesMinor, 2000 + 500 + 1000 + 600);
    assert.equal(s.returns, 1, 'the return links to O1 and so to its customer');
    assert.equal(s.netMinor, 4100 - 1000);
    assert.equal(s.categories, 3);
    assert.equal(s.firstPurchaseDate, '2024-03-05');
    assert.equal(s.lastPurchaseDate, '2024-04-02');

    const again = await recordSales(store.db, batch, { now: NOW });
    assert.deepEqual([again.ordersInserted, again.ordersUnchanged, again.returnsInserted, again.returnsUnchanged], [0, 4, 0, 1]);
    assert.deepEqual(await getSummary(store.db, m1.id), s, 'a repeat changes nothing');

    const changed = await recordSales(store.db, { orders: [order('O2', 'M1', '2024-03-05T09:00:00.000Z', [line('A1', 5, 1000)])], returns: [] }, { now: NOW });
    assert.equal(changed.conflicts.length, 1);
    assert.equal(changed.conflicts[0]!.externalId, 'O2');
    assert.equal((await getSummary(store.db, m1.id))!.items, s.items, 'a conflict is never applied');
  });

  test('an unknown store is a validation error naming the field, and nothing is half-written', async () => {
    const before = await store.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await assert.rejects(
      recordSales(store.db, { orders: [order('X1', 'M9', '2024-03-05T02:00:00.000Z', [line('A1', 1, 100)], { storeCode: 'NOPE' })], returns: [] }, { now: NOW }),
      (e: Error & { field?: string }) => e.field === 'storeCode',
    );
    const after = await store.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
    assert.equal(await store.db.selectFrom('customers').select('id').where('member_no', '=', 'M9').executeTakeFirst(), undefined);
  });

  test('incremental summaries equal a rebuild from scratch (random batches)', async () => {
    const members = ['M1', 'M2', 'M3', 'M4', null];
    const arbOrder = fc.record({
      member: fc.constantFrom(...members),
      day: fc.integer({ min: 0, max: 120 }),
      hour: fc.integer({ min: 0, max: 23 }),
      lines: fc.array(fc.record({ sku: fc.constantFrom('A1', 'B2', 'C3', 'D4'), qty: fc.integer({ min: 1, max: 5 }), price: fc.integer({ min: 1, max: 50000 }), off: fc.constantFrom(0, 0, 1) }), { minLength: 1, maxLength: 4 }),
      returned: fc.boolean(),
    });
    let seq = 0;
    await fc.assert(fc.asyncProperty(fc.array(fc.array(arbOrder, { maxLength: 12 }), { minLength: 1, maxLength: 4 }), async (batches) => {
      for (const b of batches) {
        const orders = b.map((o) => {
          const at = new Date(Date.UTC(2024, 0, 1 + o.day, o.hour)).toISOString();
          return order(`P${++seq}`, o.member, at, o.lines.map((l) => line(l.sku, l.qty, l.price, { discountMinor: l.off })));
        });
        const returns = b.flatMap((o, i) => (o.returned ? [ret(`PR${seq}-${i}`, orders[i]!.externalId, null, orders[i]!.placedAt, 1)] : []));
        await recordSales(store.db, { orders, returns }, { now: NOW });
      }
      const incremental = await snapshot(store.db);
      await rebuildSummaries(store.db);
      assert.deepEqual(await snapshot(store.db), incremental);
    }), { numRuns: dialect === 'postgres' ? 8 : 25 });
  });
});

// Statements compiled once per shape must give what the same statement built afresh gives: for each
// list length (small ones from the memo, large ones built directly), for lists of different lengths
// whose total is equal (the memo must not mix them up), and for upserts that add or replace.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect, freshStore } from './support/dialects.ts';
import type { Store } from '../src/store/db.ts';
import { precompiled, shaped, upsertRows } from '../src/store/precompiled.ts';

forEachDialect('precompiled statements', (dialect) => {
  let store: Store & { drop(): Promise<void> };
  before(async () => {
    store = await freshStore(dialect);
    const rows = Array.from({ length: 300 }, (_, i) => ({ customer_id: 1 + (i % 30), business_date: `2024-01-${String(1 + Math.floor(i / 30)).padStart(2, '0')}`, orders: i, sales_minor: 10 * i }));
    await store.db.insertInto('customer_day').values(rows).execute();
  });
  after(() => store.drop());

  const days = (ids: number[], dates: string[]) => shaped(store.db, 'test-days', [ids, dates], (d, $ids, $dates) => d.selectFrom('customer_day')
    .select(['customer_id', 'business_date', 'orders']).where('customer_id', 'in', $ids).where('business_date', 'in', $dates).orderBy('orders'));
  const plain = (ids: number[], dates: string[]) => store.db.selectFrom('customer_day').select(['customer_id', 'business_date', 'orders'])
    .where('customer_id', 'in', ids).where('business_date', 'in', dates).orderBy('orders').execute();

  test('every shape, memoised or built afresh, returns what the plain statement returns', async () => {
    const dates = Array.from({ length: 10 }, (_, i) => `2024-01-${String(1 + i).padStart(2, '0')}`);
    for (const [ids, ds] of [[[1], dates.slice(0, 2)], [[1, 2], dates.slice(0, 1)], [[3], dates.slice(0, 2)], [[2, 5, 7], dates]] as [number[], string[]][]) {
      const got = await days(ids, ds);
      assert.deepEqual(got, await plain(ids, ds));
      assert.ok(got.length > 0);
      assert.ok(got.every((r) => ids.includes(r.customer_id) && ds.includes(r.business_date)));
    }
    // 250 values: past the memo's limit, built with the values themselves.
    const many = Array.from({ length: 240 }, (_, i) => i + 1);
    assert.deepEqual(await days(many, dates), await plain(many, dates));
    assert.equal((await days(many, dates)).length, 300);
  });

  test('upsertRows adds the add columns and overwrites the replace columns, in chunks', async () => {
    await upsertRows(store.db, 'customer_day', [
      { customer_id: 1, business_date: '2024-01-01', orders: 5, sales_minor: 7 }, // existing: orders 0, sales 0
      { customer_id: 99, business_date: '2024-02-01', orders: 2, sales_minor: 3 }, // new
    ], { keys: ['customer_id', 'business_date'], add: ['orders'], replace: ['sales_minor'] });
    const get = (id: number, date: string) => store.db.selectFrom('customer_day').selectAll().where('customer_id', '=', id).where('business_date', '=', date).executeTakeFirstOrThrow();
    assert.deepEqual(await get(1, '2024-01-01'), { customer_id: 1, business_date: '2024-01-01', orders: 5, sales_minor: 7 });
    assert.deepEqual(await get(99, '2024-02-01'), { customer_id: 99, business_date: '2024-02-01', orders: 2, sales_minor: 3 });
    // 300 rows × 4 columns: past the memo's limit, built with the values; each row adds 1 to an existing day.
    const existing = await store.db.selectFrom('customer_day').selectAll().where('customer_id', '<', 99).execute();
    await upsertRows(store.db, 'customer_day', existing.map((r) => ({ ...r, orders: 1 })), { keys: ['customer_id', 'business_date'], add: ['orders', 'sales_minor'] });
    const after = await store.db.selectFrom('customer_day').selectAll().where('customer_id', '<', 99).execute();
    const was = new Map(existing.map((r) => [`${r.customer_id}|${r.business_date}`, r]));
    assert.equal(after.length, 300);
    for (const r of after) {
      const w = was.get(`${r.customer_id}|${r.business_date}`)!;
      assert.deepEqual([r.orders, r.sales_minor], [w.orders + 1, 2 * w.sales_minor]);
    }
  });
});

test('SQLite: a compiled statement through the root db waits for a transaction holding the connection, never runs inside it', async () => {
  const store = await freshStore('sqlite');
  try {
    const count = precompiled('test-count-days', (db) => db.selectFrom('customer_day').select((eb) => eb.fn.countAll<number>().as('n')));
    let outside: Promise<{ n: number }[]> | null = null;
    await assert.rejects(store.db.transaction().execute(async (trx) => {
      await trx.insertInto('customer_day').values({ customer_id: 1, business_date: '2024-01-01', orders: 1, sales_minor: 1 }).execute();
      assert.equal(Number((await count(trx))[0]!.n), 1, 'inside the transaction it sees its own row');
      outside = count(store.db);
      throw new Error('roll back');
    }), /roll back/);
    assert.equal(Number((await outside!)[0]!.n), 0, 'the root statement ran after the rollback');
  } finally {
    await store.drop();
  }
});

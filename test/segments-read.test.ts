// eachRow hands every row of a large result over as an array, in order, on both dialects: on
// PostgreSQL through a cursor in chunks of a few thousand rows, so a result longer than a chunk
// must arrive whole, with bigint columns as numbers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { forEachDialect, freshStore } from './support/dialects.ts';
import { eachRow } from '../src/store/segments-read.ts';

forEachDialect('eachRow', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  before(async () => { store = await freshStore(dialect); });
  after(() => store.drop());

  test('12,001 rows (more than two chunks) arrive once each, in order, bigint as number', async () => {
    const n = 12_001;
    let expected = 1, sum = 0;
    const seen = await eachRow(store.db, sql`with recursive s(i) as (select cast(1 as bigint) union all select i + 1 from s where i < ${n})
      select i, i * 2 as twice from s order by i`.compile(store.db), ([i, twice]) => {
      assert.equal(i, expected++);
      assert.equal(twice, 2 * (i));
      sum += i;
    });
    assert.equal(seen, n);
    assert.equal(sum, (n * (n + 1)) / 2);
  });

  test('inside a transaction it reads what the transaction wrote', async () => {
    await store.db.transaction().execute(async (trx) => {
      await trx.insertInto('stores').values({ id: 77, code: 'T77', name: 'T', time_zone: 'Asia/Shanghai', currency: 'CNY', created_at: '2024-01-01T00:00:00.000Z' }).execute();
      const codes: unknown[] = [];
      await eachRow(trx, sql`select code from stores where id = 77`.compile(trx), ([code]) => codes.push(code));
      assert.deepEqual(codes, ['T77']);
      throw new Error('roll back');
    }).catch((e: Error) => assert.equal(e.message, 'roll back'));
  });
});

// Writes queued together on SQLite share one transaction and one commit: each must still be all or
// nothing on its own, nobody may hear "done" before the commit, and a group that cannot commit must
// leave nothing behind. On PostgreSQL each write is its own transaction; the same contract holds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { openStore, storeMemo, type Store } from '../src/store/db.ts';
import { writeTransaction } from '../src/store/group-commit.ts';
import type { DB } from '../src/store/schema.ts';
import { forEachDialect, freshStore } from './support/dialects.ts';

const day = (id: number) => ({ customer_id: id, business_date: '2024-01-01', orders: 1, sales_minor: id });
const insert = (trx: Kysely<DB>, id: number) => trx.insertInto('customer_day').values(day(id)).execute();
const stored = async (db: Kysely<DB>) => (await db.selectFrom('customer_day').select('customer_id').orderBy('customer_id').execute()).map((r) => r.customer_id);

forEachDialect('writeTransaction', (dialect) => {
  let store: Store & { drop(): Promise<void> };
  before(async () => { store = await freshStore(dialect); });
  after(() => store.drop());

  test('concurrent writes: the failing one leaves nothing, the others all land, each answered with its own result', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => writeTransaction(store.db, async (trx) => {
      await insert(trx, i + 1);
      await insert(trx, 1000 + i + 1);
      if (i % 7 === 3) throw new Error(`write ${i} refused`); // after writing: its rows must be undone
      if (i % 11 === 5) await insert(trx, 1); // a unique violation half-way: the statement fails, so must the write
      return i * 10;
    })));
    const failed = new Set([...Array(40).keys()].filter((i) => i % 7 === 3 || i % 11 === 5));
    outcomes.forEach((o, i) => {
      if (failed.has(i)) assert.equal(o.status, 'rejected', `write ${i}`);
      else assert.deepEqual(o, { status: 'fulfilled', value: i * 10 });
    });
    const ok = [...Array(40).keys()].filter((i) => !failed.has(i));
    assert.deepEqual(await stored(store.db), [...ok.map((i) => i + 1), ...ok.map((i) => 1000 + i + 1)].sort((a, b) => a - b));
  });
});

test('SQLite: a write is answered only once it is committed (another connection sees it), and a group that cannot begin leaves nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-group-'));
  const file = join(dir, 'g.db');
  const store = await openStore(file);
  const other = new Database(file);
  try {
    const seen: number[][] = [];
    await Promise.all(Array.from({ length: 10 }, (_, i) => writeTransaction(store.db, (trx) => insert(trx, i + 1)).then(() => {
      seen.push((other.prepare('select customer_id from customer_day order by customer_id').pluck().all() as number[]));
    })));
    // Every answer came after the commit of its group: each saw its own row from outside.
    seen.forEach((rows, k) => assert.ok(rows.length >= k + 1, `answer ${k} saw ${rows.length} rows`));
    assert.deepEqual(seen.at(-1), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    // Another connection holds the write lock: the whole group is refused, nothing is written, and a memo filled meanwhile goes.
    store.sqlite!.pragma('busy_timeout = 50');
    other.exec('begin immediate');
    storeMemo<string, number>(store.db, 'product-ids').set('SKU', 1);
    const refused = await Promise.allSettled([20, 21, 22].map((id) => writeTransaction(store.db, (trx) => insert(trx, id))));
    other.exec('rollback');
    assert.deepEqual(refused.map((r) => r.status), ['rejected', 'rejected', 'rejected']);
    assert.match(String((refused[0] as PromiseRejectedResult).reason), /locked|busy/i);
    assert.equal(storeMemo<string, number>(store.db, 'product-ids').get('SKU'), undefined);
    assert.deepEqual(await stored(store.db), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // And the queue goes on afterwards.
    await writeTransaction(store.db, (trx) => insert(trx, 30));
    assert.equal((await sql<{ n: number }>`select count(*) as n from customer_day`.execute(store.db)).rows[0]!.n, 11);
  } finally {
    other.close();
    await store.close();
    rmSync(dir, { recursive: true });
  }
});

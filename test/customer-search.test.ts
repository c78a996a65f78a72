// Customer search's exact prefixes and its substring fallback through the trigram index (migration
// 0011), on both dialects. Expected ids are worked out by hand from PEOPLE.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { escapeLike, searchCustomers } from '../src/store/customers.repo.ts';
import { migrator } from '../src/store/migrate.ts';
import { mergeCustomers } from '../src/app/merge-customers.ts';
import { forEachDialect, freshStore } from './support/dialects.ts';

const NOW = '2025-01-01T00:00:00.000Z';
const PEOPLE: [id: number, memberNo: string, phone: string, name: string | null][] = [
  [1, 'ab100', '13800138000', '欧阳娜娜'],
  [2, 'AB200', '13912345678', '司马相如'],
  [3, 'M50%', '15000000003', '张_三丰'],
  [4, 'M500', '15000000004', '张x三丰'],
  [5, 'Q1', '18600013800', 'Anna Lee'],
  [6, 'Q2', '18700000006', 'anna li'],
];

forEachDialect('customer search: exact prefixes, substring through the trigram index', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  before(async () => {
    store = await freshStore(dialect);
    await store.db.insertInto('customers').values(PEOPLE.map(([id, member_no, phone, name]) => ({
      id, member_no, phone, name, gender: 'unknown', attributes: '{}', created_at: NOW, updated_at: NOW,
    }))).execute();
  });
  after(async () => { await store.drop(); });
  const ids = async (q: string, page: { limit?: number; offset?: number } = {}) => (await searchCustomers(store.db, { q, ...page })).map((c) => c.id);

  test('substrings in the middle of a phone and of a Chinese name', async () => {
    assert.deepEqual(await ids('0013'), [1, 5], '13800138000 and 18600013800 hold 0013; no phone starts with it');
    assert.deepEqual(await ids('234567'), [2]);
    assert.deepEqual(await ids('阳娜娜'), [1]);
    assert.deepEqual(await ids('相如'), [2], 'two characters: the scan');
    assert.deepEqual(await ids('0013', { limit: 1, offset: 1 }), [5], 'paged by id');
  });

  test('1–2 character queries still find substrings', async () => {
    assert.deepEqual(await ids('娜'), [1]);
    assert.deepEqual(await ids('67'), [2], '13912345678');
  });

  test('% and _ in the query are taken literally', async () => {
    assert.deepEqual(await ids('M50%'), [3], 'prefix branch: M500 does not start with "M50%"');
    assert.deepEqual(await ids('_三'), [3], 'substring, two characters: 张x三丰 has no "_三"');
    assert.deepEqual(await ids('_三丰'), [3], 'substring, three characters');
    assert.deepEqual(await ids('50%'), [], 'as a wildcard, phones 15000000003/4 would match');
  });

  test('ASCII case: the prefix is exact per dialect, the fallback as LIKE is', async () => {
    assert.deepEqual(await ids('ab'), [1], 'prefix branch: "AB200" does not start with "ab"');
    // The fallback's LIKE is ASCII-case-blind on SQLite and exact on PostgreSQL; the index must not change that.
    assert.deepEqual(await ids('nna l'), dialect === 'sqlite' ? [5, 6] : [6]);
    assert.deepEqual(await ids('NNA L'), dialect === 'sqlite' ? [5, 6] : []);
  });

  test('after an update of a name, and after a merge', async () => {
    await store.db.updateTable('customers').set({ name: '诸葛孔明' }).where('id', '=', 2).execute();
    assert.deepEqual(await ids('相如'), []);
    assert.deepEqual(await ids('葛孔明'), [2]);
    await mergeCustomers(store.db, 5, 1, { actor: null, now: NOW });
    assert.deepEqual(await ids('0013'), [5], 'customer 1 is merged into 5');
    assert.deepEqual(await ids('阳娜娜'), []);
  });

  test('0011 stepped down and up indexes the customers already there', async () => {
    assert.equal((await migrator(store.db).migrateTo('0010_loyalty_jobs')).error, undefined);
    assert.equal((await migrator(store.db).migrateToLatest()).error, undefined);
    assert.deepEqual(await ids('葛孔明'), [2]);
    assert.deepEqual(await ids('00138'), [5], 'phones 13800138000 (merged) and 18600013800');
  });

  test('the substring query reads the trigram index', async () => {
    if (dialect === 'sqlite') {
      const plan = await sql<{ detail: string }>`explain query plan select id from customers where merged_into_id is null
        and id in (select rowid from customers_fts where customers_fts match ${'phone : "0013"'}) order by id`.execute(store.db);
      assert.ok(plan.rows.some((r) => /VIRTUAL TABLE INDEX/.test(r.detail)), JSON.stringify(plan.rows));
    } else {
      await store.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        const plan = await sql<{ 'QUERY PLAN': string }>`explain select id from customers where merged_into_id is null
          and (phone like ${'%0013%'} escape '\\' or member_no like ${'0013%'} escape '\\' or name like ${'%0013%'} escape '\\')`.execute(trx);
        const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
        for (const c of ['phone', 'member_no', 'name']) assert.match(text, new RegExp(`customers_${c}_trgm`), text);
      });
    }
  });

  test('SQLite: 3+ characters are answered from the FTS5 table, 1–2 by the scan', { skip: dialect !== 'sqlite' }, async () => {
    // Emptying the index behind the table's back shows which path a query takes; rebuilt afterwards.
    await sql`insert into customers_fts(customers_fts) values ('delete-all')`.execute(store.db);
    assert.deepEqual(await ids('葛孔明'), [], 'three characters: the index only');
    assert.deepEqual(await ids('孔明'), [2], 'two characters: the scan');
    await sql`insert into customers_fts(customers_fts) values ('rebuild')`.execute(store.db);
    assert.deepEqual(await ids('葛孔明'), [2]);
  });

  test('escapeLike', () => {
    assert.equal(escapeLike('a%b_c\\d'), 'a\\%b\\_c\\\\d');
  });
});

// A PostgreSQL column under a linguistic collation orders 'AB…' inside the range ['ab', 'ac'): the
// prefix must still be exact. (The test databases use C.UTF-8, where the range alone is exact.)
forEachDialect('customer search: prefix under a linguistic collation', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  before(async () => {
    store = await freshStore(dialect);
    if (dialect === 'postgres') {
      for (const c of ['member_no', 'name']) await sql`alter table customers alter column ${sql.ref(c)} type text collate "en-US-x-icu"`.execute(store.db);
    }
    await store.db.insertInto('customers').values(PEOPLE.map(([id, member_no, phone, name]) => ({
      id, member_no, phone, name, gender: 'unknown', attributes: '{}', created_at: NOW, updated_at: NOW,
    }))).execute();
  });
  after(async () => { await store.drop(); });

  test('"ab" finds ab100, not AB200; "anna" finds "anna li", not "Anna Lee"', async () => {
    const ids = async (q: string) => (await searchCustomers(store.db, { q })).map((c) => c.id);
    assert.deepEqual(await ids('ab'), [1]);
    assert.deepEqual(await ids('anna'), [6]);
  });
});

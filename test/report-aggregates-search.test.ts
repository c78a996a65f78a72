// Customer search by prefix through the member number, phone and name indexes (the dashboard's
// search box), with the substring match kept only for queries no prefix matches.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { prefixEnd, searchCustomers } from '../src/store/customers.repo.ts';
import { forEachDialect, freshStore } from './support/dialects.ts';

const NOW = '2025-01-01T00:00:00.000Z';
const PEOPLE: [id: number, memberNo: string, phone: string, name: string | null, merged?: number][] = [
  [1, 'M100', '13800000001', '王芳'],
  [2, 'M101', '13800000002', '王芳芳'],
  [3, 'M200', '13900000003', '李王'],
  [4, 'M1000', '13700001380', null],
  [5, 'X138', '15000000005', '张伟'],
  [6, 'M102', '13800000006', '王芳', 1],
];

forEachDialect('customer search by prefix', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  before(async () => {
    store = await freshStore(dialect);
    await store.db.insertInto('customers').values(PEOPLE.map(([id, member_no, phone, name, merged]) => ({
      id, member_no, phone, name, gender: 'unknown', merged_into_id: merged ?? null, attributes: '{}', created_at: NOW, updated_at: NOW,
    }))).execute();
  });
  after(async () => { await store.drop(); });
  const ids = async (q: string, page: { limit?: number; offset?: number } = {}) => (await searchCustomers(store.db, { q, ...page })).map((c) => c.id);

  test('member numbers, then phones, then names, each in key order; merged customers hidden', async () => {
    assert.deepEqual(await ids('M10'), [1, 4, 2], 'M100 < M1000 < M101 in binary order; M102 is merged');
    assert.deepEqual(await ids('138'), [1, 2], 'phone prefix: 13700001380 only contains 138');
    assert.deepEqual(await ids('138-0000-0002'), [2], 'a phone query keeps its digits');
    assert.deepEqual(await ids('王芳'), [1, 2], 'name prefix; 李王 does not start with 王');
    assert.deepEqual(await ids('X1'), [5]);
  });

  test('pages over the concatenation, and a customer matching twice appears once', async () => {
    await store.db.updateTable('customers').set({ name: 'M1 的名字' }).where('id', '=', 3).execute();
    assert.deepEqual(await ids('M1'), [1, 4, 2, 3], 'member numbers first, then the name match');
    assert.deepEqual(await ids('M1', { limit: 2 }), [1, 4]);
    assert.deepEqual(await ids('M1', { limit: 2, offset: 2 }), [2, 3]);
    await store.db.updateTable('customers').set({ name: 'M100' }).where('id', '=', 1).execute();
    assert.deepEqual(await ids('M100'), [1, 4], 'customer 1 matches by member number and by name, listed once');
  });

  test('substring match only when no prefix matches (a phone\'s middle or last digits)', async () => {
    assert.deepEqual(await ids('0001380'), [4]);
    assert.deepEqual(await ids('芳芳'), [2]);
    assert.deepEqual(await ids('不存在'), []);
    assert.deepEqual(await ids('1380', { offset: 5 }), [], 'a page past the prefix matches is empty, not the substring matches');
  });

  test('prefixEnd: the least string after every extension of the prefix', () => {
    assert.equal(prefixEnd('M10'), 'M11');
    assert.equal(prefixEnd('139'), '13:');
    assert.equal(prefixEnd('王'), '玌');
    assert.ok('M10zzzz' < prefixEnd('M10') && 'M11' >= prefixEnd('M10'));
  });
});

// The 360 view's prediction notes carry a code and params beside the English text, so the dashboard
// can say them in Chinese: before any fit, the CLV and basket notes; a customer with no purchases by
// the as-of date gets NO_PURCHASES_BY with that date.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveCustomer } from '../src/app/models/resolve-customer.ts';
import { apiFixture, json, type Api } from './support/api.ts';
import { forEachDialect } from './support/dialects.ts';
import { memberNo, seedShop } from './models-shop.ts';

interface Notes { message: string | null; notes: { code: string; params: Record<string, string>; text: string }[] }

forEachDialect('prediction notes', (dialect) => {
  let api: Api;
  let m4 = 0;
  const predictions = async (query = '') => json<Notes>(await api.call('analyst', { url: `/api/customers/${m4}/predictions${query}` }));
  before(async () => {
    api = await apiFixture(dialect);
    await seedShop(api.store.db, { createStore: false });
    m4 = await resolveCustomer(api.store.db, memberNo(4));
  });
  after(() => api.close());

  test('no fits: two notes whose texts make up the message', async () => {
    const p = await predictions();
    assert.deepEqual(p.notes.map((n) => [n.code, n.params]), [['NO_CLV_FIT', {}], ['NO_BASKET_MODEL', {}]]);
    assert.equal(p.message, p.notes.map((n) => n.text).join('; '));
    assert.match(p.notes[0]!.text, /no CLV fit stored/);
  });

  test('an as-of date before the first purchase: NO_PURCHASES_BY names the date', async () => {
    const p = await predictions('?asOf=2000-01-01');
    assert.deepEqual(p.notes, [{ code: 'NO_PURCHASES_BY', params: { asOf: '2000-01-01' }, text: 'no purchases on or before 2000-01-01' }]);
    assert.equal(p.message, 'no purchases on or before 2000-01-01');
  });
});

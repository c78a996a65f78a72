// The model routes over HTTP: fit, read back, validate; predictions in the 360 view by role; problem+json
// naming the field for bad input. Figures themselves are checked in models-store.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveCustomer } from '../src/app/models/resolve-customer.ts';
import { apiFixture, json, type Api } from './support/api.ts';
import { forEachDialect } from './support/dialects.ts';
import { cycleOf, memberNo, seedShop, visitsOf } from './models-shop.ts';

forEachDialect('model routes', (dialect) => {
  let api: Api;
  let m4 = 0;
  before(async () => {
    api = await apiFixture(dialect);
    await seedShop(api.store.db, { createStore: false });
    m4 = await resolveCustomer(api.store.db, memberNo(4));
  });
  after(() => api.close());

  test('before any fit: GET /api/models/clv is a 404 problem and predictions say how to fit', async () => {
    const none = await api.call('analyst', { url: '/api/models/clv' });
    assert.equal(none.statusCode, 404);
    assert.match(String(none.headers['content-type']), /^application\/problem\+json/);
    const p = json<{ message: string; model: unknown; churnRule: { usualCycleDays: number } }>(await api.call('analyst', { url: `/api/customers/${m4}/predictions` }));
    assert.match(p.message, /no CLV fit stored/);
    assert.equal(p.model, null);
    assert.equal(p.churnRule.usualCycleDays, cycleOf(4));
  });

  test('POST /api/models/clv/fit stores a fit that GET returns; bad dates are problems naming the field', async () => {
    const res = await api.call('manager', { method: 'POST', url: '/api/models/clv/fit', payload: { calibrationEnd: '2024-03-31', period: 'week' } });
    assert.equal(res.statusCode, 200, res.body);
    const fit = json<{ id: number; method: string; customers: number; params: Record<string, number>; gammaGamma: Record<'p' | 'q' | 'gamma', number> }>(res);
    assert.deepEqual([fit.method, fit.customers], ['bgnbd', 60]);
    assert.deepEqual(Object.keys(fit.params).sort(), ['a', 'alpha', 'b', 'r']);
    assert.ok(fit.gammaGamma.p > 0 && fit.gammaGamma.q > 0 && fit.gammaGamma.gamma > 0);
    assert.equal(json<{ id: number }>(await api.call('analyst', { url: '/api/models/clv' })).id, fit.id);
    const bad = await api.call('owner', { method: 'POST', url: '/api/models/clv/fit', payload: { calibrationEnd: '31/03/2024' } });
    assert.equal(bad.statusCode, 400);
    assert.ok(JSON.stringify(json(bad)).includes('calibrationEnd'), bad.body);
    const wrongOrder = await api.call('owner', { url: '/api/models/clv/validate?calibrationEnd=2024-03-31&holdoutEnd=2024-01-01' });
    assert.equal(wrongOrder.statusCode, 400);
    assert.ok(JSON.stringify(json(wrongOrder)).includes('holdoutEnd'), wrongOrder.body);
  });

  test('the 360 view carries predictions for roles with models:read, null for clerks', async () => {
    await api.call('owner', { method: 'POST', url: '/api/models/clv/fit', payload: { calibrationEnd: '2024-03-31' } });
    type View = { predictions: { asOf: string; history: { lastDate: string }; model: { pAlive: number } } | null };
    const analyst = json<View>(await api.call('analyst', { url: `/api/customers/${m4}` }));
    assert.equal(analyst.predictions!.asOf, '2024-06-30');
    assert.equal(analyst.predictions!.history.lastDate, visitsOf(4).at(-1));
    assert.ok(analyst.predictions!.model.pAlive > 0);
    const clerk = await api.call('clerk', { url: `/api/customers/${m4}` });
    assert.equal(clerk.statusCode, 200);
    assert.equal(json<View>(clerk).predictions, null);
  });

  test('lists and per-customer routes answer; unknown customers are 404', async () => {
    const due = json<{ total: number; items: { memberNo: string }[] }>(await api.call('analyst', { url: '/api/replenishment?asOf=2024-06-30&limit=5' }));
    assert.ok(due.total > 5 && due.items.length === 5);
    const rules = json<{ ruleCount: number; rules: unknown[] }>(await api.call('analyst', { url: '/api/models/rules?minSupport=0.01&minConfidence=0.5&limit=2' }));
    assert.ok(rules.ruleCount >= 2 && rules.rules.length === 2);
    const before = json<{ items: unknown[]; message: string }>(await api.call('analyst', { url: `/api/customers/${m4}/recommendations?k=3` }));
    assert.deepEqual(before.items, []);
    assert.match(before.message, /no basket model stored/);
    const fit = await api.call('analyst', { method: 'POST', url: '/api/models/baskets/fit', payload: {} });
    assert.equal(fit.statusCode, 200, fit.body);
    assert.equal(json<{ asOf: string }>(fit).asOf, '2024-06-30');
    const recs = await api.call('analyst', { url: `/api/customers/${m4}/recommendations?k=3` });
    assert.equal(json<{ items: unknown[] }>(recs).items.length, 3);
    assert.equal((await api.call('analyst', { url: '/api/customers/1/recommendations' })).statusCode, 404);
    assert.equal((await api.call('analyst', { url: '/api/customers/1/predictions' })).statusCode, 404);
  });
});

// GET /api/reports/…: figures on orders posted through the API, problems naming the query field, and
// store-limited staff kept to their stores.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from './support/dialects.ts';
import { apiFixture, json, orderBody, type Api } from './support/api.ts';

interface Problem { status: number; errors?: { field: string }[] }
const problem = (res: { statusCode: number; headers: Record<string, unknown>; json<T>(): T }, status: number, field: string) => {
  assert.equal(res.statusCode, status, JSON.stringify(res.json()));
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.ok(res.json<Problem>().errors?.some((e) => e.field === field), `names ${field}: ${JSON.stringify(res.json())}`);
};

forEachDialect('API reports', (dialect) => {
  let api: Api;
  // One order is worth 3 × 19.99 − 5.00 + 9.90 = 64.87, in two categories (服装/上衣, 服装/袜).
  const ORDER_MINOR = 3 * 1999 - 500 + 990;
  before(async () => {
    api = await apiFixture(dialect);
    for (const [id, member, phone, placedAt] of [
      ['A-1', 'M1', '13800138000', '2024-03-01T04:00:00Z'], ['A-2', 'M1', '13800138000', '2024-03-11T04:00:00Z'], ['A-3', 'M2', '13900139000', '2024-03-05T04:00:00Z'],
    ] as const) {
      const res = await api.call('owner', { method: 'POST', url: '/api/orders', payload: orderBody(id, { placedAt, customer: { memberNo: member, phone } }) });
      assert.equal(res.statusCode, 201, res.body);
    }
  });
  after(() => api.close());

  test('repurchase: one of two customers came back, after 10 days', async () => {
    const res = await api.call('analyst', { url: '/api/reports/repurchase' });
    assert.equal(res.statusCode, 200, res.body);
    const r = json(res);
    assert.deepEqual([r.from, r.to, r.store, r.customers, r.orders, r.repeatCustomers, r.repurchaseRate, r.meanCycleDays, r.medianCycleDays],
      ['2024-03-01', '2024-03-11', null, 2, 3, 1, 0.5, 10, 10]);
  });

  test('cohorts, overview and reorder interval', async () => {
    const c = json(await api.call('owner', { url: '/api/reports/cohorts?by=month' }));
    assert.deepEqual(c.cohorts, [{ cohort: '2024-03', size: 2, active: [2], rates: [1] }]);
    const o = json<{ total: Record<string, number>; byStore: { key: string; orders: number }[]; byMonth: unknown[]; bySegment: unknown }>(
      await api.call('owner', { url: '/api/reports/overview?from=2024-03-01&to=2024-03-31' }));
    assert.deepEqual([o.total.customers, o.total.newCustomers, o.total.orders, o.total.salesMinor, o.total.avgOrderValueMinor, o.total.crossSellRate, o.total.activeShare],
      [2, 2, 3, 3 * ORDER_MINOR, ORDER_MINOR, 1, 1]);
    assert.deepEqual(o.byStore.map((s) => [s.key, s.orders]), [['S1', 3]]);
    assert.deepEqual([o.byMonth.length, o.bySegment], [1, null]);
    const k = json<{ items: { key: string; name: string | null; intervals: number; meanDays: number }[] }>(
      await api.call('owner', { url: '/api/reports/cycle?by=sku&minIntervals=1' }));
    assert.deepEqual(k.items.map((i) => [i.key, i.name, i.intervals, i.meanDays]), [['SOCK', '袜子', 1, 10], ['TEE-1', 'T恤', 1, 10]]);
  });

  test('a segment breakdown from the latest snapshot on or before the period end', async () => {
    problem(await api.call('owner', { url: '/api/reports/overview?segments=rfm' }), 404, '/segments');
    const ids = await api.store.db.selectFrom('customers').select(['id', 'member_no']).execute();
    await api.store.db.insertInto('segment_snapshots').values(ids.flatMap((c) => [
      { scheme: 'rfm', as_of: '2024-03-10', customer_id: c.id, segment: c.member_no === 'M1' ? 'Champions' : 'New' },
      { scheme: 'rfm', as_of: '2024-04-30', customer_id: c.id, segment: 'Lost' },
    ])).execute();
    const o = json<{ segmentAsOf: string; bySegment: { key: string; customers: number }[] }>(await api.call('owner', { url: '/api/reports/overview?segments=rfm&to=2024-03-31' }));
    assert.equal(o.segmentAsOf, '2024-03-10');
    assert.deepEqual(o.bySegment.map((s) => [s.key, s.customers]), [['Champions', 1], ['New', 1]]);
    const later = json<{ segmentAsOf: string; bySegment: { key: string }[] }>(await api.call('owner', { url: '/api/reports/overview?segments=rfm&segmentsAsOf=2024-04-30' }));
    assert.deepEqual([later.segmentAsOf, later.bySegment.map((s) => s.key)], ['2024-04-30', ['Lost']]);
  });

  test('a tier breakdown by the tier each member held at the period end', async () => {
    const ids = await api.store.db.selectFrom('customers').select(['id', 'member_no']).orderBy('member_no').execute();
    const [m1, m2] = [ids.find((c) => c.member_no === 'M1')!.id, ids.find((c) => c.member_no === 'M2')!.id];
    const row = (id: number, customer: number, at: string, to: string) => ({
      id, customer_id: customer, at, business_date: at.slice(0, 10), action: 'enrol', from_tier: null, to_tier: to, reasons: '[]', actor: null,
    });
    // M1: SILVER from 03-01, GOLD from 04-02 (after March); M2 only enrolled in April; two rows at one instant: the later id wins.
    await api.store.db.insertInto('tier_history').values([
      row(9001, m1, '2024-03-01T02:00:00.000Z', 'SILVER'), row(9003, m1, '2024-04-02T02:00:00.000Z', 'GOLD'),
      row(9004, m2, '2024-04-01T02:00:00.000Z', 'BASIC'), row(9005, m2, '2024-04-01T02:00:00.000Z', 'SILVER'),
    ]).execute();
    type Sliced = { tierAsOf: string | null; byTier: { key: string; customers: number; orders: number }[] | null };
    const march = json<Sliced>(await api.call('owner', { url: '/api/reports/overview?from=2024-03-01&to=2024-03-31&tiers=true' }));
    assert.equal(march.tierAsOf, '2024-03-31');
    assert.deepEqual(march.byTier!.map((s) => [s.key, s.customers]), [['(none)', 1], ['SILVER', 1]]);
    const april = json<Sliced>(await api.call('owner', { url: '/api/reports/overview?from=2024-03-01&to=2024-04-30&tiers=true' }));
    assert.deepEqual(april.byTier!.map((s) => [s.key, s.customers]), [['GOLD', 1], ['SILVER', 1]]);
    const plain = json<Sliced>(await api.call('owner', { url: '/api/reports/overview?from=2024-03-01&to=2024-03-31' }));
    assert.deepEqual([plain.tierAsOf, plain.byTier], [null, null]);
    problem(await api.call('owner', { url: '/api/reports/overview?tiers=yes' }), 400, '/tiers');
  });

  test('bad input is a problem naming the query field', async () => {
    problem(await api.call('owner', { url: '/api/reports/repurchase?from=2024-3-1' }), 400, '/from');
    problem(await api.call('owner', { url: '/api/reports/repurchase?from=2024-02-30' }), 400, '/from');
    problem(await api.call('owner', { url: '/api/reports/repurchase?from=2024-03-10&to=2024-03-01' }), 400, '/to');
    problem(await api.call('owner', { url: '/api/reports/repurchase?withinDays=0' }), 400, '/withinDays');
    problem(await api.call('owner', { url: '/api/reports/cohorts?by=week' }), 400, '/by');
    problem(await api.call('owner', { url: '/api/reports/overview?activeDays=100&dormantDays=30' }), 400, '/dormantDays');
    problem(await api.call('owner', { url: '/api/reports/overview?store=NOPE' }), 404, '/store');
  });

  test('staff limited to some stores must name one of theirs', async () => {
    problem(await api.call('manager', { url: '/api/reports/repurchase' }), 403, '/store');
    problem(await api.call('manager', { url: '/api/reports/repurchase?store=S2' }), 403, '/store');
    const own = await api.call('manager', { url: '/api/reports/repurchase?store=S1' });
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(json(own).customers, 2);
  });
});

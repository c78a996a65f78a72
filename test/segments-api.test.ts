// /api/segments/…: the hand-checked fixture (test/segments-fixture.ts) through HTTP, problems naming the
// field at fault, phones masked for analysts, and store-limited staff kept to their stores.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from './support/dialects.ts';
import { apiFixture, json, type Api } from './support/api.ts';
import { recordFixture } from './segments-fixture.ts';

interface Problem { status: number; errors?: { field: string }[] }
const problem = (res: { statusCode: number; headers: Record<string, unknown>; json<T>(): T }, status: number, field: string) => {
  assert.equal(res.statusCode, status, JSON.stringify(res.json()));
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.ok(res.json<Problem>().errors?.some((e) => e.field === field), `names ${field}: ${JSON.stringify(res.json())}`);
};
type Counts = { segments: { name: string; count: number }[]; customers: number };
const nonZero = (r: Counts) => Object.fromEntries(r.segments.filter((s) => s.count).map((s) => [s.name, s.count]));

forEachDialect('API segments', (dialect) => {
  let api: Api;
  let ids: Awaited<ReturnType<typeof recordFixture>>;
  before(async () => {
    api = await apiFixture(dialect);
    ids = await recordFixture(api.store.db, { stores: false });
    await api.store.db.updateTable('customers').set({ phone: '13800138004' }).where('id', '=', ids.M4).execute();
  });
  after(() => api.close());

  test('RFM as of 2024-03-31: the hand-worked counts, summing to the four buyers', async () => {
    const res = await api.call('analyst', { url: '/api/segments/schemes/rfm?asOf=2024-03-31' });
    assert.equal(res.statusCode, 200, res.body);
    const r = json<Counts & { source: string; asOf: string }>(res);
    assert.deepEqual([r.asOf, r.source, r.customers], ['2024-03-31', 'summary', 4]);
    assert.deepEqual(nonZero(r), { champions: 1, loyal: 2, hibernating: 1 });
    // Default as-of: the day after the last business date (03-09).
    assert.equal(json(await api.call('owner', { url: '/api/segments/schemes/abcd' })).asOf, '2024-03-10');
  });

  test('members a page at a time, phones masked for analysts; CSV export', async () => {
    const url = '/api/segments/schemes/rfm/members?asOf=2024-03-31&segment=loyal&limit=1';
    const page = json<{ total: number; items: { id: number; phone: string | null; orders: number; recencyDays: number }[] }>(await api.call('analyst', { url }));
    assert.equal(page.total, 2);
    assert.deepEqual(page.items.map((m) => m.id), [Math.min(ids.M4, ids.M5)]);
    const m4 = (who: 'analyst' | 'owner') => api.call(who, { url: `${url}&offset=${ids.M4 < ids.M5 ? 0 : 1}` })
      .then((r) => json<{ items: { phone: string; orders: number; recencyDays: number }[] }>(r).items[0]!);
    assert.equal((await m4('analyst')).phone, '138****8004');
    assert.deepEqual(await m4('owner').then((m) => [m.phone, m.orders, m.recencyDays]), ['13800138004', 2, 30]);
    const csv = await api.call('analyst', { url: '/api/segments/schemes/rfm/members.csv?asOf=2024-03-31&segment=loyal' });
    assert.equal(csv.statusCode, 200, csv.body);
    const lines = csv.body.replace(/^\ufeff/, '').trim().split('\n');
    assert.equal(lines[0], 'id,member_no,phone,name,segment,first_purchase_date,last_purchase_date,recency_days,orders,net_spend');
    assert.equal(lines.length, 3);
    assert.ok(lines.some((l) => l.startsWith(`${ids.M4},M4,138****8004,`) && l.endsWith(',loyal,2024-03-01,2024-03-01,30,2,20.00')), csv.body);
  });

  test('problems name the field; store-limited staff must stay in their stores', async () => {
    problem(await api.call('owner', { url: '/api/segments/schemes/rfm?asOf=2024-13-01' }), 400, '/asOf');
    problem(await api.call('owner', { url: '/api/segments/schemes/gold' }), 400, '/scheme');
    problem(await api.call('owner', { url: '/api/segments/schemes/rfm?settings={' }), 400, '/settings');
    problem(await api.call('owner', { url: `/api/segments/schemes/abcd?settings=${encodeURIComponent('{"abcd":{"dormant":1}}')}` }), 400, '/settings/abcd/dormant');
    problem(await api.call('owner', { url: '/api/segments/schemes/rfm/members?segment=gold' }), 400, '/segment');
    problem(await api.call('manager', { url: '/api/segments/schemes/rfm' }), 403, '/store');
    problem(await api.call('manager', { url: '/api/segments/schemes/rfm?store=S2' }), 403, '/store');
    problem(await api.call('owner', { url: '/api/segments/schemes/rfm?store=NOPE' }), 400, '/store');
    // The manager's S1 view leaves out M5, who bought only at S2.
    assert.equal(json(await api.call('manager', { url: '/api/segments/schemes/rfm?store=S1&asOf=2024-03-31' })).customers, 3);
  });

  test('settings and a window change the answer', async () => {
    // ABCD: by default only M2 (net 0) is D; lapsed after 25 days, M4 (30 days) and M5 (26) join it, M1 (22) stays.
    const abcd = (q: string) => api.call('owner', { url: `/api/segments/schemes/abcd?asOf=2024-03-31&settings=${encodeURIComponent(q)}` }).then((r) => json<Counts>(r));
    assert.equal(nonZero(await abcd('{}')).D, 1);
    assert.equal(nonZero(await abcd('{"abcd":{"dormantDays":25}}')).D, 3);
    // 30-day window: only M1 (03-09) and M5 (03-05) have orders in (03-01, 03-31].
    const w = json<{ windowDays: number; source: string }>(await api.call('owner', { url: '/api/segments/schemes/rfm?asOf=2024-03-31&windowDays=30' }));
    assert.deepEqual([w.windowDays, w.source], [30, 'activity']);
  });

  test('saved segments: bad rule named, create, count, members, delete', async () => {
    problem(await api.call('analyst', { method: 'POST', url: '/api/segments/saved', payload: { name: 'x', rule: { all: [{ field: 'orders', op: 'gte', value: '2' }] } } }),
      400, '/rule/all/0/value');
    const created = await api.call('analyst', { method: 'POST', url: '/api/segments/saved', payload: { name: 'lapsed repeaters', rule: { all: [{ field: 'orders', op: 'gte', value: 2 }, { field: 'recencyDays', op: 'gt', value: 20 }] } } });
    assert.equal(created.statusCode, 201, created.body);
    const id = json<{ id: number }>(created).id;
    problem(await api.call('analyst', { method: 'POST', url: '/api/segments/saved', payload: { name: 'lapsed repeaters', rule: { all: [{ field: 'orders', op: 'gte', value: 2 }] } } }), 409, '/name');
    // As of 03-31: M1 (3 orders, 22 days) and M4 (2 orders, 30 days).
    const list = json<{ items: { id: number; count: number }[] }>(await api.call('analyst', { url: '/api/segments/saved?asOf=2024-03-31' }));
    assert.equal(list.items.find((s) => s.id === id)?.count, 2);
    const members = json<{ items: { id: number }[] }>(await api.call('analyst', { url: `/api/segments/saved/${id}/members?asOf=2024-03-31` }));
    assert.deepEqual(members.items.map((m) => m.id), [ids.M1, ids.M4].sort((a, b) => a - b));
    assert.equal((await api.call('analyst', { method: 'DELETE', url: `/api/segments/saved/${id}` })).statusCode, 204);
    problem(await api.call('analyst', { method: 'DELETE', url: `/api/segments/saved/${id}` }), 404, '/id');
    problem(await api.call('analyst', { url: `/api/segments/saved/${id}/members` }), 404, '/id');
  });

  test('snapshot, then the transition matrix; clusters; tags', async () => {
    const snap = await api.call('analyst', { method: 'POST', url: '/api/segments/snapshots', payload: { scheme: 'lifecycle', asOf: '2024-02-15' } });
    assert.equal(snap.statusCode, 201, snap.body);
    const t = json<{ from: { source: string }; to: { source: string }; moves: { from: string; to: string; count: number }[] }>(
      await api.call('analyst', { url: '/api/segments/transitions?scheme=lifecycle&from=2024-02-15&to=2024-03-31' }));
    assert.deepEqual([t.from.source, t.to.source], ['snapshot', 'computed']);
    assert.deepEqual(t.moves, [{ from: '(none)', to: 'new', count: 2 }, { from: 'new', to: 'active', count: 1 }, { from: 'active', to: 'active', count: 1 }]);
    const c = json<{ k: number; customers: number; segments: { count: number; label: { en: string } }[] }>(
      await api.call('analyst', { url: '/api/segments/clusters?asOf=2024-03-31&k=2' }));
    assert.deepEqual([c.k, c.customers, c.segments.reduce((s, x) => s + x.count, 0)], [2, 4, 4]);
    assert.ok(c.segments.every((s) => s.label.en.length > 0));
    const tags = json<{ tags: { name: string; count: number }[] }>(await api.call('analyst', { url: '/api/segments/tags?asOf=2024-03-31' }));
    assert.equal(tags.tags.find((x) => x.name === 'lifecycle:new')?.count, 2);
  });
});

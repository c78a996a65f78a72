// Donations and member-to-member transfers through the HTTP API on both dialects: off by default,
// oldest-expiry-first with the expiry dates kept, atomic, once per Idempotency-Key (a replay gives the
// same answer, another body is 409, twins sent at once move the points once). Figures by hand.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { forEachDialect } from './support/dialects.ts';
import { apiFixture, json, type Api } from './support/api.ts';

interface Balances { total: number; available: number; pending: number; expiredUnprocessed: number; debt: number; spendable: number }
interface Ledger { balances: Balances; lots: { origin: string; points: number; remaining: number; expiresOn: string | null }[]; entries: { kind: string; points: number; note: string | null }[] }
interface Transfer { points: number; from: { customerId: number; balances: Balances }; to: { customerId: number; balances: Balances }; lots: { points: number; expiresOn: string | null }[] }

forEachDialect('points transfers and donations (API)', (dialect) => {
  let api: Api;
  let x = 0, y = 0;
  const ok = (res: LightMyRequestResponse, status = 200) => { assert.equal(res.statusCode, status, res.body); return json(res); };
  const ledger = async (id: number) => ok(await api.call('owner', { method: 'GET', url: `/api/customers/${id}/ledger` })) as unknown as Ledger;
  const transfer = (payload: Record<string, unknown>, key: string | null, who: 'owner' | 'manager' | 'clerk' = 'manager') => api.call(who, {
    method: 'POST', url: `/api/loyalty/members/${x}/transfers`, headers: key === null ? {} : { 'idempotency-key': key }, payload });
  const donate = (payload: Record<string, unknown>, key: string) => api.call('manager', { method: 'POST', url: `/api/loyalty/members/${x}/donations`, headers: { 'idempotency-key': key }, payload });
  const reason = (res: LightMyRequestResponse) => json<{ reason?: { code: string } }>(res).reason?.code;

  before(async () => {
    api = await apiFixture(dialect);
    const reg = async (memberNo: string) => (ok(await api.call('pos', { method: 'POST', url: '/api/loyalty/members', payload: { memberNo, storeCode: 'S1' } }), 201) as { customerId: number }).customerId;
    x = await reg('X-1');
    y = await reg('Y-1');
    // X holds 100 points expiring 2024-12-31, 300 expiring 2025-06-30 and 50 that never expire (450 in all).
    for (const [points, expiresOn] of [[300, '2025-06-30'], [50, null], [100, '2024-12-31']] as const) {
      ok(await api.call('owner', { method: 'POST', url: `/api/customers/${x}/points`, payload: { points, reason: '测试', expiresOn } }), 201);
    }
  });
  after(() => api.close());

  test('off by default: 422 TRANSFER_DISABLED, nothing moves; a clerk may not; the key is required', async () => {
    const res = await transfer({ to: { customerId: y }, points: 10 }, 'K0');
    assert.deepEqual([res.statusCode, reason(res)], [422, 'TRANSFER_DISABLED']);
    assert.equal((await transfer({ to: { customerId: y }, points: 10 }, 'K0c', 'clerk')).statusCode, 403);
    assert.equal((await transfer({ to: { customerId: y }, points: 10 }, null)).statusCode, 400);
    assert.equal((await ledger(y)).balances.total, 0);
  });

  test('on: 250 points go oldest-expiry-first, each new lot keeping its expiry date', async () => {
    ok(await api.call('owner', { method: 'PUT', url: '/api/loyalty/policy', payload: { ledger: { transferEnabled: true } } }));
    const t = ok(await transfer({ to: { memberNo: 'Y-1' }, points: 250, note: '转给家人' }, 'K1'), 201) as unknown as Transfer;
    // 100 of the 2024-12-31 lot, then 150 of the 2025-06-30 lot; the never-expiring 50 are untouched.
    assert.deepEqual(t.lots, [{ points: 100, expiresOn: '2024-12-31' }, { points: 150, expiresOn: '2025-06-30' }]);
    assert.deepEqual([t.from.customerId, t.from.balances.available, t.to.customerId, t.to.balances.available], [x, 200, y, 250]);
    const lx = await ledger(x);
    assert.deepEqual(lx.lots.map((l) => [l.expiresOn, l.remaining]).sort(), [['2024-12-31', 0], ['2025-06-30', 150], [null, 50]].sort());
    const ly = await ledger(y);
    assert.deepEqual(ly.lots.map((l) => [l.origin, l.points, l.expiresOn]), [['transfer_in', 100, '2024-12-31'], ['transfer_in', 150, '2025-06-30']]);
    assert.deepEqual(ly.entries.map((e) => [e.kind, e.points, e.note]), [['transfer_in', 100, '转给家人'], ['transfer_in', 150, '转给家人']]);
  });

  test('the same key: the same answer and nothing more; another body is 409', async () => {
    const first = await ledger(y);
    const again = await transfer({ to: { memberNo: 'Y-1' }, points: 250, note: '转给家人' }, 'K1');
    assert.equal(again.statusCode, 200);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.deepEqual(json<Transfer>(again).lots, [{ points: 100, expiresOn: '2024-12-31' }, { points: 150, expiresOn: '2025-06-30' }]);
    assert.equal((await ledger(y)).lots.length, first.lots.length);
    const other = await transfer({ to: { memberNo: 'Y-1' }, points: 20 }, 'K1');
    assert.equal(other.statusCode, 409);
    assert.match(other.body, /idempotency-key/);
  });

  test('refusals name the reason or the field: too many points, to oneself, nobody', async () => {
    const short = await transfer({ to: { customerId: y }, points: 1000 }, 'K2');
    assert.deepEqual([short.statusCode, reason(short)], [422, 'POINTS_INSUFFICIENT']);
    const self = await transfer({ to: { customerId: x }, points: 10 }, 'K3');
    assert.equal(self.statusCode, 400);
    assert.match(self.body, /"\/to"/);
    assert.equal((await transfer({ to: { memberNo: 'NOBODY' }, points: 10 }, 'K4')).statusCode, 404);
  });

  test('twins of one transfer sent at once move the points once', async () => {
    const all = await Promise.all(Array.from({ length: 8 }, () => transfer({ to: { customerId: y }, points: 30 }, 'K-twin')));
    assert.deepEqual(all.map((r) => r.statusCode).sort(), [200, 200, 200, 200, 200, 200, 200, 201]);
    // X had 200 (150 expiring 2025-06-30 + 50 never): 30 more go, once.
    assert.equal((await ledger(x)).balances.available, 170);
    assert.equal((await ledger(y)).balances.available, 280);
  });

  test('a donation spends the earliest-expiring points and keeps the cause on the entries', async () => {
    const d = ok(await donate({ points: 120, cause: '希望工程' }, 'D1'), 201) as { points: number; cause: string; balances: Balances };
    // 120 of the 120 left expiring 2025-06-30; the never-expiring 50 stay.
    assert.deepEqual([d.points, d.cause, d.balances.available], [120, '希望工程', 50]);
    const lx = await ledger(x);
    assert.deepEqual(lx.lots.map((l) => [l.expiresOn, l.remaining]).sort(), [['2024-12-31', 0], ['2025-06-30', 0], [null, 50]].sort());
    assert.deepEqual(lx.entries.filter((e) => e.kind === 'donate').map((e) => [e.points, e.note]), [[-120, '希望工程']]);
    assert.equal((await donate({ points: 120, cause: '希望工程' }, 'D1')).statusCode, 200);
    assert.equal((await ledger(x)).balances.available, 50);
    const short = await donate({ points: 51, cause: '希望工程' }, 'D2');
    assert.deepEqual([short.statusCode, reason(short)], [422, 'POINTS_INSUFFICIENT']);
    const noCause = await donate({ points: 5, cause: '  ' }, 'D3');
    assert.equal(noCause.statusCode, 400);
    assert.match(noCause.body, /cause/);
  });

  test('opposite transfers at once: each moves its points or is refused with a 409 to retry; never a 500, no point lost', async () => {
    const [bx, by] = [(await ledger(x)).balances.total, (await ledger(y)).balances.total];
    const send = (from: number, to: number, i: number) => api.call('manager', {
      method: 'POST', url: `/api/loyalty/members/${from}/transfers`, headers: { 'idempotency-key': `cross-${i}` }, payload: { to: { customerId: to }, points: 5 } });
    const all = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? send(y, x, i) : send(x, y, i))));
    assert.deepEqual(all.filter((r) => r.statusCode !== 201 && r.statusCode !== 409).map((r) => r.body), []);
    const moved = (dir: number) => all.filter((r, i) => i % 2 === dir && r.statusCode === 201).length * 5;
    const [ax, ay] = [(await ledger(x)).balances.total, (await ledger(y)).balances.total];
    assert.deepEqual([ax, ay], [bx - moved(0) + moved(1), by + moved(0) - moved(1)]);
  });
});

// What concurrent tills must never break, on SQLite and PostgreSQL, through the HTTP API:
// 50 parallel commits presenting one single-use coupon → exactly one wins; 50 parallel commits
// spending a member's last 100 points → exactly one wins; the losers get a clear 409/422 problem and
// nothing of theirs is recorded. Replaying 1,000 committed checkouts with their keys changes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { forEachDialect } from './support/dialects.ts';
import { apiFixture, json, type Api } from './support/api.ts';

// A budget makes the store count every use and the discount given (promotion_usage), atomically.
const TEMPLATE = {
  id: 'C20', name: '满100减20券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }] }, limits: { budgetMinor: 100_000_000 },
};
const cartLine = (unitPriceMinor: number) => [{ lineNo: 1, sku: 'TEE', category: '服装/上衣', quantity: 1, unitPriceMinor }];

/** Every row of the tables a checkout writes, in key order, as JSON: equal snapshots = nothing changed. */
const TABLES: [table: string, order: string][] = [
  ['orders', 'id'], ['order_lines', 'order_id, line_no'], ['customers', 'id'], ['products', 'id'], ['customer_summary', 'customer_id'],
  ['customer_day', 'customer_id, business_date'], ['customer_month', 'customer_id, month'], ['customer_category', 'customer_id, category'],
  ['points_lots', 'customer_id, lot_no'], ['points_entries', 'customer_id, entry_no'], ['coupons', 'code'], ['promotion_usage', 'promotion_id, customer_id'],
  ['member_activity', 'customer_id, business_date'], ['member_tiers', 'customer_id'], ['tier_history', 'id'], ['referrals', 'referee_id'],
  ['referral_codes', 'customer_id'], ['checkouts', 'idempotency_key'], ['audit_log', 'id'],
];

forEachDialect('checkout concurrency and replay', (dialect) => {
  let api: Api;
  const ok = (res: LightMyRequestResponse, status = 200) => { assert.equal(res.statusCode, status, res.body); return json(res); };
  const register = async (memberNo: string) => (ok(await api.call('pos', { method: 'POST', url: '/api/loyalty/members', payload: { memberNo, storeCode: 'S1' } }), 201) as { customerId: number }).customerId;
  const commit = (key: string, payload: Record<string, unknown>) => api.call('pos', {
    method: 'POST', url: '/api/checkout/commit', headers: { 'idempotency-key': key }, payload: { storeCode: 'S1', ...payload },
  });
  const snapshot = async () => {
    const out: Record<string, unknown[]> = {};
    for (const [table, order] of TABLES) out[table] = (await sql.raw(`select * from ${table} order by ${order}`).execute(api.store.db)).rows;
    return out;
  };
  /** The losers: a problem document, 409 or 422, naming the field and (for a rule) the reason. */
  const assertRefused = (res: LightMyRequestResponse, reasons: readonly string[]) => {
    assert.ok(res.statusCode === 409 || res.statusCode === 422, `${res.statusCode} ${res.body}`);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    const p = json<{ reason?: { code: string; zh: string }; retry?: boolean; errors: { field: string }[] }>(res);
    assert.ok(p.errors[0]!.field.length > 0);
    assert.ok(p.retry === true || (p.reason !== undefined && reasons.includes(p.reason.code) && p.reason.zh.length > 0), res.body);
  };

  before(async () => {
    api = await apiFixture(dialect);
    ok(await api.call('owner', { method: 'PUT', url: `/api/loyalty/promotions/${TEMPLATE.id}`, payload: TEMPLATE }));
    // A first sale puts the product in the catalogue, so the racing checkouts below all find it.
    ok(await commit('warm-up', { lines: cartLine(100) }), 201);
  });
  after(() => api.close());

  /** Which refusals the losers got (409 lost the race on a key or a coupon; 422 saw the winner's result). */
  const tally = (results: LightMyRequestResponse[]) => Object.entries(Object.groupBy(results, (r) => String(r.statusCode))).map(([s, rs]) => `${s}×${rs!.length}`).join(' ');

  test('50 parallel commits presenting one single-use coupon: exactly one succeeds', async (t) => {
    const members = await Promise.all(Array.from({ length: 50 }, (_, i) => register(`CP-${i}`)));
    const issued = ok(await api.call('owner', { method: 'POST', url: '/api/loyalty/promotions/C20/coupons', payload: { count: 1 } }), 201) as { issued: { code: string }[] };
    const code = issued.issued[0]!.code;
    const results = await Promise.all(members.map((id, i) => commit(`coupon-race-${i}`, { member: { customerId: id }, couponCodes: [code], lines: cartLine(15000) })));
    const winners = results.filter((r) => r.statusCode === 201);
    assert.equal(winners.length, 1, results.map((r) => r.statusCode).join(' '));
    for (const r of results) if (r.statusCode !== 201) assertRefused(r, ['COUPON_USED', 'COUPON_RESERVED']);
    t.diagnostic(tally(results));
    const orderId = String(json<{ orderId: number }>(winners[0]!).orderId);
    const coupon = await api.store.db.selectFrom('coupons').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    assert.deepEqual([coupon.status, coupon.used_order_id], ['used', orderId]);
    const orders = await api.store.db.selectFrom('checkouts').select('idempotency_key').where('idempotency_key', 'like', 'coupon-race-%').execute();
    assert.equal(orders.length, 1);
    const usage = await api.store.db.selectFrom('promotion_usage').select(['uses', 'spent_minor']).where('promotion_id', '=', 'C20').where('customer_id', '=', 0).executeTakeFirstOrThrow();
    assert.deepEqual([usage.uses, usage.spent_minor], [1, 2000]);
  });

  test('50 parallel commits spending a member\'s last 100 points: exactly one succeeds', async (t) => {
    const id = await register('PT-1');
    ok(await api.call('owner', { method: 'POST', url: `/api/customers/${id}/points`, payload: { points: 100, reason: '测试' } }), 201);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => commit(`points-race-${i}`, { member: { customerId: id }, pointsToUse: 100, lines: cartLine(5000) })));
    const winners = results.filter((r) => r.statusCode === 201);
    assert.equal(winners.length, 1, results.map((r) => r.statusCode).join(' '));
    for (const r of results) if (r.statusCode !== 201) assertRefused(r, ['POINTS_INSUFFICIENT']);
    t.diagnostic(tally(results));
    // The winner paid ¥10 of ¥50 with the 100 points and earned 40 (pending); nothing else touched the ledger.
    const ledger = json<{ balances: { available: number; pending: number; total: number }; entries: { kind: string; points: number }[] }>(
      await api.call('owner', { url: `/api/customers/${id}/ledger` }));
    assert.deepEqual([ledger.balances.available, ledger.balances.pending, ledger.balances.total], [0, 40, 40]);
    assert.deepEqual(ledger.entries.map((e) => [e.kind, e.points]), [['adjust', 100], ['redeem', -100], ['earn', 40]]);
    const orders = await api.store.db.selectFrom('orders').select('id').where('customer_id', '=', id).execute();
    assert.equal(orders.length, 1);
  });

  test('the same checkout sent 20 times at once is recorded once; every answer is the same', async () => {
    const id = await register('TW-1');
    const results = await Promise.all(Array.from({ length: 20 }, () => commit('twin', { member: { customerId: id }, lines: cartLine(8800) })));
    assert.deepEqual(results.map((r) => r.statusCode).sort((a, b) => a - b), [...Array.from({ length: 19 }, () => 200), 201]);
    for (const r of results) assert.equal(r.body, results[0]!.body);
    const orders = await api.store.db.selectFrom('orders').select('id').where('customer_id', '=', id).execute();
    assert.equal(orders.length, 1);
  });

  test('replaying 1,000 committed checkouts with their keys changes nothing', async () => {
    const members = await Promise.all(Array.from({ length: 20 }, (_, i) => register(`RP-${i}`)));
    for (const id of members) ok(await api.call('owner', { method: 'POST', url: `/api/customers/${id}/points`, payload: { points: 100_000, reason: '测试' } }), 201);
    const coupons = ok(await api.call('owner', { method: 'POST', url: '/api/loyalty/promotions/C20/coupons', payload: { customerIds: members.flatMap((id) => Array.from({ length: 5 }, () => id)) } }), 201) as
      { issued: { code: string; customerId: number }[] };
    const unused = new Map(members.map((id) => [id, coupons.issued.filter((c) => c.customerId === id).map((c) => c.code)]));
    const bodies = Array.from({ length: 1000 }, (_, i) => {
      const id = members[i % members.length]!;
      const guest = i % 7 === 6;
      const useCoupon = !guest && i % 10 === 0 && unused.get(id)!.length > 0;
      return {
        key: `replay-${i}`,
        body: {
          member: guest ? null : { customerId: id },
          couponCodes: useCoupon ? [unused.get(id)!.pop()!] : [],
          pointsToUse: !guest && i % 5 === 0 ? 100 : 0,
          lines: [...cartLine(10000 + (i % 13) * 100), { lineNo: 2, sku: `SKU-${i % 3}`, category: '家居', quantity: 1 + (i % 2), unitPriceMinor: 990 }],
        },
      };
    });
    // Waves of 20 checkouts in parallel, one per member, so none of them race for a member's points.
    const first: LightMyRequestResponse[] = [];
    for (let i = 0; i < bodies.length; i += 20) first.push(...await Promise.all(bodies.slice(i, i + 20).map((b) => commit(b.key, b.body))));
    first.forEach((r) => assert.equal(r.statusCode, 201, r.body));
    const before = await snapshot();
    assert.equal(before.checkouts!.filter((c) => String((c as { idempotency_key: string }).idempotency_key).startsWith('replay-')).length, 1000);

    const again: LightMyRequestResponse[] = [];
    for (let i = 0; i < bodies.length; i += 20) again.push(...await Promise.all(bodies.slice(i, i + 20).map((b) => commit(b.key, b.body))));
    again.forEach((r, i) => {
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.headers['idempotent-replayed'], 'true');
      assert.deepEqual(json(r), json(first[i]!));
    });
    assert.deepEqual(await snapshot(), before);
    // The same key with another body is refused and changes nothing either.
    const other = await commit('replay-3', { ...bodies[3]!.body, pointsToUse: 0, lines: cartLine(1) });
    assert.equal(other.statusCode, 409);
    assert.deepEqual(await snapshot(), before);
  });
});

// GET /api/loyalty/stats through the HTTP API on both dialects: members per tier of the ladder in
// force (a code an older ladder had still shows), and coupons per template by state, with uses and
// discount. Every expected figure is counted by hand from what the test does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { insertCoupons } from '../src/store/loyalty-coupons.repo.ts';
import { forEachDialect } from './support/dialects.ts';
import { apiFixture, json, NOW, orderBody, type Api } from './support/api.ts';

interface Counts { issued: number; used: number; void: number; active: number; expired: number; multiUse: number }
interface Stats {
  asOf: string; customers: number; enrolled: number;
  tiers: { code: string; name: string | null; inLadder: boolean; members: number; share: number | null }[];
  promotions: { id: string; name: string; coupon: boolean; kind: string; coupons: Counts | null; redeemRate: number | null; uses: number | null; discountMinor: number | null }[];
}

const C20 = { id: 'C20', name: '满100减20券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }] }, limits: { global: 100 } };
const MJ = { id: 'MJ', name: '家居满100减20', benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }] }, scope: { categories: ['家居'] } };
const tee = (priceMinor: number) => [{ lineNo: 1, sku: 'TEE', category: '服装/上衣', quantity: 1, unitPriceMinor: priceMinor }];

forEachDialect('GET /api/loyalty/stats', (dialect) => {
  let api: Api;
  const ok = (res: LightMyRequestResponse, status = 200) => { assert.equal(res.statusCode, status, res.body); return json(res); };
  const stats = async () => ok(await api.call('clerk', { url: '/api/loyalty/stats' })) as unknown as Stats;
  const commit = async (key: string, payload: Record<string, unknown>) =>
    ok(await api.call('pos', { method: 'POST', url: '/api/checkout/commit', headers: { 'idempotency-key': key }, payload: { storeCode: 'S1', ...payload } }), 201);

  before(async () => { api = await apiFixture(dialect); });
  after(() => api.close());

  test('an empty store: the default one-tier ladder with nobody in it, no promotions', async () => {
    const s = await stats();
    assert.equal(s.asOf, NOW.toISOString());
    assert.deepEqual([s.customers, s.enrolled], [0, 0]);
    assert.deepEqual(s.tiers, [{ code: 'normal', name: '普卡', inLadder: true, members: 0, share: null }]);
    assert.deepEqual(s.promotions, []);
  });

  test('members per tier, and issue / redemption figures per template', async () => {
    ok(await api.call('owner', { method: 'PUT', url: '/api/loyalty/tiers', payload: { tiers: [{ code: 'normal', name: '普卡' }, { code: 'silver', name: '银卡', criteria: { growth: 1000 } }] } }));
    for (const p of [C20, MJ]) ok(await api.call('owner', { method: 'PUT', url: `/api/loyalty/promotions/${p.id}`, payload: p }));
    const ids: number[] = [];
    for (const memberNo of ['A', 'B', 'C']) {
      ids.push((ok(await api.call('pos', { method: 'POST', url: '/api/loyalty/members', payload: { memberNo, storeCode: 'S1' } }), 201) as { customerId: number }).customerId);
    }
    const [a, b, c] = ids as [number, number, number];
    ok(await api.call('owner', { method: 'POST', url: '/api/orders', payload: orderBody('PLAIN-1') }), 201); // a customer who never enrolled
    ok(await api.call('owner', { method: 'POST', url: `/api/customers/${a}/tier`, payload: { tierCode: 'silver', reason: '老顾客' } }));

    // C20: 3 to members, 2 unbound, 1 shared poster code = 6 issued; and one that lapsed on 2024-05-31.
    const issue = async (body: Record<string, unknown>) => (ok(await api.call('owner', { method: 'POST', url: '/api/loyalty/promotions/C20/coupons', payload: body }), 201) as { issued: { code: string; customerId: number | null }[] }).issued;
    const toMembers = await issue({ customerIds: [a, b, c] });
    await issue({ count: 2 });
    const [poster] = await issue({ count: 1, multiUse: true });
    await insertCoupons(api.store.db, [{ coupon: {
      code: 'LAPSED-1', templateId: 'C20', memberId: null, multiUse: false, issuedAt: '2024-05-01T00:00:00.000Z', validFrom: '2024-05-01T00:00:00.000Z',
      validTo: '2024-05-31T00:00:00.000Z', status: 'active', usedOrderId: null, reservedBy: null, reservedUntil: null,
    }, issuedOrderId: null, dedupeKey: null }]);

    // B uses its own coupon on ¥150; C uses the poster code on ¥120; A buys ¥130 of 家居 (MJ, no coupon).
    await commit('k-b', { member: { customerId: b }, lines: tee(15000), couponCodes: [toMembers.find((x) => x.customerId === b)!.code] });
    await commit('k-c', { member: { customerId: c }, lines: tee(12000), couponCodes: [poster!.code] });
    await commit('k-a', { member: { customerId: a }, lines: [{ lineNo: 1, sku: 'LAMP', category: '家居/灯具', quantity: 1, unitPriceMinor: 13000 }] });
    // Then the ladder changes: silver is gone, gold comes in. A stays on silver until its next activity re-places it.
    ok(await api.call('owner', { method: 'PUT', url: '/api/loyalty/tiers', payload: { tiers: [{ code: 'normal', name: '普卡' }, { code: 'gold', name: '金卡', criteria: { growth: 5000 } }] } }));

    const s = await stats();
    assert.deepEqual([s.customers, s.enrolled], [4, 3]);
    assert.deepEqual(s.tiers.map((t) => [t.code, t.name, t.inLadder, t.members]), [['normal', '普卡', true, 2], ['gold', '金卡', true, 0], ['silver', null, false, 1]]);
    assert.deepEqual(s.tiers.map((t) => t.share), [2 / 3, 0, 1 / 3]);
    const byId = Object.fromEntries(s.promotions.map((p) => [p.id, p]));
    assert.deepEqual(byId.C20!.coupons, { issued: 7, used: 1, void: 0, active: 5, expired: 1, multiUse: 1 });
    assert.equal(byId.C20!.redeemRate, 1 / 6, 'one used of six single-use coupons');
    assert.deepEqual([byId.C20!.uses, byId.C20!.discountMinor], [2, 4000], 'B\'s coupon and the poster code, ¥20 each');
    assert.deepEqual([byId.MJ!.coupon, byId.MJ!.coupons, byId.MJ!.redeemRate, byId.MJ!.uses, byId.MJ!.discountMinor, byId.MJ!.kind], [false, null, null, null, null, 'amount_off'], 'MJ has no limits, so the checkout does not count its uses');
  });
});

// The seed scenarios of the loyalty engine, end to end through the HTTP API on both dialects, with
// every figure worked out by hand: 满100减20/满200减50 on a ¥250 cart, 买5送1, platinum −10% on a
// promotion price, 100 points = ¥10 with a 满减 coupon, birthday-week double points, the referral
// reward on the first purchase (and self-referral from the referrer's device); and a return in two
// parts that restores the member's ledger exactly.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { forEachDialect } from './support/dialects.ts';
import { apiFixture, json, type Api } from './support/api.ts';

// The fixture's clock: 2024-06-01T00:00Z = Saturday 1 June, 08:00 in Shanghai (S1's zone).
const LADDER = {
  tiers: [
    { code: 'normal', name: '普卡' },
    { code: 'silver', name: '银卡', criteria: { growth: 1000 } },
    { code: 'gold', name: '金卡', criteria: { growth: 5000 }, benefits: { discountBp: 500 } },
    { code: 'platinum', name: '铂金卡', criteria: { growth: 20000 }, benefits: { discountBp: 1000, pointsMultiplierBp: 15000 } },
    { code: 'diamond', name: '钻石卡', criteria: { growth: 50000 }, benefits: { discountBp: 1500, pointsMultiplierBp: 20000 } },
  ],
};
const PROMOTIONS = [
  { id: 'MJ', name: '满100减20/满200减50', benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }, { thresholdMinor: 20000, offMinor: 5000 }] }, scope: { categories: ['家居'] } },
  { id: 'B5G1', name: '袜子买5送1', benefit: { kind: 'buy_n_get_m', buy: 5, get: 1 }, scope: { skus: ['SOCK'] } },
  { id: 'SPECIAL', name: 'T恤特价¥80', benefit: { kind: 'fixed_price', priceMinor: 8000 }, scope: { skus: ['TEE-P'] } },
  { id: 'C20', name: '满100减20券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }] } },
];

type Body = Record<string, unknown>;
interface Totals { grossMinor: number; tierDiscountMinor: number; promotionDiscountMinor: number; couponDiscountMinor: number; pointsUsed: number; pointsValueMinor: number; payableMinor: number; pointsToEarn: number; growthToEarn: number }
interface QuoteBody { quote: { totals: Totals; applied: { id: string; discountMinor: number; hint: { zh: string } | null }[]; notApplied: { id: string | null; reason: { code: string; zh: string } }[] } }
interface Balances { total: number; available: number; pending: number; expiredUnprocessed: number; debt: number; spendable: number }
interface LedgerBody { balances: Balances; lots: { lotNo: number; origin: string; points: number; remaining: number }[]; growth: number; coupons: { code: string; status: string }[] }

const line = (lineNo: number, sku: string, category: string, quantity: number, unitPriceMinor: number) => ({ lineNo, sku, category, quantity, unitPriceMinor });

forEachDialect('checkout API: seed scenarios', (dialect) => {
  let api: Api;
  const ok = (res: LightMyRequestResponse, status = 200) => { assert.equal(res.statusCode, status, res.body); return json(res); };
  const register = async (payload: Body) => ok(await api.call('pos', { method: 'POST', url: '/api/loyalty/members', payload: { storeCode: 'S1', ...payload } }), 201) as { customerId: number; referralCode: string; referral: unknown };
  const quote = async (payload: Body) => ok(await api.call('pos', { method: 'POST', url: '/api/checkout/quote', payload: { storeCode: 'S1', ...payload } })) as unknown as QuoteBody;
  const commit = (key: string, payload: Body) => api.call('pos', { method: 'POST', url: '/api/checkout/commit', headers: { 'idempotency-key': key }, payload: { storeCode: 'S1', ...payload } });
  const ledger = async (id: number) => ok(await api.call('owner', { url: `/api/customers/${id}/ledger` })) as unknown as LedgerBody;
  const givePoints = async (id: number, points: number) => ok(await api.call('owner', { method: 'POST', url: `/api/customers/${id}/points`, payload: { points, reason: '开卡礼' } }), 201);
  const issue = async (id: number) => (ok(await api.call('owner', { method: 'POST', url: '/api/loyalty/promotions/C20/coupons', payload: { customerIds: [id] } }), 201) as { issued: { code: string }[] }).issued[0]!.code;

  before(async () => {
    api = await apiFixture(dialect);
    ok(await api.call('owner', { method: 'PUT', url: '/api/loyalty/tiers', payload: LADDER }));
    for (const p of PROMOTIONS) ok(await api.call('owner', { method: 'PUT', url: `/api/loyalty/promotions/${p.id}`, payload: p }));
  });
  after(() => api.close());

  test('满100减20/满200减50 on a ¥250 cart takes ¥50; at ¥150 it takes ¥20 and says what the next step needs', async () => {
    const m = await register({ memberNo: 'A-1' });
    const q = await quote({ member: { customerId: m.customerId }, lines: [line(1, 'LAMP', '家居/灯具', 1, 25000)] });
    assert.deepEqual([q.quote.totals.promotionDiscountMinor, q.quote.totals.payableMinor, q.quote.totals.pointsToEarn], [5000, 20000, 200]);
    const small = await quote({ member: { customerId: m.customerId }, lines: [line(1, 'LAMP', '家居/灯具', 1, 15000)] });
    assert.equal(small.quote.totals.promotionDiscountMinor, 2000);
    assert.equal(small.quote.applied.find((a) => a.id === 'MJ')!.hint!.zh, '再买¥50可减¥50');
    const none = await quote({ lines: [line(1, 'LAMP', '家居/灯具', 1, 9000)] });
    assert.equal(none.quote.notApplied.find((n) => n.id === 'MJ')!.reason.zh, '还差¥10可用');
  });

  test('买5送1: six pairs of socks at ¥10, one is free', async () => {
    const q = await quote({ lines: [line(1, 'SOCK', '服装/袜', 6, 1000)] });
    assert.deepEqual([q.quote.totals.grossMinor, q.quote.totals.promotionDiscountMinor, q.quote.totals.payableMinor], [6000, 1000, 5000]);
    const five = await quote({ lines: [line(1, 'SOCK', '服装/袜', 5, 1000)] });
    assert.equal(five.quote.notApplied.find((n) => n.id === 'B5G1')!.reason.zh, '再买1件可用');
  });

  test('platinum −10% applies on the promotion price: ¥100 → ¥80 special → ¥72, and ×1.5 points', async () => {
    const m = await register({ memberNo: 'P-1' });
    ok(await api.call('owner', { method: 'POST', url: `/api/customers/${m.customerId}/tier`, payload: { tierCode: 'platinum', reason: '大客户' } }));
    const q = await quote({ member: { customerId: m.customerId }, lines: [line(1, 'TEE-P', '服装/上衣', 1, 10000)] });
    // ¥72 paid × 1 point per ¥ × 1.5 = 108 points.
    assert.deepEqual([q.quote.totals.promotionDiscountMinor, q.quote.totals.tierDiscountMinor, q.quote.totals.payableMinor, q.quote.totals.pointsToEarn], [2000, 800, 7200, 108]);
  });

  test('100 points = ¥10 pays part of a ¥150 order with a 满100减20 coupon', async () => {
    const m = await register({ memberNo: 'C-1' });
    await givePoints(m.customerId, 350);
    const code = await issue(m.customerId);
    const res = await commit('seed-points', { member: { customerId: m.customerId }, couponCodes: [code], pointsToUse: 100, lines: [line(1, 'TEE', '服装/上衣', 1, 15000)] });
    const body = ok(res, 201) as { quote: { totals: Totals }; points: { balances: Balances }; couponsRedeemed: string[] };
    // ¥150 − ¥20 − ¥10 = ¥120 paid in money; 120 points earned on it, pending for the 7-day return window.
    assert.deepEqual([body.quote.totals.couponDiscountMinor, body.quote.totals.pointsValueMinor, body.quote.totals.payableMinor, body.quote.totals.pointsToEarn], [2000, 1000, 12000, 120]);
    assert.deepEqual([body.points.balances.available, body.points.balances.pending, body.points.balances.total], [250, 120, 370]);
    const l = await ledger(m.customerId);
    assert.deepEqual(l.balances, body.points.balances);
    assert.equal(l.coupons.find((c) => c.code === code)!.status, 'used');
  });

  test('birthday week: double points (¥128.50 → 257 points; 128 outside the week)', async () => {
    // 1 June 2024 is a Saturday; the week is Mon 27 May – Sun 2 June. 29 May is in it, 10 June is not.
    const inWeek = await register({ memberNo: 'BD-1', birthDate: '1990-05-29' });
    const outside = await register({ memberNo: 'BD-2', birthDate: '1990-06-10' });
    const lines = [line(1, 'SHIRT', '服装/上衣', 1, 9900), line(2, 'SOX2', '服装/袜', 1, 2950)];
    assert.equal((await quote({ member: { customerId: outside.customerId }, lines })).quote.totals.pointsToEarn, 128);
    const body = ok(await commit('seed-birthday', { member: { customerId: inWeek.customerId }, lines }), 201) as { points: { earned: number } };
    assert.equal(body.points.earned, 257);
    const l = await ledger(inWeek.customerId);
    assert.deepEqual(l.lots.map((x) => [x.origin, x.points]), [['earn', 257]]);
  });

  test('referral: both sides rewarded on the referee\'s first purchase, once', async () => {
    const referrer = await register({ memberNo: 'REF-1', phone: '13900000001' });
    const newcomer = await register({ memberNo: 'NEW-1', phone: '13900000002', referralCode: referrer.referralCode });
    assert.deepEqual(newcomer.referral, { bound: true, referrerId: referrer.customerId });
    const unknown = await register({ memberNo: 'NEW-2', referralCode: 'RAAAAAAAAA' });
    assert.equal((unknown.referral as { reason: { code: string } }).reason.code, 'REFERRAL_CODE_UNKNOWN');

    const first = ok(await commit('ref-1', { member: { customerId: newcomer.customerId }, lines: [line(1, 'MUG', '家居/杯', 1, 6000)] }), 201) as
      { points: { earned: number; rewarded: number }; referral: { payouts: { role: string; points: number }[] } };
    // Default policy: 500 points to the referrer, 200 to the newcomer, besides the 60 the ¥60 order earns.
    assert.deepEqual(first.referral.payouts.map((p) => [p.role, p.points]), [['referrer', 500], ['referee', 200]]);
    assert.deepEqual([first.points.earned, first.points.rewarded], [60, 200]);
    assert.deepEqual((await ledger(referrer.customerId)).lots.map((x) => [x.origin, x.points]), [['reward', 500]]);
    const second = ok(await commit('ref-2', { member: { customerId: newcomer.customerId }, lines: [line(1, 'MUG', '家居/杯', 1, 6000)] }), 201) as { referral: unknown; points: { rewarded: number } };
    assert.deepEqual([second.referral, second.points.rewarded], [null, 0]);
    assert.equal((await ledger(referrer.customerId)).balances.total, 500);
  });

  test('referral from one of the referrer\'s own devices is self-referral; from another device it binds', async () => {
    const referrer = await register({ memberNo: 'REF-D', phone: '13900000011', deviceIds: ['phone-A', 'pad-A'] });
    const sameDevice = await register({ memberNo: 'NEW-D1', phone: '13900000012', referralCode: referrer.referralCode, deviceIds: ['pad-A'] });
    assert.equal((sameDevice.referral as { reason: { code: string } }).reason.code, 'REFERRAL_SELF');
    const otherDevice = await register({ memberNo: 'NEW-D2', phone: '13900000013', referralCode: referrer.referralCode, deviceIds: ['phone-B'] });
    assert.deepEqual(otherDevice.referral, { bound: true, referrerId: referrer.customerId });
    // The newcomer's devices are kept too: the next one on phone-B using NEW-D2's code is refused.
    const viaNewcomer = await register({ memberNo: 'NEW-D3', referralCode: otherDevice.referralCode, deviceIds: ['phone-B'] });
    assert.equal((viaNewcomer.referral as { reason: { code: string } }).reason.code, 'REFERRAL_SELF');
  });

  test('a return in two parts restores the member\'s ledger, growth and coupon exactly', async () => {
    const m = await register({ memberNo: 'RT-1' });
    await givePoints(m.customerId, 500);
    const code = await issue(m.customerId);
    const before = await ledger(m.customerId);
    const lines = [line(1, 'SHIRT', '服装/上衣', 2, 9900), line(2, 'SOX2', '服装/袜', 1, 2950)];
    const c = ok(await commit('to-return', { member: { customerId: m.customerId }, couponCodes: [code], pointsToUse: 300, lines }), 201) as { orderId: number; quote: { totals: Totals } };
    // ¥227.50 − ¥20 coupon − ¥30 of points = ¥177.50 paid → 177 points earned.
    assert.deepEqual([c.quote.totals.payableMinor, c.quote.totals.pointsToEarn], [17750, 177]);
    const part = ok(await api.call('pos', { method: 'POST', url: `/api/orders/${c.orderId}/returns`, payload: { externalId: 'R-a', lines: [{ lineNo: 1, quantity: 1 }] } }), 201) as
      { wholeOrderReturned: boolean; couponsReinstated: string[] };
    assert.deepEqual([part.wholeOrderReturned, part.couponsReinstated], [false, []]);
    const rest = ok(await api.call('pos', { method: 'POST', url: `/api/orders/${c.orderId}/returns`, payload: { externalId: 'R-b', lines: [{ lineNo: 1, quantity: 1 }, { lineNo: 2, quantity: 1 }] } }), 201) as
      { wholeOrderReturned: boolean; couponsReinstated: string[]; refundMinor: number };
    assert.deepEqual([rest.wholeOrderReturned, rest.couponsReinstated], [true, [code]]);
    const afterwards = await ledger(m.customerId);
    assert.deepEqual(afterwards.balances, before.balances);
    assert.equal(afterwards.growth, before.growth);
    for (const lot of before.lots) assert.equal(afterwards.lots.find((l) => l.lotNo === lot.lotNo)!.remaining, lot.remaining);
    assert.ok(afterwards.lots.every((l) => before.lots.some((b) => b.lotNo === l.lotNo) || l.remaining === 0));
    assert.equal(afterwards.coupons.find((x) => x.code === code)!.status, 'active');
  });

  test('backtest a proposed ladder: who would move, and the distribution, before saving it', async () => {
    const big = await register({ memberNo: 'BT-1' });
    const small = await register({ memberNo: 'BT-2' });
    ok(await commit('bt-big', { member: { customerId: big.customerId }, lines: [line(1, 'COAT', '服装/外套', 1, 30000)] }), 201);
    ok(await commit('bt-small', { member: { customerId: small.customerId }, lines: [line(1, 'CAP', '服装/帽', 1, 5000)] }), 201);
    // Growth 1 per ¥1 paid: 300 and 50. Nobody else in this suite keeps 250 or more (a full return took its growth back).
    const proposed = { tiers: [{ code: 'normal', name: '普卡' }, { code: 'gold', name: '金卡', criteria: { growth: 250 }, benefits: { discountBp: 500 } }] };
    const r = ok(await api.call('analyst', { method: 'POST', url: '/api/loyalty/tiers/backtest', payload: { ladder: proposed, from: '2024-06-01', to: '2024-06-01' } })) as
      { distribution: Record<string, number>; movers: { customerId: string; from: string; to: string; direction: string }[] };
    assert.equal(r.distribution.gold, 1);
    assert.deepEqual(r.movers.find((m) => m.customerId === String(big.customerId)), { customerId: String(big.customerId), from: 'normal', to: 'gold', direction: 'up' });
    assert.equal(r.movers.some((m) => m.customerId === String(small.customerId)), false);
    // Nothing was saved: the ladder in force still has five tiers.
    assert.equal((json<{ ladder: { tiers: unknown[] } }>(await api.call('owner', { url: '/api/loyalty/settings' }))).ladder.tiers.length, 5);
  });

  test('refusals and bad input name the field; business refusals carry the reason in Chinese and English', async () => {
    const m = await register({ memberNo: 'ERR-1' });
    const noKey = await api.call('pos', { method: 'POST', url: '/api/checkout/commit', payload: { storeCode: 'S1', lines: [line(1, 'A', 'x', 1, 100)] } });
    assert.equal(noKey.statusCode, 400);
    assert.match(JSON.stringify(json(noKey).errors), /idempotency-key/);
    const badStore = await api.call('pos', { method: 'POST', url: '/api/checkout/quote', payload: { storeCode: 'S2', lines: [line(1, 'A', 'x', 1, 100)] } });
    assert.deepEqual([badStore.statusCode, (json(badStore).errors as { field: string }[])[0]!.field], [403, '/storeCode']);
    const tooMany = await commit('too-many', { member: { customerId: m.customerId }, pointsToUse: 5000, lines: [line(1, 'A', 'x', 1, 10000)] });
    assert.equal(tooMany.statusCode, 422);
    assert.match(String(tooMany.headers['content-type']), /^application\/problem\+json/);
    const p = json<{ reason: { code: string; zh: string; en: string }; errors: { field: string }[] }>(tooMany);
    assert.deepEqual([p.reason.code, p.reason.zh, p.reason.en, p.errors[0]!.field], ['POINTS_INSUFFICIENT', '积分不足，可用0', 'only 0 points available', '/pointsToUse']);
    const badLadder = await api.call('owner', { method: 'PUT', url: '/api/loyalty/tiers', payload: { tiers: [{ code: 'a', name: 'A' }, { code: 'b', name: 'B', criteria: { spendMinor: -1 } }] } });
    assert.deepEqual([badLadder.statusCode, (json(badLadder).errors as { field: string }[])[0]!.field], [400, 'tiers/1/criteria/spendMinor']);
  });
});

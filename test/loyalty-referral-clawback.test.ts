// 老带新 clawback through the HTTP API on both dialects: the referee's first purchase pays both sides;
// returning part of it takes nothing back; returning the rest takes both rewards back — the referrer
// has spent most of theirs, so only what is left is taken and the rest forgiven (no debt by default) —
// voids the unused reward coupon and marks the binding, so a later order pays nothing. Figures by hand.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { returnOrder } from '../src/app/loyalty/returns.ts';
import { forEachDialect } from './support/dialects.ts';
import { apiFixture, json, NOW, type Api } from './support/api.ts';

interface Balances { total: number; available: number; pending: number; debt: number }
interface Ledger { balances: Balances; entries: { kind: string; points: number; note: string | null }[]; coupons: { code: string; templateId: string; status: string }[] }
interface Commit { orderId: number; points: { earned: number; rewarded: number }; couponsIssued: { code: string; templateId: string }[]; referral: { payouts: { role: string; points: number }[] } | null }
interface Return { wholeOrderReturned: boolean; points: { clawedBack: number; balances: Balances }; couponsVoided: string[] }

const WELCOME = { id: 'WELCOME', name: '新人券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 0, offMinor: 1000 }] } };

forEachDialect('referral clawback on a full return (API)', (dialect) => {
  let api: Api;
  let referrer = 0, referee = 0, orderId = 0, welcome = '', referrerCode = '';
  const ok = (res: LightMyRequestResponse, status = 200) => { assert.equal(res.statusCode, status, res.body); return json(res); };
  const ledger = async (id: number) => ok(await api.call('owner', { method: 'GET', url: `/api/customers/${id}/ledger` })) as unknown as Ledger;
  const register = async (payload: Record<string, unknown>) => ok(await api.call('pos', { method: 'POST', url: '/api/loyalty/members', payload: { storeCode: 'S1', ...payload } }), 201) as { customerId: number; referralCode: string };
  const commit = async (key: string) => ok(await api.call('pos', { method: 'POST', url: '/api/checkout/commit', headers: { 'idempotency-key': key },
    payload: { storeCode: 'S1', member: { customerId: referee }, lines: [{ lineNo: 1, sku: 'TEE', quantity: 2, unitPriceMinor: 5000 }] } }), 201) as unknown as Commit;
  const giveBack = (externalId: string) => api.call('pos', { method: 'POST', url: `/api/orders/${orderId}/returns`, payload: { externalId, lines: [{ lineNo: 1, quantity: 1 }] } });

  before(async () => {
    api = await apiFixture(dialect);
    ok(await api.call('owner', { method: 'PUT', url: '/api/loyalty/promotions/WELCOME', payload: WELCOME }));
    // No return window (points usable at once), the default 500 / 200 referral points, and a welcome coupon for the newcomer.
    ok(await api.call('owner', { method: 'PUT', url: '/api/loyalty/policy', payload: { returnWindowDays: 0, referral: { referee: { points: 200, couponTemplateId: 'WELCOME' } } } }));
    const r = await register({ memberNo: 'REF-1' });
    referrer = r.customerId;
    referrerCode = r.referralCode;
    referee = (await register({ memberNo: 'NEW-1', referralCode: r.referralCode })).customerId;
  });
  after(() => api.close());

  test('the first purchase pays both sides; the referrer donates 400 of the 500', async () => {
    const c = await commit('E-1');
    orderId = c.orderId;
    // ¥100 → 100 points earned; 200 referral points and a welcome coupon for the newcomer, 500 for the referrer.
    assert.deepEqual([c.points.earned, c.points.rewarded], [100, 200]);
    assert.deepEqual(c.referral!.payouts.map((p) => [p.role, p.points]), [['referrer', 500], ['referee', 200]]);
    welcome = c.couponsIssued.find((x) => x.templateId === 'WELCOME')!.code;
    ok(await api.call('manager', { method: 'POST', url: `/api/loyalty/members/${referrer}/donations`, headers: { 'idempotency-key': 'give' }, payload: { points: 400, cause: '希望工程' } }), 201);
    assert.equal((await ledger(referrer)).balances.total, 100);
  });

  test('part of the order back: its own points come back per line, the referral stays', async () => {
    const r = ok(await giveBack('R-1'), 201) as unknown as Return;
    // 1 of 2 units: 50 of the 100 earned points; 100 + 200 − 50 = 250 left.
    assert.deepEqual([r.wholeOrderReturned, r.points.clawedBack, r.points.balances.total, r.couponsVoided], [false, 50, 250, []]);
    assert.equal((await ledger(referrer)).balances.total, 100);
  });

  test('the rest back: both rewards taken back (the referrer\'s spent 400 forgiven), the coupon voided, the binding marked', async () => {
    const r = ok(await giveBack('R-2'), 201) as unknown as Return;
    // The newcomer: the other 50 earned points and the 200 reward → 0. The referrer: the 100 left of the reward → 0, 400 forgiven.
    assert.deepEqual([r.wholeOrderReturned, r.points.clawedBack, r.points.balances.total, r.points.balances.debt], [true, 50, 0, 0]);
    assert.deepEqual(r.couponsVoided, [welcome]);
    const ref = await ledger(referrer);
    assert.deepEqual([ref.balances.total, ref.balances.debt], [0, 0]);
    assert.deepEqual(ref.entries.filter((e) => e.kind === 'clawback').map((e) => [e.points, e.note]), [[-100, 'referral referrer clawback']]);
    const newcomer = await ledger(referee);
    assert.deepEqual(newcomer.entries.filter((e) => e.note === 'referral referee clawback').map((e) => e.points), [-200]);
    assert.equal(newcomer.coupons.find((x) => x.code === welcome)!.status, 'void');
    const mark = await api.store.db.selectFrom('referral_clawbacks').selectAll().where('referee_id', '=', referee).executeTakeFirstOrThrow();
    assert.deepEqual([mark.order_id, mark.referrer_points, mark.referee_points, mark.shortfall], [String(orderId), 100, 200, 400]);
  });

  test('the return replays without taking anything twice; a later order pays no referral', async () => {
    const again = await giveBack('R-2');
    assert.equal(again.statusCode, 200);
    // The replayed answer carries the clawback summary, through the API and from the use-case alike.
    const summary = {
      referrerId: referrer, refereeId: referee, orderId: String(orderId),
      referrer: { rewarded: 500, takenBack: 100, shortfall: 400 }, referee: { rewarded: 200, takenBack: 200, shortfall: 0 }, couponsVoided: [welcome],
    };
    assert.deepEqual(again.json<{ referral: unknown }>().referral, summary);
    const stored = await returnOrder(api.store.db, orderId, { externalId: 'R-2', lines: [{ lineNo: 1, quantity: 1 }] }, { now: NOW, storeIds: null, actor: 'test' });
    assert.deepEqual(stored.body.referral, summary);
    assert.equal((await ledger(referrer)).entries.filter((e) => e.kind === 'clawback').length, 1);
    const next = await commit('E-2');
    assert.deepEqual([next.referral, next.points.rewarded, next.points.earned], [null, 0, 100]);
    assert.equal((await ledger(referrer)).balances.total, 0);
  });

  test('a reward taken back does not count towards the referrer\'s cap', async () => {
    ok(await api.call('owner', { method: 'PUT', url: '/api/loyalty/policy', payload: {
      returnWindowDays: 0, referral: { referee: { points: 200, couponTemplateId: 'WELCOME' }, maxRewardsPerReferrer: 1 },
    } }));
    const second = (await register({ memberNo: 'NEW-2', referralCode: referrerCode })).customerId;
    const c = ok(await api.call('pos', { method: 'POST', url: '/api/checkout/commit', headers: { 'idempotency-key': 'E-3' },
      payload: { storeCode: 'S1', member: { customerId: second }, lines: [{ lineNo: 1, sku: 'TEE', quantity: 2, unitPriceMinor: 5000 }] } }), 201) as unknown as Commit;
    // The cap is 1 and NEW-1's reward was taken back: NEW-2's first purchase pays both sides again.
    assert.deepEqual(c.referral!.payouts.map((p) => [p.role, p.points]), [['referrer', 500], ['referee', 200]]);
    assert.equal((await ledger(referrer)).balances.total, 500);
  });
});

// The daily loyalty jobs through the HTTP API on both dialects: the tier review (renew, grace hold,
// downgrade after the grace, exit of an idle member; running it twice writes nothing more) and the
// birthday coupons (lead days, the tier's gift on the day, once per member per year, catch-up of a
// birthday no run covered). Every expected figure is worked out by hand in the comments.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { forEachDialect } from './support/dialects.ts';
import { apiFixture, json, type Api } from './support/api.ts';

type Body = Record<string, unknown>;
interface History { date: string; action: string; from: string | null; to: string; reasons: { code: string; params: Record<string, string | number> }[] }
interface Ledger { tier: { tierCode: string; reviewOn: string } | null; tierHistory: History[]; coupons: { templateId: string; code: string }[] }
interface Review { date: string; reviewed: number; actions: Record<string, number>; changes: { customerId: number; action: string; from: string | null; to: string }[]; skipped: number[] }

function helpers(get: () => Api) {
  const ok = (res: LightMyRequestResponse, status = 200) => { assert.equal(res.statusCode, status, res.body); return json(res); };
  return {
    ok,
    put: async (url: string, payload: Body) => ok(await get().call('owner', { method: 'PUT', url, payload })),
    register: async (payload: Body) => (ok(await get().call('pos', { method: 'POST', url: '/api/loyalty/members', payload: { storeCode: 'S1', ...payload } }), 201) as { customerId: number }).customerId,
    buy: async (customerId: number, key: string, amountMinor: number, placedAt?: string) => ok(await get().call('pos', {
      method: 'POST', url: '/api/checkout/commit', headers: { 'idempotency-key': key },
      payload: { storeCode: 'S1', member: { customerId }, placedAt, lines: [{ lineNo: 1, sku: 'BAG', quantity: 1, unitPriceMinor: amountMinor }] },
    }), 201),
    ledger: async (id: number) => ok(await get().call('owner', { method: 'GET', url: `/api/customers/${id}/ledger` })) as unknown as Ledger,
  };
}

// Silver from ¥500 and gold from ¥1,000 of spend in the last 365 days; reviewed every 1 January with 31 days' grace;
// a member idle for 600 days drops to the entry tier.
const TIERS = {
  tiers: [
    { code: 'normal', name: '普卡' },
    { code: 'silver', name: '银卡', criteria: { spendMinor: 50_000 } },
    { code: 'gold', name: '金卡', criteria: { spendMinor: 100_000 } },
  ],
  review: { basis: 'calendar', monthDay: '01-01' }, graceDays: 31, exitAfterDays: 600,
};

forEachDialect('tier review job (API)', (dialect) => {
  let api: Api;
  const h = helpers(() => api);
  const ids: Record<'A' | 'B' | 'C' | 'D', number> = { A: 0, B: 0, C: 0, D: 0 };
  const review = async (date: string, who: 'owner' | 'manager' = 'owner') => api.call(who, { method: 'POST', url: '/api/loyalty/tier-reviews', payload: { date } });
  const historyCount = async () => Number((await api.store.db.selectFrom('tier_history').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  before(async () => {
    api = await apiFixture(dialect);
    await h.put('/api/loyalty/tiers', TIERS);
    for (const k of ['A', 'B', 'C', 'D'] as const) ids[k] = await h.register({ memberNo: `T-${k}` });
    // A, B and D buy ¥1,200 on 2023-03-01: gold at once, first review on the first 1 January a year or more on: 2025-01-01.
    for (const k of ['A', 'B', 'D'] as const) await h.buy(ids[k], `gold-${k}`, 120_000, '2023-03-01T04:00:00Z');
    // On 2024-05-20 A buys ¥1,100 (still gold on 2025-01-01), B ¥600 (only silver); D buys nothing again.
    await h.buy(ids.A, 'A-2', 110_000, '2024-05-20T04:00:00Z');
    await h.buy(ids.B, 'B-2', 60_000, '2024-05-20T04:00:00Z');
    // C registered on 2024-06-01 and bought nothing: entry tier, first review 2026-01-01.
  });
  after(() => api.close());

  test('only the owner runs it (loyalty:configure); a bad date is named', async () => {
    assert.equal((await review('2025-01-01', 'manager')).statusCode, 403);
    const bad = await review('2025-13-01');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /date/);
  });

  test('on the review date: A renews, B is held in grace, idle D exits; C is not due', async () => {
    const r = h.ok(await review('2025-01-01')) as unknown as Review;
    // Due: A, B, D (review 2025-01-01); D also idle since 2023-03-01 (672 days ≥ 600). C reviews on 2026-01-01.
    assert.equal(r.reviewed, 3);
    assert.deepEqual(r.actions, { renew: 1, hold: 1, exit: 1 });
    assert.deepEqual(r.changes.map((c) => [c.customerId, c.action, c.from, c.to]), [
      [ids.A, 'renew', 'gold', 'gold'], [ids.B, 'hold', 'gold', 'gold'], [ids.D, 'exit', 'gold', 'normal'],
    ]);
    const a = await h.ledger(ids.A);
    // A's window (2024-01-01, 2025-01-01] holds ¥1,100 ≥ ¥1,000: kept until the next 1 January.
    assert.deepEqual([a.tier!.tierCode, a.tier!.reviewOn], ['gold', '2026-01-01']);
    assert.deepEqual(a.tierHistory.filter((x) => x.date === '2025-01-01').map((x) => [x.action, x.reasons.map((y) => y.code)]), [['renew', ['TIER_RENEWED']]]);
    const b = await h.ledger(ids.B);
    // B has ¥600 in the window: not gold any more, but 31 days' grace — until 2025-02-01.
    assert.equal(b.tier!.tierCode, 'gold');
    const hold = b.tierHistory.find((x) => x.action === 'hold')!;
    assert.deepEqual(hold.reasons.map((y) => [y.code, y.params]), [['TIER_NOT_REQUALIFIED', { tier: '金卡' }], ['TIER_GRACE', { until: '2025-02-01' }]]);
    const d = await h.ledger(ids.D);
    assert.equal(d.tier!.tierCode, 'normal');
    assert.deepEqual(d.tierHistory.find((x) => x.action === 'exit')!.reasons.map((y) => [y.code, y.params]), [['TIER_INACTIVE', { days: 672 }]]);
    assert.equal((await h.ledger(ids.C)).tier!.tierCode, 'normal');
  });

  test('the same date again writes nothing more', async () => {
    const before = await historyCount();
    const again = h.ok(await review('2025-01-01')) as unknown as Review;
    // Only B is still due (review date unchanged while held); its hold is already on record.
    assert.deepEqual([again.reviewed, again.actions, again.changes], [1, {}, []]);
    assert.equal(await historyCount(), before);
  });

  test('after the grace B goes down to the tier the window qualifies for; then nothing is due', async () => {
    const r = h.ok(await review('2025-02-01')) as unknown as Review;
    // Window (2024-02-02, 2025-02-01] holds ¥600: silver. A new tier is held a year: next review 2027-01-01.
    assert.deepEqual([r.reviewed, r.actions], [1, { downgrade: 1 }]);
    assert.deepEqual(r.changes.map((c) => [c.customerId, c.from, c.to]), [[ids.B, 'gold', 'silver']]);
    const b = await h.ledger(ids.B);
    assert.deepEqual([b.tier!.tierCode, b.tier!.reviewOn], ['silver', '2027-01-01']);
    assert.deepEqual(b.tierHistory.filter((x) => x.date === '2025-02-01').map((x) => [x.action, x.from, x.to, x.reasons.map((y) => y.code)]),
      [['downgrade', 'gold', 'silver', ['TIER_NOT_REQUALIFIED']]]);
    const later = h.ok(await review('2025-02-02')) as unknown as Review;
    assert.deepEqual([later.reviewed, later.changes], [0, []]);
  });
});

const TEMPLATES = [
  { id: 'CAKE', name: '生日蛋糕券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 0, offMinor: 3000 }] } },
  { id: 'GIFT', name: '金卡生日礼', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 0, offMinor: 10000 }] } },
];

forEachDialect('birthday coupons job (API)', (dialect) => {
  let api: Api;
  const h = helpers(() => api);
  const ids: Record<'P' | 'Q' | 'R' | 'T', number> = { P: 0, Q: 0, R: 0, T: 0 };
  const run = async (date: string, who: 'owner' | 'manager' | 'clerk' = 'manager') => api.call(who, { method: 'POST', url: '/api/loyalty/birthday-runs', payload: { date } });
  interface Run { date: string; members: number; issued: number; coupons: { templateId: string; customerId: number }[] }

  before(async () => {
    api = await apiFixture(dialect);
    for (const t of TEMPLATES) await h.put(`/api/loyalty/promotions/${t.id}`, t);
    // Gold (growth ≥ 1,000) gets a birthday gift on the day; everyone gets a cake coupon from 7 days before.
    await h.put('/api/loyalty/tiers', { tiers: [{ code: 'normal', name: '普卡' }, { code: 'gold', name: '金卡', criteria: { growth: 1000 }, benefits: { birthdayGift: 'GIFT' } }] });
    // No catch-up at first: these tests are about the lead days (the last one turns catch-up on).
    await h.put('/api/loyalty/policy', { autoIssue: [{ id: 'bd', event: 'birthday', templateId: 'CAKE', leadDays: 7 }], birthdayCatchUpDays: 0 });
    ids.P = await h.register({ memberNo: 'B-P', birthDate: '1990-06-05' });
    ids.Q = await h.register({ memberNo: 'B-Q', birthDate: '1985-06-08' });
    ids.R = await h.register({ memberNo: 'B-R', birthDate: '1992-06-20' });
    ids.T = await h.register({ memberNo: 'B-T' });
    await h.buy(ids.Q, 'Q-gold', 100_000); // ¥1,000 → growth 1,000: gold
  });
  after(() => api.close());

  test('clerks may not run it (loyalty:write)', async () => {
    assert.equal((await run('2024-06-01', 'clerk')).statusCode, 403);
  });

  test('the window: P (4 days ahead) and Q (7 days ahead) get the cake coupon; R (19 days) and T (no birth date) nothing', async () => {
    const r = h.ok(await run('2024-06-01')) as unknown as Run;
    assert.deepEqual([r.date, r.members, r.issued], ['2024-06-01', 2, 2]);
    assert.deepEqual(r.coupons.map((c) => [c.customerId, c.templateId]).sort(), [[ids.P, 'CAKE'], [ids.Q, 'CAKE']].sort());
    const again = h.ok(await run('2024-06-01')) as unknown as Run;
    assert.deepEqual([again.members, again.issued], [2, 0]);
  });

  test('on Q\'s birthday: the gold gift, and no second cake coupon; the next year it starts again', async () => {
    const r = h.ok(await run('2024-06-08')) as unknown as Run;
    // Window 06-08 … 06-15: Q only (P's birthday has passed). The cake coupon for 2024 exists already.
    assert.deepEqual([r.members, r.issued, r.coupons.map((c) => [c.customerId, c.templateId])], [1, 1, [[ids.Q, 'GIFT']]]);
    assert.deepEqual((await h.ledger(ids.Q)).coupons.map((c) => c.templateId).sort(), ['CAKE', 'GIFT']);
    assert.deepEqual((await h.ledger(ids.P)).coupons.map((c) => c.templateId), ['CAKE']);
    assert.deepEqual((await h.ledger(ids.R)).coupons, []);
    const next = h.ok(await run('2025-06-08')) as unknown as Run;
    assert.deepEqual([next.members, next.issued], [1, 2]);
  });

  test('the daily run for a date: expiry, tier reviews, then birthdays — after the birthday run nothing more is issued', async () => {
    const daily = (who: 'owner' | 'manager') => api.call(who, { method: 'POST', url: '/api/loyalty/daily-runs', payload: { date: '2025-06-08' } });
    assert.equal((await daily('manager')).statusCode, 403, 'tier reviews need loyalty:configure');
    const d = h.ok(await daily('owner')) as unknown as { date: string; expiry: { date: string; pointsExpired: number }; tierReviews: { date: string }; birthdays: Run };
    // The 2025 birthday run above issued Q's coupons for that year: the daily run's birthday part finds Q due and issues nothing.
    assert.deepEqual([d.date, d.expiry.date, d.tierReviews.date, d.birthdays.date], ['2025-06-08', '2025-06-08', '2025-06-08', '2025-06-08']);
    assert.deepEqual([d.birthdays.members, d.birthdays.issued], [1, 0]);
  });

  test('catch-up: a birthday no run covered is honoured late, once; not one from before the member joined', async () => {
    await h.put('/api/loyalty/policy', { autoIssue: [{ id: 'bd', event: 'birthday', templateId: 'CAKE', leadDays: 7 }], birthdayCatchUpDays: 3 });
    // Both join on the fixture's day, 2024-06-01: U's birthday is 06-03, V's was 05-30.
    const U = await h.register({ memberNo: 'B-U', birthDate: '1991-06-03' });
    const V = await h.register({ memberNo: 'B-V', birthDate: '1980-05-30' });
    // 2024-06-02 reaches back to 05-30: V's birthday, but before V joined — nothing. U (1 day ahead) gets the cake coupon.
    const early = h.ok(await run('2024-06-02')) as unknown as Run;
    assert.deepEqual(early.coupons.map((c) => [c.customerId, c.templateId]), [[U, 'CAKE']]);
    // W has U's birthday but joined after the 06-02 run, so no run covered W's window: the run on 06-05, two days
    // past the birthday and inside the 3 catch-up days, gives W the coupon late.
    const W = await h.register({ memberNo: 'B-W', birthDate: '1993-06-03' });
    const late = h.ok(await run('2024-06-05')) as unknown as Run;
    assert.deepEqual(late.coupons.map((c) => [c.customerId, c.templateId]), [[W, 'CAKE']], 'W late; U, P and Q already had theirs');
    const again = h.ok(await run('2024-06-06')) as unknown as Run;
    assert.equal(again.issued, 0, 'once per birthday year');
    // 4 days past is beyond the 3 catch-up days: a member joined now with a 06-03 birthday gets nothing on 06-07.
    const X = await h.register({ memberNo: 'B-X', birthDate: '1994-06-03' });
    const tooLate = h.ok(await run('2024-06-07')) as unknown as Run;
    assert.ok(!tooLate.coupons.some((c) => c.customerId === X));
    assert.deepEqual((await h.ledger(V)).coupons, []);
  });
});

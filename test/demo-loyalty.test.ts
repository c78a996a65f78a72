// The demo chain's loyalty history on both dialects: a small demo (300 members) plus a year of
// checkouts for its 60 best customers. Figures are recomputed from the generator's output and from
// the stored rows, and hand-counted from the plan's rules (member i of the ranking visits 1 + i mod 5
// times; every third uses a coupon on the first visit; i ≡ 1 mod 3 keeps a fresh 满100减20 coupon,
// i ≡ 2 mod 6 one that lapsed; even ranks pay with points on later visits).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDemoLoyalty } from '../src/app/demo-loyalty.ts';
import { loadDemo } from '../src/app/load-demo.ts';
import { memberLedger } from '../src/app/loyalty/members.ts';
import { loyaltyStats } from '../src/app/loyalty/stats.ts';
import { generateDemo } from '../src/domain/demo/generate.ts';
import type { CustomerRef } from '../src/domain/orders/types.ts';
import { forEachDialect, freshStore } from './support/dialects.ts';
import { aggregatesSnapshot, micro } from './support/aggregates.ts';
import { rebuildSummaries } from '../src/store/summary.repo.ts';

const OPTS = { seed: 7, members: 300, asOf: '2026-06-30' };
const NOW = '2026-07-01T00:00:00.000Z';
/** The loyalty history is seen from 10:00 in Shanghai on the day after `asOf`. */
const SEEN_FROM = '2026-07-01T02:00:00.000Z';
const MEMBERS = 60;

/** Net spend per customer reference (`m:` member number or `p:` phone; order lines less returned amounts), from the generator alone. */
function netByRef(): Map<string, number> {
  const demo = generateDemo(OPTS);
  const net = new Map<string, number>();
  const add = (c: CustomerRef | null, minor: number) => {
    const ref = c?.memberNo ? `m:${c.memberNo}` : c?.phone ? `p:${c.phone}` : null;
    if (ref) net.set(ref, (net.get(ref) ?? 0) + minor);
  };
  for (const o of demo.orders) add(o.customer, o.lines.reduce((s, l) => s + l.netMinor, 0));
  for (const r of demo.returns) add(r.customer, -r.lines.reduce((s, l) => s + l.amountMinor, 0));
  return net;
}

forEachDialect('demo loyalty history', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let report: { members: number; checkouts: number };
  let ranked: number[];
  before(async () => {
    store = await freshStore(dialect);
    await loadDemo(store.db, { ...OPTS, now: () => NOW });
    report = await loadDemoLoyalty(store.db, { asOf: OPTS.asOf, members: MEMBERS });
    // The best MEMBERS customers, ties broken by customer id (a reference is a member number, else a phone).
    const byRef = new Map<string, number>();
    for (const c of await store.db.selectFrom('customers').select(['id', 'member_no', 'phone']).execute()) {
      if (c.member_no) byRef.set(`m:${c.member_no}`, c.id);
      if (c.phone) byRef.set(`p:${c.phone}`, c.id);
    }
    const net = new Map<number, number>();
    for (const [ref, minor] of netByRef()) net.set(byRef.get(ref)!, (net.get(byRef.get(ref)!) ?? 0) + minor);
    ranked = [...net].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, MEMBERS).map(([id]) => id);
  });
  after(() => store.drop());

  test('every planned checkout is one order of the right member, at the first store', async () => {
    const expected = ranked.flatMap((id, i) => Array.from({ length: 1 + (i % 5) }, (_, k) => `seed-${id}-${k}`)).sort();
    assert.equal(expected.length, 12 * (1 + 2 + 3 + 4 + 5), '60 members: twelve rounds of 1..5 visits');
    assert.equal(report.checkouts, expected.length);
    assert.equal(report.members, MEMBERS);
    const orders = await store.db.selectFrom('orders').innerJoin('stores', 'stores.id', 'orders.store_id')
      .select(['orders.id', 'orders.external_id', 'orders.customer_id', 'stores.code']).where('orders.source', '=', 'checkout').execute();
    assert.deepEqual(orders.map((o) => o.external_id).sort(), expected, 'each key once, nothing else');
    for (const o of orders) assert.equal(`seed-${o.customer_id}-`, o.external_id.replace(/\d+$/, ''), o.external_id);
    const firstStore = (await store.db.selectFrom('stores').select('code').orderBy('code').executeTakeFirstOrThrow()).code;
    assert.ok(orders.every((o) => o.code === firstStore));
    const checkouts = await store.db.selectFrom('checkouts').select(['idempotency_key', 'order_id']).execute();
    assert.deepEqual(new Map(checkouts.map((c) => [c.idempotency_key, c.order_id])), new Map(orders.map((o) => [o.external_id, o.id])));
  });

  test('balances are the sums of ledger entries; no lot is overdrawn or kept past its expiry', async () => {
    const entries = await store.db.selectFrom('points_entries').select(['customer_id', 'lot_no', 'kind', 'points', 'order_id']).execute();
    const lots = await store.db.selectFrom('points_lots').select(['customer_id', 'lot_no', 'expires_on']).execute();
    const sumBy = new Map<number, number>();
    const lotSum = new Map<string, number>();
    for (const e of entries) {
      sumBy.set(e.customer_id, (sumBy.get(e.customer_id) ?? 0) + e.points);
      if (e.lot_no !== null) lotSum.set(`${e.customer_id}/${e.lot_no}`, (lotSum.get(`${e.customer_id}/${e.lot_no}`) ?? 0) + e.points);
    }
    assert.deepEqual([...sumBy.keys()].sort((a, b) => a - b), [...ranked].sort((a, b) => a - b), 'every seeded member earned points');
    for (const id of ranked) {
      const { balances } = await memberLedger(store.db, id, { now: new Date(SEEN_FROM) });
      assert.equal(balances.total, sumBy.get(id), `member ${id}`);
    }
    const today = '2026-07-01';
    for (const l of lots) {
      const left = lotSum.get(`${l.customer_id}/${l.lot_no}`) ?? 0;
      assert.ok(left >= 0, `lot ${l.customer_id}/${l.lot_no} overdrawn`);
      if (l.expires_on !== null && l.expires_on <= today) assert.equal(left, 0, `lot ${l.customer_id}/${l.lot_no} expired on ${l.expires_on} still holds points`);
    }
    assert.ok(entries.some((e) => e.kind === 'expire'), 'points earned over 180 days ago expired');
    // Points paid: by even ranks on later visits only, in hundreds, at most 1,500 a checkout.
    const even = new Set(ranked.filter((_, i) => i % 2 === 0));
    const paid = new Map<string, number>();
    for (const e of entries.filter((x) => x.kind === 'redeem')) paid.set(e.order_id!, (paid.get(e.order_id!) ?? 0) - e.points);
    assert.ok(paid.size > 0, 'some members paid with points');
    const orders = new Map((await store.db.selectFrom('orders').select(['id', 'external_id', 'customer_id']).where('source', '=', 'checkout').execute()).map((o) => [String(o.id), o]));
    for (const [orderId, points] of paid) {
      const o = orders.get(orderId)!;
      assert.ok(even.has(o.customer_id!) && !o.external_id.endsWith('-0'), o.external_id);
      assert.ok(points > 0 && points <= 1500 && points % 100 === 0, `${o.external_id}: ${points}`);
    }
  });

  test('members per tier add up, and coupons are as the plan hands them out', async () => {
    const stats = await loyaltyStats(store.db, { now: SEEN_FROM });
    assert.equal(stats.tiers.reduce((s, t) => s + t.members, 0), MEMBERS);
    assert.equal(stats.enrolled, MEMBERS);
    assert.deepEqual(stats.tiers.map((t) => t.code), ['normal', 'silver', 'gold', 'platinum', 'diamond'], 'the demo ladder is in force');
    const byTier = await store.db.selectFrom('member_tiers').select(['tier_code', (e) => e.fn.countAll<number>().as('n')]).groupBy('tier_code').execute();
    for (const r of byTier) assert.equal(stats.tiers.find((t) => t.code === r.tier_code)?.members, Number(r.n), r.tier_code);
    assert.ok(byTier.length > 1, 'the year lifts some members above the entry tier');

    // Hand count for ranks 0..59: used = i ≡ 0 mod 3 (20; C50 when even, i.e. i ≡ 0 mod 6: 10; C20: 10),
    // fresh C20 = i ≡ 1 mod 3 (20), lapsed C50 = i ≡ 2 mod 6 (10).
    const coupons = await store.db.selectFrom('coupons').select(['template_id', 'customer_id', 'status', 'valid_to', 'used_order_id']).execute();
    const count = (t: string, f: (c: typeof coupons[number]) => boolean) => coupons.filter((c) => c.template_id === t && f(c)).length;
    assert.equal(coupons.length, 50);
    assert.deepEqual([count('C50', (c) => c.status === 'used'), count('C20', (c) => c.status === 'used')], [10, 10]);
    assert.equal(count('C20', (c) => c.status === 'active' && c.valid_to > SEEN_FROM), 20);
    assert.equal(count('C50', (c) => c.status !== 'used' && c.valid_to < SEEN_FROM), 10);
    const owner = new Map((await store.db.selectFrom('orders').select(['id', 'customer_id']).where('source', '=', 'checkout').execute()).map((o) => [String(o.id), o.customer_id]));
    for (const c of coupons.filter((x) => x.status === 'used')) assert.equal(owner.get(c.used_order_id!), c.customer_id, 'used on its owner\'s order');
    const c20 = stats.promotions.find((p) => p.id === 'C20')!.coupons!;
    assert.deepEqual([c20.issued, c20.used, c20.active], [30, 10, 20]);
  });

  test('the summaries and report aggregates kept through the checkouts equal a rebuild from the orders', async () => {
    // Weighed goods: items are sums of doubles added in another order by SQL, compared to a millionth.
    const summaries = async () => (await store.db.selectFrom('customer_summary').selectAll().execute())
      .map((r) => JSON.stringify({ ...r, items: micro(r.items) })).sort();
    const kept = { summaries: await summaries(), aggregates: await aggregatesSnapshot(store.db) };
    await rebuildSummaries(store.db);
    assert.deepEqual({ summaries: await summaries(), aggregates: await aggregatesSnapshot(store.db) }, kept);
  });

  test('loading the demo and its loyalty history again changes nothing', async () => {
    const snapshot = async () => {
      const tables = ['orders', 'checkouts', 'coupons', 'points_lots', 'points_entries', 'member_tiers', 'tier_history', 'member_activity',
        'promotion_usage', 'promotions', 'loyalty_config', 'customer_summary'] as const;
      const out: Record<string, unknown[]> = {};
      for (const t of tables) out[t] = (await store.db.selectFrom(t).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
      return out;
    };
    const before = await snapshot();
    await loadDemo(store.db, { ...OPTS, now: () => NOW });
    const again = await loadDemoLoyalty(store.db, { asOf: OPTS.asOf, members: MEMBERS });
    assert.deepEqual(again, report);
    const after = await snapshot();
    assert.ok(before.points_entries!.length > 0);
    for (const t of Object.keys(before)) assert.deepEqual(after[t], before[t], t);
  });
});

// Every report figure on a generated chain, recomputed here by plain loops over the generator's own
// order list (not the store, not the domain code) and compared, on both dialects. Returns are in the
// data and must not move any figure: orders count as placed (docs/reports.md).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { recordSales } from '../src/app/record-sales.ts';
import { cohortReport, cycleReport, overviewReport, repurchaseReport } from '../src/app/reports.ts';
import { generateDemo } from '../src/domain/demo/generate.ts';
import type { OrderInput, ReturnInput } from '../src/domain/orders/types.ts';
import type { Kysely } from 'kysely';
import { upsertCustomers } from '../src/store/customers.repo.ts';
import { upsertProducts } from '../src/store/products.repo.ts';
import type { DB } from '../src/store/schema.ts';
import { upsertStores } from '../src/store/stores.repo.ts';
import { forEachDialect, freshStore } from './support/dialects.ts';

const DEMO = { asOf: '2024-06-30', members: 400, days: 300, seed: 7 };
const DAY = 86400000;
const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / DAY;

/**
 * Weighed goods (0.35 kg) become one unit, money unchanged: PostgreSQL's bigint quantity and items
 * columns refuse fractions. A bug outside the reports (loadDemo fails on PostgreSQL with it); both
 * sides of every comparison see the same orders.
 */
const inUnits = <T extends OrderInput | ReturnInput>(o: T): T => ({ ...o, lines: o.lines.map((l) => (Number.isInteger(l.quantity) ? l : { ...l, quantity: 1 })) });

/**
 * What loadDemo does, minus marketing consents (on PostgreSQL loadDemo also fails when a member's later
 * opt-out repeats a channel within one upsert statement; consents play no part in reports). Returns
 * come along, since no figure may move with them.
 */
async function loadChain(db: Kysely<DB>): Promise<void> {
  const demo = generateDemo(DEMO);
  const now = '2024-07-01T00:00:00.000Z';
  const stores = await upsertStores(db, demo.stores, now);
  await upsertProducts(db, demo.products, now);
  await upsertCustomers(db, demo.customers.map((c) => ({ ...c, consents: [] })), new Map([...stores].map(([code, st]) => [code, st.id])), now);
  let batch: { orders: OrderInput[]; returns: ReturnInput[] } = { orders: [], returns: [] };
  for (const e of demo.events) {
    if (e.type === 'order') batch.orders.push(inUnits(e.order)); else batch.returns.push(inUnits(e.return));
    if (batch.orders.length + batch.returns.length === 500) { await recordSales(db, batch, { now }); batch = { orders: [], returns: [] }; }
  }
  await recordSales(db, batch, { now });
}

interface Order { customer: number | null; date: string; store: string; channel: string; sales: number; discount: number; items: number; categories: Set<string> }

/** The generator's orders, each with the store's id for its customer (found by member number or phone). */
function naiveOrders(ids: Map<string, number>): Order[] {
  const out: Order[] = [];
  for (const o of [...generateDemo(DEMO).orders].map(inUnits)) {
    const c = o.customer;
    const id = c ? ids.get(`m:${c.memberNo}`) ?? ids.get(`p:${c.phone}`) : undefined;
    if (c && id === undefined) throw new Error(`no customer for ${JSON.stringify(c)}`);
    const goods = o.lines.filter((l) => l.kind === 'merchandise');
    out.push({
      customer: id ?? null, date: o.businessDate, store: o.storeCode, channel: o.channel,
      sales: o.lines.reduce((s, l) => s + l.netMinor, 0), discount: o.lines.reduce((s, l) => s + l.discountMinor, 0),
      items: goods.reduce((s, l) => s + l.quantity, 0), categories: new Set(goods.flatMap((l) => (l.category ? [l.category] : []))),
    });
  }
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const close = (a: number | null, b: number | null, what: string) => {
  if (a === null || b === null) assert.equal(a, b, what);
  else assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);
};
function groupBy<T>(xs: readonly T[], key: (x: T) => string | number | null): Map<string | number, T[]> {
  const m = new Map<string | number, T[]>();
  for (const x of xs) { const k = key(x); if (k !== null) m.set(k, [...(m.get(k) ?? []), x]); }
  return m;
}
const sortedDays = (os: readonly Order[]) => [...new Set(os.map((o) => o.date))].sort();
const gapsOf = (ds: string[]) => ds.slice(1).map((d, i) => days(ds[i]!, d));

forEachDialect('reports recomputed from the raw generated orders', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let orders: Order[];
  const segmentOf = new Map<number, string>();
  before(async () => {
    store = await freshStore(dialect);
    await loadChain(store.db);
    assert.ok(Number((await store.db.selectFrom('returns').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) > 0, 'returns are in the data');
    const ids = new Map<string, number>();
    for (const c of await store.db.selectFrom('customers').select(['id', 'member_no', 'phone']).execute()) {
      if (c.member_no) ids.set(`m:${c.member_no}`, c.id);
      if (c.phone) ids.set(`p:${c.phone}`, c.id);
      segmentOf.set(c.id, ['gold', 'silver', 'bronze'][c.id % 3]!);
    }
    orders = naiveOrders(ids);
    // A snapshot for the segment breakdown; a third of the customers are left out of it on purpose.
    const rows = [...segmentOf].filter(([id]) => id % 7 !== 0).map(([customer_id, segment]) => ({ scheme: 'test', as_of: '2024-05-31', customer_id, segment }));
    for (let i = 0; i < rows.length; i += 200) await store.db.insertInto('segment_snapshots').values(rows.slice(i, i + 200)).execute();
    for (const id of segmentOf.keys()) if (id % 7 === 0) segmentOf.delete(id);
  });
  after(() => store.drop());

  const CASES = [
    { name: 'all history, all stores', filter: {}, within: 30 },
    { name: 'four months at the tea shop', filter: { from: '2024-02-01', to: '2024-05-31', store: 'HZ-TEA' }, within: 14 },
    { name: 'a quarter at the supermarket', filter: { from: '2024-04-01', to: '2024-06-30', store: 'SZ-MART' }, within: 7 },
  ] as const;

  const scoped = (f: { from?: string; to?: string; store?: string }) => {
    const inStore = orders.filter((o) => !('store' in f) || o.store === f.store);
    const from = f.from ?? inStore.reduce((m, o) => (o.date < m ? o.date : m), '9999');
    const to = f.to ?? inStore.reduce((m, o) => (o.date > m ? o.date : m), '0000');
    return { inStore, from, to, inPeriod: inStore.filter((o) => o.date >= from && o.date <= to) };
  };

  for (const c of CASES) {
    test(`repurchase and cycle: ${c.name}`, async () => {
      const { from, to, inPeriod } = scoped(c.filter);
      const perCustomer = groupBy(inPeriod, (o) => o.customer);
      assert.ok(perCustomer.size > 20, 'enough customers to mean something');
      const repeat = [...perCustomer.values()].filter((os) => os.length >= 2);
      const gaps = [...perCustomer.values()].flatMap((os) => gapsOf(sortedDays(os)));
      let eligible = 0, again = 0;
      for (const os of perCustomer.values()) {
        const ds = sortedDays(os);
        if (days(ds[0]!, to) >= c.within) { eligible++; if (ds.length > 1 && days(ds[0]!, ds[1]!) <= c.within) again++; }
      }
      const r = await repurchaseReport(store.db, { ...c.filter, withinDays: c.within });
      assert.deepEqual([r.from, r.to], [from, to]);
      assert.deepEqual(
        [r.customers, r.orders, r.repeatCustomers, r.repeatDayCustomers, r.eligibleCustomers, r.boughtAgainWithin, r.cycleIntervals, r.cycleCustomers],
        [perCustomer.size, inPeriod.filter((o) => o.customer !== null).length, repeat.length,
          [...perCustomer.values()].filter((os) => sortedDays(os).length >= 2).length, eligible, again, gaps.length,
          [...perCustomer.values()].filter((os) => sortedDays(os).length >= 2).length],
      );
      close(r.repurchaseRate, repeat.length / perCustomer.size, 'repurchase rate');
      close(r.ordersPerRepeatCustomer, repeat.reduce((s, os) => s + os.length, 0) / repeat.length, 'orders per repeat customer');
      close(r.meanCycleDays, mean(gaps), 'mean cycle');
      close(r.medianCycleDays, median(gaps), 'median cycle');
      const edges = [[1, 7], [8, 14], [15, 30], [31, 60], [61, 90], [91, 180], [181, 365], [366, Infinity]];
      assert.deepEqual(r.cycleHistogram.map((b) => b.count), edges.map(([lo, hi]) => gaps.filter((g) => g >= lo! && g <= hi!).length));
    });

    test(`reorder interval by category and SKU: ${c.name}`, async () => {
      const { inPeriod } = scoped(c.filter);
      const naive = new Map<string, Map<number, Set<string>>>();
      for (const o of inPeriod) {
        if (o.customer === null) continue;
        for (const k of o.categories) {
          const byC = naive.get(k) ?? naive.set(k, new Map()).get(k)!;
          (byC.get(o.customer) ?? byC.set(o.customer, new Set()).get(o.customer)!).add(o.date);
        }
      }
      const r = await cycleReport(store.db, { ...c.filter, by: 'category', limit: 1000, minIntervals: 1 });
      const expected = [...naive].map(([key, byC]) => {
        const g = [...byC.values()].flatMap((s) => gapsOf([...s].sort()));
        return { key, buyers: byC.size, intervals: g.length, mean: mean(g), median: median(g) };
      }).filter((k) => k.intervals > 0);
      assert.equal(r.keysWithRepeats, expected.length);
      assert.deepEqual(r.items.map((k) => k.key).sort(), expected.map((k) => k.key).sort());
      for (const e of expected) {
        const got = r.items.find((k) => k.key === e.key)!;
        assert.deepEqual([got.buyers, got.intervals], [e.buyers, e.intervals], e.key);
        close(got.meanDays, e.mean, `${e.key} mean`);
        close(got.medianDays, e.median, `${e.key} median`);
      }
      const bySku = await cycleReport(store.db, { ...c.filter, by: 'sku', limit: 3 });
      assert.ok(bySku.items.length > 0 && bySku.items.every((k, i, a) => k.intervals >= 2 && (i === 0 || a[i - 1]!.intervals >= k.intervals)));
      assert.ok(bySku.items.every((k) => k.name !== null), 'SKU names come from the catalogue');
    });

    for (const grain of ['month', 'quarter'] as const) {
      test(`cohorts by ${grain}: ${c.name}`, async () => {
        const { inStore, from, to } = scoped(c.filter);
        const label = (d: string) => (grain === 'month' ? d.slice(0, 7) : `${d.slice(0, 4)}-Q${Math.ceil(Number(d.slice(5, 7)) / 3)}`);
        const index = (d: string) => Number(d.slice(0, 4)) * (grain === 'month' ? 12 : 4) + (grain === 'month' ? Number(d.slice(5, 7)) - 1 : Math.ceil(Number(d.slice(5, 7)) / 3) - 1);
        const last = index(to);
        const table = new Map<string, { size: number; active: number[] }>();
        for (const os of groupBy(inStore, (o) => o.customer).values()) {
          const ds = sortedDays(os);
          const first = ds[0]!;
          if (index(first) < index(from) || index(first) > last) continue;
          const row = table.get(label(first)) ?? table.set(label(first), { size: 0, active: new Array<number>(last - index(first) + 1).fill(0) }).get(label(first))!;
          row.size++;
          for (const k of new Set(ds.filter((d) => index(d) <= last).map((d) => index(d) - index(first)))) row.active[k]! += 1;
        }
        const r = await cohortReport(store.db, { ...c.filter, by: grain });
        assert.deepEqual(r.cohorts.map((x) => [x.cohort, x.size, x.active]), [...table].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, v.size, v.active]));
        for (const x of r.cohorts) assert.equal(x.rates[0], 1, 'period 0 is the whole cohort');
      });
    }

    test(`overview by store, channel, segment and month: ${c.name}`, async () => {
      const { inStore, from, to, inPeriod } = scoped(c.filter);
      const firstEver = new Map<number, string>();
      for (const o of orders) if (o.customer !== null && (firstEver.get(o.customer) ?? '9999') > o.date) firstEver.set(o.customer, o.date);
      const figures = (os: readonly Order[], history: readonly Order[], p: { from: string; to: string }) => {
        const cats = new Map<number, Set<string>>();
        for (const o of os) if (o.customer !== null) for (const k of o.categories) cats.set(o.customer, (cats.get(o.customer) ?? new Set()).add(k));
        const customers = new Set(os.flatMap((o) => (o.customer === null ? [] : [o.customer])));
        const last = new Map<number, string>();
        for (const o of history) if (o.customer !== null && o.date <= p.to && (last.get(o.customer) ?? '') < o.date) last.set(o.customer, o.date);
        const sales = os.reduce((s, o) => s + o.sales, 0), items = os.reduce((s, o) => s + o.items, 0);
        const idle = [...last.values()].map((d) => days(d, p.to));
        const n = [...customers].filter((id) => firstEver.get(id)! >= p.from).length;
        return {
          customers: customers.size, newCustomers: n, returningCustomers: customers.size - n, orders: os.length,
          memberOrders: os.filter((o) => o.customer !== null).length, salesMinor: sales, discountMinor: os.reduce((s, o) => s + o.discount, 0), items,
          avgOrderValueMinor: os.length ? Math.round(sales / os.length) : null, crossSellCustomers: [...cats.values()].filter((s) => s.size >= 2).length,
          members: last.size, activeMembers: idle.filter((d) => d < 90).length, dormantMembers: idle.filter((d) => d >= 180).length,
        };
      };
      const pick = (f: object) => Object.fromEntries(Object.entries(f).filter(([k]) => !['key', 'itemsPerOrder', 'crossSellRate', 'activeShare', 'dormantShare'].includes(k)));
      const r = await overviewReport(store.db, { ...c.filter, segments: { scheme: 'test' } });
      assert.equal(r.segmentAsOf, '2024-05-31', 'the latest snapshot on or before the period end');
      const p = { from, to };
      assert.deepEqual(pick(r.total), figures(inPeriod, inStore, p));
      const slices = (key: (o: Order) => string | null) => {
        const os = groupBy(inPeriod, key), hs = groupBy(inStore, key);
        return [...new Set([...os.keys(), ...hs.keys()])].map(String).sort().map((k) => ({ key: k, ...figures(os.get(k) ?? [], hs.get(k) ?? [], p) }));
      };
      const withKey = (xs: { key: string }[]) => xs.map((x) => ({ key: x.key, ...pick(x) }));
      assert.deepEqual(withKey(r.byStore), slices((o) => o.store));
      assert.deepEqual(withKey(r.byChannel), slices((o) => o.channel));
      assert.deepEqual(withKey(r.bySegment!), slices((o) => (o.customer === null ? null : segmentOf.get(o.customer) ?? '(none)')));
      const months = [...new Set(inPeriod.map((o) => o.date.slice(0, 7)))].sort();
      assert.deepEqual(r.byMonth.map((m) => m.key).filter((k) => months.includes(k)), months);
      for (const m of r.byMonth) {
        const end = new Date(Date.UTC(Number(m.key.slice(0, 4)), Number(m.key.slice(5, 7)), 0)).toISOString().slice(0, 10);
        const mp = { from: `${m.key}-01` < from ? from : `${m.key}-01`, to: end < to ? end : to };
        assert.deepEqual(pick(m), figures(inPeriod.filter((o) => o.date >= mp.from && o.date <= mp.to), inStore, mp), m.key);
      }
    });
  }
});

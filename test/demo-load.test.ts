// The demo chain loads on both dialects (weighed goods with fractional quantities, members who opt
// out of a channel after opting in), its totals match the generator's, and the incrementally kept
// summaries equal a rebuild from scratch.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDemo } from '../src/app/load-demo.ts';
import { generateDemo } from '../src/domain/demo/generate.ts';
import { rebuildSummaries } from '../src/store/summary.repo.ts';
import { forEachDialect, freshStore } from './support/dialects.ts';

const OPTS = { seed: 7, members: 300, asOf: '2026-06-30' };
const NOW = '2026-07-01T00:00:00.000Z';

forEachDialect('demo chain in the store', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  before(async () => {
    store = await freshStore(dialect);
    await loadDemo(store.db, { ...OPTS, now: () => NOW });
  });
  after(() => store.drop());

  test('orders, fractional quantities and latest consents are stored as generated', async () => {
    const demo = generateDemo(OPTS);
    const orders = [...demo.orders];
    const weighed = orders.flatMap((o) => o.lines).filter((l) => !Number.isInteger(l.quantity));
    assert.ok(weighed.length > 0, 'the demo has weighed goods');
    const counts = await store.db.selectFrom('orders').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('items').as('items')]).executeTakeFirstOrThrow();
    assert.equal(Number(counts.n), orders.length);
    const items = orders.flatMap((o) => o.lines).reduce((s, l) => s + l.quantity, 0);
    assert.ok(Math.abs(Number(counts.items) - items) < 1e-6, `${counts.items} vs ${items}`);
    const lines = await store.db.selectFrom('order_lines').select('quantity').execute();
    assert.equal(lines.filter((l) => !Number.isInteger(l.quantity)).length, weighed.length);

    // Per customer and channel the latest consent decision is the one kept.
    const expected = new Map<string, boolean>();
    for (const c of demo.customers) {
      for (const k of [...c.consents].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) expected.set(`${c.memberNo}|${k.channel}`, k.granted);
    }
    const stored = await store.db.selectFrom('customer_consents').innerJoin('customers', 'customers.id', 'customer_consents.customer_id')
      .select(['customers.member_no', 'customer_consents.channel', 'customer_consents.granted']).execute();
    assert.equal(stored.length, expected.size);
    for (const r of stored) assert.equal(r.granted === 1, expected.get(`${r.member_no}|${r.channel}`), `${r.member_no} ${r.channel}`);
  });

  test('incremental summaries equal a rebuild', async () => {
    const snapshot = async () => ({
      summary: await store.db.selectFrom('customer_summary').selectAll().orderBy('customer_id').execute(),
      month: await store.db.selectFrom('customer_month').selectAll().orderBy('customer_id').orderBy('month').execute(),
      category: await store.db.selectFrom('customer_category').selectAll().orderBy('customer_id').orderBy('category').execute(),
    });
    const round = (rows: readonly object[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v])));
    const before = await snapshot();
    await rebuildSummaries(store.db);
    const after = await snapshot();
    assert.ok(before.summary.length > 0);
    for (const k of ['summary', 'month', 'category'] as const) assert.deepEqual(round(after[k]), round(before[k]), k);
  });
});

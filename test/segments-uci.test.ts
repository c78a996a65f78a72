// The must-show on real data: UCI Online Retail imported, RFM as of 2011-12-10 from the CLI. The counts
// must sum to the customers with a purchase (counted here by SQL over the orders), and each segment's
// count must match RFM recomputed independently: facts by SQL over orders and returns (not the summary
// tables the CLI reads) and quintiles by counting, not sorting. SQLite only; skipped without the dataset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { importFile } from '../src/app/import-file.ts';
import { classicSegment } from '../src/domain/segments/rfm-segments.ts';
import { openStore } from '../src/store/db.ts';
import { cli } from './support/cli.ts';
import { dataset } from './support/datasets.ts';

const uci = dataset('online_retail', 'online_retail.csv.gz');
const AS_OF = '2011-12-10';

/** Quintile scores the slow, obvious way: rankMin = 1 + how many values are strictly smaller. */
function quintiles(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return values.map((v) => {
    let smaller = 0;
    while (smaller < sorted.length && sorted[smaller]! < v) smaller++;
    return Math.ceil((5 * (smaller + 1)) / values.length);
  });
}

test('UCI Online Retail: RFM segment counts as of 2011-12-10 sum to the buyers and match an independent recomputation', { skip: uci.skip }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-uci-segments-'));
  const file = join(dir, 'uci.db');
  const store = await openStore(file);
  try {
    await importFile(store.db, uci.path, {
      kind: 'orders', fileName: 'online_retail.csv.gz', now: () => '2024-01-01T00:00:00.000Z', zone: 'Europe/London', currency: 'GBP', read: { worker: true }, reject: () => {},
    });
    const r = await cli(['--db', file, '--json', 'segment', 'rfm', '--as-of', AS_OF]);
    assert.equal(r.code, 0, r.stderr);
    const rfm = JSON.parse(r.stdout) as { customers: number; source: string; segments: { name: string; count: number }[] };

    const customers = (await sql<{ n: number }>`select count(*) as n from customers where merged_into_id is null`.execute(store.db)).rows[0]!.n;
    assert.equal(customers, 4371);
    const facts = (await sql<{ id: number; last: string; orders: number; net: number }>`
      select o.customer_id as id, max(o.business_date) as last, count(*) as orders,
        sum(o.net_minor) - coalesce((select sum(amount_minor) from returns r where r.customer_id = o.customer_id and r.business_date <= ${AS_OF}), 0) as net
      from orders o where o.customer_id is not null and o.business_date <= ${AS_OF} group by o.customer_id`.execute(store.db)).rows;
    t.diagnostic(`${customers} customers, ${facts.length} with a purchase on or before ${AS_OF}; read from the ${rfm.source}`);
    assert.equal(rfm.customers, facts.length);
    assert.equal(rfm.segments.reduce((s, x) => s + x.count, 0), facts.length, 'every buyer in exactly one segment');

    const days = facts.map((f) => (Date.parse(`${AS_OF}T00:00:00Z`) - Date.parse(`${f.last}T00:00:00Z`)) / 86400000);
    const [rs, fs, ms] = [quintiles(days.map((d) => -d)), quintiles(facts.map((f) => f.orders)), quintiles(facts.map((f) => f.net))];
    const expected = new Map<string, number>();
    facts.forEach((_, i) => { const s = classicSegment(rs[i]!, fs[i]!, ms[i]!); expected.set(s, (expected.get(s) ?? 0) + 1); });
    for (const s of rfm.segments) {
      t.diagnostic(`${s.name.padEnd(20)} ${String(s.count).padStart(5)}`);
      assert.equal(s.count, expected.get(s.name) ?? 0, s.name);
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

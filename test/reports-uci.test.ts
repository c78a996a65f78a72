// The must-show on real data: UCI Online Retail imported, then the repurchase figures and the monthly
// cohort table as the CLI prints them, checked against plain SQL over the orders table (window
// functions, not the activity tables the reports read). SQLite only; skipped without the dataset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { importFile } from '../src/app/import-file.ts';
import { openStore } from '../src/store/db.ts';
import { cli } from './support/cli.ts';
import { dataset } from './support/datasets.ts';

const uci = dataset('online_retail', 'online_retail.csv.gz');

interface Repurchase {
  from: string; to: string; customers: number; orders: number; repeatCustomers: number; repurchaseRate: number; ordersPerRepeatCustomer: number;
  eligibleCustomers: number; boughtAgainWithin: number; withinRate: number; cycleIntervals: number; meanCycleDays: number; medianCycleDays: number;
}
interface Cohorts { from: string; to: string; cohorts: { cohort: string; size: number; active: number[] }[] }

test('UCI Online Retail: repurchase rate, cycle and monthly cohorts from the CLI match plain SQL over the orders', { skip: uci.skip }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-uci-'));
  const file = join(dir, 'uci.db');
  const store = await openStore(file);
  try {
    await importFile(store.db, uci.path, {
      kind: 'orders', fileName: 'online_retail.csv.gz', now: () => '2024-01-01T00:00:00.000Z', zone: 'Europe/London', currency: 'GBP', read: { worker: true }, reject: () => {},
    });

    const run = async (...args: string[]) => {
      const r = await cli(['--db', file, ...args]);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout;
    };
    const r = JSON.parse(await run('--json', 'report', 'repurchase')) as Repurchase;

    const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(store.db)).rows[0]!;
    const counts = await one(sql<{ customers: number; repeaters: number; orders: number; repeat_orders: number }>`
      select count(*) as customers, sum(n >= 2) as repeaters, sum(n) as orders, sum(case when n >= 2 then n else 0 end) as repeat_orders
      from (select customer_id, count(*) as n from orders where customer_id is not null group by customer_id)`);
    const gaps = sql`with d as (select distinct customer_id, business_date from orders where customer_id is not null)
      select julianday(business_date) - julianday(lag(business_date) over (partition by customer_id order by business_date)) as gap from d`;
    const cycle = await one(sql<{ n: number; mean: number }>`select count(gap) as n, avg(gap) as mean from (${gaps}) where gap is not null`);
    const middle = await sql<{ gap: number }>`select gap from (${gaps}) where gap is not null order by gap
      limit ${2 - (cycle.n % 2)} offset ${Math.floor((cycle.n - 1) / 2)}`.execute(store.db);
    const median = middle.rows.reduce((s, x) => s + x.gap, 0) / middle.rows.length;
    const within = await one(sql<{ eligible: number; again: number }>`
      with d as (select distinct customer_id, business_date from orders where customer_id is not null),
        k as (select customer_id, business_date, row_number() over (partition by customer_id order by business_date) as k from d)
      select count(*) as eligible, sum(s.business_date is not null and julianday(s.business_date) - julianday(f.business_date) <= 30) as again
      from k f left join k s on s.customer_id = f.customer_id and s.k = 2
      where f.k = 1 and julianday(${r.to}) - julianday(f.business_date) >= 30`);

    assert.deepEqual([r.from, r.to], ['2010-12-01', '2011-12-09']);
    assert.deepEqual([r.customers, r.orders, r.repeatCustomers], [counts.customers, counts.orders, counts.repeaters]);
    assert.equal(r.repurchaseRate, counts.repeaters / counts.customers);
    assert.equal(r.ordersPerRepeatCustomer, counts.repeat_orders / counts.repeaters);
    assert.deepEqual([r.eligibleCustomers, r.boughtAgainWithin], [within.eligible, within.again]);
    assert.equal(r.cycleIntervals, cycle.n);
    assert.ok(Math.abs(r.meanCycleDays - cycle.mean) < 1e-9, `${r.meanCycleDays} vs ${cycle.mean}`);
    assert.equal(r.medianCycleDays, median);
    // 4,371 customers were imported; 33 of them only ever cancelled, so 4,338 bought something.
    assert.equal(r.customers, 4338);

    const c = JSON.parse(await run('--json', 'report', 'cohorts')) as Cohorts;
    const cells = await sql<{ m0: string; m: string; n: number }>`
      with f as (select customer_id, substr(min(business_date), 1, 7) as m0 from orders where customer_id is not null group by customer_id),
        a as (select distinct customer_id, substr(business_date, 1, 7) as m from orders where customer_id is not null)
      select f.m0, a.m, count(*) as n from f join a on a.customer_id = f.customer_id group by f.m0, a.m`.execute(store.db);
    const months = (a: string, b: string) => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
    const expected = new Map<string, number[]>();
    for (const x of cells.rows) {
      const row = expected.get(x.m0) ?? expected.set(x.m0, new Array<number>(months(x.m0, '2011-12') + 1).fill(0)).get(x.m0)!;
      row[months(x.m0, x.m)] = x.n;
    }
    assert.deepEqual(c.cohorts.map((x) => [x.cohort, x.active]), [...expected].sort(([a], [b]) => (a < b ? -1 : 1)));
    assert.equal(c.cohorts.reduce((s, x) => s + x.size, 0), 4338);

    t.diagnostic(`repurchase rate ${(r.repurchaseRate * 100).toFixed(1)}% (${r.repeatCustomers} of ${r.customers} customers with ≥2 orders), ${r.ordersPerRepeatCustomer.toFixed(2)} orders per repeat customer`);
    t.diagnostic(`bought again within 30 days ${(r.withinRate * 100).toFixed(1)}% (${r.boughtAgainWithin} of ${r.eligibleCustomers})`);
    t.diagnostic(`repurchase cycle: mean ${r.meanCycleDays.toFixed(1)} days, median ${r.medianCycleDays} days over ${r.cycleIntervals} gaps`);
    for (const line of (await run('report', 'cohorts')).trimEnd().split('\n')) t.diagnostic(line);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

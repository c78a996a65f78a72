// Benchmark: the dashboard's endpoints over N members (default 1,000,000). Writes a temp SQLite file
// directly (not through the import): stores, customers with phone / member no / name, their orders
// and order lines over two years at two stores and two channels, returns, and the stored summaries
// and activity tables (customer_summary, customer_month, customer_day, customer_category), all from one
// seeded generator. Then, each in a fresh process so peak RSS is its own:
//   aggregates the full rebuild of the report aggregates (sales_day, returns_day, cohort_cells,
//              repurchase_cells, customer_visit, overview_cells) from orders, order lines, returns
//              and customer_day, timed: what `regulars rebuild` pays for them on top of the summaries
//   endpoints  the real server (buildServer, no web files), logged in as the owner; each endpoint is
//              warmed up, then timed over `--runs` app.inject round trips (in-process, no socket: the
//              round trip is the server time plus routing, validation and serialisation)
//   baseline   the plain SQL `GROUP BY customer_id` over order lines (joined to their orders) that the
//              stored summaries avoid
// Run: npx node bench/dashboard.bench.ts [--members N] [--runs R]
//   --keep leaves the file; --db PATH and --phases endpoints,baseline reuse a kept one; --only REGEX
//   times only the matching requests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildServer } from '../src/api/server.ts';
import { createOwner } from '../src/app/auth.ts';
import { AppError } from '../src/domain/errors.ts';
import { openStore } from '../src/store/db.ts';
import { rebuildReportAggregates } from '../src/store/report-aggregates.repo.ts';
import { createRng } from '../src/domain/demo/random.ts';

const { values: opt } = parseArgs({
  options: {
    members: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '11' },
    phase: { type: 'string' }, db: { type: 'string' }, keep: { type: 'boolean', default: false },
    phases: { type: 'string', default: 'generate,aggregates,endpoints,baseline' }, only: { type: 'string' },
  },
});
const START = '2023-01-01', END = '2024-12-31';
const PASSWORD = 'bench password';
const CATEGORIES = ['服装/上衣', '服装/裤装', '服装/袜', '母婴/奶粉', '母婴/纸尿裤', '饮品/奶茶', '饮品/咖啡', '食品/乳品', '食品/零食', '日化/洗护',
  '日化/纸品', '家居/厨具', '家居/收纳', '数码/配件', '美妆/护肤', '美妆/彩妆', '运动/鞋', '运动/服', '图书/童书', '文具/本册'];
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华'];

const ms = (t: number) => t.toFixed(1);
const rssMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

/** The member used for exact look-ups: deterministic so every phase agrees. */
const phoneOf = (id: number) => `138${String((id * 7919) % 100_000_000).padStart(8, '0')}`;
const memberNoOf = (id: number) => `M${String(id).padStart(8, '0')}`;

if (opt.phase === 'generate') await generate(opt.db!, Number(opt.members));
else if (opt.phase === 'aggregates') await aggregates(opt.db!);
else if (opt.phase === 'endpoints') await endpoints(opt.db!, Number(opt.members), Number(opt.runs));
else if (opt.phase === 'baseline') await baseline(opt.db!, Number(opt.runs));
else {
  const n = Number(opt.members);
  if (!Number.isInteger(n) || n < 100) throw new Error('--members must be a whole number ≥ 100');
  const dir = mkdtempSync(join(tmpdir(), 'regulars-dashbench-'));
  const db = opt.db ?? join(dir, 'dashboard.db');
  console.log(`${n.toLocaleString('en-US')} members, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  try {
    for (const phase of opt.phases.split(',')) {
      const r = spawnSync(process.execPath, [import.meta.filename, '--phase', phase, '--db', db, '--members', String(n), '--runs', opt.runs, ...(opt.only ? ['--only', opt.only] : [])], { stdio: 'inherit' });
      if (r.status !== 0) process.exitCode = r.status ?? 1;
      if (r.status !== 0) break;
    }
  } finally {
    if (opt.keep) console.log(`kept ${db}`);
    // The temp folder goes unless it holds the kept file; a file named by --db is the caller's.
    if (!opt.keep || opt.db) rmSync(dir, { recursive: true });
  }
}

/** Prepared single-row statements in 50k-customer transactions: the fast path (see src/store/bulk-sqlite.ts). */
async function generate(path: string, n: number): Promise<void> {
  const t0 = performance.now();
  {
    const store = await openStore(path);
    const h = store.sqlite!;
    h.pragma('synchronous = OFF');
    // A 1 GB page cache: the unique phone and member-number indexes take inserts in random order.
    h.pragma('cache_size = -1048576');
    const now = '2025-01-01T00:00:00.000Z';
    for (const [id, code, name] of [[1, 'S1', '静安店'], [2, 'S2', '徐汇店']] as const) {
      h.prepare(`insert into stores (id, code, name, time_zone, currency, created_at) values (?, ?, ?, 'Asia/Shanghai', 'CNY', ?)`).run(id, code, name, now);
    }
    const ins = {
      customer: h.prepare(`insert into customers (id, member_no, phone, name, gender, birth_date, home_store_id, registered_at, attributes, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)`),
      order: h.prepare(`insert into orders (id, source, external_id, store_id, customer_id, placed_at, business_date, channel, gross_minor, discount_minor, net_minor,
        cost_minor, items, line_count, content_hash, created_at) values (?, 'bench', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'x', ?)`),
      line: h.prepare(`insert into order_lines (order_id, line_no, sku, category, quantity, unit_price_minor, gross_minor, discount_minor, net_minor, cost_minor, kind)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'merchandise')`),
      ret: h.prepare(`insert into returns (id, source, external_id, store_id, customer_id, returned_at, business_date, amount_minor, items, content_hash, created_at)
        values (?, 'bench', ?, ?, ?, ?, ?, ?, 1, 'x', ?)`),
      // The tags' columns (weekend and discounted orders, the day before the last) keep their defaults: no page here reads them.
      summary: h.prepare(`insert into customer_summary (customer_id, first_purchase_at, last_purchase_at, first_purchase_date, last_purchase_date, orders,
        purchase_days, items, gross_minor, discount_minor, sales_minor, cost_minor, costed_sales_minor, returns, return_items, return_minor, net_minor,
        categories) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      month: h.prepare(`insert into customer_month (customer_id, month, orders, purchase_days, items, sales_minor, return_minor) values (?, ?, ?, ?, ?, ?, ?)`),
      day: h.prepare(`insert into customer_day (customer_id, business_date, orders, sales_minor) values (?, ?, ?, ?)`),
      category: h.prepare(`insert into customer_category (customer_id, category, orders, items, sales_minor, first_date, last_date) values (?, ?, ?, ?, ?, ?, ?)`),
    };
    const rnd = createRng(20241231);
    const start = Date.parse(`${START}T00:00:00Z`) / 86400000;
    const span = Date.parse(`${END}T00:00:00Z`) / 86400000 - start;
    const dateOf = (day: number) => new Date(day * 86400000).toISOString().slice(0, 10);
    let orderId = 0, lines = 0, returns = 0, anonymous = 0;
    const batch = h.transaction((from: number, to: number) => {
      for (let id = from; id < to; id++) {
        const home = rnd() < 0.6 ? 1 : 2;
        const name = rnd() < 0.8 ? `${SURNAMES[Math.floor(rnd() * SURNAMES.length)]}${GIVEN[Math.floor(rnd() * GIVEN.length)]}${rnd() < 0.5 ? GIVEN[Math.floor(rnd() * GIVEN.length)] : ''}` : null;
        const birth = rnd() < 0.7 ? dateOf(Math.floor(-8000 - rnd() * 16000)) : null;
        // Orders per customer: 1 + geometric (mean 2.5); purchase days spread from a random first day to the end.
        let k = 1;
        while (rnd() < 0.6 && k < 40) k++;
        const first = start + Math.floor(rnd() * span);
        ins.customer.run(id, memberNoOf(id), phoneOf(id), name, rnd() < 0.6 ? 'female' : 'male', birth, home, `${dateOf(first)}T02:00:00.000Z`, now, now);
        const days = Array.from({ length: k }, (_, j) => (j === 0 ? first : first + Math.floor(rnd() * (start + span - first + 1)))).sort((a, b) => a - b);
        const byDay = new Map<string, [number, number]>();
        const byMonth = new Map<string, { orders: number; days: Set<string>; items: number; sales: number; ret: number }>();
        const byCat = new Map<string, { orders: number; items: number; sales: number; first: string; last: string }>();
        let sales = 0, gross = 0, discount = 0, cost = 0, items = 0;
        for (const day of days) {
          const date = dateOf(day);
          const oid = ++orderId;
          const discounted = rnd() < 0.25;
          let og = 0, od = 0, oc = 0, oi = 0;
          const nl = 1 + Math.floor(rnd() * 3);
          const cats = new Set<string>();
          for (let l = 1; l <= nl; l++) {
            const qty = 1 + Math.floor(rnd() * 3);
            const price = 500 + Math.floor(rnd() * 19500);
            const lg = qty * price, ld = discounted ? Math.floor(lg / 10) : 0, lc = Math.floor(lg * 0.6);
            const cat = CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!;
            ins.line.run(oid, l, `SKU${Math.floor(rnd() * 5000)}`, cat, qty, price, lg, ld, lg - ld, lc);
            og += lg; od += ld; oc += lc; oi += qty; lines++;
            const c = byCat.get(cat) ?? { orders: 0, items: 0, sales: 0, first: date, last: date };
            if (!cats.has(cat)) c.orders++;
            cats.add(cat);
            c.items += qty; c.sales += lg - ld; c.last = date;
            byCat.set(cat, c);
          }
          const store = rnd() < 0.85 ? home : 3 - home;
          ins.order.run(oid, `O${oid}`, store, id, `${date}T04:00:00.000Z`, date, rnd() < 0.8 ? 'store' : 'online', og, od, og - od, oc, oi, nl, now);
          const d = byDay.get(date) ?? [0, 0];
          d[0]++; d[1] += og - od;
          byDay.set(date, d);
          const m = byMonth.get(date.slice(0, 7)) ?? { orders: 0, days: new Set<string>(), items: 0, sales: 0, ret: 0 };
          m.orders++; m.days.add(date); m.items += oi; m.sales += og - od;
          byMonth.set(date.slice(0, 7), m);
          sales += og - od; gross += og; discount += od; cost += oc; items += oi;
          // About one walk-in (anonymous) order for every ten member orders.
          if (rnd() < 0.1) {
            const aid = ++orderId;
            ins.order.run(aid, `O${aid}`, store, null, `${date}T05:00:00.000Z`, date, 'store', 1500, 0, 1500, 900, 1, 1, now);
            ins.line.run(aid, 1, 'SKU0', CATEGORIES[0], 1, 1500, 1500, 0, 1500, 900);
            lines++; anonymous++;
          }
        }
        let returnMinor = 0, nReturns = 0;
        if (rnd() < 0.05) {
          returnMinor = Math.floor(sales * 0.2);
          nReturns = 1;
          const date = dateOf(Math.min(days[days.length - 1]! + 7, start + span));
          ins.ret.run(++returns, `R${returns}`, home, id, `${date}T04:00:00.000Z`, date, returnMinor, now);
          const m = byMonth.get(date.slice(0, 7)) ?? { orders: 0, days: new Set<string>(), items: 0, sales: 0, ret: 0 };
          m.ret += returnMinor;
          byMonth.set(date.slice(0, 7), m);
        }
        for (const [date, [o, s]] of byDay) ins.day.run(id, date, o, s);
        for (const [month, m] of byMonth) ins.month.run(id, month, m.orders, m.days.size, m.items, m.sales, m.ret);
        for (const [cat, c] of byCat) ins.category.run(id, cat, c.orders, c.items, c.sales, c.first, c.last);
        const firstDate = dateOf(days[0]!), lastDate = dateOf(days[days.length - 1]!);
        ins.summary.run(id, `${firstDate}T04:00:00.000Z`, `${lastDate}T04:00:00.000Z`, firstDate, lastDate, k, byDay.size, items, gross, discount,
          sales, cost, sales, nReturns, nReturns, returnMinor, sales - returnMinor, byCat.size);
      }
    });
    for (let from = 1; from <= n; from += 50_000) batch(from, Math.min(n + 1, from + 50_000));
    h.exec('analyze');
    await store.close();
    console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${n.toLocaleString('en-US')} members, ${orderId.toLocaleString('en-US')} orders `
      + `(${anonymous.toLocaleString('en-US')} anonymous), ${lines.toLocaleString('en-US')} order lines, ${returns.toLocaleString('en-US')} returns, `
      + `${START} … ${END}; file ${(statSync(path).size / 1e9).toFixed(2)} GB; peak RSS ${rssMb()} MB`);
  }
}

/** Rebuild the report aggregates from orders and returns (one transaction), timed. */
async function aggregates(path: string): Promise<void> {
  const store = await openStore(path);
  const t0 = performance.now();
  await store.db.transaction().execute((trx) => rebuildReportAggregates(trx));
  const elapsed = performance.now() - t0;
  store.sqlite!.exec('analyze');
  const n = async (t: 'sales_day' | 'returns_day' | 'cohort_cells' | 'repurchase_cells' | 'customer_visit' | 'overview_cells') => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(store.db)).rows[0]!.n);
  console.log(`report aggregates rebuilt in ${(elapsed / 1000).toFixed(1)} s: sales_day ${await n('sales_day')} rows, returns_day ${await n('returns_day')}, `
    + `cohort_cells ${await n('cohort_cells')}, repurchase_cells ${await n('repurchase_cells')}, customer_visit ${await n('customer_visit')}, `
    + `overview_cells ${await n('overview_cells')}; peak RSS ${rssMb()} MB; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await store.close();
}

interface Row { name: string; median: number; p95: number; min: number; size: number }

function stats(name: string, times: number[], size: number): Row {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { name, median: at(0.5), p95: at(0.95), min: s[0]!, size };
}

function table(rows: Row[]): void {
  const w = Math.max(...rows.map((r) => r.name.length));
  console.log(`${'request'.padEnd(w)}  median ms    p95 ms    min ms  response`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(w)}  ${ms(r.median).padStart(9)} ${ms(r.p95).padStart(9)} ${ms(r.min).padStart(9)}  ${(r.size / 1024).toFixed(1).padStart(7)} kB`);
  }
}

async function endpoints(path: string, n: number, runs: number): Promise<void> {
  const store = await openStore(path);
  const now = new Date('2025-01-01T00:00:00.000Z');
  // A kept file (--db) already has the owner from an earlier run, with the same password.
  await createOwner(store.db, { username: 'owner', password: PASSWORD }, { now: now.toISOString() }).catch((e: unknown) => {
    if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e;
  });
  const app = await buildServer({ store, config: { REGULARS_SESSION_HOURS: 12, REGULARS_SECURE_COOKIES: false }, webDir: null, now: () => now });
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'owner', password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'regulars_session')!;
  const headers = { cookie: `${cookie.name}=${cookie.value}` };

  const probe = Math.max(1, Math.floor(n * 0.618));
  const urls = [
    '/api/stats',
    `/api/customers?q=${phoneOf(probe).slice(0, 7)}`,
    `/api/customers?q=${phoneOf(probe)}`,
    `/api/customers?q=${memberNoOf(probe)}`,
    `/api/customers?q=${encodeURIComponent('王芳')}`,
    `/api/customers?q=${encodeURIComponent('不存在')}`,
    // Substrings no prefix matches: a phone's last 7 digits (trigram index), two characters of a name (a scan by id).
    `/api/customers?q=${phoneOf(probe).slice(4)}`,
    `/api/customers?q=${encodeURIComponent('芳娜')}`,
    `/api/customers/${probe}`,
    '/api/reports/overview',
    '/api/reports/repurchase',
    '/api/reports/cohorts',
    '/api/reports/overview?from=2024-12-01&to=2024-12-31',
    '/api/reports/repurchase?from=2024-12-01&to=2024-12-31',
    '/api/reports/cohorts?from=2024-12-01&to=2024-12-31',
  ].filter((u) => !opt.only || new RegExp(opt.only).test(decodeURIComponent(u)));
  const rows: Row[] = [];
  for (const url of urls) {
    const call = async () => {
      const t = performance.now();
      const r = await app.inject({ method: 'GET', url, headers });
      const elapsed = performance.now() - t;
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
      return { elapsed, size: r.rawPayload.length };
    };
    const warm = await call();
    // Requests taking seconds get 3 timed runs, and over 30 s only the one call is reported, or one
    // benchmark would take hours at 1M members.
    const count = warm.elapsed > 30_000 ? 0 : warm.elapsed > 5000 ? 3 : runs;
    const times: number[] = [];
    for (let i = 0; i < count; i++) times.push((await call()).elapsed);
    const row = stats(`GET ${decodeURIComponent(url)}`, count ? times : [warm.elapsed], warm.size);
    rows.push(row);
    console.log(`  ${row.name}: median ${ms(row.median)} ms over ${count || 'the one (warm-up)'} run${count === 1 ? '' : 's'}`);
  }
  table(rows);
  console.log(`${runs} timed runs after one warm-up (3 for requests whose warm-up took over 5 s; over 30 s, the warm-up alone); in-process app.inject round trips; peak RSS ${rssMb()} MB; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await app.close();
  await store.close();
}

async function baseline(path: string, runs: number): Promise<void> {
  const store = await openStore(path);
  const times: number[] = [];
  let customers = 0;
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const t0 = performance.now();
    const rows = await sql<{ customer_id: number }>`
      select o.customer_id, count(distinct o.id) as orders, min(o.business_date) as first, max(o.business_date) as last, sum(l.net_minor) as net
      from order_lines l join orders o on o.id = l.order_id where o.customer_id is not null group by o.customer_id`.execute(store.db);
    times.push(performance.now() - t0);
    customers = rows.rows.length;
  }
  const r = stats('baseline: GROUP BY customer_id over order_lines ⋈ orders', times, 0);
  console.log(`${r.name}: median ${ms(r.median)} ms, min ${ms(r.min)} ms (${times.length} runs), ${customers.toLocaleString('en-US')} customers; peak RSS ${rssMb()} MB`);
  await store.close();
}

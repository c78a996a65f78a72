// Benchmark: segment models for N customers (default 1,000,000) from the stored summaries. Writes a
// temp SQLite file directly (not through the import): customers, orders, order lines, returns and the
// summary tables customer_summary / customer_day / customer_category, all derived from one seeded
// generator. Then, each in a fresh process so peak RSS is its own:
//   recompute  RFM + retention + pyramid + ABCD from customer_summary, with the profile (birth date,
//              gender) and one category preference read at once on a worker thread; then the tags
//              (lifecycle, weekend/weekday, promotion, price band, age band, category); then, apart,
//              the same behaviour read on this thread the way a past as-of date needs it (customer_day,
//              orders, customers), checked equal
//   baseline   the plain SQL `GROUP BY customer` over the order lines (joined to their orders) that the
//              stored summaries avoid
// Run: npx node bench/segments.bench.ts [CUSTOMERS [DB_FILE]]   (DB_FILE is kept, and reused when present)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { evaluate } from '../src/domain/segments/evaluate.ts';
import { parseSegmentSettings } from '../src/domain/segments/settings.ts';
import { addDays } from '../src/domain/time.ts';
import { openStore } from '../src/store/db.ts';
import { loadBehaviour, loadSideReads } from '../src/store/segments-behaviour.repo.ts';
import { loadFacts } from '../src/store/segments.repo.ts';
import { createRng } from '../src/domain/demo/random.ts';

const [phase, file] = process.argv.slice(2);
const END = '2024-12-31';
const CATEGORIES = ['服装/上衣', '服装/裤装', '服装/袜', '母婴/奶粉', '母婴/纸尿裤', '饮品/奶茶', '饮品/咖啡', '食品/乳品', '食品/零食', '日化/洗护',
  '日化/纸品', '家居/厨具', '家居/收纳', '数码/配件', '美妆/护肤', '美妆/彩妆', '运动/鞋', '运动/服', '图书/童书', '文具/本册'];

const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);
const sec = (from: number, to: number) => ((to - from) / 1000).toFixed(2);
const rss = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;
// CPU seconds (user + system) of this process so far: on a shared machine wall time swings with the load, CPU time much less.
const cpu = () => { const u = process.cpuUsage(); return ((u.user + u.system) / 1e6).toFixed(2); };

if (phase === 'generate') await generate(file!, Number(process.argv[4]));
else if (phase === 'recompute') await recompute(file!);
else if (phase === 'baseline') await baseline(file!);
else {
  // DB_FILE: written when missing, reused when present, kept either way; without it a temp file is written and removed.
  const n = Number(phase ?? 1_000_000);
  const dir = file === undefined ? mkdtempSync(join(tmpdir(), 'regulars-segbench-')) : null;
  const db = file ?? join(dir!, 'segments.db');
  const keep = existsSync(db);
  console.log(`${n.toLocaleString('en-US')} customers, node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  for (const args of [...(keep ? [] : [['generate', db, String(n)]]), ['recompute', db], ['baseline', db]]) {
    const r = spawnSync(process.execPath, [import.meta.filename, ...args], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  if (dir) rmSync(dir, { recursive: true });
}

async function generate(path: string, n: number): Promise<void> {
  const t0 = performance.now();
  const store = await openStore(path);
  const h = store.sqlite!;
  h.pragma('synchronous = OFF');
  const now = '2025-01-01T00:00:00.000Z';
  h.prepare(`insert into stores (id, code, name, time_zone, currency, created_at) values (1, 'S1', 'S1', 'Asia/Shanghai', 'CNY', ?)`).run(now);
  const ins = {
    customer: h.prepare(`insert into customers (id, member_no, gender, birth_date, attributes, created_at, updated_at) values (?, ?, ?, ?, '{}', ?, ?)`),
    order: h.prepare(`insert into orders (id, source, external_id, store_id, customer_id, placed_at, business_date, channel, gross_minor, discount_minor, net_minor,
      cost_minor, items, line_count, content_hash, created_at) values (?, 'bench', ?, 1, ?, ?, ?, 'store', ?, ?, ?, ?, ?, ?, 'x', ?)`),
    line: h.prepare(`insert into order_lines (order_id, line_no, sku, category, quantity, unit_price_minor, gross_minor, discount_minor, net_minor, cost_minor, kind)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'merchandise')`),
    ret: h.prepare(`insert into returns (id, source, external_id, store_id, customer_id, returned_at, business_date, amount_minor, items, content_hash, created_at)
      values (?, 'bench', ?, 1, ?, ?, ?, ?, 1, 'x', ?)`),
    summary: h.prepare(`insert into customer_summary (customer_id, first_purchase_at, last_purchase_at, first_purchase_date, last_purchase_date, orders,
      purchase_days, items, gross_minor, discount_minor, sales_minor, cost_minor, costed_sales_minor, returns, return_items, return_minor, net_minor,
      categories, weekend_orders, discounted_orders, previous_purchase_date) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    day: h.prepare(`insert into customer_day (customer_id, business_date, orders, sales_minor) values (?, ?, ?, ?)`),
    category: h.prepare(`insert into customer_category (customer_id, category, orders, items, sales_minor, first_date, last_date) values (?, ?, ?, ?, ?, ?, ?)`),
  };
  const rnd = createRng(20241231);
  const start = Date.parse('2022-01-01T00:00:00Z') / 86400000;
  const span = Date.parse(`${END}T00:00:00Z`) / 86400000 - start;
  const dateOf = (day: number) => new Date(day * 86400000).toISOString().slice(0, 10);
  let orderId = 0, lines = 0, returns = 0;
  const batch = h.transaction((from: number, to: number) => {
    for (let id = from; id < to; id++) {
      const birth = rnd() < 0.7 ? dateOf(Math.floor(-8000 - rnd() * 16000)) : null;
      ins.customer.run(id, `M${id}`, rnd() < 0.6 ? 'female' : 'male', birth, now, now);
      // Orders per customer: 1 + geometric (mean 2.5); purchase days spread from a random first day to the end.
      let k = 1;
      while (rnd() < 0.6 && k < 40) k++;
      const first = start + Math.floor(rnd() * span);
      const days = Array.from({ length: k }, (_, j) => (j === 0 ? first : first + Math.floor(rnd() * (start + span - first + 1)))).sort((a, b) => a - b);
      const byDay = new Map<string, [number, number]>();
      const byCat = new Map<string, { orders: number; items: number; sales: number; first: string; last: string }>();
      let sales = 0, gross = 0, discount = 0, cost = 0, items = 0, weekend = 0, discountedOrders = 0;
      for (const day of days) {
        const date = dateOf(day);
        const oid = ++orderId;
        const discounted = rnd() < 0.25;
        if (discounted) discountedOrders++;
        if ((day + 4) % 7 === 6 || (day + 4) % 7 === 0) weekend++; // day 0 was a Thursday (4): Saturday 6, Sunday 0
        let og = 0, od = 0, oc = 0, oi = 0;
        const nl = 1 + Math.floor(rnd() * 4);
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
        ins.order.run(oid, `O${oid}`, id, `${date}T04:00:00.000Z`, date, og, od, og - od, oc, oi, nl, now);
        const d = byDay.get(date) ?? [0, 0];
        d[0]++; d[1] += og - od;
        byDay.set(date, d);
        sales += og - od; gross += og; discount += od; cost += oc; items += oi;
      }
      let returnMinor = 0, nReturns = 0;
      if (rnd() < 0.05) {
        returnMinor = Math.floor(sales * 0.2);
        nReturns = 1;
        const date = dateOf(Math.min(days[days.length - 1]! + 7, start + span));
        ins.ret.run(++returns, `R${returns}`, id, `${date}T04:00:00.000Z`, date, returnMinor, now);
      }
      for (const [date, [o, s]] of byDay) ins.day.run(id, date, o, s);
      for (const [cat, c] of byCat) ins.category.run(id, cat, c.orders, c.items, c.sales, c.first, c.last);
      const firstDate = dateOf(days[0]!), lastDate = dateOf(days[days.length - 1]!);
      const previous = days.findLast((d) => d < days[days.length - 1]!);
      ins.summary.run(id, `${firstDate}T04:00:00.000Z`, `${lastDate}T04:00:00.000Z`, firstDate, lastDate, k, byDay.size, items, gross, discount,
        sales, cost, sales, nReturns, nReturns, returnMinor, sales - returnMinor, byCat.size, weekend, discountedOrders,
        previous === undefined ? null : dateOf(previous));
    }
  });
  for (let from = 1; from <= n; from += 50_000) batch(from, Math.min(n + 1, from + 50_000));
  await store.close();
  console.log(`generated in ${seconds(t0)} s: ${n.toLocaleString('en-US')} customers, ${orderId.toLocaleString('en-US')} orders, `
    + `${lines.toLocaleString('en-US')} order lines, ${returns.toLocaleString('en-US')} returns; file ${(statSync(path).size / 1e9).toFixed(2)} GB`);
}

async function recompute(path: string): Promise<void> {
  const store = await openStore(path);
  const settings = parseSegmentSettings({ tags: { categories: [{ tag: 'baby', category: '母婴', minOrders: 2, days: 90 }] } });
  const asOf = addDays(END, 1);
  // Wall time swings with the other sessions' load and with what the page cache still holds of the file
  // (the VM reclaims cold pages): each step prints its CPU seconds and the file blocks read from disk.
  const at = () => ({ wall: performance.now(), cpu: process.cpuUsage(), read: process.resourceUsage().fsRead });
  const step = (a: ReturnType<typeof at>, b: ReturnType<typeof at>) => {
    const cpuS = (b.cpu.user + b.cpu.system - a.cpu.user - a.cpu.system) / 1e6;
    return `${sec(a.wall, b.wall)} s [${cpuS.toFixed(2)} s CPU, ${((b.read - a.read) * 512 / 1e6).toFixed(0)} MB read]`;
  };
  const t0 = at();
  // What the app's loadPopulation does, step by step so each step is timed: the side reads started
  // first (the profile and the category preference, read on a worker thread while this one reads the
  // facts with the behaviour columns), models, the behaviour records, tags.
  const sideReads = loadSideReads(store.db, { categories: settings.tags.categories, profile: true, asOf });
  const { facts, source, behaviour: summary } = await loadFacts(store.db, { asOf, windowDays: null, costAndUnits: true, behaviour: true });
  const t1 = at();
  const base = evaluate({ asOf, facts, behaviour: null, settings });
  const used = (['rfm', 'retention', 'pyramid', 'abcd'] as const).map((s) => `${s} ${new Set(base.scheme(s).segments).size}`);
  const t2 = at();
  console.log(`RFM + retention + pyramid + ABCD: ${step(t0, t2)} (facts and behaviour columns ${step(t0, t1)} from the ${source}, the side reads meanwhile on a worker, models ${step(t1, t2)}), `
    + `${facts.length.toLocaleString('en-US')} customers; segments used: ${used.join(', ')}; peak RSS ${rss()}`);
  // One call with every part, as the app makes it (two calls would hold two million-record arrays).
  const side = await sideReads;
  const t25 = at();
  const behaviour = await loadBehaviour(store.db, facts, {
    asOf, windowDays: null, summary, parts: { days: true, orders: true, profile: true, categories: settings.tags.categories }, side,
  });
  const t3 = at();
  let tagged = 0;
  for (const t of evaluate({ asOf, facts, behaviour, settings }).tags()) tagged += t.length;
  const t5 = at();
  console.log(`tags: ${step(t2, t5)} (waiting for the side reads ${step(t2, t25)}, behaviour records ${step(t25, t3)}, tags ${step(t3, t5)}), ${tagged.toLocaleString('en-US')} tags given; peak RSS ${rss()}`);
  console.log(`total RFM + pyramid + ABCD + tags: ${step(t0, t5)}; ${cpu()} s CPU for the whole process, opening the store included; peak RSS ${rss()}`);
  // Apart, after the total: the category preference alone on this thread (opt-in, and the only part reading order lines).
  const t4 = performance.now();
  await loadBehaviour(store.db, facts, { asOf, windowDays: null, parts: { categories: settings.tags.categories } });
  console.log(`(the category preference alone, on this thread: ${seconds(t4)} s)`);
  const t6 = performance.now();
  const parts = { days: true, orders: true, profile: true };
  const apart = await loadBehaviour(store.db, facts, { asOf, windowDays: null, parts }); // profile read on this thread
  const t7 = performance.now();
  const same = apart.every((b, i) => b.weekendOrders === behaviour[i]!.weekendOrders && b.discountedOrders === behaviour[i]!.discountedOrders
    && b.previousPurchaseDate === behaviour[i]!.previousPurchaseDate && b.birthDate === behaviour[i]!.birthDate && b.gender === behaviour[i]!.gender);
  console.log(`(for comparison, on this thread: weekend, discounted and previous day from customer_day and orders, and the profile `
    + `from customers, instead of the summary and the worker: ${sec(t6, t7)} s; same values: ${same ? 'yes' : 'NO'})`);
  await store.close();
}

async function baseline(path: string): Promise<void> {
  const store = await openStore(path);
  const t0 = performance.now();
  const rows = await sql<{ customer_id: number }>`
    select o.customer_id, count(distinct o.id) as orders, max(o.business_date) as last, sum(l.net_minor) as net, sum(l.cost_minor) as cost
    from order_lines l join orders o on o.id = l.order_id where o.customer_id is not null group by o.customer_id`.execute(store.db);
  console.log(`baseline GROUP BY customer over order lines: ${seconds(t0)} s wall, ${cpu()} s CPU, ${rows.rows.length.toLocaleString('en-US')} customers; peak RSS ${rss()}`);
  await store.close();
}

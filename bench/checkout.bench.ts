// Benchmark: POST /api/checkout/commit over real HTTP on loopback. The API runs in a child process
// (`app.listen` on 127.0.0.1) so the load generator does not share its event loop; the parent keeps
// CONCURRENCY requests in flight with fetch and records each latency. Carts: two lines, a member
// (rotating over MEMBERS so no two requests in flight share one), a 满减 promotion in force, every
// 5th paying 100 points, every 10th presenting the member's coupon. Prints commits/s, p50, p99, and
// the floor measured the same way in the same run: GET /health (no auth, one `select 1`). The server's
// CPU time per request (all its threads) is printed too: unlike the rate, it hardly moves when other
// work shares the machine, and 1,000 commits/s needs it well under 1 ms.
// Run: npx node bench/checkout.bench.ts [sqlite|postgres|both] [COMMITS] [CONCURRENCY]
//      (postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL: an admin URL; a fresh database is made and dropped;
//      BENCH_SERVER_NODE_ARGS='--cpu-prof' profiles the server process; BENCH_SQLITE_SYNC=full syncs every commit)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildServer } from '../src/api/server.ts';
import { createApiToken } from '../src/app/auth.ts';
import { issueCoupons } from '../src/app/loyalty/issue.ts';
import { adjustPoints } from '../src/app/loyalty/members.ts';
import { loadPromotions, savePromotionDefinition, saveSettings } from '../src/app/loyalty/settings.ts';
import { upsertCustomers } from '../src/store/customers.repo.ts';
import { openStore } from '../src/store/db.ts';
import { upsertStores } from '../src/store/stores.repo.ts';

const MEMBERS = 2000;
const [mode = 'both', commitsArg = '10000', concurrencyArg = '16'] = process.argv.slice(2);

if (mode === 'serve') {
  // Child: serve the prepared store until the parent closes stdin.
  const store = await openStore(process.argv[3]!, { migrate: false, backgroundCheckpoints: process.env.BENCH_CHECKPOINTS !== 'inline',
    synchronous: process.env.BENCH_SQLITE_SYNC === 'full' ? 'full' : 'normal' });
  const app = await buildServer({ store, config: { REGULARS_SESSION_HOURS: 12, REGULARS_SECURE_COOKIES: false }, webDir: null });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
  // Each line on stdin asks for the CPU time used so far (ms, all threads): the parent times phases with it.
  process.stdin.setEncoding('utf8').on('data', () => { const c = process.cpuUsage(); process.stdout.write(`${(c.user + c.system) / 1000}\n`); });
  process.stdin.on('end', () => void app.close().then(() => store.close()));
} else {
  const commits = Number(commitsArg), concurrency = Number(concurrencyArg);
  console.log(`checkout commit over HTTP: ${commits.toLocaleString('en-US')} commits, ${concurrency} in flight, ${MEMBERS} members, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  if (mode === 'sqlite' || mode === 'both') {
    const dir = mkdtempSync(join(tmpdir(), 'regulars-bench-'));
    await bench(`SQLite (file, WAL, ${process.env.BENCH_SQLITE_SYNC === 'full' ? 'full' : 'normal'} sync)`, join(dir, 'bench.db'), commits, concurrency);
    rmSync(dir, { recursive: true });
  }
  if (mode === 'postgres' || mode === 'both') {
    const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!admin) console.log('PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
    else {
      const name = `regulars_bench_${randomBytes(4).toString('hex')}`;
      await adminQuery(admin, `create database ${name}`);
      const url = new URL(admin);
      url.pathname = `/${name}`;
      try { await bench('PostgreSQL', url.toString(), commits, concurrency); } finally { await adminQuery(admin, `drop database if exists ${name} with (force)`); }
    }
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(text);
  await c.end();
}

/** Stores, settings, members with points and coupons; returns the POS token and each member's coupon codes. */
async function prepare(url: string): Promise<{ token: string; members: number[]; coupons: Map<number, string[]> }> {
  const store = await openStore(url);
  const now = new Date().toISOString();
  const by = { actor: 'bench', now };
  await upsertStores(store.db, [{ code: 'S1', name: '静安店', timeZone: 'Asia/Shanghai', currency: 'CNY', format: null, city: null }], now);
  await saveSettings(store.db, 'tiers', { tiers: [
    { code: 'normal', name: '普卡' }, { code: 'silver', name: '银卡', criteria: { growth: 2000 }, benefits: { discountBp: 200 } },
    { code: 'gold', name: '金卡', criteria: { growth: 10000 }, benefits: { discountBp: 500, pointsMultiplierBp: 15000 } },
  ] }, by);
  await savePromotionDefinition(store.db, 'MJ', { id: 'MJ', name: '满100减20/满200减50', benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }, { thresholdMinor: 20000, offMinor: 5000 }] } }, by);
  await savePromotionDefinition(store.db, 'C10', { id: 'C10', name: '10元券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 5000, offMinor: 1000 }] } }, by);
  const blank = { phone: null, name: null, gender: 'unknown' as const, birthDate: null, city: null, region: null, homeStoreCode: null, guideCode: null,
    registeredAt: now, registrationChannel: 'bench', referrer: null, consents: [], attributes: {} };
  const { ids } = await upsertCustomers(store.db, Array.from({ length: MEMBERS }, (_, i) => ({ ...blank, memberNo: `B${i}` })), new Map(), now);
  for (const id of ids) await adjustPoints(store.db, id, { points: 1_000_000, reason: 'bench', expiresOn: null }, { now: new Date(), actor: 'bench' });
  const issued = await issueCoupons(store.db, (await loadPromotions(store.db)).map((p) => p.promotion), { templateId: 'C10', customerIds: ids.flatMap((id) => [id, id, id, id, id, id]) }, now);
  const coupons = new Map<number, string[]>();
  for (const c of issued) coupons.set(c.customerId!, [...(coupons.get(c.customerId!) ?? []), c.code]);
  const { token } = await createApiToken(store.db, { name: 'bench-till', storeCodes: ['S1'] }, { now });
  await store.close();
  return { token, members: ids, coupons };
}

async function bench(label: string, url: string, commits: number, concurrency: number): Promise<void> {
  const t0 = performance.now();
  const { token, members, coupons } = await prepare(url);
  const setupS = (performance.now() - t0) / 1000;
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), import.meta.filename, 'serve', url], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.setEncoding('utf8').once('data', (d: string) => resolve(Number(d.trim())));
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const serverCpuMs = () => new Promise<number>((resolve) => { child.stdout.once('data', (d: string) => resolve(Number(d.trim()))); child.stdin.write('cpu\n'); });
  const endpoint = `http://127.0.0.1:${port}/api/checkout/commit`;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const body = (i: number) => {
    const id = members[i % members.length]!;
    const coupon = i % 10 === 0 ? coupons.get(id)?.pop() : undefined;
    return JSON.stringify({
      storeCode: 'S1', member: { customerId: id }, pointsToUse: i % 5 === 0 ? 100 : 0, couponCodes: coupon ? [coupon] : [],
      lines: [
        { lineNo: 1, sku: `TEE-${i % 50}`, category: '服装/上衣', quantity: 1, unitPriceMinor: 9900 + (i % 7) * 1000 },
        { lineNo: 2, sku: `SOCK-${i % 20}`, category: '服装/袜', quantity: 1 + (i % 3), unitPriceMinor: 1990 },
      ],
    });
  };
  /** Keep `concurrency` requests in flight until `count` are done; latencies in ms, sorted. */
  const load = async (count: number, request: (i: number) => Promise<Response>, expect: number) => {
    const latencies: number[] = [];
    let next = 0, failures = 0, firstFailure = '';
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const start = performance.now();
        const res = await request(i);
        const text = await res.text();
        latencies.push(performance.now() - start);
        if (res.status !== expect) { failures++; firstFailure ||= `${res.status} ${text.slice(0, 300)}`; }
      }
    };
    const cpu0 = await serverCpuMs();
    const t = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const perSecond = count / ((performance.now() - t) / 1000);
    const cpuPerRequest = (await serverCpuMs() - cpu0) / count;
    return { perSecond, cpuPerRequest, latencies: latencies.sort((a, b) => a - b), failures, firstFailure };
  };
  const commit = (offset: number) => (i: number) => fetch(endpoint, { method: 'POST', headers: { ...headers, 'idempotency-key': `bench-${offset + i}` }, body: body(offset + i) });
  const report = (what: string, r: Awaited<ReturnType<typeof load>>) => {
    const q = (p: number) => r.latencies[Math.min(r.latencies.length - 1, Math.floor(p * r.latencies.length))]!.toFixed(2);
    console.log(`${label.padEnd(20)} ${what.padEnd(16)} ${Math.round(r.perSecond).toLocaleString('en-US').padStart(6)}/s  p50 ${q(0.5).padStart(6)} ms  p99 ${q(0.99).padStart(6)} ms  `
      + `max ${r.latencies.at(-1)!.toFixed(1).padStart(6)} ms  server CPU ${r.cpuPerRequest.toFixed(3)} ms/req  failures ${r.failures}${r.firstFailure ? ` (first: ${r.firstFailure})` : ''}`);
  };
  await load(Math.min(1000, commits), commit(0), 201); // warm-up: JIT, statement caches, every member's first (enrolling) checkout
  // The floor in the same run: GET /health (one `select 1`) through the same server and client.
  report('GET /health', await load(commits, () => fetch(`http://127.0.0.1:${port}/health`), 200));
  report('checkout commit', await load(commits, commit(1_000_000), 201));
  // The WAL's size after the run: checkpoints that never catch up with the writer would show here.
  const wal = existsSync(`${url}-wal`) ? `, WAL ${(statSync(`${url}-wal`).size / 2 ** 20).toFixed(1)} MB` : '';
  console.log(`${label.padEnd(20)} (setup ${setupS.toFixed(1)} s${wal}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  child.stdin.end();
  await new Promise((resolve) => child.once('exit', resolve));
}

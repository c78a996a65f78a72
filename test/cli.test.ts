import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'regulars-cli-'));
const db = join(dir, 'cli.db');

test('demo, stats --json, customers, export and rebuild work end to end on SQLite', async () => {
  const demo = await cli(['--db', db, '--json', 'demo', '--members', '200', '--as-of', '2024-12-31']);
  assert.equal(demo.code, 0, demo.stderr);
  const loaded = JSON.parse(demo.stdout) as { customers: number; orders: number; returns: number };
  assert.equal(loaded.customers, 200);

  const stats = JSON.parse((await cli(['--db', db, '--json', 'stats'])).stdout) as Record<string, number>;
  for (const key of ['customers', 'orders', 'returns', 'orderLines', 'anonymousOrders']) assert.equal(typeof stats[key], 'number', key);
  assert.equal(stats.customers, 200);
  assert.equal(stats.orders, loaded.orders);
  assert.equal(stats.returns, loaded.returns);
  assert.ok(stats.anonymousOrders! > 0 && stats.anonymousOrders! < stats.orders);

  const again = JSON.parse((await cli(['--db', db, '--json', 'demo', '--members', '200', '--as-of', '2024-12-31'])).stdout) as { orders: number };
  assert.equal(again.orders, loaded.orders);
  assert.deepEqual(JSON.parse((await cli(['--db', db, '--json', 'stats'])).stdout), stats, 'loading the demo twice changes nothing');

  const found = JSON.parse((await cli(['--db', db, '--json', 'customers', 'search', 'M0000000'])).stdout) as { id: number }[];
  assert.ok(found.length > 0);
  const shown = await cli(['--db', db, '--json', 'customers', 'show', String(found[0]!.id)]);
  assert.equal(shown.code, 0, shown.stderr);
  assert.equal((JSON.parse(shown.stdout) as { customer: { id: number } }).customer.id, found[0]!.id);

  const out = join(dir, 'customers.csv');
  assert.equal((await cli(['--db', db, 'export', 'customers', '-o', out])).code, 0);
  const csv = readFileSync(out, 'utf8');
  assert.ok(csv.startsWith('\ufeffid,member_no,phone'));
  assert.equal(csv.trimEnd().split('\n').length, 201);

  const rebuilt = await cli(['--db', db, '--json', 'rebuild']);
  assert.equal(rebuilt.code, 0, rebuilt.stderr);
  assert.deepEqual(JSON.parse((await cli(['--db', db, '--json', 'stats'])).stdout), stats);
});

test('import --zero-price keep imports free lines that are rejected by default', async () => {
  const file = join(dir, 'free.csv');
  writeFileSync(file, 'customer_id,date,num_cds,dollar_value\n1,1997-01-01,1,0.00\n1,1997-02-03,2,29.33\n');
  const zdb = join(dir, 'zero.db');
  const rejected = JSON.parse((await cli(['--db', zdb, '--json', 'import', 'orders', file, '--zone', 'UTC', '--rejects', join(dir, 'r1.csv')])).stdout) as { rowsRejected: number; rejectedByReason: Record<string, number> };
  assert.deepEqual([rejected.rowsRejected, rejected.rejectedByReason], [1, { zero_price: 1 }]);
  const kept = await cli(['--db', join(dir, 'zero2.db'), '--json', 'import', 'orders', file, '--zone', 'UTC', '--zero-price', 'keep', '--rejects', join(dir, 'r2.csv')]);
  assert.equal(kept.code, 0, kept.stderr);
  assert.deepEqual([(JSON.parse(kept.stdout) as { rowsImported: number }).rowsImported], [2]);
  assert.equal((await cli(['--db', zdb, 'import', 'orders', file, '--zero-price', 'maybe'])).code, 2);
});

test('errors are one line with exit 2 for usage and 1 for failures', async () => {
  const usage = await cli(['--db', db, 'no-such-command']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /^error\[USAGE\]: unknown command 'no-such-command'/);
  const missing = await cli(['--db', db, 'customers', 'show', '999999999']);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr.trim(), 'error[NOT_FOUND]: customer 999999999 not found');
  const badArg = await cli(['--db', db, 'customers', 'show', 'abc']);
  assert.equal(badArg.code, 2);
  const help = await cli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: regulars/);
});

test('serve loads the demo into an empty database, prints the URL and a working login', async () => {
  const { spawn } = await import('node:child_process');
  const serveDb = join(dir, 'serve.db');
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'src', 'cli', 'main.ts'), '--db', serveDb, '--json', 'serve', '--port', '0', '--demo-members', '150'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const started = await new Promise<{ url: string; login: { username: string; password: string } }>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        try { resolve(JSON.parse(out) as never); } catch { /* not complete yet */ }
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    assert.match(started.url, /^http:\/\/localhost:\d+\/$/);
    assert.equal((await fetch(`${started.url}health`)).status, 200);
    assert.equal((await fetch(`${started.url}api/stats`)).status, 401);
    const login = await fetch(`${started.url}api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(started.login) });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const stats = await (await fetch(`${started.url}api/stats`, { headers: { cookie } })).json() as { customers: number; orders: number };
    assert.equal(stats.customers, 150);
    assert.ok(stats.orders > 0);
  } finally {
    child.kill('SIGTERM');
  }
});

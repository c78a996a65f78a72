// A server's store copies its WAL back into the database on another thread: the connection itself no
// longer checkpoints, the copying does happen while the store is open, nothing is lost, and closing
// hands checkpoints back and leaves a database that another process reads whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate, setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { openStore } from '../src/store/db.ts';

test('SQLite with backgroundCheckpoints: the WAL is copied back by the worker, and close() hands checkpoints back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-ckpt-'));
  const file = join(dir, 'c.db');
  const store = await openStore(file, { backgroundCheckpoints: true });
  try {
    assert.equal(store.sqlite!.pragma('wal_autocheckpoint', { simple: true }), 0);
    for (let i = 0; i < 50; i++) {
      await store.db.insertInto('customer_day').values(Array.from({ length: 100 }, (_, k) => ({ customer_id: i * 100 + k, business_date: '2024-01-01', orders: 1, sales_minor: k }))).execute();
    }
    // Another connection asks, without copying anything itself (a NOOP checkpoint reports): wait until every frame is copied.
    const probe = new Database(file);
    let state: { log: number; checkpointed: number } | undefined;
    for (let tries = 0; tries < 200; tries++) {
      state = (probe.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[])[0];
      if (state && state.log > 0 && state.checkpointed === state.log) break;
      await sleep(50);
    }
    probe.close();
    assert.ok(state && state.log > 0, 'the writes went through the WAL');
    assert.equal(state.checkpointed, state.log, 'the worker copied every frame back');
  } finally {
    await store.close();
  }
  assert.equal(store.sqlite!.open, false);
  // The last connection closed checkpoints and removes the WAL; the file alone holds everything.
  assert.equal(existsSync(`${file}-wal`), false);
  const reader = new Database(file, { readonly: true });
  assert.equal(reader.prepare('select count(*) from customer_day').pluck().get(), 5000);
  reader.close();
  rmSync(dir, { recursive: true });
});

test('SQLite with backgroundCheckpoints: under writes that never pause, the WAL still starts over (it does not grow without bound)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-ckpt-'));
  const file = join(dir, 'c.db');
  const store = await openStore(file, { backgroundCheckpoints: true });
  const probe = new Database(file);
  const frames = () => (probe.pragma('wal_checkpoint(NOOP)') as { log: number }[])[0]!.log;
  try {
    // Small transactions back to back (as checkouts come), each a new customer's days: ~1 page per write, more
    // with splits. Between two, the event loop turns, as a server's does between requests.
    let most = 0, restarts = 0, last = 0;
    for (let i = 0; i < 10_000; i++) {
      await store.db.insertInto('customer_day').values(Array.from({ length: 20 }, (_, k) => ({ customer_id: i, business_date: `2024-01-${String(k + 1).padStart(2, '0')}`, orders: 1, sales_minor: k }))).execute();
      await setImmediate();
      const now = frames();
      if (now < last) restarts++;
      last = now;
      most = Math.max(most, now);
    }
    assert.ok(restarts > 0, 'the WAL started over');
    assert.ok(most < 10_000, `at most ${most} frames: bounded near the threshold (2,000); left alone it reached 20,000–28,000`);
  } finally {
    probe.close();
    await store.close();
    rmSync(dir, { recursive: true });
  }
});

test('SQLite without it (one-shot commands) keeps SQLite\'s own checkpoints', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-ckpt-'));
  const store = await openStore(join(dir, 'c.db'));
  assert.equal(store.sqlite!.pragma('wal_autocheckpoint', { simple: true }), 1000);
  await store.close();
  rmSync(dir, { recursive: true });
});

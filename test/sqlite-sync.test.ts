// REGULARS_SQLITE_SYNC: how durable a SQLite commit is (normal by default, full on request).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readConfig } from '../src/config.ts';
import { openStore } from '../src/store/db.ts';

test('REGULARS_SQLITE_SYNC: normal by default, full when asked, anything else named in the error', () => {
  assert.equal(readConfig({}).REGULARS_SQLITE_SYNC, 'normal');
  assert.equal(readConfig({ REGULARS_SQLITE_SYNC: 'full' }).REGULARS_SQLITE_SYNC, 'full');
  assert.throws(() => readConfig({ REGULARS_SQLITE_SYNC: 'always' }), /REGULARS_SQLITE_SYNC/);
});

test('a SQLite file opened with synchronous full syncs every commit (pragma 2); the default is normal (1)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-sync-'));
  try {
    for (const [synchronous, expected] of [[undefined, 1], ['full', 2], ['normal', 1]] as const) {
      const store = await openStore(join(dir, 'a.db'), synchronous ? { synchronous } : {});
      try {
        assert.equal(store.sqlite!.pragma('synchronous', { simple: true }), expected);
        assert.equal(store.sqlite!.pragma('journal_mode', { simple: true }), 'wal');
      } finally { await store.close(); }
    }
  } finally { rmSync(dir, { recursive: true }); }
});

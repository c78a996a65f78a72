// A long-running server on a SQLite file copies the WAL back into the database on another thread.
// SQLite otherwise does it inside whichever commit crosses 1,000 WAL pages, and with
// synchronous=NORMAL that checkpoint also syncs the files: every ~40th checkout stalled the event
// loop for milliseconds (bench/checkout.bench.ts). One-shot commands keep SQLite's own checkpoints.
//
// A checkpoint running beside a busy writer never quite catches up, and the WAL only starts again
// from its beginning when a write begins with every frame copied: left alone it grows by hundreds of
// MB under sustained checkouts. So once it passes RESTART_FRAMES the connection is held (no write
// starts; the event loop stays free) while the worker copies the few frames still behind; the next
// write then restarts the WAL.
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

const INTERVAL_MS = 25;
const RESTART_FRAMES = 2000;

interface Report { kind: 'tick' | 'now'; log: number; checkpointed: number }

/** Start checkpointing `file` in the background; the returned stop() ends it and hands checkpoints back to the connection. */
export function checkpointInBackground(db: Kysely<DB>, sqlite: Database.Database, file: string): () => Promise<void> {
  const worker = new Worker(new URL('./checkpoint-worker.ts', import.meta.url), { workerData: { file, intervalMs: INTERVAL_MS } });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  let settle: ((r: Report) => void) | null = null;
  let restarting = false;
  worker.on('message', (r: Report) => {
    if (r.kind === 'now') { settle?.(r); settle = null; return; }
    if (r.log < RESTART_FRAMES || restarting) return;
    restarting = true;
    void db.connection().execute(() => new Promise<Report>((resolve) => { settle = resolve; worker.postMessage('now'); }))
      .catch(() => {}) // the store is closing: nothing to restart
      .finally(() => { restarting = false; });
  });
  let stopped: Promise<void> | null = null;
  return () => (stopped ??= new Promise<void>((resolve) => {
    worker.once('exit', () => resolve());
    settle?.({ kind: 'now', log: 0, checkpointed: 0 });
    worker.postMessage('stop');
  }).then(() => { sqlite.pragma('wal_autocheckpoint = 1000'); }));
}

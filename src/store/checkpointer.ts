// A long-running server on a SQLite file copies the WAL back into the database on another thread.
// SQLite otherwise does it inside whichever commit crosses 1,000 WAL pages, and with
// synchronous=NORMAL that checkpoint also syncs the files: every ~40th checkout stalled the event
// loop for milliseconds (bench/checkout.bench.ts). One-shot commands keep SQLite's own checkpoints.
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

const INTERVAL_MS = 100;

/** Start checkpointing `file` in the background; the returned stop() ends it and hands checkpoints back to the connection. */
export function checkpointInBackground(sqlite: Database.Database, file: string): () => Promise<void> {
  const worker = new Worker(new URL('./checkpoint-worker.ts', import.meta.url), { workerData: { file, intervalMs: INTERVAL_MS } });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  let stopped: Promise<void> | null = null;
  return () => (stopped ??= new Promise<void>((resolve) => {
    worker.once('exit', () => resolve());
    worker.postMessage('stop');
  }).then(() => { sqlite.pragma('wal_autocheckpoint = 1000'); }));
}

// The background checkpointer's thread (see checkpointer.ts): its own connection to the store's file,
// copying the WAL back into the database every INTERVAL ms and whenever asked. PASSIVE never waits
// for, nor blocks, the server's connection; on a WAL already copied it is a no-op. Each run reports
// the WAL's frames and how many of them are copied.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new Database(file);
db.pragma('busy_timeout = 1000');
const checkpoint = (kind: 'tick' | 'now') => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    parentPort!.postMessage({ kind, log: r?.log ?? 0, checkpointed: r?.checkpointed ?? 0 });
  } catch {
    parentPort!.postMessage({ kind, log: -1, checkpointed: 0 }); // busy or closing: the next run tries again
  }
};
const timer = setInterval(() => checkpoint('tick'), intervalMs);
parentPort!.on('message', (m: 'now' | 'stop') => {
  if (m === 'now') return checkpoint('now');
  clearInterval(timer);
  db.close();
  parentPort!.close();
});

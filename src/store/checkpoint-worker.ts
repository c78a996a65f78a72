// The background checkpointer's thread (see checkpointer.ts): its own connection to the store's file,
// copying the WAL back into the database every INTERVAL ms. PASSIVE never waits for, nor blocks, the
// server's connection; on a WAL already copied it is a no-op.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new Database(file);
db.pragma('busy_timeout = 1000');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: the next tick tries again */ } };
const timer = setInterval(checkpoint, intervalMs);
parentPort!.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort!.close();
});

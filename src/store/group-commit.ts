// Group commit for SQLite's single writer. A commit writes every page the transaction touched to the
// WAL (a checkout touches ~27) and now and then runs a checkpoint that syncs the files: about a fifth
// of a checkout's time when each one commits alone (bench/checkout.bench.ts). Writes that queue up
// while one runs are done in one transaction instead, each inside its own savepoint, and committed
// once: a write that fails is rolled back to its savepoint and fails alone; the others are answered
// only after the commit, so nobody hears "done" about something a crash could still take back.
// PostgreSQL runs each write in its own transaction: its connections write in parallel.
import { sql, type Kysely } from 'kysely';
import type Database from 'better-sqlite3';
import { forgetMemos, ownConnection, sqliteHandle } from './db.ts';
import type { DB } from './schema.ts';

/** A group stops taking writes after this many, or this long after it began: the first one waits for the commit. */
const MAX_WRITES = 16;
const MAX_MS = 4;

interface Write { work: (trx: Kysely<DB>) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }
interface Queue { pending: Write[]; running: boolean }
const queues = new WeakMap<Database.Database, Queue>();

/**
 * Run `work` in a transaction: all of it or nothing. On SQLite it may share the transaction (and its
 * commit) with writes queued at the same time; `work` must use only the `trx` it is given.
 */
export function writeTransaction<T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  const handle = sqliteHandle(db);
  if (handle === null) return db.transaction().execute(work);
  let q = queues.get(handle);
  if (!q) queues.set(handle, (q = { pending: [], running: false }));
  const queue = q;
  return new Promise<T>((resolve, reject) => {
    queue.pending.push({ work, resolve: resolve as (v: unknown) => void, reject });
    if (queue.running) return;
    queue.running = true;
    // better-sqlite3 answers synchronously, so a group runs in one go of microtasks, and requests
    // read from the sockets meanwhile would never join it. Starting after the current I/O callbacks
    // lets every request already received queue up first.
    setImmediate(() => void drain(db, queue));
  });
}

async function drain(db: Kysely<DB>, q: Queue): Promise<void> {
  try {
    while (q.pending.length > 0) {
      const group: Write[] = [];
      const done: (() => void)[] = [];
      try {
        await db.connection().execute(async (held) => {
          const conn = ownConnection(held);
          // Immediate: the write lock is taken (or waited for) up front, never refused half-way through the group.
          await sql`begin immediate`.execute(conn);
          try {
            const started = performance.now();
            while (q.pending.length > 0 && group.length < MAX_WRITES && (group.length === 0 || performance.now() - started < MAX_MS)) {
              const w = q.pending.shift()!;
              group.push(w);
              await sql`savepoint w`.execute(conn);
              try {
                const value = await w.work(conn);
                await sql`release w`.execute(conn);
                done.push(() => w.resolve(value));
              } catch (e) {
                await sql`rollback to w`.execute(conn);
                await sql`release w`.execute(conn);
                done.push(() => w.reject(e));
              }
            }
            await sql`commit`.execute(conn);
          } catch (e) {
            await sql`rollback`.execute(conn).catch(() => {});
            throw e;
          }
        });
      } catch (e) {
        // The group did not commit (the lock could not be had, the disk refused the commit): none of it
        // happened, and a memo filled by one write from another's uncommitted rows must go too.
        // If it could not even begin, every write waiting gets the refusal, as each alone would have.
        forgetMemos(db);
        for (const w of group.length > 0 ? group : q.pending.splice(0)) w.reject(e);
        continue;
      }
      for (const d of done) d();
    }
  } finally {
    q.running = false;
  }
}

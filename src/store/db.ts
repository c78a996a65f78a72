// The only place that knows which database we talk to. SQLite (better-sqlite3, a file) is the
// embedded default; PostgreSQL when the URL says postgres://. Driver quirks are converted here once:
// pg returns int8/numeric as strings, so they become numbers (our values stay far below 2^53).
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DB } from './schema.ts';
import { migrateToLatest } from './migrate.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The raw SQLite handle, for the bulk import path (null on PostgreSQL). */
  sqlite: Database.Database | null;
  close(): Promise<void>;
}

const toNumber = (v: string): number => Number(v);
const defaultParser = pg.types.getTypeParser.bind(pg.types) as (oid: number, format?: 'text' | 'binary') => unknown;
const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): unknown =>
    oid === 20 || oid === 1700 ? toNumber : defaultParser(oid, format), // int8, numeric (sums of bigint)
};

/** Open (and migrate) the store at `url`: a SQLite file path, ':memory:', or postgres://… */
export async function openStore(url: string, opts: { migrate?: boolean } = {}): Promise<Store> {
  const { migrate = true } = opts;
  let store: Store;
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, types: pgTypes, max: 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    store = { db, dialect: 'postgres', sqlite: null, close: () => db.destroy() };
  } else {
    const file = url.replace(/^sqlite:(\/\/)?/, '');
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    store = { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
  }
  if (migrate) await migrateToLatest(store.db);
  return store;
}

/**
 * Kysely prepares every statement afresh; better-sqlite3 statements are costly to prepare and hold
 * native memory until garbage-collected. Batched writes repeat the same SQL text, so a small LRU of
 * prepared statements makes them several times faster and keeps RSS flat.
 */
function withStatementCache(sqlite: Database.Database, size = 256) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => { cache.clear(); sqlite.close(); },
    prepare(text: string) {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = sqlite.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
}

/** A quick liveness probe used by /health. */
export async function ping(store: Store): Promise<boolean> {
  await sql`select 1`.execute(store.db);
  return true;
}

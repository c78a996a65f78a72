// The only place that knows which database we talk to. SQLite (better-sqlite3, a file) is the
// embedded default; PostgreSQL when the URL says postgres://. Driver quirks are converted here once:
// pg returns int8/numeric as strings, so they become numbers (our values stay far below 2^53).
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
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
    // An idle connection can die under us (server restart, admin termination). Without a listener
    // pg's 'error' event would crash the process; the pool simply replaces the connection.
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
    store = { db, dialect: 'postgres', sqlite: null, close: () => db.destroy() };
  } else {
    const file = url.replace(/^sqlite:(\/\/)?/, '');
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new SqliteHandle(sqlite)] });
    store = { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
  }
  if (migrate) await migrateToLatest(store.db);
  return store;
}

/**
 * Carries the raw better-sqlite3 handle on a Kysely instance. Plugins travel into transactions, so
 * bulk writers can find the handle from whatever `db` (or `trx`) they were given; on the single
 * SQLite connection, raw statements run inside the same transaction.
 */
class SqliteHandle implements KyselyPlugin {
  readonly handle: Database.Database;
  constructor(handle: Database.Database) { this.handle = handle; }
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode { return args.node; }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> { return Promise.resolve(args.result); }
}

/** The raw SQLite handle behind `db` (or a transaction of it), null on PostgreSQL. */
export function sqliteHandle(db: Kysely<any>): Database.Database | null { // eslint-disable-line @typescript-eslint/no-explicit-any
  const plugin = db.getExecutor().plugins.find((p) => p instanceof SqliteHandle);
  return plugin ? plugin.handle : null;
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

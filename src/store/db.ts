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
import { checkpointInBackground } from './checkpointer.ts';
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

export interface OpenOptions {
  migrate?: boolean;
  /** For a long-running server on a SQLite file (see checkpointer.ts). */
  backgroundCheckpoints?: boolean;
  /**
   * SQLite in WAL mode. 'normal' (default): a commit is durable against a crash of the process, and
   * one cut power loses the commits since the WAL was last synced (at a checkpoint: every 25 ms under
   * `serve`). 'full': the WAL is synced at every commit, so an answered checkout survives a power cut.
   * PostgreSQL keeps its own setting (synchronous_commit).
   */
  synchronous?: 'normal' | 'full';
}

/** Open (and migrate) the store at `url`: a SQLite file path, ':memory:', or postgres://… */
export async function openStore(url: string, opts: OpenOptions = {}): Promise<Store> {
  const { migrate = true, synchronous = 'normal' } = opts;
  let store: Store;
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, types: pgTypes, max: 10 });
    // An idle connection can die under us (server restart, admin termination). Without a listener
    // pg's 'error' event would crash the process; the pool simply replaces the connection.
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }), plugins: [new StoreLocal(null)] });
    store = { db, dialect: 'postgres', sqlite: null, close: () => db.destroy() };
  } else {
    const file = url.replace(/^sqlite:(\/\/)?/, '');
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const local = new StoreLocal(sqlite);
    const statements = withStatementCache(sqlite, local);
    local.prepare = (text) => statements.prepare(text);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: statements }), plugins: [local] });
    const stop = opts.backgroundCheckpoints && file !== ':memory:' ? checkpointInBackground(db, sqlite, file) : null;
    store = { db, dialect: 'sqlite', sqlite, close: async () => { await stop?.(); await db.destroy(); } };
  }
  if (migrate) await migrateToLatest(store.db);
  return store;
}

/**
 * What belongs to one open store rather than to the process: the raw better-sqlite3 handle (bulk
 * writers and prepared hot statements reach it from whatever `db` or `trx` they were given — plugins
 * travel into transactions, and on the single SQLite connection raw statements run inside the same
 * transaction) and the in-process caches of `cachedRead`.
 */
class StoreLocal implements KyselyPlugin {
  readonly handle: Database.Database | null;
  /** Bumped by every write through this connection to a table `cachedRead` values come from, and by every rollback. */
  changes = 0;
  readonly values = new Map<string, { stamp: string; value: unknown }>();
  readonly memos = new Map<string, Map<unknown, unknown>>();
  /** The statement cache's prepare (SQLite): what Kysely's driver uses, for statements run directly. */
  prepare: ((text: string) => Database.Statement) | null = null;
  readonly #dataVersion: Database.Statement | null;
  constructor(handle: Database.Database | null) {
    this.handle = handle;
    this.#dataVersion = handle && handle.prepare('pragma data_version').pluck();
  }
  /**
   * Changes since the connection opened: ours (counted) and other connections' commits (SQLite's
   * data_version, which moves on every commit by another connection — the CLI, another server).
   * Read inside a transaction it is that transaction's snapshot. Null on PostgreSQL: no such signal.
   */
  stamp(): string | null {
    return this.#dataVersion ? `${this.#dataVersion.get() as number}:${this.changes}` : null;
  }
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode { return args.node; }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> { return Promise.resolve(args.result); }
}

const localOf = (db: Kysely<any>) => db.getExecutor().plugins.find((p) => p instanceof StoreLocal); // eslint-disable-line @typescript-eslint/no-explicit-any

/** Kyselys bound to the store's one connection by its owner for a while (group-commit.ts). */
const owners = new WeakSet<Kysely<any>>(); // eslint-disable-line @typescript-eslint/no-explicit-any

/** Mark `conn` (from `db.connection()`) as holding the SQLite connection: statements through it may run directly. */
export function ownConnection<T>(conn: Kysely<T>): Kysely<T> {
  owners.add(conn);
  return conn;
}

/**
 * SQLite: a way to run statements directly on the connection, synchronously, when `db` holds it (a
 * transaction, or a connection marked by ownConnection) — skipping Kysely's executor, its connection
 * lock and promise chain (a few µs a statement). Null otherwise: a statement through the root `db`
 * must wait for the connection, or it would run inside whoever's transaction is open.
 */
export function directPrepare(db: Kysely<any>): ((text: string) => Database.Statement) | null { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!db.isTransaction && !owners.has(db)) return null;
  return localOf(db)?.prepare ?? null;
}

/** The raw SQLite handle behind `db` (or a transaction of it), null on PostgreSQL. */
export function sqliteHandle(db: Kysely<any>): Database.Database | null { // eslint-disable-line @typescript-eslint/no-explicit-any
  return localOf(db)?.handle ?? null;
}

/** Tables `cachedRead` values are derived from: written rarely (settings screens, imports, token admin), read by every checkout. */
const CACHED_TABLES = /^(?:insert into|update|delete from) "(?:stores|promotions|loyalty_config|api_tokens)"/;

/**
 * A value derived from the rarely written tables (stores, loyalty settings, promotions), kept in this
 * process while nothing may have changed it: on SQLite, no write to those tables and no rollback
 * through this connection, and no commit by any other connection, since it was loaded. The check is
 * one `pragma data_version`. PostgreSQL offers no cheap cross-process signal, so it always loads.
 * Callers must treat the value as read-only: it is shared.
 */
export async function cachedRead<T>(db: Kysely<any>, key: string, load: () => Promise<T>): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const local = localOf(db);
  const stamp = local?.stamp() ?? null;
  if (local === undefined || stamp === null) return load();
  const hit = local.values.get(key);
  if (hit?.stamp === stamp) return hit.value as T;
  // Stamped before loading: a change made while loading makes the next read load again.
  const value = await load();
  local.values.set(key, { stamp, value });
  return value;
}

/** Whether `cachedRead` keeps values for this store (SQLite) or loads every time (PostgreSQL). */
export function keepsReads(db: Kysely<any>): boolean { // eslint-disable-line @typescript-eslint/no-explicit-any
  return localOf(db)?.handle != null;
}

/** Forget every per-store memo: after a rolled-back group commit, a memo may hold what it wrote (see group-commit.ts). */
export function forgetMemos(db: Kysely<any>): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  localOf(db)?.memos.clear();
}

/** A per-store memo that never needs invalidating (e.g. SKU → product id: products are never deleted or renumbered). */
export function storeMemo<K, V>(db: Kysely<any>, key: string): Map<K, V> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const local = localOf(db);
  if (!local) return new Map();
  let m = local.memos.get(key);
  if (!m) local.memos.set(key, (m = new Map()));
  return m as Map<K, V>;
}

/**
 * Kysely prepares every statement afresh; better-sqlite3 statements are costly to prepare and hold
 * native memory until garbage-collected. Batched writes repeat the same SQL text, so a small LRU of
 * prepared statements makes them several times faster and keeps RSS flat. Every statement Kysely
 * runs passes here, so this is also where writes to the cached tables, and rollbacks (which may undo
 * a value loaded inside the transaction), are noticed.
 */
function withStatementCache(sqlite: Database.Database, local: StoreLocal, size = 256) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => { cache.clear(); sqlite.close(); },
    prepare(text: string) {
      if (CACHED_TABLES.test(text) || text.startsWith('rollback')) local.changes++;
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

// Reading a million aggregated rows for the segment models, one row at a time as an array (columns in
// select order). On SQLite through the raw handle in better-sqlite3's raw mode, iterating: no keyed
// object per row and no million-row result held at once, so the rows die young and cost little garbage
// collection. On PostgreSQL through a cursor (pg-cursor), a few thousand rows at a time, for the same
// reason. Name every column uniquely (pg keys rows by name).
import type { CompiledQuery, Kysely } from 'kysely';
import { sqliteHandle } from './db.ts';
import type { DB } from './schema.ts';

export type Cell = string | number | null;

/** Call `fn` with each row of a compiled query, as an array. */
export async function eachRow(db: Kysely<DB>, query: CompiledQuery, fn: (row: Cell[]) => void): Promise<number> {
  const handle = sqliteHandle(db);
  let n = 0;
  if (handle) {
    for (const row of handle.prepare(query.sql).raw(true).iterate(...(query.parameters as unknown[]))) { fn(row as Cell[]); n++; }
    return n;
  }
  await db.getExecutor().provideConnection(async (connection) => {
    for await (const chunk of connection.streamQuery<Record<string, Cell>>(query, STREAM_CHUNK)) {
      for (const row of chunk.rows) { fn(Object.values(row)); n++; }
    }
  });
  return n;
}

const STREAM_CHUNK = 5000;

/** All rows of a compiled query as arrays: for bounded pages, where one native loop beats iterating. */
export async function rowsOf(db: Kysely<DB>, query: CompiledQuery): Promise<Cell[][]> {
  const handle = sqliteHandle(db);
  if (handle) return handle.prepare(query.sql).raw(true).all(...(query.parameters as unknown[])) as Cell[][];
  return (await db.executeQuery<Record<string, Cell>>(query)).rows.map((r) => Object.values(r));
}

/**
 * One shared string per distinct value: a million customers have a few thousand distinct dates, and the
 * driver makes a new string for every row (about 60 MB per date column at a million rows).
 */
export function interner(): <T extends string | null>(s: T) => T {
  const seen = new Map<string, string>();
  return <T extends string | null>(s: T): T => {
    if (s === null) return s;
    const hit = seen.get(s);
    if (hit !== undefined) return hit as T;
    seen.set(s, s);
    return s;
  };
}

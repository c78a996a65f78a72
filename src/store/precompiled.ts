// Hot statements built with Kysely once per store, then run by their compiled text with new values.
// On SQLite a small statement runs in a few microseconds while building and compiling it through the
// query builder costs tens (measured in bench/checkout.bench.ts: a checkout is ~25 such statements).
// The text is compiled for the store's own dialect, so one definition serves SQLite and PostgreSQL.
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import { storeMemo } from './db.ts';
import type { DB } from './schema.ts';

const MARK = '\u0000$';

/** Where the i-th value goes; typed to fit any column. */
export type Slot = (i: number) => never;

/**
 * Define a statement: `build` receives `$`, and puts `$(0)`, `$(1)` … where the values go (only as
 * values: a fixed number of them, never in an `in` list whose length varies).
 *
 * @example const byId = precompiled('customer-by-id', (db, $) => db.selectFrom('customers').selectAll().where('id', '=', $(0)));
 *          const rows = await byId(trx, 42);
 */
export function precompiled<O>(name: string, build: (db: Kysely<DB>, $: Slot) => Compilable<O>): (db: Kysely<DB>, ...values: unknown[]) => Promise<O[]> {
  return async (db, ...values) => {
    const memo = storeMemo<string, CompiledQuery<O>>(db, 'precompiled');
    let q = memo.get(name);
    if (!q) {
      q = build(db, ((i: number) => `${MARK}${i}`) as Slot).compile();
      const slots = new Set(q.parameters.filter((p) => typeof p === 'string' && p.startsWith(MARK)));
      if (slots.size !== values.length) throw new Error(`precompiled ${name}: ${slots.size} slots compiled for ${values.length} values`);
      memo.set(name, q);
    }
    const parameters = q.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? values[Number(p.slice(MARK.length))] : p));
    return (await db.executeQuery<O>(CompiledQuery.raw(q.sql, parameters))).rows;
  };
}

// Hot statements built with Kysely once per store and shape, then run by their compiled text with new
// values. On SQLite a small statement runs in a few microseconds while building and compiling it
// through the query builder costs tens (measured in bench/checkout.bench.ts: a checkout is ~30 such
// statements). The text is compiled for the store's own dialect, so one definition serves SQLite and
// PostgreSQL.
import { CompiledQuery, sql, type Compilable, type Insertable, type Kysely, type RawBuilder } from 'kysely';
import { chunksFor } from './batch.ts';
import { directPrepare, storeMemo } from './db.ts';
import type { DB } from './schema.ts';

const MARK = '\u0000$';
/** Shapes with more values than this are built afresh each time: big batches amortise the build, and the memo stays small. */
const SHAPE_LIMIT = 200;

/** Where the i-th value goes; typed to fit any column. */
export type Slot = (i: number) => never;
type Build<O> = (db: Kysely<DB>, $: Slot) => Compilable<O>;

async function run<O>(db: Kysely<DB>, key: string, build: Build<O>, values: readonly unknown[]): Promise<O[]> {
  if (values.length > SHAPE_LIMIT) return execute(db, build(db, ((i: number) => values[i]) as Slot).compile());
  const memo = storeMemo<string, CompiledQuery<O>>(db, 'precompiled');
  let q = memo.get(key);
  if (!q) {
    q = build(db, ((i: number) => `${MARK}${i}`) as Slot).compile();
    const slots = new Set(q.parameters.filter((p) => typeof p === 'string' && p.startsWith(MARK)));
    if (slots.size !== values.length) throw new Error(`precompiled ${key}: ${slots.size} slots compiled for ${values.length} values`);
    memo.set(key, q);
  }
  const parameters = q.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? values[Number(p.slice(MARK.length))] : p));
  return execute(db, CompiledQuery.raw(q.sql, parameters));
}

/** Rows of a compiled statement: on SQLite inside a transaction straight on the connection, else through Kysely. */
async function execute<O>(db: Kysely<DB>, q: CompiledQuery<O>): Promise<O[]> {
  const prepare = directPrepare(db);
  if (!prepare) return (await db.executeQuery<O>(q)).rows;
  const stmt = prepare(q.sql);
  if (stmt.reader) return stmt.all(q.parameters) as O[];
  stmt.run(q.parameters);
  return [];
}

/**
 * Define a statement of a fixed shape: `build` receives `$`, and puts `$(0)`, `$(1)` … where the
 * values go (only as values, a fixed number of them).
 *
 * @example const byId = precompiled('customer-by-id', (db, $) => db.selectFrom('customers').selectAll().where('id', '=', $(0)));
 *          const rows = await byId(trx, 42);
 */
export function precompiled<O>(name: string, build: Build<O>): (db: Kysely<DB>, ...values: unknown[]) => Promise<O[]> {
  return (db, ...values) => run(db, name, build, values);
}

/**
 * Run a statement whose shape follows the lengths of some value lists (`in` lists, a multi-row
 * insert): compiled once per store, name and lengths while they are small, built afresh when large.
 * `build` receives each list as slots, in order.
 *
 * @example await shaped(db, 'days-of', [ids, dates], (d, $ids, $dates) =>
 *            d.selectFrom('customer_day').selectAll().where('customer_id', 'in', $ids).where('business_date', 'in', $dates));
 */
export function shaped<O>(db: Kysely<DB>, name: string, lists: readonly (readonly unknown[])[], build: (db: Kysely<DB>, ...slots: never[][]) => Compilable<O>): Promise<O[]> {
  const values = lists.flat();
  return run(db, `${name}#${lists.map((l) => l.length).join(',')}`, (d, $) => {
    let at = 0;
    return build(d, ...lists.map((l) => l.map(() => $(at++))));
  }, values);
}

type Column<T extends keyof DB> = keyof DB[T] & string;

/**
 * Insert rows (all with the same keys, in the same order) into `table`; a row whose `keys` exist
 * already adds its `add` columns to the stored ones and overwrites its `replace` columns. Chunked
 * under the drivers' parameter limits; each chunk size compiled once.
 */
export async function upsertRows<T extends keyof DB>(db: Kysely<DB>, table: T, rows: readonly Insertable<DB[T]>[], conflict: {
  keys: readonly Column<T>[]; add?: readonly Column<T>[]; replace?: readonly Column<T>[];
}): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!) as Column<T>[];
  const { keys, add = [], replace = [] } = conflict;
  const name = `upsert:${table}(${columns.join(',')})on(${keys.join(',')})add(${add.join(',')})set(${replace.join(',')})`;
  for (const chunk of chunksFor(rows, columns.length)) {
    const values = chunk.flatMap((r) => columns.map((c) => (r as Record<string, unknown>)[c]));
    await shaped(db, name, [values], (d, $values) => {
      const slotRows = chunk.map((_, r) => Object.fromEntries(columns.map((c, i) => [c, $values[r * columns.length + i]])));
      const set = Object.fromEntries([
        ...add.map((c): [string, RawBuilder<unknown>] => [c, sql`${sql.ref(`${table}.${c}`)} + ${sql.ref(`excluded.${c}`)}`]),
        ...replace.map((c): [string, RawBuilder<unknown>] => [c, sql.ref(`excluded.${c}`)]),
      ]);
      // The table and its columns are type-checked in the signature; Kysely cannot follow a generic table name here.
      const loose = d as unknown as Kysely<Record<string, Record<string, unknown>>>, target: string = table;
      return loose.insertInto(target).values(slotRows).onConflict((oc) => oc.columns([...keys]).doUpdateSet(set));
    });
  }
}

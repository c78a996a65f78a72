// SQLite fast path for bulk inserts: one cached prepared single-row statement per table, run in a
// loop. better-sqlite3 is synchronous, so this is several times faster than building multi-row
// statements through the query builder (measured in bench/import.bench.ts). Rows must have the
// same keys in the same order (they come from one mapper).
import type Database from 'better-sqlite3';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function bulkInsert(db: Database.Database, table: string, rows: readonly object[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const key = `${table}(${columns.join(',')})`;
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map<string, Database.Statement>()));
  let stmt = statements.get(key);
  if (!stmt) {
    stmt = db.prepare(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
    statements.set(key, stmt);
  }
  for (const row of rows) stmt.run(row);
}

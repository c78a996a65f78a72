// Multi-row statements must stay under the drivers' bound-parameter limits (PostgreSQL 65535,
// SQLite 32766): split rows so that rows × columns stays well below both.
const MAX_PARAMS = 30000;

export function chunksFor<T>(rows: readonly T[], columns: number, cap = 1000): T[][] {
  const size = Math.max(1, Math.min(cap, Math.floor(MAX_PARAMS / Math.max(columns, 1))));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Values for an `in (…)` list, chunked. */
export function inChunks<T>(values: Iterable<T>, cap = 5000): T[][] {
  return chunksFor([...new Set(values)], 1, cap);
}

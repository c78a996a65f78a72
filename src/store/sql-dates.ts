// Date expressions that differ between the dialects. Business dates are 'YYYY-MM-DD' text.
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from './schema.ts';

/** True when the business date in `column` is a Saturday or Sunday. */
export function isWeekendSql(db: Kysely<DB>, column: string): RawBuilder<boolean> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<boolean>`extract(dow from cast(${sql.ref(column)} as date)) in (0, 6)`
    : sql<boolean>`strftime('%w', ${sql.ref(column)}) in ('0', '6')`;
}

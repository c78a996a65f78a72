import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { rebuildReportAggregates } from './report-aggregates.repo.ts';
import type { DB } from './schema.ts';
import * as m0001 from './migrations/0001_init.ts';
import * as m0002 from './migrations/0002_import_rejects.ts';
import * as m0003 from './migrations/0003_segments.ts';
import * as m0004 from './migrations/0004_model_fits.ts';
import * as m0005 from './migrations/0005_fractional_quantities.ts';
import * as m0007 from './migrations/0007_loyalty.ts';
import * as m0008 from './migrations/0008_summary_behaviour.ts';
import * as m0009 from './migrations/0009_report_aggregates.ts';
import * as m0010 from './migrations/0010_loyalty_jobs.ts';
import * as m0011 from './migrations/0011_customer_trigrams.ts';
import * as m0012 from './migrations/0012_customer_category_recent.ts';
import * as m0013 from './migrations/0013_member_devices.ts';

// Listed statically (not read from a folder) so the set of migrations is fixed by the code that ships.
const MIGRATIONS: Record<string, Migration> = {
  '0001_init': m0001, '0002_import_rejects': m0002, '0003_segments': m0003, '0004_model_fits': m0004,
  '0005_fractional_quantities': m0005, '0007_loyalty': m0007, '0008_summary_behaviour': m0008,
  '0009_report_aggregates': m0009, '0010_loyalty_jobs': m0010, '0011_customer_trigrams': m0011,
  '0012_customer_category_recent': m0012, '0013_member_devices': m0013,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

/**
 * The migrator over the shipped set (tests step down and up with it). Migrations written side by side
 * may land out of number order (0010 before 0009 on some store): each is independent of the others'
 * tables, so one missing below the latest applied still runs rather than refusing to open the store.
 */
export const migrator = (db: Kysely<any>): Migrator => new Migrator({ db, provider, allowUnorderedMigrations: true });

/** Bring the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
  }
  // 0009 creates the report aggregates empty; a store that already holds sales gets them built once
  // (migrations may not run app code, so it happens here; ~2 min at 1M members, bench/dashboard.bench.ts).
  if (results?.some((r) => r.migrationName === '0009_report_aggregates' && r.status === 'Success')
    && await db.selectFrom('orders').select('id').limit(1).executeTakeFirst()) {
    await (db as unknown as Kysely<DB>).transaction().execute((trx) => rebuildReportAggregates(trx));
  }
}

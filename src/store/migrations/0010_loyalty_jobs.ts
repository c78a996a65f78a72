// Frozen in time once released. A referral whose rewards were taken back (the referee's first
// qualifying order came back in full) is marked here, one row per referee, so nothing is taken twice
// and the binding shows what happened. The `referrals` row keeps the order that paid, so the referral
// never pays again.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('referral_clawbacks')
    .addColumn('referee_id', 'bigint', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('return_id', 'bigint', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('referrer_points', 'bigint', (c) => c.notNull())
    .addColumn('referee_points', 'bigint', (c) => c.notNull())
    .addColumn('shortfall', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('referral_clawbacks').execute();
}

// Frozen in time once released. The devices a member registered from (as the POS or app reports them),
// so a newcomer binding a referral code from one of the referrer's own devices is refused as
// self-referral. Before, only the newcomer's devices were known at registration and the referrer's
// were never kept, so the same-device rule could not fire.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.createTable('member_devices')
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_devices_pk', ['customer_id', 'device_id'])
    .modifyEnd(pg ? sql`` : sql`without rowid`)
    .execute();
  await db.schema.createIndex('member_devices_device').on('member_devices').column('device_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('member_devices').execute();
}

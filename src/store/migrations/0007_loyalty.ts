// Frozen in time once released. The loyalty engine's state (see docs/loyalty.md, "For the store"):
// versioned settings, tiers and growth, the append-only points ledger, promotions and coupons,
// referrals, and committed checkouts with their idempotency keys. Concurrency rests on keys, not
// locks: ledger rows are keyed (customer, number), so two checkouts that read the same ledger and
// append the same next number collide; coupons are spent with conditional updates.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  // SQLite: small rows keyed by a composite or text key are stored in their key's B-tree (WITHOUT
  // ROWID), so an insert writes one tree, not a table and its key index. PostgreSQL has no such option.
  const clustered = pg ? sql`` : sql`without rowid`;

  // One row per saved version of each kind of setting ('tiers', 'earn', 'policy'); the latest wins.
  await s.createTable('loyalty_config')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('loyalty_config_pk', ['kind', 'version'])
    .modifyEnd(clustered)
    .execute();

  await s.createTable('member_tiers')
    .addColumn('customer_id', 'bigint', (c) => c.primaryKey())
    .addColumn('tier_code', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('review_on', 'text', (c) => c.notNull())
    .addColumn('override', 'text')
    .addColumn('enrolled_on', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await s.createTable('tier_history')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_tier', 'text')
    .addColumn('to_tier', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('actor', 'text')
    .execute();
  await s.createIndex('tier_history_customer').on('tier_history').columns(['customer_id', 'at']).execute();

  // Growth value (成长值) and the tier metrics, per member and business date.
  await s.createTable('member_activity')
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('spend_minor', 'bigint', (c) => c.notNull())
    .addColumn('orders', 'integer', (c) => c.notNull())
    .addColumn('interactions', 'integer', (c) => c.notNull())
    .addColumn('growth', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_activity_pk', ['customer_id', 'business_date'])
    .modifyEnd(clustered)
    .execute();

  await s.createTable('points_lots')
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('lot_no', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('points', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('available_on', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('order_id', 'text')
    .addColumn('lines', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('points_lots_pk', ['customer_id', 'lot_no'])
    .modifyEnd(clustered)
    .execute();
  await s.createIndex('points_lots_expires').on('points_lots').column('expires_on').execute();

  await s.createTable('points_entries')
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('entry_no', 'integer', (c) => c.notNull())
    .addColumn('lot_no', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('points', 'bigint', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('op_id', 'text')
    .addColumn('line_no', 'integer')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('points_entries_pk', ['customer_id', 'entry_no'])
    .modifyEnd(clustered)
    .execute();
  await s.createIndex('points_entries_date').on('points_entries').columns(['business_date', 'kind']).execute();

  // Promotions and coupon templates (coupon = 1) as validated JSON.
  await s.createTable('promotions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('coupon', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  // Uses and discount given per promotion: customer_id 0 is the promotion-wide row.
  await s.createTable('promotion_usage')
    .addColumn('promotion_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('uses', 'integer', (c) => c.notNull())
    .addColumn('spent_minor', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('promotion_usage_pk', ['promotion_id', 'customer_id'])
    .modifyEnd(clustered)
    .execute();

  await s.createTable('coupons')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint')
    .addColumn('multi_use', 'integer', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('used_order_id', 'text')
    .addColumn('reserved_by', 'text')
    .addColumn('reserved_until', 'text')
    .addColumn('issued_order_id', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .modifyEnd(clustered)
    .execute();
  await s.createIndex('coupons_customer').on('coupons').column('customer_id').execute();
  await s.createIndex('coupons_issued_order').on('coupons').column('issued_order_id').execute();

  await s.createTable('referral_codes')
    .addColumn('customer_id', 'bigint', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .modifyEnd(clustered)
    .execute();

  await s.createTable('referrals')
    .addColumn('referee_id', 'bigint', (c) => c.primaryKey())
    .addColumn('referrer_id', 'bigint', (c) => c.notNull())
    .addColumn('bound_on', 'text', (c) => c.notNull())
    .addColumn('rewarded_order_id', 'text')
    .addColumn('rewarded_on', 'text')
    .execute();
  await s.createIndex('referrals_referrer').on('referrals').column('referrer_id').execute();

  // A committed checkout: its key, what was asked (hash and body), and the response every replay of
  // the key gets (it holds the quote the order was priced at: a return needs each line's points).
  await s.createTable('checkouts')
    .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('order_id', 'bigint', (c) => c.notNull().unique())
    .addColumn('customer_id', 'bigint')
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await s.createTable('checkout_returns')
    .addColumn('order_id', 'bigint', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('return_id', 'bigint', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('checkout_returns_pk', ['order_id', 'external_id'])
    .modifyEnd(clustered)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['checkout_returns', 'checkouts', 'referrals', 'referral_codes', 'coupons', 'promotion_usage', 'promotions',
    'points_entries', 'points_lots', 'member_activity', 'tier_history', 'member_tiers', 'loyalty_config']) {
    await db.schema.dropTable(t).execute();
  }
}

// Frozen in time once released. Saved dynamic segments, custom tag rules, and per-as-of-date segment
// snapshots (so movement between segments can be shown as a transition matrix).
import { PostgresAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const id = db.getExecutor().adapter instanceof PostgresAdapter ? 'bigint' : 'integer';
  await s.createTable('segments')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await s.createTable('tag_rules')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await s.createTable('segment_snapshots')
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('segment', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('segment_snapshots_pk', ['scheme', 'as_of', 'customer_id'])
    .execute();
  await s.createIndex('segment_snapshots_segment').on('segment_snapshots').columns(['scheme', 'as_of', 'segment']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('segment_snapshots').execute();
  await db.schema.dropTable('tag_rules').execute();
  await db.schema.dropTable('segments').execute();
}

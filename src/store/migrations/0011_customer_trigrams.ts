// Frozen in time once released. Trigram indexes over customers' name, phone and member number, so the
// search's substring fallback ('%0013%', '%芳芳%') reads an index instead of every customer
// (docs/api.md, "Customer search"). Member numbers are included because the fallback also matches
// them by prefix case-insensitively on SQLite, and on PostgreSQL every arm of its OR needs an index
// for the planner to avoid a scan.
// - SQLite: an FTS5 table with the trigram tokenizer over the customers table (external content: the
//   index only, no copy of the text), kept by triggers so every write path keeps it — the bulk
//   import's raw statements included — and built here for the rows already there.
// - PostgreSQL: pg_trgm GIN indexes; a plain `like '%x%'` uses them.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const COLUMNS = ['name', 'phone', 'member_no'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    for (const c of COLUMNS) {
      await sql`create index ${sql.id(`customers_${c}_trgm`)} on customers using gin (${sql.id(c)} gin_trgm_ops)`.execute(db);
    }
    return;
  }
  const cols = sql.raw(COLUMNS.join(', '));
  const news = sql.raw(COLUMNS.map((c) => `new.${c}`).join(', '));
  const olds = sql.raw(COLUMNS.map((c) => `old.${c}`).join(', '));
  await sql`create virtual table customers_fts using fts5(${cols}, content='customers', content_rowid='id', tokenize='trigram')`.execute(db);
  await sql`create trigger customers_fts_ai after insert on customers begin
    insert into customers_fts(rowid, ${cols}) values (new.id, ${news});
  end`.execute(db);
  await sql`create trigger customers_fts_ad after delete on customers begin
    insert into customers_fts(customers_fts, rowid, ${cols}) values ('delete', old.id, ${olds});
  end`.execute(db);
  // Only writes to the indexed columns touch the index (merges and summary upkeep do not).
  await sql`create trigger customers_fts_au after update of ${cols} on customers begin
    insert into customers_fts(customers_fts, rowid, ${cols}) values ('delete', old.id, ${olds});
    insert into customers_fts(rowid, ${cols}) values (new.id, ${news});
  end`.execute(db);
  await sql`insert into customers_fts(customers_fts) values ('rebuild')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // The extension stays: other objects may have come to use it.
    for (const c of COLUMNS) await sql`drop index ${sql.id(`customers_${c}_trgm`)}`.execute(db);
    return;
  }
  for (const t of ['customers_fts_ai', 'customers_fts_ad', 'customers_fts_au']) await sql`drop trigger ${sql.id(t)}`.execute(db);
  await sql`drop table customers_fts`.execute(db);
}

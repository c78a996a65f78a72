// Saved dynamic segments, custom tag rules, and segment snapshots (scheme × as-of × customer → segment).
// Rules are stored as JSON text; they were validated before they got here.
import type { Kysely } from 'kysely';
import { AppError } from '../domain/errors.ts';
import { chunksFor } from './batch.ts';
import { bulkInsert } from './bulk-sqlite.ts';
import { sqliteHandle } from './db.ts';
import { newId } from './ids.ts';
import type { DB, SegmentRow, TagRuleRow } from './schema.ts';
import { isUniqueViolation } from './unique-violation.ts';

export interface SavedSegment { id: number; name: string; description: string | null; rule: unknown; createdBy: string | null; createdAt: string; updatedAt: string }
export interface TagRule { id: number; name: string; label: string | null; rule: unknown; enabled: boolean; createdBy: string | null; createdAt: string; updatedAt: string }

const toSegment = (r: SegmentRow): SavedSegment => ({
  id: r.id, name: r.name, description: r.description, rule: JSON.parse(r.rule) as unknown, createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
});
const toTagRule = (r: TagRuleRow): TagRule => ({
  id: r.id, name: r.name, label: r.label, rule: JSON.parse(r.rule) as unknown, enabled: r.enabled === 1, createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
});

async function uniqueName<T>(what: string, name: string, insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', `a ${what} named "${name}" already exists`, { field: '/name' });
    throw e;
  }
}

export async function insertSegment(db: Kysely<DB>, s: { name: string; description: string | null; rule: unknown }, by: { actor: string | null; now: string }): Promise<SavedSegment> {
  const row: SegmentRow = { id: newId(), name: s.name, description: s.description, rule: JSON.stringify(s.rule), created_by: by.actor, created_at: by.now, updated_at: by.now };
  await uniqueName('segment', s.name, () => db.insertInto('segments').values(row).execute());
  return toSegment(row);
}

export async function listSegments(db: Kysely<DB>): Promise<SavedSegment[]> {
  return (await db.selectFrom('segments').selectAll().orderBy('name').execute()).map(toSegment);
}

export async function getSegment(db: Kysely<DB>, id: number): Promise<SavedSegment | undefined> {
  const r = await db.selectFrom('segments').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toSegment(r) : undefined;
}

/** Delete a saved segment and its snapshots; false when there was none. */
export async function deleteSegment(db: Kysely<DB>, id: number): Promise<boolean> {
  const r = await db.deleteFrom('segments').where('id', '=', id).executeTakeFirst();
  await db.deleteFrom('segment_snapshots').where('scheme', '=', `saved:${id}`).execute();
  return Number(r.numDeletedRows) > 0;
}

export async function insertTagRule(db: Kysely<DB>, t: { name: string; label: string | null; rule: unknown }, by: { actor: string | null; now: string }): Promise<TagRule> {
  const row: TagRuleRow = { id: newId(), name: t.name, label: t.label, rule: JSON.stringify(t.rule), enabled: 1, created_by: by.actor, created_at: by.now, updated_at: by.now };
  await uniqueName('tag', t.name, () => db.insertInto('tag_rules').values(row).execute());
  return toTagRule(row);
}

export async function listTagRules(db: Kysely<DB>, opts: { enabledOnly?: boolean } = {}): Promise<TagRule[]> {
  let q = db.selectFrom('tag_rules').selectAll().orderBy('name');
  if (opts.enabledOnly) q = q.where('enabled', '=', 1);
  return (await q.execute()).map(toTagRule);
}

export async function deleteTagRule(db: Kysely<DB>, id: number): Promise<boolean> {
  const r = await db.deleteFrom('tag_rules').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Replace the snapshot of a scheme as of a date (run inside a transaction). */
export async function replaceSnapshot(db: Kysely<DB>, scheme: string, asOf: string, entries: Iterable<[customerId: number, segment: string]>): Promise<number> {
  await db.deleteFrom('segment_snapshots').where('scheme', '=', scheme).where('as_of', '=', asOf).execute();
  const rows = Array.from(entries, ([customer_id, segment]) => ({ scheme, as_of: asOf, customer_id, segment }));
  const handle = sqliteHandle(db);
  if (handle) bulkInsert(handle, 'segment_snapshots', rows); // a million rows: cached single-row statements on SQLite
  else for (const chunk of chunksFor(rows, 4)) await db.insertInto('segment_snapshots').values(chunk).execute();
  return rows.length;
}

/** A stored snapshot as customer id → segment, or null when none was taken (an empty one reads as none). */
export async function readSnapshot(db: Kysely<DB>, scheme: string, asOf: string): Promise<Map<number, string> | null> {
  const rows = await db.selectFrom('segment_snapshots').select(['customer_id', 'segment']).where('scheme', '=', scheme).where('as_of', '=', asOf).execute();
  return rows.length ? new Map(rows.map((r) => [r.customer_id, r.segment])) : null;
}

export async function listSnapshots(db: Kysely<DB>): Promise<{ scheme: string; asOf: string; customers: number }[]> {
  const rows = await db.selectFrom('segment_snapshots').select((eb) => ['scheme', 'as_of', eb.fn.countAll<number>().as('n')])
    .groupBy(['scheme', 'as_of']).orderBy('scheme').orderBy('as_of').execute();
  return rows.map((r) => ({ scheme: r.scheme, asOf: r.as_of, customers: Number(r.n) }));
}

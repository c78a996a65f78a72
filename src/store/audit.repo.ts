import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';
import { newId } from './ids.ts';

export interface AuditEntry { actor: string | null; action: string; entity: string; entityId: string | number; details?: Record<string, unknown>; at: string }

/** Append an audit entry (who did what to which record, and when). */
export async function writeAudit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values({
    id: newId(), at: e.at, actor: e.actor, action: e.action, entity: e.entity, entity_id: String(e.entityId), details: JSON.stringify(e.details ?? {}),
  }).execute();
}

export async function auditFor(db: Kysely<DB>, entity: string, entityId: string | number) {
  const rows = await db.selectFrom('audit_log').selectAll().where('entity', '=', entity).where('entity_id', '=', String(entityId)).orderBy('at').execute();
  return rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, details: JSON.parse(r.details) as Record<string, unknown> }));
}

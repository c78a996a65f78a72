// Stored responses for client-chosen Idempotency-Key headers. A key lives in a scope (who sent it and
// to which route), so two POS devices choosing the same key never see each other's responses.
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

export interface StoredResponse { requestHash: string; status: number; body: unknown }

export async function findIdempotent(db: Kysely<DB>, scope: string, key: string): Promise<StoredResponse | undefined> {
  const r = await db.selectFrom('idempotency_keys').select(['request_hash', 'response']).where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  if (!r) return undefined;
  const { status, body } = JSON.parse(r.response) as { status: number; body: unknown };
  return { requestHash: r.request_hash, status, body };
}

/**
 * Remember a response. A concurrent twin that saved first wins: then its response is returned, the
 * one every later request with this key will get.
 */
export async function saveIdempotent(db: Kysely<DB>, scope: string, key: string, stored: StoredResponse, now: string): Promise<StoredResponse> {
  const r = await db.insertInto('idempotency_keys').values({
    scope, key, request_hash: stored.requestHash, response: JSON.stringify({ status: stored.status, body: stored.body }), created_at: now,
  }).onConflict((oc) => oc.columns(['scope', 'key']).doNothing()).executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 1) > 0) return stored;
  return (await findIdempotent(db, scope, key)) ?? stored;
}

/** Forget keys older than `before` (an ISO instant); returns how many went. */
export async function pruneIdempotent(db: Kysely<DB>, before: string): Promise<number> {
  const r = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

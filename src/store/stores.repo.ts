import type { Kysely } from 'kysely';
import type { StoreInput } from '../domain/customers/types.ts';
import type { DB, StoreRow } from './schema.ts';
import { newId } from './ids.ts';

export interface Store { id: number; code: string; name: string; timeZone: string; currency: string; format: string | null; city: string | null }

const toStore = (r: StoreRow): Store => ({ id: r.id, code: r.code, name: r.name, timeZone: r.time_zone, currency: r.currency, format: r.format, city: r.city });

export async function listStores(db: Kysely<DB>): Promise<Store[]> {
  return (await db.selectFrom('stores').selectAll().orderBy('code').execute()).map(toStore);
}

export async function storesByCode(db: Kysely<DB>, codes: readonly string[]): Promise<Map<string, Store>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('stores').selectAll().where('code', 'in', [...new Set(codes)]).execute();
  return new Map(rows.map((r) => [r.code, toStore(r)]));
}

/** Insert or update stores by code; returns them by code. */
export async function upsertStores(db: Kysely<DB>, stores: readonly StoreInput[], now: string): Promise<Map<string, Store>> {
  for (const s of stores) {
    await db.insertInto('stores')
      .values({ id: newId(), code: s.code, name: s.name, time_zone: s.timeZone, currency: s.currency, format: s.format, city: s.city, created_at: now })
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: s.name, time_zone: s.timeZone, currency: s.currency, format: s.format, city: s.city }))
      .execute();
  }
  return storesByCode(db, stores.map((s) => s.code));
}

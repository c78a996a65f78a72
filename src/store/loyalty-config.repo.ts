// Versioned loyalty settings and the promotion/coupon-template catalogue. Settings are never
// overwritten: each save is a new version of its kind, and the latest version is in force.
import type { Kysely } from 'kysely';
import { AppError } from '../domain/errors.ts';
import type { DB } from './schema.ts';
import { isUniqueViolation } from './unique-violation.ts';

export type ConfigKind = 'tiers' | 'earn' | 'policy';

export interface ConfigVersion { kind: ConfigKind; version: number; body: string; createdAt: string; createdBy: string | null }

/** The latest version of every kind of setting saved so far. */
export async function latestConfig(db: Kysely<DB>): Promise<Map<ConfigKind, ConfigVersion>> {
  // Joined to the latest version per kind (a GROUP BY on the primary key), so the cost does not grow with old versions.
  const rows = await db.selectFrom('loyalty_config as c')
    .innerJoin((eb) => eb.selectFrom('loyalty_config').select(['kind', (e) => e.fn.max('version').as('v')]).groupBy('kind').as('m'),
      (j) => j.onRef('m.kind', '=', 'c.kind').onRef('m.v', '=', 'c.version'))
    .selectAll('c').execute();
  return new Map(rows.map((r) => [r.kind as ConfigKind, { kind: r.kind as ConfigKind, version: r.version, body: r.body, createdAt: r.created_at, createdBy: r.created_by }]));
}

/** Save a new version; two saves racing for the same version number: the second is a 409. */
export async function saveConfigVersion(db: Kysely<DB>, kind: ConfigKind, body: unknown, by: { actor: string | null; now: string }): Promise<number> {
  const last = await db.selectFrom('loyalty_config').select((e) => e.fn.max('version').as('v')).where('kind', '=', kind).executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  try {
    await db.insertInto('loyalty_config').values({ kind, version, body: JSON.stringify(body), created_at: by.now, created_by: by.actor }).execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', `the ${kind} settings were changed at the same moment; load them again`, { field: '/' });
    throw e;
  }
  return version;
}

export interface PromotionRecord { id: string; body: string; coupon: boolean; active: boolean; version: number; updatedAt: string; updatedBy: string | null }

export async function listPromotions(db: Kysely<DB>): Promise<PromotionRecord[]> {
  const rows = await db.selectFrom('promotions').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, body: r.body, coupon: r.coupon === 1, active: r.active === 1, version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by }));
}

/** Insert or replace a promotion; its version counts the saves. */
export async function savePromotion(db: Kysely<DB>, p: { id: string; body: unknown; coupon: boolean; active: boolean }, by: { actor: string | null; now: string }): Promise<number> {
  const prior = await db.selectFrom('promotions').select('version').where('id', '=', p.id).executeTakeFirst();
  const row = { body: JSON.stringify(p.body), coupon: p.coupon ? 1 : 0, active: p.active ? 1 : 0, updated_at: by.now, updated_by: by.actor };
  if (!prior) {
    await db.insertInto('promotions').values({ id: p.id, version: 1, ...row }).execute();
    return 1;
  }
  const r = await db.updateTable('promotions').set({ ...row, version: prior.version + 1 }).where('id', '=', p.id).where('version', '=', prior.version).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT', `promotion ${p.id} was changed at the same moment; load it again`, { field: '/id' });
  return prior.version + 1;
}

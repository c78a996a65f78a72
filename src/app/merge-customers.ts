// Use-case: merge a duplicate customer (same person under two cards or phones) into a survivor.
// Orders, returns, consents and referrals move to the survivor; the duplicate stays as a tombstone
// (merged_into_id) so its member number and phone still resolve to the survivor on later imports.
import type { Kysely } from 'kysely';
import { AppError, notFound } from '../domain/errors.ts';
import type { DB } from '../store/schema.ts';
import { writeAudit } from '../store/audit.repo.ts';
import { rebuildSummaries } from '../store/summary.repo.ts';

export interface MergeResult { survivorId: number; mergedId: number; ordersMoved: number; returnsMoved: number }

export async function mergeCustomers(db: Kysely<DB>, survivorId: number, duplicateId: number, ctx: { actor: string | null; now: string }): Promise<MergeResult> {
  if (survivorId === duplicateId) throw new AppError('VALIDATION', 'cannot merge a customer into itself', { field: 'duplicateId' });
  return db.transaction().execute(async (trx) => {
    const [survivor, dup] = await Promise.all([
      trx.selectFrom('customers').selectAll().where('id', '=', survivorId).executeTakeFirst(),
      trx.selectFrom('customers').selectAll().where('id', '=', duplicateId).executeTakeFirst(),
    ]);
    if (!survivor) throw notFound(`customer ${survivorId}`, 'survivorId');
    if (!dup) throw notFound(`customer ${duplicateId}`, 'duplicateId');
    if (survivor.merged_into_id !== null) throw new AppError('CONFLICT', `customer ${survivorId} was itself merged into ${survivor.merged_into_id}`, { field: 'survivorId' });
    if (dup.merged_into_id !== null) throw new AppError('CONFLICT', `customer ${duplicateId} is already merged into ${dup.merged_into_id}`, { field: 'duplicateId' });

    const orders = await trx.updateTable('orders').set({ customer_id: survivorId }).where('customer_id', '=', duplicateId).executeTakeFirst();
    const returns = await trx.updateTable('returns').set({ customer_id: survivorId }).where('customer_id', '=', duplicateId).executeTakeFirst();
    await trx.updateTable('customers').set({ referrer_id: survivorId }).where('referrer_id', '=', duplicateId).execute();
    await trx.updateTable('customers').set({ merged_into_id: survivorId }).where('merged_into_id', '=', duplicateId).execute();
    // Consents: the survivor keeps its own; the duplicate's fill channels the survivor never answered.
    const have = new Set((await trx.selectFrom('customer_consents').select('channel').where('customer_id', '=', survivorId).execute()).map((r) => r.channel));
    for (const c of await trx.selectFrom('customer_consents').selectAll().where('customer_id', '=', duplicateId).execute()) {
      if (!have.has(c.channel)) await trx.insertInto('customer_consents').values({ ...c, customer_id: survivorId }).execute();
    }
    await trx.deleteFrom('customer_consents').where('customer_id', '=', duplicateId).execute();
    // Profile gaps on the survivor are filled from the duplicate; its keys stay on the tombstone.
    const fill = Object.fromEntries((['name', 'birth_date', 'city', 'region', 'home_store_id', 'guide_code', 'registered_at', 'registration_channel', 'referrer_id'] as const)
      .filter((k) => survivor[k] === null && dup[k] !== null).map((k) => [k, dup[k]]));
    const gender = survivor.gender === 'unknown' && dup.gender !== 'unknown' ? { gender: dup.gender } : {};
    const attributes = JSON.stringify({ ...(JSON.parse(dup.attributes) as object), ...(JSON.parse(survivor.attributes) as object) });
    await trx.updateTable('customers').set({ ...fill, ...gender, attributes, updated_at: ctx.now }).where('id', '=', survivorId).execute();
    await trx.updateTable('customers').set({ merged_into_id: survivorId, updated_at: ctx.now }).where('id', '=', duplicateId).execute();
    await rebuildSummaries(trx, [survivorId, duplicateId]);
    const result = { survivorId, mergedId: duplicateId, ordersMoved: Number(orders.numUpdatedRows), returnsMoved: Number(returns.numUpdatedRows) };
    await writeAudit(trx, { actor: ctx.actor, action: 'customer.merge', entity: 'customer', entityId: survivorId, at: ctx.now,
      details: { ...result, duplicate: { memberNo: dup.member_no, phone: dup.phone, name: dup.name } } });
    return result;
  });
}

// Coupons and promotion usage. Every state change is a conditional update — "set used where still
// active and not held by another checkout", "add a use where the limit still allows it" — so two
// checkouts racing for one code or the last use of a promotion cannot both win, on either dialect.
import type { Kysely } from 'kysely';
import type { CouponInstance } from '../domain/promotions/definitions.ts';
import type { PromotionUsage } from '../domain/promotions/scope.ts';
import type { CouponRow, DB } from './schema.ts';

export const toCoupon = (r: CouponRow): CouponInstance => ({
  code: r.code, templateId: r.template_id, memberId: r.customer_id === null ? null : String(r.customer_id), multiUse: r.multi_use === 1,
  issuedAt: r.issued_at, validFrom: r.valid_from, validTo: r.valid_to, status: r.status as CouponInstance['status'],
  usedOrderId: r.used_order_id, reservedBy: r.reserved_by, reservedUntil: r.reserved_until,
});

export async function couponsByCode(db: Kysely<DB>, codes: readonly string[]): Promise<Map<string, CouponInstance>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('coupons').selectAll().where('code', 'in', [...new Set(codes)]).execute();
  return new Map(rows.map((r) => [r.code, toCoupon(r)]));
}

export async function couponsOfMember(db: Kysely<DB>, customerId: number): Promise<CouponInstance[]> {
  const rows = await db.selectFrom('coupons').selectAll().where('customer_id', '=', customerId).orderBy('issued_at').orderBy('code').execute();
  return rows.map(toCoupon);
}

export interface NewCoupon { coupon: CouponInstance; issuedOrderId: string | null; dedupeKey: string | null }

/** Insert coupons; a code or dedupe key already present is skipped. Returns the codes inserted. */
export async function insertCoupons(db: Kysely<DB>, coupons: readonly NewCoupon[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const { coupon: c, issuedOrderId, dedupeKey } of coupons) {
    const r = await db.insertInto('coupons').values({
      code: c.code, template_id: c.templateId, customer_id: c.memberId === null ? null : Number(c.memberId), multi_use: c.multiUse ? 1 : 0,
      issued_at: c.issuedAt, valid_from: c.validFrom, valid_to: c.validTo, status: c.status, used_order_id: c.usedOrderId,
      reserved_by: c.reservedBy, reserved_until: c.reservedUntil, issued_order_id: issuedOrderId, dedupe_key: dedupeKey,
    }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) inserted.add(c.code);
  }
  return inserted;
}

/** Hold a single-use coupon for a checkout unless another live hold or a use got there first. */
export async function reserveCouponRow(db: Kysely<DB>, code: string, checkoutId: string, until: string, now: string): Promise<boolean> {
  const r = await db.updateTable('coupons').set({ reserved_by: checkoutId, reserved_until: until })
    .where('code', '=', code).where('status', '=', 'active').where('multi_use', '=', 0)
    .where((eb) => eb.or([eb('reserved_by', 'is', null), eb('reserved_by', '=', checkoutId), eb('reserved_until', '<=', now)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function releaseCouponRow(db: Kysely<DB>, code: string, checkoutId: string): Promise<boolean> {
  const r = await db.updateTable('coupons').set({ reserved_by: null, reserved_until: null })
    .where('code', '=', code).where('reserved_by', '=', checkoutId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Mark a single-use coupon used by an order, only if it is still active and not held by another checkout. */
export async function redeemCouponRow(db: Kysely<DB>, code: string, o: { orderId: string; checkoutId: string | null; now: string }): Promise<boolean> {
  const r = await db.updateTable('coupons').set({ status: 'used', used_order_id: o.orderId, reserved_by: null, reserved_until: null })
    .where('code', '=', code).where('status', '=', 'active').where('multi_use', '=', 0)
    .where((eb) => eb.or([
      eb('reserved_by', 'is', null), eb('reserved_until', '<=', o.now),
      ...(o.checkoutId === null ? [] : [eb('reserved_by', '=', o.checkoutId)]),
    ]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A full return gives single-use coupons back; returns the codes reinstated. */
export async function reinstateCouponsOf(db: Kysely<DB>, orderId: string, now: string): Promise<string[]> {
  const rows = await db.selectFrom('coupons').select('code').where('used_order_id', '=', orderId).where('status', '=', 'used').where('valid_to', '>', now).execute();
  const out: string[] = [];
  for (const { code } of rows) {
    const r = await db.updateTable('coupons').set({ status: 'active', used_order_id: null }).where('code', '=', code).where('status', '=', 'used').executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) out.push(code);
  }
  return out.sort();
}

/** Void the unused coupons an order issued (its purchase rewards), when the order is returned in full. */
export async function voidCouponsIssuedBy(db: Kysely<DB>, orderId: string): Promise<string[]> {
  const rows = await db.selectFrom('coupons').select('code').where('issued_order_id', '=', orderId).where('status', '=', 'active').execute();
  if (rows.length === 0) return [];
  await db.updateTable('coupons').set({ status: 'void', reserved_by: null, reserved_until: null })
    .where('issued_order_id', '=', orderId).where('status', '=', 'active').execute();
  return rows.map((r) => r.code).sort();
}

/** Usage so far of these promotions: all members, and `customerId` (null for a guest). */
export async function usageOf(db: Kysely<DB>, promotionIds: readonly string[], customerId: number | null): Promise<Record<string, PromotionUsage>> {
  const out: Record<string, PromotionUsage> = {};
  if (promotionIds.length === 0) return out;
  const rows = await db.selectFrom('promotion_usage').selectAll().where('promotion_id', 'in', [...promotionIds])
    .where('customer_id', 'in', customerId === null ? [0] : [0, customerId]).execute();
  for (const r of rows) {
    const u = (out[r.promotion_id] ??= { global: 0, member: 0, spentMinor: 0 });
    if (r.customer_id === 0) { u.global = r.uses; u.spentMinor = r.spent_minor; } else u.member = r.uses;
  }
  return out;
}

export interface UsageLimits { global: number | null; perMember: number | null; budgetMinor: number | null }

/**
 * Count one use of a promotion (and its discount against the budget), only while the limits allow
 * it. Returns which limit refused, or null when the use was counted.
 */
export async function consumeUsage(db: Kysely<DB>, promotionId: string, customerId: number | null, discountMinor: number, limits: UsageLimits): Promise<'global' | 'member' | 'budget' | null> {
  await db.insertInto('promotion_usage').values({ promotion_id: promotionId, customer_id: 0, uses: 0, spent_minor: 0 }).onConflict((oc) => oc.doNothing()).execute();
  let q = db.updateTable('promotion_usage').set((eb) => ({ uses: eb('uses', '+', 1), spent_minor: eb('spent_minor', '+', discountMinor) }))
    .where('promotion_id', '=', promotionId).where('customer_id', '=', 0);
  if (limits.global !== null) q = q.where('uses', '<', limits.global);
  if (limits.budgetMinor !== null) q = q.where('spent_minor', '<=', limits.budgetMinor - discountMinor);
  if (Number((await q.executeTakeFirst()).numUpdatedRows) !== 1) {
    const u = (await usageOf(db, [promotionId], null))[promotionId];
    return limits.global !== null && (u?.global ?? 0) >= limits.global ? 'global' : 'budget';
  }
  if (customerId === null) return null;
  await db.insertInto('promotion_usage').values({ promotion_id: promotionId, customer_id: customerId, uses: 0, spent_minor: 0 }).onConflict((oc) => oc.doNothing()).execute();
  let m = db.updateTable('promotion_usage').set((eb) => ({ uses: eb('uses', '+', 1), spent_minor: eb('spent_minor', '+', discountMinor) }))
    .where('promotion_id', '=', promotionId).where('customer_id', '=', customerId);
  if (limits.perMember !== null) m = m.where('uses', '<', limits.perMember);
  return Number((await m.executeTakeFirst()).numUpdatedRows) === 1 ? null : 'member';
}

/** Give back one use (a full return). */
export async function releaseUsage(db: Kysely<DB>, promotionId: string, customerId: number | null, discountMinor: number): Promise<void> {
  await db.updateTable('promotion_usage').set((eb) => ({ uses: eb('uses', '-', 1), spent_minor: eb('spent_minor', '-', discountMinor) }))
    .where('promotion_id', '=', promotionId).where('customer_id', 'in', customerId === null ? [0] : [0, customerId]).where('uses', '>', 0).execute();
}

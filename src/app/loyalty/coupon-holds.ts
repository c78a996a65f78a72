// Coupon reserve/release for long checkouts: a single-use code held by one checkout cannot be used
// by another until the hold lapses or is released. The pure transition says whether it may be held;
// the conditional update makes the decision stick against a concurrent reserve.
import type { Kysely } from 'kysely';
import { AppError, notFound } from '../../domain/errors.ts';
import { normalizeCode } from '../../domain/promotions/codes.ts';
import { couponProblem, reserveCoupon } from '../../domain/promotions/coupons.ts';
import type { CouponInstance } from '../../domain/promotions/definitions.ts';
import { couponsByCode, releaseCouponRow, reserveCouponRow } from '../../store/loyalty-coupons.repo.ts';
import type { DB } from '../../store/schema.ts';
import { resolveMember, type MemberRef } from './member.ts';
import { refusal } from './refusal.ts';
import { loadSettings } from './settings.ts';

export interface HoldView { code: string; templateId: string; status: string; reservedBy: string | null; reservedUntil: string | null; validTo: string }

const view = (c: CouponInstance): HoldView => ({ code: c.code, templateId: c.templateId, status: c.status, reservedBy: c.reservedBy, reservedUntil: c.reservedUntil, validTo: c.validTo });

async function find(db: Kysely<DB>, text: string): Promise<CouponInstance> {
  const code = normalizeCode(text);
  const c = (await couponsByCode(db, [code])).get(code);
  if (!c) throw notFound('coupon', '/code');
  return c;
}

export async function reserveCode(db: Kysely<DB>, text: string, req: { checkoutId: string; member?: MemberRef | null; holdSeconds?: number }, now: Date): Promise<HoldView> {
  const c = await find(db, text);
  const member = req.member ? await resolveMember(db, req.member) : null;
  const hold = req.holdSeconds ?? (await loadSettings(db)).policy.couponHoldSeconds;
  const ctx = { memberId: member ? String(member.id) : null, now: now.toISOString(), checkoutId: req.checkoutId };
  const t = reserveCoupon(c, ctx, hold);
  if (!t.ok) throw refusal(t.reason, '/code');
  if (c.multiUse) return view(c);
  if (!(await reserveCouponRow(db, c.code, req.checkoutId, t.coupon.reservedUntil!, ctx.now))) {
    const why = couponProblem(await find(db, c.code), ctx);
    if (why) throw refusal(why, '/code');
    throw new AppError('CONFLICT', 'the coupon changed while it was being reserved; try again', { field: '/code' });
  }
  return view(t.coupon);
}

export async function releaseCode(db: Kysely<DB>, text: string, checkoutId: string): Promise<HoldView> {
  const c = await find(db, text);
  if (c.reservedBy !== null && c.reservedBy !== checkoutId) throw new AppError('CONFLICT', 'the coupon is held by another checkout', { field: '/checkoutId' });
  await releaseCouponRow(db, c.code, checkoutId);
  return view(await find(db, c.code));
}

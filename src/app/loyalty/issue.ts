// Issue coupons of templates: bulk generation, imported codes, and the automatic rewards (after a
// purchase, on registration, on a tier upgrade, a referral). Codes come from the pure generator with
// crypto randomness; automatic issues carry a dedupe key, so a replayed event issues nothing twice.
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { invalid } from '../../domain/errors.ts';
import { DEFAULT_CODE_FORMAT, generateCodes, normalizeImportedCode, type CodeFormat } from '../../domain/promotions/codes.ts';
import { issueCoupon, type CouponInstance, type Promotion } from '../../domain/promotions/definitions.ts';
import { insertCoupons, type NewCoupon } from '../../store/loyalty-coupons.repo.ts';
import type { DB } from '../../store/schema.ts';

/** Uniform in [0, 1) from the operating system's CSPRNG: coupon codes must not be guessable. */
export const cryptoRandom = (): number => randomInt(0, 2 ** 47) / 2 ** 47;

export interface IssuedCoupon { code: string; templateId: string; customerId: number | null; validFrom: string; validTo: string; multiUse: boolean }

const view = (c: CouponInstance): IssuedCoupon => ({
  code: c.code, templateId: c.templateId, customerId: c.memberId === null ? null : Number(c.memberId), validFrom: c.validFrom, validTo: c.validTo, multiUse: c.multiUse,
});

function templateOf(promotions: readonly Promotion[], templateId: string, field: string): Promotion {
  const t = promotions.find((p) => p.id === templateId && p.coupon);
  if (!t) throw invalid(field, `no coupon template ${templateId}`);
  return t;
}

/** One coupon per (member or null, code), generated codes unless given; codes already taken are drawn again. */
async function insertFresh(db: Kysely<DB>, template: Promotion, owners: readonly (number | null)[], o: {
  now: string; multiUse: boolean; format: CodeFormat; issuedOrderId: string | null; dedupeKeys?: readonly string[];
}): Promise<IssuedCoupon[]> {
  const out: IssuedCoupon[] = [];
  let pending = owners.map((owner, i) => ({ owner, dedupeKey: o.dedupeKeys?.[i] ?? null }));
  for (let round = 0; pending.length > 0; round++) {
    if (round > 5) throw new Error('coupon codes keep colliding; widen the code format');
    const codes = generateCodes(pending.length, cryptoRandom, o.format);
    const batch: NewCoupon[] = pending.map((p, i) => ({
      coupon: issueCoupon(template, { code: codes[i]!, memberId: p.owner === null ? null : String(p.owner), now: o.now, multiUse: o.multiUse }),
      issuedOrderId: o.issuedOrderId, dedupeKey: p.dedupeKey,
    }));
    const inserted = await insertCoupons(db, batch);
    out.push(...batch.filter((b) => inserted.has(b.coupon.code)).map((b) => view(b.coupon)));
    // A dedupe key already used means the coupon was issued before: not retried. A code collision is.
    const dedupeTaken = new Set(o.dedupeKeys ? await takenDedupeKeys(db, batch.filter((b) => !inserted.has(b.coupon.code)).map((b) => b.dedupeKey!)) : []);
    pending = pending.filter((p, i) => !inserted.has(batch[i]!.coupon.code) && !(p.dedupeKey !== null && dedupeTaken.has(p.dedupeKey)));
  }
  return out;
}

async function takenDedupeKeys(db: Kysely<DB>, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  return (await db.selectFrom('coupons').select('dedupe_key').where('dedupe_key', 'in', [...keys]).execute()).map((r) => r.dedupe_key!);
}

export interface IssueRequest {
  templateId: string;
  /** Members to give one coupon each; omit for codes anyone may present. */
  customerIds?: readonly number[];
  /** Unbound codes to generate (when no customerIds). */
  count?: number;
  /** Existing codes to import (from another system) instead of generating. */
  codes?: readonly string[];
  multiUse?: boolean;
  prefix?: string;
  length?: number;
}

/** Issue coupons by hand or in bulk. */
export async function issueCoupons(db: Kysely<DB>, promotions: readonly Promotion[], req: IssueRequest, now: string): Promise<IssuedCoupon[]> {
  const template = templateOf(promotions, req.templateId, 'templateId');
  const multiUse = req.multiUse ?? false;
  if (req.codes?.length) {
    const codes = req.codes.map((c, i) => normalizeImportedCode(c, `codes/${i}`));
    if (new Set(codes).size !== codes.length) throw invalid('codes', 'the same code is listed twice');
    const owner = req.customerIds?.length === 1 ? req.customerIds[0]! : null;
    const batch = codes.map((code) => ({ coupon: issueCoupon(template, { code, memberId: owner === null ? null : String(owner), now, multiUse }), issuedOrderId: null, dedupeKey: null }));
    const inserted = await insertCoupons(db, batch);
    const taken = codes.findIndex((c) => !inserted.has(c));
    if (taken >= 0) throw invalid(`codes/${taken}`, `code ${codes[taken]} already exists`);
    return batch.map((b) => view(b.coupon));
  }
  const owners = req.customerIds?.length ? [...req.customerIds] : Array.from({ length: req.count ?? 1 }, () => null);
  if (owners.length > 100_000) throw invalid('count', 'issue at most 100,000 coupons at a time');
  const format = { prefix: req.prefix ?? DEFAULT_CODE_FORMAT.prefix, length: req.length ?? DEFAULT_CODE_FORMAT.length };
  return insertFresh(db, template, owners, { now, multiUse, format, issuedOrderId: null });
}

export interface AutoIssue { templateId: string; customerId: number | null; quantity: number; dedupeKey: string }

/** Issue the coupons events earned; a template no longer in the catalogue is skipped (nothing to issue). */
export async function autoIssue(db: Kysely<DB>, promotions: readonly Promotion[], decisions: readonly AutoIssue[], o: { now: string; issuedOrderId: string | null }): Promise<IssuedCoupon[]> {
  const out: IssuedCoupon[] = [];
  for (const d of decisions) {
    const template = promotions.find((p) => p.id === d.templateId && p.coupon);
    if (!template) continue;
    const keys = Array.from({ length: d.quantity }, (_, i) => (d.quantity === 1 ? d.dedupeKey : `${d.dedupeKey}#${i + 1}`));
    out.push(...await insertFresh(db, template, keys.map(() => d.customerId), { now: o.now, multiUse: false, format: DEFAULT_CODE_FORMAT, issuedOrderId: o.issuedOrderId, dedupeKeys: keys }));
  }
  return out;
}

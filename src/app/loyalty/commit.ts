// Commit a checkout in ONE transaction: price it again on fresh data, refuse if it no longer prices
// as asked (a coupon used meanwhile, points gone), record the order, spend the coupons with
// conditional updates, count promotion uses within their limits, append the ledger rows (the
// (member, entry number) key turns a concurrent spend into a unique violation → 409), earn points,
// add growth and decide the tier, issue the automatic coupons, and store the response under the
// idempotency key. The same key with the same body replays that response; with another body, 409.
import type { Kysely } from 'kysely';
import { AppError } from '../../domain/errors.ts';
import { lotDates } from '../../domain/loyalty/expiry.ts';
import { applyChange, balances, earn, redeem, type Balances, type LedgerChange, type PointsLedger } from '../../domain/loyalty/ledger.ts';
import { reason, type Reason } from '../../domain/loyalty/reasons.ts';
import type { ReferralOutcome } from '../../domain/loyalty/referral.ts';
import type { TierAction } from '../../domain/loyalty/tiers.ts';
import { couponsForEvent } from '../../domain/promotions/auto-issue.ts';
import { couponProblem } from '../../domain/promotions/coupons.ts';
import type { Quote } from '../../domain/promotions/quote.ts';
import type { OrderInput } from '../../domain/orders/types.ts';
import { checkoutByKey, insertCheckout, type StoredCheckout } from '../../store/checkouts.repo.ts';
import { consumeUsage, couponsByCode, redeemCouponRow } from '../../store/loyalty-coupons.repo.ts';
import { appendLedger } from '../../store/loyalty-ledger.repo.ts';
import type { DB } from '../../store/schema.ts';
import { writeTransaction } from '../../store/group-commit.ts';
import { existingOrders } from '../../store/sales.repo.ts';
import { isUniqueViolation } from '../../store/unique-violation.ts';
import { recordCheckoutOrder } from '../record-sales.ts';
import { autoIssue, type AutoIssue, type IssuedCoupon } from './issue.ts';
import { hasLimits, priceCheckout, type CheckoutRequest, type PriceOptions, type Priced } from './price.ts';
import { ensureReferralCode, payReferral } from './referral.ts';
import { refusal } from './refusal.ts';
import { requestHash } from './request-hash.ts';
import { recordActivity } from './tier-update.ts';

/** Orders committed through checkout are recorded under this source; their external ids are unique in it. */
export const CHECKOUT_SOURCE = 'checkout';

export interface CommitOptions extends PriceOptions {
  /** The Idempotency-Key: one checkout, however often it is sent. */
  key: string;
  actor: string | null;
}

export interface CommitResponse {
  checkoutKey: string;
  orderId: number;
  externalId: string;
  storeCode: string;
  businessDate: string;
  customerId: number | null;
  quote: Quote;
  points: { redeemed: number; earned: number; rewarded: number; balances: Balances } | null;
  tier: { action: TierAction; from: string | null; to: string; changed: boolean; reasons: Reason[] } | null;
  couponsRedeemed: string[];
  couponsIssued: IssuedCoupon[];
  referral: ReferralOutcome | null;
}

/** `json` is the response as stored: what the first answer sent and every replay sends again. */
export interface CommitOutcome { status: 200 | 201; replayed: boolean; body: CommitResponse; json: string }

function replay(prior: StoredCheckout, hash: string): CommitOutcome {
  if (prior.requestHash !== hash) {
    throw new AppError('CONFLICT', 'this Idempotency-Key was used before for a different checkout', { field: '/headers/idempotency-key' });
  }
  return { status: 200, replayed: true, body: JSON.parse(prior.responseJson) as CommitResponse, json: prior.responseJson };
}

export async function commitCheckout(db: Kysely<DB>, req: CheckoutRequest, opts: CommitOptions): Promise<CommitOutcome> {
  const hash = requestHash(req);
  try {
    // The key is looked up inside the transaction: a twin committed while this one waited for the
    // (SQLite) connection, or written earlier in the same group commit, is found there and replayed,
    // never recorded twice.
    const out = await writeTransaction(db, async (trx) => {
      const prior = await checkoutByKey(trx, opts.key);
      return prior ? { prior } : commitInTx(trx, req, hash, opts);
    });
    if ('prior' in out) return replay(out.prior, hash);
    return { status: 201, replayed: false, body: out.body, json: out.json };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // A twin with the same key committed first: replay it. Otherwise two checkouts wrote the same
    // ledger numbers (or order id): ours rolled back whole, and the till may simply send it again.
    const twin = await checkoutByKey(db, opts.key);
    if (twin) return replay(twin, hash);
    // An order number recorded before (the orders key refused it) is the till's mistake, not a race.
    const externalId = req.externalId?.trim() || opts.key;
    if ((await existingOrders(db, CHECKOUT_SOURCE, [externalId])).size > 0) {
      throw new AppError('CONFLICT', `order ${externalId} was already recorded`, { field: '/externalId' });
    }
    throw new AppError('CONFLICT', 'the member\'s points changed while this checkout was committed; nothing was recorded — send the same request again',
      { field: '/member', details: { retry: true } });
  }
}

async function commitInTx(trx: Kysely<DB>, req: CheckoutRequest, hash: string, opts: CommitOptions): Promise<{ body: CommitResponse; json: string }> {
  const p = await priceCheckout(trx, req, opts);
  const q = p.quote;
  refuseShortfalls(req, p);
  const now = opts.now.toISOString();
  const externalId = req.externalId?.trim() || opts.key;
  const member = p.member;
  const customerId = member?.customer.id ?? null;

  const orderId = await recordCheckoutOrder(trx, orderInput(req, p, externalId), { storeId: p.store.id, customerId }, now);
  const oid = String(orderId);

  // Coupons: used only if still active and not held by another checkout, whatever was read above.
  const redeemed: string[] = [];
  for (const a of q.applied) {
    if (a.code === null) continue;
    const coupon = p.coupons.get(a.code)!;
    if (!coupon.multiUse && !(await redeemCouponRow(trx, a.code, { orderId: oid, checkoutId: req.checkoutId ?? null, now }))) {
      const fresh = (await couponsByCode(trx, [a.code])).get(a.code)!;
      const why = couponProblem(fresh, { memberId: customerId === null ? null : String(customerId), now, checkoutId: req.checkoutId ?? null, zone: p.store.timeZone });
      throw refusal(why ?? reason('COUPON_USED', { orderId: fresh.usedOrderId ?? '?' }), `/couponCodes/${p.codes.indexOf(a.code)}`);
    }
    redeemed.push(a.code);
  }
  // Promotion limits, counted atomically (in id order, so concurrent checkouts lock rows alike).
  for (const a of [...q.applied].filter((x) => x.kind !== 'tier').sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
    const promo = p.promotions.find((x) => x.id === a.id)!;
    if (!hasLimits(promo)) continue;
    const refused = await consumeUsage(trx, a.id, customerId, a.discountMinor, promo.limits);
    if (refused) {
      const r = refused === 'global' ? reason('GLOBAL_LIMIT_REACHED') : refused === 'budget' ? reason('BUDGET_EXHAUSTED')
        : reason('MEMBER_LIMIT_REACHED', { limit: promo.limits.perMember ?? 0 });
      throw refusal(r, a.code === null ? '/lines' : `/couponCodes/${p.codes.indexOf(a.code)}`);
    }
  }

  const response: CommitResponse = {
    checkoutKey: opts.key, orderId, externalId, storeCode: p.store.code, businessDate: p.moment.date, customerId, quote: q,
    points: null, tier: null, couponsRedeemed: redeemed, couponsIssued: [], referral: null,
  };
  const issue: AutoIssue[] = q.couponsToIssue.map((c) => ({ templateId: c.templateId, customerId, quantity: 1, dedupeKey: `promotion:${c.promotionId}:${oid}` }));

  if (member) {
    const { policy } = p.settings;
    const opId = `checkout:${opts.key}`;
    let ledger: PointsLedger = member.ledger;
    const parts: LedgerChange[] = [];
    const add = (c: LedgerChange) => { parts.push(c); ledger = applyChange(ledger, c); };
    if (q.totals.pointsUsed > 0) {
      const r = redeem(ledger, { points: q.totals.pointsUsed, orderId: oid, opId }, p.moment);
      if (!r.ok) throw refusal(r.reason, '/pointsToUse');
      add(r.change);
    }
    if (q.totals.pointsToEarn > 0) {
      const qty = new Map(req.lines.map((l) => [l.lineNo, l.quantity]));
      add(earn(ledger, {
        points: q.totals.pointsToEarn, ...lotDates(policy.expiry, policy.returnWindowDays, p.moment.date), orderId: oid, opId,
        lines: q.lines.filter((l) => l.pointsEarned > 0).map((l) => ({ lineNo: l.lineNo, quantity: qty.get(l.lineNo)!, points: l.pointsEarned })),
      }, p.moment));
    }
    const ref = await payReferral(trx, member.customer.id, ledger, { orderId: oid, netMinor: q.totals.payableMinor, moment: p.moment, settings: p.settings, opId });
    if (ref?.refereeChange) add(ref.refereeChange);
    await appendLedger(trx, member.customer.id, {
      lots: parts.flatMap((c) => c.lots), entries: parts.flatMap((c) => c.entries), deltaPoints: parts.reduce((a, c) => a + c.deltaPoints, 0),
    });
    const rewarded = ref?.refereeChange?.deltaPoints ?? 0;
    response.points = { redeemed: q.totals.pointsUsed, earned: q.totals.pointsToEarn, rewarded, balances: balances(ledger, p.moment.date) };
    response.referral = ref?.outcome ?? null;

    const spendMinor = q.lines.reduce((a, l) => (isMerchandise(req, l.lineNo) ? a + l.payableMinor : a), 0);
    const tier = await recordActivity(trx, member, { date: p.moment.date, spendMinor, orders: 1, interactions: 0, growth: q.totals.growthToEarn },
      p.settings, p.moment, opts.actor);
    if (member.state === null) await ensureReferralCode(trx, member.customer.id);
    const d = tier.decision;
    response.tier = { action: d.action, from: d.from, to: d.to, changed: d.changed, reasons: d.reasons };
    issue.push(
      ...couponsForEvent(policy.autoIssue, { kind: 'purchase', memberId: String(member.customer.id), orderId: oid, payableMinor: q.totals.payableMinor })
        .map((x) => ({ templateId: x.templateId, customerId: member.customer.id, quantity: x.quantity, dedupeKey: x.dedupeKey })),
      ...tier.coupons, ...(ref?.coupons ?? []),
    );
  }
  response.couponsIssued = await autoIssue(trx, p.promotions, issue, { now, issuedOrderId: oid });
  const json = JSON.stringify(response);
  await insertCheckout(trx, { key: opts.key, requestHash: hash, orderId, customerId, request: req, responseJson: json }, now);
  return { body: response, json };
}

const isMerchandise = (req: CheckoutRequest, lineNo: number) => {
  const l = req.lines.find((x) => x.lineNo === lineNo);
  return l !== undefined && (l.kind ?? 'merchandise') === 'merchandise' && !l.reward;
};

/** A commit applies what the till asked for or nothing: every coupon presented, every point asked. */
function refuseShortfalls(req: CheckoutRequest, p: Priced): void {
  const q = p.quote;
  const applied = new Set(q.applied.map((a) => a.code).filter((c) => c !== null));
  p.codes.forEach((code, i) => {
    if (applied.has(code)) return;
    const why = q.notApplied.find((n) => n.code === code)?.reason ?? reason('COUPON_NOT_FOUND');
    throw refusal(why, `/couponCodes/${i}`);
  });
  const asked = req.pointsToUse ?? 0;
  if (asked > q.points.used) throw refusal(q.points.reasons[0] ?? reason('POINTS_INSUFFICIENT', { available: 0 }), '/pointsToUse');
}

/** The order as sales sees it: lines in line-number order, discounts are tier + promotions + coupons (points are a tender). */
export function orderInput(req: CheckoutRequest, p: Priced, externalId: string): OrderInput {
  const byNo = new Map(p.quote.lines.map((l) => [l.lineNo, l]));
  const memberRef = p.member ? { memberNo: p.member.customer.memberNo, phone: p.member.customer.memberNo ? null : p.member.customer.phone } : null;
  return {
    source: CHECKOUT_SOURCE, externalId, storeCode: p.store.code, customer: memberRef, placedAt: p.placedAt, businessDate: p.moment.date,
    channel: req.channel ?? 'store',
    lines: [...req.lines].sort((a, b) => a.lineNo - b.lineNo).map((l) => {
      const ql = byNo.get(l.lineNo)!;
      const netMinor = ql.payableMinor + ql.pointsPaidMinor;
      return {
        sku: l.sku ?? null, name: l.name ?? null, category: l.category ?? null, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor,
        grossMinor: ql.grossMinor, discountMinor: ql.grossMinor - netMinor, netMinor, costMinor: null, kind: l.kind ?? 'merchandise',
      };
    }),
  };
}

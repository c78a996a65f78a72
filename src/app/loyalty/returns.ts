// Return lines of a committed checkout (POST /api/orders/{id}/returns), in one transaction: record
// the return for sales, claw back the points each returned line earned and give back the points
// that paid for it (refund.ts), take back the growth by the same cumulative shares, and when the
// whole order is back, reinstate its coupons, give back its promotion uses, void the coupons it
// issued, and — when it was a referee's first qualifying order — take back both referral rewards
// (referral-clawback.ts). Idempotent per (order, return id): the same body replays, another body is a 409.
import type { Kysely } from 'kysely';
import { AppError, invalid, notFound } from '../../domain/errors.ts';
import { applyChange, balances, type Balances } from '../../domain/loyalty/ledger.ts';
import { refund, type RefundLine } from '../../domain/loyalty/refund.ts';
import type { TierAction } from '../../domain/loyalty/tiers.ts';
import type { Quote } from '../../domain/promotions/quote.ts';
import { businessDate } from '../../domain/time.ts';
import { checkoutByOrder, checkoutReturn, insertCheckoutReturn, returnedUnits, type StoredReturn } from '../../store/checkouts.repo.ts';
import { getCustomer } from '../../store/customers.repo.ts';
import { reinstateCouponsOf, releaseUsage, voidCouponsIssuedBy } from '../../store/loyalty-coupons.repo.ts';
import { appendLedger, loadLedger } from '../../store/loyalty-ledger.repo.ts';
import type { DB } from '../../store/schema.ts';
import { storesByCode } from '../../store/stores.repo.ts';
import { isUniqueViolation } from '../../store/unique-violation.ts';
import { recordSales } from '../record-sales.ts';
import { CHECKOUT_SOURCE } from './commit.ts';
import { loadMember } from './member.ts';
import type { CheckoutRequest } from './price.ts';
import { clawbackReferral, type ReferralClawback } from './referral-clawback.ts';
import { hasLimits, saleInstant } from './price.ts';
import { requestHash } from './request-hash.ts';
import { loadPromotions, loadSettings } from './settings.ts';
import { recordActivity } from './tier-update.ts';

export interface ReturnRequest {
  /** The till's return number: one return, however often it is sent. */
  externalId: string;
  returnedAt?: string | null;
  reason?: string | null;
  /** Checkout line numbers and the units coming back. */
  lines: readonly { lineNo: number; quantity: number }[];
}

export interface ReturnResponse {
  orderId: number;
  returnId: number;
  externalId: string;
  businessDate: string;
  refundMinor: number;
  lines: { lineNo: number; quantity: number; refundMinor: number; clawback: number; restore: number }[];
  wholeOrderReturned: boolean;
  points: { clawedBack: number; restored: number; shortfall: number; balances: Balances } | null;
  growth: number;
  tier: { action: TierAction; from: string | null; to: string; changed: boolean } | null;
  couponsReinstated: string[];
  couponsVoided: string[];
  /** Referral rewards taken back (this order had paid them); null when none were. */
  referral?: ReferralClawback | null;
}

export interface ReturnOutcome { status: 200 | 201; replayed: boolean; body: ReturnResponse }

const share = (amount: number, units: number, of: number) => Math.floor((amount * units) / of);

function replay(prior: StoredReturn, hash: string): ReturnOutcome {
  if (prior.requestHash !== hash) throw new AppError('CONFLICT', 'this return id was used before with different lines', { field: '/externalId' });
  return { status: 200, replayed: true, body: prior.response as ReturnResponse };
}

export async function returnOrder(db: Kysely<DB>, orderId: number, req: ReturnRequest, opts: { now: Date; storeIds: readonly number[] | null; actor: string | null }): Promise<ReturnOutcome> {
  const hash = requestHash(req);
  try {
    const out = await db.transaction().execute(async (trx): Promise<{ prior: StoredReturn } | { body: ReturnResponse }> => {
      const prior = await checkoutReturn(trx, orderId, req.externalId);
      return prior ? { prior } : { body: await returnInTx(trx, orderId, req, hash, opts) };
    });
    if ('prior' in out) return replay(out.prior, hash);
    return { status: 201, replayed: false, body: out.body };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const twin = await checkoutReturn(db, orderId, req.externalId);
    if (twin) return replay(twin, hash);
    throw new AppError('CONFLICT', 'the member\'s points changed while this return was recorded; nothing was recorded — send the same request again', { field: '/externalId', details: { retry: true } });
  }
}

async function returnInTx(trx: Kysely<DB>, orderId: number, req: ReturnRequest, hash: string, opts: { now: Date; storeIds: readonly number[] | null; actor: string | null }): Promise<ReturnResponse> {
  const checkout = await checkoutByOrder(trx, orderId);
  if (!checkout) throw notFound('order committed through checkout', '/id');
  const cart = checkout.request as CheckoutRequest;
  const q = (JSON.parse(checkout.responseJson) as { quote: Quote }).quote;
  const store = (await storesByCode(trx, [cart.storeCode])).get(cart.storeCode)!;
  if (opts.storeIds !== null && !opts.storeIds.includes(store.id)) throw new AppError('FORBIDDEN', `you may not take returns for store ${store.code}`, { field: '/id' });
  const at = saleInstant(req.returnedAt, opts.now, '/returnedAt');
  const moment = { at, date: businessDate(at, store.timeZone) };

  // Order lines were recorded in line-number order: position + 1 is the order line number.
  const cartLines = [...cart.lines].sort((a, b) => a.lineNo - b.lineNo);
  const orderLineNo = new Map(cartLines.map((l, i) => [l.lineNo, i + 1]));
  const before = await returnedUnits(trx, orderId);
  const now = new Map<number, number>();
  req.lines.forEach((l, i) => {
    const line = cartLines.find((c) => c.lineNo === l.lineNo);
    if (!line) throw invalid(`/lines/${i}/lineNo`, `the order has no line ${l.lineNo}`);
    const total = (now.get(l.lineNo) ?? 0) + l.quantity;
    const left = line.quantity - (before.get(orderLineNo.get(l.lineNo)!) ?? 0);
    if (total > left) throw invalid(`/lines/${i}/quantity`, `line ${l.lineNo}: ${left} of ${line.quantity} left to return, not ${total}`);
    now.set(l.lineNo, total);
  });

  const quoteLine = new Map(q.lines.map((l) => [l.lineNo, l]));
  const isSpend = (l: (typeof cartLines)[number]) => (l.kind ?? 'merchandise') === 'merchandise' && !l.reward;
  let spendBefore = 0, spendAfter = 0, spendTotal = 0;
  const lines: ReturnResponse['lines'] = [];
  const refundLines: RefundLine[] = cartLines.map((l) => {
    const ql = quoteLine.get(l.lineNo)!;
    const returnedBefore = before.get(orderLineNo.get(l.lineNo)!) ?? 0;
    const returning = now.get(l.lineNo) ?? 0;
    const money = share(ql.payableMinor, returnedBefore + returning, l.quantity) - share(ql.payableMinor, returnedBefore, l.quantity);
    if (isSpend(l)) {
      spendTotal += ql.payableMinor;
      spendBefore += share(ql.payableMinor, returnedBefore, l.quantity);
      spendAfter += share(ql.payableMinor, returnedBefore + returning, l.quantity);
    }
    if (returning > 0) lines.push({ lineNo: l.lineNo, quantity: returning, refundMinor: money, clawback: 0, restore: 0 });
    return { lineNo: l.lineNo, bought: l.quantity, returnedBefore, returning, pointsRedeemed: ql.pointsUsed };
  });
  const whole = refundLines.every((l) => l.returnedBefore + l.returning === l.bought);
  const refundMinor = lines.reduce((a, l) => a + l.refundMinor, 0);

  const order = await trx.selectFrom('orders').select('external_id').where('id', '=', orderId).executeTakeFirstOrThrow();
  const returnExternalId = `${order.external_id}/${req.externalId}`;
  const rec = await recordSales(trx, {
    orders: [], returns: [{
      source: CHECKOUT_SOURCE, externalId: returnExternalId, orderExternalId: order.external_id, storeCode: store.code, customer: null,
      returnedAt: at, businessDate: moment.date, reason: req.reason ?? null,
      lines: lines.map((l) => {
        const c = cartLines.find((x) => x.lineNo === l.lineNo)!;
        return { sku: c.sku ?? null, quantity: l.quantity, amountMinor: l.refundMinor, orderLineNo: orderLineNo.get(l.lineNo)!, kind: c.kind ?? 'merchandise', category: c.category ?? null };
      }),
    }],
  }, { now: opts.now.toISOString() });
  if (rec.returnsInserted !== 1) throw new AppError('CONFLICT', `return ${returnExternalId} was already recorded`, { field: '/externalId' });
  const returnId = rec.returnIds.get(returnExternalId)!;

  const response: ReturnResponse = {
    orderId, returnId, externalId: req.externalId, businessDate: moment.date, refundMinor, lines, wholeOrderReturned: whole,
    points: null, growth: 0, tier: null, couponsReinstated: [], couponsVoided: [], referral: null,
  };
  const settings = await loadSettings(trx);
  const customer = checkout.customerId === null ? undefined : await getCustomer(trx, checkout.customerId);
  if (customer) {
    const member = await loadMember(trx, customer, settings.ladder, moment.date, store.timeZone);
    const opId = `return:${orderId}:${req.externalId}`;
    const r = refund(member.ledger, { orderId: String(orderId), opId, lines: refundLines }, moment, settings.policy.ledger);
    await appendLedger(trx, customer.id, r.change);
    for (const l of lines) {
      const pl = r.perLine.find((x) => x.lineNo === l.lineNo)!;
      l.clawback = pl.clawback; l.restore = pl.restore;
    }
    response.referral = await clawbackReferral(trx, customer.id, { orderId: String(orderId), returnId, wholeOrderReturned: whole, moment, settings, opId });
    // After a referral clawback the member's ledger has more rows than the refund's: read it back.
    const after = response.referral ? await loadLedger(trx, customer.id) : applyChange(member.ledger, r.change);
    response.points = { clawedBack: r.clawedBack, restored: r.restored, shortfall: r.shortfall, balances: balances(after, moment.date) };
    // Growth comes back by the same cumulative shares as money, so a full return takes back exactly what the order gave.
    const g = q.totals.growthToEarn;
    const growth = spendTotal > 0 ? -(share(g, spendAfter, spendTotal) - share(g, spendBefore, spendTotal)) : whole ? -g : 0;
    response.growth = growth;
    const tier = await recordActivity(trx, member, { date: moment.date, spendMinor: -(spendAfter - spendBefore), orders: whole ? -1 : 0, interactions: 0, growth },
      settings, moment, opts.actor);
    const d = tier.decision;
    response.tier = { action: d.action, from: d.from, to: d.to, changed: d.changed };
  }
  if (whole) {
    const oid = String(orderId);
    if (settings.policy.reinstateCouponsOnFullReturn) response.couponsReinstated = await reinstateCouponsOf(trx, oid, opts.now.toISOString());
    const limited = new Set((await loadPromotions(trx)).filter((p) => hasLimits(p.promotion)).map((p) => p.promotion.id));
    for (const a of q.applied) if (limited.has(a.id)) await releaseUsage(trx, a.id, checkout.customerId, a.discountMinor);
    response.couponsVoided = [...await voidCouponsIssuedBy(trx, oid), ...response.referral?.couponsVoided ?? []].sort();
  }
  await insertCheckoutReturn(trx, orderId, req.externalId, { requestHash: hash, returnId, response }, opts.now.toISOString());
  return response;
}

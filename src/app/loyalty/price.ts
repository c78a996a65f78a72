// Price a checkout: load the store, the member (tier, points, growth), the presented coupons, the
// promotions and their usage, then ask the pure quote. The quote endpoint returns this; the commit
// prices again inside its transaction and applies exactly what it priced.
import type { Kysely } from 'kysely';
import { AppError, invalid } from '../../domain/errors.ts';
import type { Moment } from '../../domain/loyalty/ledger.ts';
import type { LineKind } from '../../domain/orders/types.ts';
import { normalizeCode } from '../../domain/promotions/codes.ts';
import type { CouponInstance, Promotion } from '../../domain/promotions/definitions.ts';
import { quote, type Quote, type QuoteMember } from '../../domain/promotions/quote.ts';
import { businessDate } from '../../domain/time.ts';
import { couponsByCode, usageOf } from '../../store/loyalty-coupons.repo.ts';
import type { DB } from '../../store/schema.ts';
import { cachedRead, keepsReads } from '../../store/db.ts';
import { listStores, storesByCode, type Store } from '../../store/stores.repo.ts';
import { loadMember, resolveMember, type LoadedMember, type MemberRef } from './member.ts';
import { loadPromotions, loadSettings, type LoyaltySettings } from './settings.ts';
import { memberSegments } from './member-segments.ts';

export interface CheckoutLine {
  lineNo: number; sku?: string | null; name?: string | null; category?: string | null;
  quantity: number; unitPriceMinor: number; kind?: LineKind; reward?: boolean;
}

export interface CheckoutRequest {
  storeCode: string;
  channel?: string;
  /** ISO instant of the sale (default: now). */
  placedAt?: string | null;
  member?: MemberRef | null;
  lines: readonly CheckoutLine[];
  couponCodes?: readonly string[];
  pointsToUse?: number;
  /** The till's checkout id that holds reserved coupons. */
  checkoutId?: string | null;
  /** The order number to record (commit; default: the idempotency key). */
  externalId?: string | null;
}

export interface PriceOptions { now: Date; storeIds: readonly number[] | null }

export interface Priced {
  store: Store;
  placedAt: string;
  moment: Moment;
  settings: LoyaltySettings;
  member: LoadedMember | null;
  promotions: Promotion[];
  /** Presented codes, tidied, and the coupons found for them. */
  codes: string[];
  coupons: Map<string, CouponInstance>;
  quote: Quote;
}

/** Uses are counted only for promotions that have a limit or a budget: nothing else reads them. */
export const hasLimits = (p: Promotion) => p.limits.global !== null || p.limits.perMember !== null || p.limits.budgetMinor !== null;

/** Instants more than this far in the future are a till with a wrong clock. */
const MAX_FUTURE_MS = 24 * 3_600_000;

export async function storeInScope(db: Kysely<DB>, code: string, storeIds: readonly number[] | null, field = '/storeCode'): Promise<Store> {
  // Kept in the process, all stores at once (SQLite); otherwise just the one asked for.
  const store = keepsReads(db)
    ? (await cachedRead(db, 'stores-by-code', async () => new Map((await listStores(db)).map((s) => [s.code, s])))).get(code)
    : (await storesByCode(db, [code])).get(code);
  if (!store) throw invalid(field, `unknown store ${code}`);
  if (storeIds !== null && !storeIds.includes(store.id)) throw new AppError('FORBIDDEN', `you may not sell in store ${code}`, { field });
  return store;
}

export function saleInstant(text: string | null | undefined, now: Date, field: string): string {
  if (!text) return now.toISOString();
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw invalid(field, 'not an ISO instant');
  if (ms > now.getTime() + MAX_FUTURE_MS) throw invalid(field, 'lies more than a day in the future');
  return new Date(ms).toISOString();
}

export async function priceCheckout(db: Kysely<DB>, req: CheckoutRequest, opts: PriceOptions): Promise<Priced> {
  const store = await storeInScope(db, req.storeCode, opts.storeIds);
  const placedAt = saleInstant(req.placedAt, opts.now, '/placedAt');
  const date = businessDate(placedAt, store.timeZone);
  const settings = await loadSettings(db);
  const customer = req.member ? await resolveMember(db, req.member) : null;
  const codes = (req.couponCodes ?? []).map(normalizeCode);
  const [member, stored, coupons] = await Promise.all([
    customer ? loadMember(db, customer, settings.ladder, date, store.timeZone) : null,
    loadPromotions(db),
    couponsByCode(db, codes),
  ]);
  const promotions = stored.map((p) => p.promotion);
  const usage = await usageOf(db, promotions.filter(hasLimits).map((p) => p.id), customer?.id ?? null);
  const segments = member ? await memberSegments(db, member.customer.id, promotions, date) : [];
  const quoteMember: QuoteMember | null = member && {
    id: String(member.customer.id), tierCode: member.tier.code, tierName: member.tier.name, segments,
    discountBp: member.tier.benefits.discountBp, discountOnPromoPrice: member.tier.benefits.discountOnPromoPrice,
    pointsMultiplierBp: member.tier.benefits.pointsMultiplierBp, birthDate: member.customer.birthDate,
    availablePoints: Math.max(0, member.balances.spendable),
    earnedToday: member.ledger.entries.reduce((a, e) => (e.kind === 'earn' && e.date === date && e.points > 0 ? a + e.points : a), 0),
  };
  const q = quote({
    cart: {
      storeCode: store.code, channel: req.channel ?? 'store', currency: store.currency,
      lines: req.lines.map((l) => ({
        lineNo: l.lineNo, sku: l.sku ?? null, category: l.category ?? null, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor,
        kind: l.kind ?? 'merchandise', reward: l.reward ?? false,
      })),
    },
    member: quoteMember, promotions, coupons: codes.map((code) => ({ code, coupon: coupons.get(code) ?? null })),
    pointsToUse: req.pointsToUse ?? 0, now: placedAt, zone: store.timeZone, checkoutId: req.checkoutId ?? null, usage, settings: settings.quote,
  });
  return { store, placedAt, moment: { at: placedAt, date }, settings, member, promotions, codes, coupons, quote: q };
}

/** What the quote endpoint answers: the breakdown, and the member as priced. */
export function quoteView(p: Priced) {
  return {
    storeCode: p.store.code, currency: p.store.currency, businessDate: p.moment.date,
    member: p.member && {
      customerId: p.member.customer.id, tierCode: p.member.tier.code, tierName: p.member.tier.name, points: p.member.balances,
    },
    quote: p.quote,
  };
}

// Use-case: per-customer next-best products from item-to-item co-purchases (lift-weighted counts) learned
// from a window of store baskets (the stored basket model), leaving out what the customer bought recently
// unless it is a consumable (replenishable: bought again by enough customers); and its offline evaluation
// by hit rate@k on a time split.
import type { Kysely } from 'kysely';
import { invalid, notFound } from '../../domain/errors.ts';
import { nextBestItems } from '../../domain/models/next-best.ts';
import { buildCoPurchaseModel, hitRateAtK } from '../../domain/models/recommend.ts';
import { itemCycles, purchaseDatesByCustomerItem } from '../../domain/models/replenish.ts';
import { addDays } from '../../domain/time.ts';
import { getCustomer } from '../../store/customers.repo.ts';
import { basketLines, basketsOf, productNames, sharedBasketLines } from '../../store/models.repo.ts';
import type { DB } from '../../store/schema.ts';
import { loadBasketModel, type BasketModel } from './basket-fit.ts';
import { checkDate } from './clv-inputs.ts';
import { defaultAsOf } from './replenish.ts';

export interface RecommendOptions {
  asOf?: string | undefined;
  k?: number | undefined;
  /** Non-replenishable items bought within this many days before asOf are not offered (default 90). */
  recentDays?: number | undefined;
  /**
   * Without a stored basket model (`regulars baskets fit`), build one from the store now, over this many
   * days of baskets up to asOf (the CLI does; the API does not: it would read every basket per request).
   */
  buildWindowDays?: number | undefined;
}

const whole = (field: string, v: number, min: number): number => {
  if (!(Number.isInteger(v) && v >= min)) throw invalid(field, `${field} must be a whole number ≥ ${min}, got ${v}`);
  return v;
};

/** The stored basket model, or one built now from the store when asked to. */
async function basketModel(db: Kysely<DB>, asOf: string, buildWindowDays: number | undefined): Promise<BasketModel | null> {
  const stored = await loadBasketModel(db);
  if (stored || buildWindowDays === undefined) return stored;
  const from = addDays(asOf, 1 - whole('windowDays', buildWindowDays, 1));
  const lines = await sharedBasketLines(db, { to: asOf });
  const known = (level: 'sku' | 'category') => lines.flatMap((l) => (l.customerId === null || l[level] === null ? [] : [{ customerId: l.customerId, item: l[level], date: l.date }]));
  const coPurchase = buildCoPurchaseModel(basketsOf(lines.flatMap((l) => (l.date >= from && l.sku !== null ? [{ orderId: l.orderId, item: l.sku }] : []))));
  return {
    fit: { id: 0, asOf, from, fittedAt: '', baskets: coPurchase.baskets }, coPurchase,
    cycles: { sku: itemCycles(purchaseDatesByCustomerItem(known('sku'))), category: new Map() },
  };
}

export async function recommendForCustomer(db: Kysely<DB>, customerId: number, opts: RecommendOptions = {}) {
  const k = whole('k', opts.k ?? 10, 1);
  const recentDays = whole('recentDays', opts.recentDays ?? 90, 0);
  if (!(await getCustomer(db, customerId))) throw notFound(`customer ${customerId}`, 'customer');
  const asOf = await defaultAsOf(db, opts.asOf);
  const model = asOf === null ? null : await basketModel(db, asOf, opts.buildWindowDays);
  if (asOf === null || model === null) {
    return {
      customerId, asOf, k, recentDays, model: null, items: [], excluded: [] as string[],
      message: asOf === null ? 'no purchases in the store yet' : 'no basket model stored: run `regulars baskets fit` (or POST /api/models/baskets/fit)',
    };
  }
  const history = purchaseDatesByCustomerItem((await basketLines(db, { level: 'sku', to: asOf, customerId }))
    .map((l) => ({ customerId, item: l.item, date: l.date }))).get(customerId) ?? new Map<string, string[]>();
  const recentFrom = addDays(asOf, -recentDays);
  const excluded = [...history].filter(([sku, d]) => d[d.length - 1]! >= recentFrom && !model.cycles.sku.get(sku)?.replenishable).map(([sku]) => sku);
  const picks = nextBestItems(model.coPurchase, history.keys(), new Set(excluded), k);
  const names = await productNames(db, picks.map((p) => p.item));
  return {
    customerId, asOf, k, recentDays,
    model: { id: model.fit.id || null, from: model.fit.from, to: model.fit.asOf, baskets: model.fit.baskets },
    items: picks.map((p) => ({ sku: p.item, name: names.get(p.item) ?? null, score: p.score, basis: p.basis })),
    /** Recently bought, not replenishable: never offered. */
    excluded,
    message: null,
  };
}

export type Recommendations = Awaited<ReturnType<typeof recommendForCustomer>>;

/**
 * Hit rate@k of the co-purchase model against the most-popular baseline on a time split of the store's
 * SKU purchases: train on days before testFrom, score customers who buy something new to them after.
 */
export async function evaluateRecommendations(db: Kysely<DB>, opts: { testFrom: string; to?: string; k?: number }) {
  const testFrom = checkDate('testFrom', opts.testFrom);
  const to = opts.to === undefined ? undefined : checkDate('to', opts.to);
  const k = whole('k', opts.k ?? 10, 1);
  const lines = await basketLines(db, { level: 'sku', to });
  const events = lines.flatMap((l) => (l.customerId === null ? [] : [{ customerId: l.customerId, date: l.date, item: l.item }]));
  return { testFrom, k, ...hitRateAtK(events, { testFromDate: testFrom, k }) };
}

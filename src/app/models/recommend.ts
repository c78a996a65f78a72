// Use-case: per-customer next-best products from item-to-item co-purchases (lift-weighted counts) over a
// window of store baskets, leaving out what the customer bought recently unless it is a consumable
// (replenishable: bought again by enough customers), and its offline evaluation by hit rate@k.
import type { Kysely } from 'kysely';
import { invalid, notFound } from '../../domain/errors.ts';
import { nextBestItems } from '../../domain/models/next-best.ts';
import { buildCoPurchaseModel, hitRateAtK } from '../../domain/models/recommend.ts';
import { addDays } from '../../domain/time.ts';
import { getCustomer } from '../../store/customers.repo.ts';
import { basketLines, basketsOf, productNames } from '../../store/models.repo.ts';
import type { DB } from '../../store/schema.ts';
import { checkDate } from './clv-inputs.ts';
import { defaultAsOf, purchaseCycles } from './replenish.ts';
import { memoized } from './store-cache.ts';

export interface RecommendOptions {
  asOf?: string | undefined;
  k?: number | undefined;
  /** Days of baskets, ending at asOf, that the co-purchase model learns from (default 365). */
  windowDays?: number | undefined;
  /** Non-replenishable items bought within this many days before asOf are not offered (default 90). */
  recentDays?: number | undefined;
}

const whole = (field: string, v: number, min: number): number => {
  if (!(Number.isInteger(v) && v >= min)) throw invalid(field, `${field} must be a whole number ≥ ${min}, got ${v}`);
  return v;
};

export async function recommendForCustomer(db: Kysely<DB>, customerId: number, opts: RecommendOptions = {}) {
  const k = whole('k', opts.k ?? 10, 1);
  const windowDays = whole('windowDays', opts.windowDays ?? 365, 1);
  const recentDays = whole('recentDays', opts.recentDays ?? 90, 0);
  if (!(await getCustomer(db, customerId))) throw notFound(`customer ${customerId}`, 'customer');
  const asOf = await defaultAsOf(db, opts.asOf);
  if (asOf === null) return { customerId, asOf, k, window: null, recentDays, items: [], excluded: [] as string[] };
  const from = addDays(asOf, 1 - windowDays);
  const model = await memoized(db, `copurchase|${from}|${asOf}`, async () =>
    buildCoPurchaseModel(basketsOf(await basketLines(db, { level: 'sku', from, to: asOf }))));
  const { dates, cycles } = await purchaseCycles(db, 'sku', asOf);
  const history = dates.get(customerId) ?? new Map<string, string[]>();
  const recentFrom = addDays(asOf, -recentDays);
  const excluded = [...history].filter(([sku, d]) => d[d.length - 1]! >= recentFrom && !cycles.get(sku)?.replenishable).map(([sku]) => sku);
  const picks = nextBestItems(model, history.keys(), new Set(excluded), k);
  const names = await productNames(db, picks.map((p) => p.item));
  return {
    customerId, asOf, k, recentDays,
    window: { from, to: asOf, baskets: model.baskets },
    items: picks.map((p) => ({ sku: p.item, name: names.get(p.item) ?? null, score: p.score, basis: p.basis })),
    /** Recently bought, not replenishable: never offered. */
    excluded,
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

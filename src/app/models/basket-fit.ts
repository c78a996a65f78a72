// Use-case: fit the basket models once and keep them, so per-customer views (the 360 view, a customer's
// recommendations) read a stored model instead of every basket of the store: the item-to-item co-purchase
// neighbours over a window of SKU baskets, and the reorder cycle of every category and SKU. Kept in
// model_fits (kind 'baskets') and parsed once per fit in this process.
import type { Kysely } from 'kysely';
import { invalid } from '../../domain/errors.ts';
import { buildCoPurchaseModel, type CoPurchaseModel } from '../../domain/models/recommend.ts';
import { itemCycles, purchaseDatesByCustomerItem, type ItemCycle } from '../../domain/models/replenish.ts';
import { addDays } from '../../domain/time.ts';
import { basketsOf, latestModelFit, saveModelFit, sharedBasketLines, type ItemLevel } from '../../store/models.repo.ts';
import type { DB } from '../../store/schema.ts';
import { defaultAsOf } from './replenish.ts';

export const BASKETS_KIND = 'baskets';
/** Popular items kept for the fill-in of recommendations. */
const POPULAR = 200;

type CycleRow = [item: string, buyers: number, repeatBuyers: number, typicalIntervalDays: number | null, replenishable: boolean];
interface BasketParams { windowDays: number; from: string; to: string }
interface BasketDetails {
  baskets: number;
  /** item → [neighbour, score, lift, coCount][], by descending score. */
  neighbours: [string, [string, number, number, number][]][];
  popular: string[];
  cycles: Record<ItemLevel, CycleRow[]>;
}

export interface BasketModel {
  fit: { id: number; asOf: string; from: string; fittedAt: string; baskets: number };
  coPurchase: CoPurchaseModel<string>;
  cycles: Record<ItemLevel, Map<string, ItemCycle<string>>>;
}

export interface BasketFitOptions { asOf?: string | undefined; windowDays?: number | undefined; now: string }

/** Build both basket models from the store as of a date and store them; returns what was kept, in brief. */
export async function fitBasketModels(db: Kysely<DB>, opts: BasketFitOptions) {
  const windowDays = opts.windowDays ?? 365;
  if (!(Number.isInteger(windowDays) && windowDays >= 1)) throw invalid('windowDays', `windowDays must be a whole number ≥ 1, got ${windowDays}`);
  const asOf = await defaultAsOf(db, opts.asOf);
  if (asOf === null) throw invalid('asOf', 'no purchases in the store yet: nothing to learn baskets from');
  const from = addDays(asOf, 1 - windowDays);
  const lines = await sharedBasketLines(db, { to: asOf });
  const window = lines.filter((l) => l.date >= from && l.sku !== null);
  const coPurchase = buildCoPurchaseModel(basketsOf(window.map((l) => ({ ...l, item: l.sku! }))));
  const cyclesAt = (level: ItemLevel): CycleRow[] => {
    const known = lines.flatMap((l) => (l.customerId === null || l[level] === null ? [] : [{ customerId: l.customerId, item: l[level], date: l.date }]));
    return [...itemCycles(purchaseDatesByCustomerItem(known)).values()].map((c) => [c.item, c.buyers, c.repeatBuyers, c.typicalIntervalDays, c.replenishable]);
  };
  const details: BasketDetails = {
    baskets: coPurchase.baskets,
    neighbours: [...coPurchase.neighbours].map(([item, list]) => [item, list.map((nb) => [nb.item, nb.score, nb.lift, nb.coCount])]),
    popular: coPurchase.popular.slice(0, POPULAR),
    cycles: { category: cyclesAt('category'), sku: cyclesAt('sku') },
  };
  const customers = new Set(lines.flatMap((l) => (l.customerId === null ? [] : [l.customerId]))).size;
  const fit = await saveModelFit<BasketParams, BasketDetails>(db, {
    kind: BASKETS_KIND, calibrationEnd: asOf, period: 'day', fittedAt: opts.now, params: { windowDays, from, to: asOf }, logLik: null, customers, details,
  });
  return {
    id: fit.id, asOf, from, windowDays, fittedAt: fit.fittedAt, baskets: details.baskets, customers,
    itemsWithNeighbours: details.neighbours.length,
    replenishable: { category: details.cycles.category.filter((c) => c[4]).length, sku: details.cycles.sku.filter((c) => c[4]).length },
  };
}

export type BasketFitView = Awaited<ReturnType<typeof fitBasketModels>>;

let parsed: { db: Kysely<DB>; id: number; model: BasketModel } | null = null;

/** The latest stored basket models, or null; parsed once per fit (the row can be megabytes of JSON). */
export async function loadBasketModel(db: Kysely<DB>): Promise<BasketModel | null> {
  const head = await db.selectFrom('model_fits').select('id').where('kind', '=', BASKETS_KIND)
    .orderBy('fitted_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!head) return null;
  if (parsed && parsed.db === db && parsed.id === head.id) return parsed.model;
  const fit = (await latestModelFit<BasketParams, BasketDetails>(db, BASKETS_KIND))!;
  const d = fit.details;
  const toCycles = (rows: CycleRow[]) => new Map(rows.map(([item, buyers, repeatBuyers, typicalIntervalDays, replenishable]) =>
    [item, { item, buyers, repeatBuyers, typicalIntervalDays, replenishable }]));
  const model: BasketModel = {
    fit: { id: fit.id, asOf: fit.params.to, from: fit.params.from, fittedAt: fit.fittedAt, baskets: d.baskets },
    coPurchase: {
      baskets: d.baskets, popular: d.popular,
      neighbours: new Map(d.neighbours.map(([item, list]) => [item, list.map(([nb, score, lift, coCount]) => ({ item: nb, score, lift, coCount }))])),
    },
    cycles: { category: toCycles(d.cycles.category), sku: toCycles(d.cycles.sku) },
  };
  parsed = { db, id: fit.id, model };
  return model;
}

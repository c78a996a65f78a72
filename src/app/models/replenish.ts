// Use-cases: the "due for reorder" list as of a date, per customer × category (or SKU) — each customer's own
// reorder interval, or the item's typical one for customers who bought it once — and one customer's
// reorders for the 360 view, which reads the item cycles of the stored basket model instead of every basket.
import type { Kysely } from 'kysely';
import { invalid } from '../../domain/errors.ts';
import {
  dueForReorder, itemCycles, purchaseDatesByCustomerItem, reorderEstimates, type DueItem, type ItemCycle,
} from '../../domain/models/replenish.ts';
import { basketLines, customerLabels, lastPurchaseDate, type ItemLevel } from '../../store/models.repo.ts';
import type { DB } from '../../store/schema.ts';
import { checkLevel } from './baskets.ts';
import { checkDate } from './clv-inputs.ts';

export interface ReplenishOptions {
  asOf?: string | undefined;
  level?: string | undefined;
  withinDays?: number | undefined;
  maxOverdueIntervals?: number | undefined;
  limit?: number | undefined;
}

/** The default "today" of the models: the last purchase date in the store (historical data stays usable). */
export async function defaultAsOf(db: Kysely<DB>, asOf: string | undefined): Promise<string | null> {
  return asOf === undefined ? lastPurchaseDate(db) : checkDate('asOf', asOf);
}

/** Sorted distinct purchase dates per customer × item up to asOf (every customer, or one). */
async function itemDates(db: Kysely<DB>, level: ItemLevel, asOf: string, customerId?: number): Promise<Map<number, Map<string, string[]>>> {
  const lines = await basketLines(db, { level, to: asOf, customerId });
  return purchaseDatesByCustomerItem(lines.flatMap((l) => (l.customerId === null ? [] : [{ customerId: l.customerId, item: l.item, date: l.date }])));
}

/** Every customer's reorders due as of a date: reads every basket up to asOf (a list job, not a page view). */
export async function replenishmentDue(db: Kysely<DB>, opts: ReplenishOptions = {}) {
  const level = checkLevel(opts.level ?? 'category');
  const asOf = await defaultAsOf(db, opts.asOf);
  if (opts.limit !== undefined && !(Number.isInteger(opts.limit) && opts.limit >= 0)) throw invalid('limit', `limit must be a whole number ≥ 0, got ${opts.limit}`);
  if (asOf === null) return { asOf, level, replenishableItems: 0, total: 0, items: [] as (DueItem<number, string> & { memberNo: string | null; name: string | null })[] };
  const dates = await itemDates(db, level, asOf);
  const cycles = itemCycles(dates);
  const due = dueForReorder(reorderEstimates(dates, cycles), {
    asOf, ...(opts.withinDays !== undefined ? { withinDays: opts.withinDays } : {}),
    ...(opts.maxOverdueIntervals !== undefined ? { maxOverdueIntervals: opts.maxOverdueIntervals } : {}),
  });
  const items = opts.limit === undefined ? due : due.slice(0, opts.limit);
  const labels = await customerLabels(db, items.map((d) => d.customerId));
  return {
    asOf, level,
    replenishableItems: [...cycles.values()].filter((c) => c.replenishable).length,
    total: due.length,
    items: items.map((d) => ({ ...d, memberNo: labels.get(d.customerId)?.memberNo ?? null, name: labels.get(d.customerId)?.name ?? null })),
  };
}

/** One customer's reorders due as of a date, against stored item cycles (the customer's own lines only are read). */
export async function customerReorders(
  db: Kysely<DB>, customerId: number, asOf: string, level: ItemLevel, cycles: ReadonlyMap<string, ItemCycle<string>>,
): Promise<DueItem<number, string>[]> {
  return dueForReorder(reorderEstimates(await itemDates(db, level, asOf, customerId), cycles), { asOf });
}

// Use-case: the "due for reorder" list as of a date, per customer × category (or SKU): each customer's own
// reorder interval, or the item's typical one for customers who bought it once.
import type { Kysely } from 'kysely';
import { invalid } from '../../domain/errors.ts';
import {
  dueForReorder, itemCycles, purchaseDatesByCustomerItem, reorderEstimates, type DueItem, type ItemCycle,
} from '../../domain/models/replenish.ts';
import { basketLines, customerLabels, lastBusinessDate, type ItemLevel } from '../../store/models.repo.ts';
import type { DB } from '../../store/schema.ts';
import { checkLevel } from './baskets.ts';
import { checkDate } from './clv-inputs.ts';
import { memoized } from './store-cache.ts';

export interface ReplenishOptions {
  asOf?: string | undefined;
  level?: string | undefined;
  withinDays?: number | undefined;
  maxOverdueIntervals?: number | undefined;
  /** Only this customer's items (the cycles still come from every customer). */
  customerId?: number | undefined;
  limit?: number | undefined;
}

interface Cycles {
  dates: Map<number, Map<string, string[]>>;
  cycles: Map<string, ItemCycle<string>>;
}

/** Every customer's purchase dates per item up to asOf, and each item's cycle (memoized per store). */
export function purchaseCycles(db: Kysely<DB>, level: ItemLevel, asOf: string): Promise<Cycles> {
  return memoized(db, `cycles|${level}|${asOf}`, async () => {
    const lines = await basketLines(db, { level, to: asOf });
    const dates = purchaseDatesByCustomerItem(lines.flatMap((l) => (l.customerId === null ? [] : [{ customerId: l.customerId, item: l.item, date: l.date }])));
    return { dates, cycles: itemCycles(dates) };
  });
}

/** The default "today" of the models: the last business date with an order (historical data stays usable). */
export async function defaultAsOf(db: Kysely<DB>, asOf: string | undefined): Promise<string | null> {
  return asOf === undefined ? lastBusinessDate(db) : checkDate('asOf', asOf);
}

export async function replenishmentDue(db: Kysely<DB>, opts: ReplenishOptions = {}) {
  const level = checkLevel(opts.level ?? 'category');
  const asOf = await defaultAsOf(db, opts.asOf);
  if (opts.limit !== undefined && !(Number.isInteger(opts.limit) && opts.limit >= 0)) throw invalid('limit', `limit must be a whole number ≥ 0, got ${opts.limit}`);
  if (asOf === null) return { asOf, level, replenishableItems: 0, total: 0, items: [] as (DueItem<number, string> & { memberNo: string | null; name: string | null })[] };
  const { dates, cycles } = await purchaseCycles(db, level, asOf);
  const scope = opts.customerId === undefined ? dates : new Map(dates.has(opts.customerId) ? [[opts.customerId, dates.get(opts.customerId)!]] : []);
  const due = dueForReorder(reorderEstimates(scope, cycles), {
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

export type ReplenishReport = Awaited<ReturnType<typeof replenishmentDue>>;

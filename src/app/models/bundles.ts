// Use-case: bundle offers ("buy A, get B" by expected added margin) and slow-mover pairings from the
// store's baskets in a period.
import type { Kysely } from 'kysely';
import { bundleSuggestions, slowMoverPairings } from '../../domain/models/bundles.ts';
import { associationRules } from '../../domain/models/rules.ts';
import { addDays, daysBetween } from '../../domain/time.ts';
import { unitMargins } from '../../store/models.repo.ts';
import type { DB } from '../../store/schema.ts';
import { loadBaskets } from './baskets.ts';
import { defaultAsOf } from './replenish.ts';

export interface BundleOptions {
  level?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  minSupport?: number | undefined;
  minConfidence?: number | undefined;
  minLift?: number | undefined;
  limit?: number | undefined;
}

/** Offers and pairings over [from, to]; by default the 90 days up to the last business date. */
export async function bundleReport(db: Kysely<DB>, opts: BundleOptions = {}) {
  const { minSupport = 0.001, minConfidence = 0.1, minLift = 1.2, limit = 20 } = opts;
  const to = await defaultAsOf(db, opts.to);
  const from = opts.from ?? (to === null ? undefined : addDays(to, -89));
  const loaded = await loadBaskets(db, { level: opts.level ?? 'sku', from, to: to ?? undefined });
  const level = loaded.level!;
  if (loaded.baskets.length === 0 || from === undefined || to === null) {
    return { level, from: from ?? null, to, baskets: 0, minSupport, minConfidence, minLift, offers: [], slowMovers: [] };
  }
  const { rules } = associationRules(loaded.baskets, { minSupport, minConfidence, maxLength: 2 });
  const margins = await unitMargins(db, { level, from, to });
  return {
    level, from, to, baskets: loaded.baskets.length, minSupport, minConfidence, minLift,
    offers: bundleSuggestions(rules, margins, { minLift, limit }),
    slowMovers: slowMoverPairings(loaded.baskets, { days: daysBetween(from, to) + 1 }).slice(0, limit),
  };
}

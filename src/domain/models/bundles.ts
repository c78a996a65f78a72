// Bundle suggestions from basket data:
// - "buy A, get B" offers from association rules, ranked by the margin they are expected to add: a basket
//   holding A contains B with probability confidence instead of support(B), so each such basket adds
//   (confidence − support(B)) × margin(B) = confidence · (1 − 1/lift) · margin(B) in expectation;
// - slow-mover pairing: for items that sell slowly, the fast movers they are most often bought with
//   (placing or bundling them together lends the slow item the fast one's traffic).
import { invalid } from '../errors.ts';
import type { Item } from './fpgrowth.ts';
import { buildCoPurchaseModel } from './recommend.ts';
import type { AssociationRule } from './rules.ts';

export interface BundleSuggestion<I extends Item> {
  buy: I[];
  get: I;
  support: number;
  confidence: number;
  lift: number;
  /** Baskets holding buy ∪ {get}. */
  count: number;
  /** Margin of one unit of `get` (minor units); null when its cost is unknown. */
  getMarginMinor: number | null;
  /** Expected extra margin per basket holding `buy`: confidence · (1 − 1/lift) · margin, rounded; null without a margin. */
  upliftMarginMinor: number | null;
}

/** Rules with lift above minLift as bundle offers, by expected added margin (unknown margins last), then lift. */
export function bundleSuggestions<I extends Item>(
  rules: readonly AssociationRule<I>[], unitMarginMinor: ReadonlyMap<I, number>,
  { minLift = 1, maxBuy = 1, limit = 50 }: { minLift?: number; maxBuy?: number; limit?: number } = {},
): BundleSuggestion<I>[] {
  if (!(Number.isInteger(maxBuy) && maxBuy >= 1)) throw invalid('maxBuy', `maxBuy must be a whole number ≥ 1, got ${maxBuy}`);
  const out: BundleSuggestion<I>[] = [];
  for (const r of rules) {
    if (!(r.lift > minLift) || r.antecedent.length === 0 || r.antecedent.length > maxBuy) continue;
    const get = r.consequent[0]!;
    const margin = unitMarginMinor.get(get) ?? null;
    out.push({
      buy: r.antecedent, get, support: r.support, confidence: r.confidence, lift: r.lift, count: r.count,
      getMarginMinor: margin, upliftMarginMinor: margin === null ? null : Math.round(r.confidence * (1 - 1 / r.lift) * margin),
    });
  }
  const byUplift = (s: BundleSuggestion<I>) => s.upliftMarginMinor ?? -Infinity;
  return out.sort((a, b) => byUplift(b) - byUplift(a) || b.lift - a.lift).slice(0, limit);
}

export interface SlowMoverOptions {
  /** Length of the period the baskets cover, in days: velocity = baskets holding the item / days. */
  days: number;
  /** Share of items, slowest first, that count as slow movers (default 0.2). */
  slowShare?: number;
  /** Share of items, fastest first, that count as fast movers (default 0.2). */
  fastShare?: number;
  /** Pairs bought together in fewer baskets than this are ignored (default 2). */
  minCoCount?: number;
  /** Partners listed per slow item (default 3). */
  partners?: number;
}

export interface Mover<I> { item: I; baskets: number; velocityPerDay: number }
export interface SlowMoverPairing<I> extends Mover<I> {
  /** Fast movers bought with it, by co-purchase count × lift. */
  partners: (Mover<I> & { coCount: number; lift: number; score: number })[];
}

/** Slow movers that have at least one fast-moving partner, slowest first. */
export function slowMoverPairings<I>(baskets: Iterable<readonly I[]>, options: SlowMoverOptions): SlowMoverPairing<I>[] {
  const { days, slowShare = 0.2, fastShare = 0.2, minCoCount = 2, partners = 3 } = options;
  if (!(days > 0)) throw invalid('days', `days must be positive, got ${days}`);
  for (const [field, v] of [['slowShare', slowShare], ['fastShare', fastShare]] as const) {
    if (!(v > 0 && v <= 1)) throw invalid(field, `${field} must lie in (0, 1], got ${v}`);
  }
  const list = [...baskets];
  const counts = new Map<I, number>();
  for (const basket of list) for (const item of new Set(basket)) counts.set(item, (counts.get(item) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => a[1] - b[1]);
  const slow = ranked.slice(0, Math.ceil(slowShare * ranked.length));
  const fast = new Set(ranked.slice(ranked.length - Math.ceil(fastShare * ranked.length)).map(([item]) => item));
  const model = buildCoPurchaseModel(list, { minCoCount, maxNeighbours: Number.MAX_SAFE_INTEGER });
  const mover = (item: I): Mover<I> => ({ item, baskets: counts.get(item)!, velocityPerDay: counts.get(item)! / days });
  const out: SlowMoverPairing<I>[] = [];
  for (const [item] of slow) {
    if (fast.has(item)) continue; // only when almost every item is both, in tiny catalogues
    const found = (model.neighbours.get(item) ?? []).filter((nb) => fast.has(nb.item)).slice(0, partners)
      .map((nb) => ({ ...mover(nb.item), coCount: nb.coCount, lift: nb.lift, score: nb.score }));
    if (found.length > 0) out.push({ ...mover(item), partners: found });
  }
  return out;
}

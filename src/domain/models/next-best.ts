// Per-customer next-best products: the item-to-item co-purchase scores of everything the customer has
// bought, summed, minus what should not be offered again (recently bought items that do not run out).
import { invalid } from '../errors.ts';
import type { CoPurchaseModel } from './recommend.ts';

export interface NextBest<I> {
  item: I;
  /** Summed neighbour score (co-purchase count × lift); 0 for popularity fill-ins. */
  score: number;
  basis: 'co-purchase' | 'popular';
}

/**
 * Top-k items for a customer: neighbours of their history by summed score, then the most popular items
 * to fill up; items in `exclude` are never offered. History items not excluded may come back (a
 * consumable, or something bought long ago).
 */
export function nextBestItems<I>(model: CoPurchaseModel<I>, history: Iterable<I>, exclude: ReadonlySet<I>, k: number): NextBest<I>[] {
  if (!(Number.isInteger(k) && k >= 1)) throw invalid('k', `k must be a whole number ≥ 1, got ${k}`);
  const scores = new Map<I, number>();
  for (const item of new Set(history)) {
    for (const nb of model.neighbours.get(item) ?? []) {
      if (!exclude.has(nb.item)) scores.set(nb.item, (scores.get(nb.item) ?? 0) + nb.score);
    }
  }
  const out: NextBest<I>[] = [...scores].sort((a, b) => b[1] - a[1]).slice(0, k)
    .map(([item, score]) => ({ item, score, basis: 'co-purchase' }));
  for (const item of model.popular) {
    if (out.length >= k) break;
    if (!exclude.has(item) && !scores.has(item)) out.push({ item, score: 0, basis: 'popular' });
  }
  return out;
}

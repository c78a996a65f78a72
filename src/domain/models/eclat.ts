// Frequent itemsets by Eclat (Zaki 2000): exact, like FP-Growth (fpgrowth.ts, kept as the reference and
// checked against it), but on vertical data — each item's sorted list of basket numbers — so that an
// itemset's support is the length of an intersection of typed arrays. Depth first, rarest items first:
// their lists are short, and so are all the intersections below them. It is the miner behind
// associationRules because it is several times faster than the tree in JavaScript (bench/models.bench.ts).
import { compareItems, rankItems, type FrequentItemset, type Item, type ItemsetOptions, type ItemsetResult } from './fpgrowth.ts';

/** All itemsets with support ≥ minSupport and minLength ≤ size ≤ maxLength; same result as frequentItemsets. */
export function eclatItemsets<T extends Item>(
  baskets: Iterable<readonly T[]>, options: ItemsetOptions, { bitmapBytes = BITMAP_BYTES }: { bitmapBytes?: number } = {},
): ItemsetResult<T> {
  const { minLength = 1, maxLength = 10 } = options;
  const { n, baskets: ranked, minCount, itemOfRank, rankOfItem, countOfRank } = rankItems(baskets, options);
  const items = itemOfRank.length;

  // Basket numbers of each frequent item, ascending.
  const lists = countOfRank.map((c) => new Int32Array(c));
  const fill = new Int32Array(items);
  ranked.forEach((ranks, tid) => {
    for (const r of ranks) lists[r]![fill[r]!++] = tid;
  });

  const countsByKey = new Map<string, number>();
  const scratch = new Int32Array(countOfRank.reduce((m, c) => Math.max(m, c), 1));
  // tids(P ∪ {i, j}) = tids(P ∪ {i}) ∩ tids({j}), so every intersection can test membership in item j's
  // own set: with one bitmap per item that costs |tids(P ∪ {i})| bit tests. Bitmaps take items × n bits;
  // past bitmapBytes (64 MiB by default) (a million baskets × many items) sorted lists are merged instead.
  const words = (n + 31) >>> 5;
  const bits = items * words * 4 <= bitmapBytes ? new Uint32Array(items * words) : null;
  if (bits) lists.forEach((list, r) => { for (const tid of list) bits[r * words + (tid >>> 5)]! |= 1 << (tid & 31); });
  const meet = bits
    ? (a: Int32Array, rank: number): number => intersectBits(a, bits, rank * words, scratch, minCount)
    : (a: Int32Array, rank: number, b: Int32Array): number => intersect(a, b, scratch, minCount);

  /** Emit prefix ∪ {ranks[i]} for each member of a class, then mine the class each one heads. */
  const extend = (prefix: string, ranks: readonly number[], tids: readonly Int32Array[]): void => {
    const depth = prefix.length + 1;
    for (let i = 0; i < ranks.length; i++) {
      // Ranks fall along the path, so the new (smallest) rank goes first and the key stays ascending.
      const key = String.fromCharCode(ranks[i]!) + prefix;
      countsByKey.set(key, tids[i]!.length);
      if (depth >= maxLength) continue;
      const childRanks: number[] = [];
      const childTids: Int32Array[] = [];
      for (let j = i + 1; j < ranks.length; j++) {
        const count = meet(tids[i]!, ranks[j]!, tids[j]!);
        if (count < minCount) continue;
        childRanks.push(ranks[j]!);
        childTids.push(scratch.slice(0, count));
      }
      if (childRanks.length > 0) extend(key, childRanks, childTids);
    }
  };
  // Rarest first: rank order reversed.
  const top = Array.from({ length: items }, (_, k) => items - 1 - k);
  extend('', top, top.map((r) => lists[r]!));

  // The itemset list (items mapped and sorted) is built on first use: rule mining reads only the counts.
  let itemsets: FrequentItemset<T>[] | null = null;
  return {
    get itemsets() {
      if (itemsets) return itemsets;
      itemsets = [];
      for (const [key, count] of countsByKey) {
        if (key.length < minLength) continue;
        const members = new Array<T>(key.length);
        for (let k = 0; k < key.length; k++) members[k] = itemOfRank[key.charCodeAt(k)]!;
        itemsets.push({ items: members.sort(compareItems), count, support: count / n });
      }
      return itemsets;
    },
    transactions: n, minCount, countsByKey, itemOfRank, rankOfItem,
  };
}

const BITMAP_BYTES = 64 << 20;

/** The members of `a` whose bit is set in the bitmap at `offset`, into `out`; early exit as intersect. */
function intersectBits(a: Int32Array, bits: Uint32Array, offset: number, out: Int32Array, minCount: number): number {
  const la = a.length;
  if (la < minCount) return 0;
  let n = 0;
  for (let i = 0; i < la; i++) {
    const tid = a[i]!;
    if (bits[offset + (tid >>> 5)]! & (1 << (tid & 31))) out[n++] = tid;
    else if (n + la - i - 1 < minCount) return 0;
  }
  return n;
}

/**
 * Intersect two ascending lists into `out`; returns the size, or a number below minCount as soon as
 * minCount can no longer be reached (most candidates fail, and fail early). A short list against a long
 * one (a rare item against whole milk) gallops through the long one instead of walking it.
 */
function intersect(a: Int32Array, b: Int32Array, out: Int32Array, minCount: number): number {
  if (a.length > b.length) [a, b] = [b, a];
  const la = a.length;
  const lb = b.length;
  if (la < minCount) return 0;
  let n = 0;
  let j = 0;
  if (lb > 8 * la) {
    for (let i = 0; i < la; i++) {
      if (n + la - i < minCount) return 0;
      const x = a[i]!;
      // Exponential then binary search for the first b[k] ≥ x, k ≥ j.
      let step = 1;
      let hi = j;
      while (hi < lb && b[hi]! < x) {
        j = hi + 1;
        hi += step;
        step <<= 1;
      }
      if (hi > lb) hi = lb;
      while (j < hi) {
        const mid = (j + hi) >>> 1;
        if (b[mid]! < x) j = mid + 1;
        else hi = mid;
      }
      if (j === lb) break;
      if (b[j] === x) out[n++] = x;
    }
    return n;
  }
  let i = 0;
  while (i < la && j < lb) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) {
      i++;
      if (n + la - i < minCount) return 0;
    } else {
      j++;
      if (n + lb - j < minCount) return 0;
    }
  }
  return n;
}

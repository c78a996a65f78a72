// Frequent itemsets by FP-Growth (Han, Pei & Yin 2000): exact, two passes over the baskets, then recursive
// mining of conditional FP-trees. Support follows arules: an itemset is frequent when count/N ≥ minSupport.
import { invalid } from '../errors.ts';

export type Item = string | number;

export interface FrequentItemset<T extends Item> {
  /** Items in ascending order (numbers numerically, strings by code unit). */
  items: T[];
  /** Baskets containing every item. */
  count: number;
  /** count / number of baskets. */
  support: number;
}

export interface ItemsetOptions {
  /** Minimum support as a share of baskets, 0 < minSupport ≤ 1. */
  minSupport: number;
  /** Smallest itemset size reported. */
  minLength?: number;
  /** Largest itemset size mined (arules' default is 10). */
  maxLength?: number;
}

export interface ItemsetResult<T extends Item> {
  itemsets: FrequentItemset<T>[];
  transactions: number;
  /** Smallest count that meets minSupport. */
  minCount: number;
  /** Count of every frequent itemset, keyed by itemsetKey() of its item ranks; used to derive rules. */
  countsByKey: Map<string, number>;
  /** Item of each rank (rank 0 = most frequent) and the rank of each item. */
  itemOfRank: T[];
  rankOfItem: Map<T, number>;
}

interface FpNode {
  rank: number;
  count: number;
  parent: FpNode | null;
  children: Map<number, FpNode>;
  /** Next node holding the same rank (header-table chain). */
  link: FpNode | null;
}

interface FpTree { root: FpNode; heads: Map<number, FpNode> }

/**
 * Key of an itemset given as ranks in ascending order: one UTF-16 code unit per rank, so the key of a
 * subset is a slice (key.slice(0, i) + key.slice(i + 1)) and hashing is cheap. Ranks stay below 2^16.
 */
export const itemsetKey = (ranks: readonly number[]): string => String.fromCharCode(...ranks);

/** Ranks of an itemset key, ascending. */
export function ranksOfKey(key: string): number[] {
  const out = new Array<number>(key.length);
  for (let i = 0; i < key.length; i++) out[i] = key.charCodeAt(i);
  return out;
}

/** Most frequent items a mining run can rank (keys use one code unit per rank). */
const MAX_RANKS = 0xffff;

/** Smallest count c with c / n ≥ minSupport (exact, no floating-point off-by-one). */
export function minimumCount(minSupport: number, n: number): number {
  let c = Math.max(1, Math.ceil(minSupport * n));
  while (c > 1 && (c - 1) / n >= minSupport) c--;
  while (c / n < minSupport) c++;
  return c;
}

export interface RankedBaskets<T extends Item> {
  /** Number of baskets. */
  n: number;
  /** Each basket's frequent items as ranks, ascending, duplicates removed; in input order. */
  baskets: number[][];
  minCount: number;
  /** Frequent items, most frequent first (ties in item order), and the rank of each. */
  itemOfRank: T[];
  rankOfItem: Map<T, number>;
  /** Basket count of each rank. */
  countOfRank: number[];
}

/** Check itemset options, de-duplicate baskets and rank the frequent items (the first pass of both miners). */
export function rankItems<T extends Item>(baskets: Iterable<readonly T[]>, options: ItemsetOptions): RankedBaskets<T> {
  const { minSupport, minLength = 1, maxLength = 10 } = options;
  if (!(minSupport > 0 && minSupport <= 1)) throw invalid('minSupport', `minSupport must lie in (0, 1], got ${minSupport}`);
  if (!(Number.isInteger(minLength) && minLength >= 1)) throw invalid('minLength', `minLength must be a whole number ≥ 1, got ${minLength}`);
  if (!(Number.isInteger(maxLength) && maxLength >= minLength)) throw invalid('maxLength', `maxLength must be a whole number ≥ minLength, got ${maxLength}`);
  // One map lookup per item occurrence: items become ids (first seen first), baskets id lists.
  const idOf = new Map<T, number>();
  const items: T[] = [];
  const counts: number[] = [];
  const idBaskets: number[][] = [];
  for (const basket of baskets) {
    const ids: number[] = [];
    for (const item of basket) {
      let id = idOf.get(item);
      if (id === undefined) {
        id = items.length;
        idOf.set(item, id);
        items.push(item);
        counts.push(0);
      }
      if (!ids.includes(id)) { // baskets are short: a scan beats a Set
        ids.push(id);
        counts[id]!++;
      }
    }
    idBaskets.push(ids);
  }
  const n = idBaskets.length;
  const minCount = minimumCount(minSupport, Math.max(n, 1));
  const frequent = items.map((_, id) => id).filter((id) => counts[id]! >= minCount)
    .sort((a, b) => counts[b]! - counts[a]! || compareItems(items[a]!, items[b]!));
  if (frequent.length > MAX_RANKS) throw invalid('minSupport', `${frequent.length} items are frequent at this support; raise minSupport (at most ${MAX_RANKS})`);
  const rankOfId = new Int32Array(items.length).fill(-1);
  frequent.forEach((id, rank) => { rankOfId[id] = rank; });
  // Ids become ranks in place (a million baskets should not be held twice).
  const ranked = idBaskets;
  for (let b = 0; b < n; b++) {
    const ranks: number[] = [];
    for (const id of ranked[b]!) if (rankOfId[id]! >= 0) ranks.push(rankOfId[id]!);
    ranked[b] = ranks.sort((x, y) => x - y);
  }
  const itemOfRank = frequent.map((id) => items[id]!);
  return {
    n, baskets: ranked, minCount, itemOfRank, rankOfItem: new Map(itemOfRank.map((item, rank) => [item, rank])),
    countOfRank: frequent.map((id) => counts[id]!),
  };
}

/** All itemsets with support ≥ minSupport and minLength ≤ size ≤ maxLength, by FP-Growth. */
export function frequentItemsets<T extends Item>(baskets: Iterable<readonly T[]>, options: ItemsetOptions): ItemsetResult<T> {
  const { minLength = 1, maxLength = 10 } = options;
  const { n, baskets: ranked, minCount, itemOfRank, rankOfItem } = rankItems(baskets, options);

  // Pass 2: the FP-tree of each basket's frequent items in rank order.
  const tree = newTree();
  for (const ranks of ranked) if (ranks.length > 0) insert(tree, ranks, 1);

  const countsByKey = new Map<string, number>();
  const found: { ranks: number[]; count: number }[] = [];
  mine(tree, [], minCount, maxLength, (ranks, count) => {
    countsByKey.set(itemsetKey(ranks), count);
    found.push({ ranks, count });
  });
  const itemsets = found.filter((f) => f.ranks.length >= minLength).map(({ ranks, count }) => ({
    items: ranks.map((r) => itemOfRank[r]!).sort(compareItems),
    count,
    support: count / n,
  }));
  return { itemsets, transactions: n, minCount, countsByKey, itemOfRank, rankOfItem };
}

export function compareItems(a: Item, b: Item): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function newTree(): FpTree {
  return { root: { rank: -1, count: 0, parent: null, children: new Map(), link: null }, heads: new Map() };
}

function insert(tree: FpTree, ranks: readonly number[], count: number): void {
  let node = tree.root;
  for (const rank of ranks) {
    let child = node.children.get(rank);
    if (!child) {
      child = { rank, count: 0, parent: node, children: new Map(), link: tree.heads.get(rank) ?? null };
      tree.heads.set(rank, child);
      node.children.set(rank, child);
    }
    child.count += count;
    node = child;
  }
}

/**
 * Emit suffix ∪ {item} for every item of the tree, least frequent first, then recurse into the item's
 * conditional tree (the prefix paths above its nodes, with infrequent items removed).
 */
function mine(
  tree: FpTree, suffix: readonly number[], minCount: number, maxLength: number,
  emit: (ranks: number[], count: number) => void,
): void {
  const ranks = [...tree.heads.keys()].sort((a, b) => b - a);
  for (const rank of ranks) {
    let support = 0;
    for (let node = tree.heads.get(rank) ?? null; node; node = node.link) support += node.count;
    if (support < minCount) continue;
    const itemset = [rank, ...suffix]; // ranks stay ascending: rank < every rank in suffix
    emit(itemset, support);
    if (itemset.length >= maxLength) continue;
    const paths: { ranks: number[]; count: number }[] = [];
    const counts = new Map<number, number>();
    for (let node = tree.heads.get(rank) ?? null; node; node = node.link) {
      const path: number[] = [];
      for (let up = node.parent; up && up.rank >= 0; up = up.parent) path.push(up.rank);
      if (path.length === 0) continue;
      path.reverse();
      paths.push({ ranks: path, count: node.count });
      for (const r of path) counts.set(r, (counts.get(r) ?? 0) + node.count);
    }
    if (paths.length === 0) continue;
    const conditional = newTree();
    for (const path of paths) {
      const kept = path.ranks.filter((r) => counts.get(r)! >= minCount);
      if (kept.length > 0) insert(conditional, kept, path.count);
    }
    if (conditional.heads.size > 0) mine(conditional, itemset, minCount, maxLength, emit);
  }
}

// Association rules from frequent itemsets, with arules' conventions: one item on the right-hand side,
// minLength/maxLength count the items of the whole rule, support is that of the whole itemset.
import { invalid } from '../errors.ts';
import { eclatItemsets } from './eclat.ts';
import { ranksOfKey, type Item, type ItemsetResult } from './fpgrowth.ts';

export interface AssociationRule<T extends Item> {
  /** Left-hand side, ascending; empty only when minLength is 1. */
  antecedent: T[];
  /** Right-hand side: a single item. */
  consequent: T[];
  /** Share of baskets holding antecedent ∪ consequent. */
  support: number;
  /** P(consequent | antecedent). */
  confidence: number;
  /** confidence / support(consequent); 1 means independence. */
  lift: number;
  /** support − support(antecedent) · support(consequent). */
  leverage: number;
  /** (1 − support(consequent)) / (1 − confidence); Infinity when confidence is 1. */
  conviction: number;
  /** Baskets holding antecedent ∪ consequent. */
  count: number;
}

export interface RuleOptions {
  /** Minimum confidence, 0…1. */
  minConfidence: number;
  /** Fewest items in the whole rule. arules' default is 1, which adds {} ⇒ {item} rules; ours is 2. */
  minLength?: number;
  /** Most items in the whole rule (arules' default 10). */
  maxLength?: number;
}

/** Rules with one-item consequents from mined itemsets, sorted by lift, then confidence, then support. */
export function rulesFromItemsets<T extends Item>(mined: ItemsetResult<T>, options: RuleOptions): AssociationRule<T>[] {
  const { minConfidence, minLength = 2, maxLength = 10 } = options;
  if (!(minConfidence >= 0 && minConfidence <= 1)) throw invalid('minConfidence', `minConfidence must lie in [0, 1], got ${minConfidence}`);
  if (!(Number.isInteger(minLength) && minLength >= 1)) throw invalid('minLength', `minLength must be a whole number ≥ 1, got ${minLength}`);
  const n = mined.transactions;
  const counts = mined.countsByKey;
  const single = mined.itemOfRank.map((_, r) => counts.get(String.fromCharCode(r))!);
  const rules: AssociationRule<T>[] = [];
  for (const [key, count] of counts) {
    const size = key.length; // one code unit per rank (itemsetKey)
    if (size < minLength || size > maxLength) continue;
    for (let i = 0; i < size; i++) {
      // The antecedent's key is the itemset's key without position i.
      const lhsKey = i === 0 ? key.slice(1) : i === size - 1 ? key.slice(0, i) : key.slice(0, i) + key.slice(i + 1);
      const lhsCount = size === 1 ? n : counts.get(lhsKey);
      if (lhsCount === undefined) throw new Error(`rules: subset [${ranksOfKey(lhsKey).join(',')}] of a frequent itemset is missing`);
      const confidence = count / lhsCount;
      if (confidence < minConfidence) continue;
      const rhsRank = key.charCodeAt(i);
      const rhsSupport = single[rhsRank]! / n;
      const support = count / n;
      rules.push({
        antecedent: ranksOfKey(lhsKey).map((r) => mined.itemOfRank[r]!).sort(compare),
        consequent: [mined.itemOfRank[rhsRank]!],
        support, confidence, count,
        lift: confidence / rhsSupport,
        leverage: support - (lhsCount / n) * rhsSupport,
        conviction: confidence === 1 ? Infinity : (1 - rhsSupport) / (1 - confidence),
      });
    }
  }
  // Ties on all three measures are common (small counts); they are broken by the rule's text, built once.
  const text = new Map(rules.map((r) => [r, String([...r.antecedent, '⇒', ...r.consequent])]));
  return rules.sort((a, b) => b.lift - a.lift || b.confidence - a.confidence || b.support - a.support || compare(text.get(a)!, text.get(b)!));
}

/** Mine itemsets and rules in one call, like arules::apriori(supp, conf, minlen, maxlen). */
export function associationRules<T extends Item>(
  baskets: Iterable<readonly T[]>, options: RuleOptions & { minSupport: number },
): { rules: AssociationRule<T>[]; transactions: number } {
  const { minSupport, minLength = 2, maxLength = 10, minConfidence } = options;
  const mined = eclatItemsets(baskets, { minSupport, maxLength });
  return { rules: rulesFromItemsets(mined, { minConfidence, minLength, maxLength }), transactions: mined.transactions };
}

function compare(a: Item, b: Item): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

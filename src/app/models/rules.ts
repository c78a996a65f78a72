// Use-case: association rules (FP-Growth, arules conventions) from store baskets or a basket file.
import type { Kysely } from 'kysely';
import { invalid } from '../../domain/errors.ts';
import { associationRules, type AssociationRule } from '../../domain/models/rules.ts';
import type { DB } from '../../store/schema.ts';
import { loadBaskets, type BasketSource } from './baskets.ts';

export interface RulesOptions extends BasketSource {
  minSupport: number;
  minConfidence: number;
  minLength?: number;
  maxLength?: number;
  /** Rules to return (all are counted); all by default. */
  limit?: number | undefined;
}

/** A rule as shown: conviction is null where it is infinite (confidence 1), which JSON cannot carry. */
export const ruleView = (r: AssociationRule<string>) => ({
  antecedent: r.antecedent, consequent: r.consequent, support: r.support, confidence: r.confidence, lift: r.lift,
  leverage: r.leverage, conviction: Number.isFinite(r.conviction) ? r.conviction : null, count: r.count,
});

export async function mineRules(db: Kysely<DB>, opts: RulesOptions) {
  const { minSupport, minConfidence, minLength = 2, maxLength = 10, limit } = opts;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) throw invalid('limit', `limit must be a whole number ≥ 0, got ${limit}`);
  const loaded = await loadBaskets(db, opts);
  if (loaded.baskets.length === 0) throw invalid(loaded.source === 'file' ? 'baskets' : 'from', 'no baskets to mine (no orders with merchandise lines in the period)');
  const { rules, transactions } = associationRules(loaded.baskets, { minSupport, minConfidence, minLength, maxLength });
  const lengths: Record<string, number> = {};
  for (const r of rules) lengths[r.antecedent.length + 1] = (lengths[r.antecedent.length + 1] ?? 0) + 1;
  return {
    source: loaded.source, level: loaded.level, from: loaded.from, to: loaded.to,
    transactions, minSupport, minConfidence, minLength, maxLength,
    ruleCount: rules.length,
    /** Rules by number of items (antecedent + consequent). */
    lengths,
    rules: (limit === undefined ? rules : rules.slice(0, limit)).map(ruleView),
  };
}

export type RulesReport = Awaited<ReturnType<typeof mineRules>>;

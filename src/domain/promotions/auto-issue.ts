// Coupons issued without anyone asking: after a purchase, on registration, on a tier upgrade, in the
// birthday window. A rule says which template goes out on which event; the decision is a list of
// (rule, template) pairs, and each carries a dedupe key so a replayed event issues nothing twice.

import { z } from 'zod';
import { parseConfig } from '../loyalty/parse.ts';

export const AutoIssueRuleSchema = z.object({
  id: z.string().min(1),
  event: z.enum(['purchase', 'registration', 'tier_upgrade', 'birthday']),
  templateId: z.string().min(1),
  active: z.boolean().default(true),
  /** purchase: only orders paying at least this much. */
  minOrderMinor: z.number().int().nonnegative().default(0),
  /** tier_upgrade / birthday: only members of (or upgraded to) these tiers. */
  tiers: z.array(z.string().min(1)).min(1).optional(),
  quantity: z.number().int().min(1).max(20).default(1),
  /** birthday: issue from this many days before the birthday up to the day itself (the daily job issues on the first of them). */
  leadDays: z.number().int().min(0).max(31).default(0),
});
export type AutoIssueRule = z.output<typeof AutoIssueRuleSchema>;
export const parseAutoIssueRules = (value: unknown): AutoIssueRule[] => parseConfig(z.array(AutoIssueRuleSchema), value, 'rules');

export type IssueEvent =
  | { kind: 'purchase'; memberId: string; orderId: string; payableMinor: number }
  | { kind: 'registration'; memberId: string }
  | { kind: 'tier_upgrade'; memberId: string; toTier: string; on: string }
  /** `year` of the birthday, so one gift per member per year. */
  | { kind: 'birthday'; memberId: string; tierCode: string | null; year: number };

export interface IssueDecision { ruleId: string; templateId: string; memberId: string; quantity: number; dedupeKey: string }

/** The coupons an event earns, in rule order. */
export function couponsForEvent(rules: readonly AutoIssueRule[], event: IssueEvent): IssueDecision[] {
  const occasion = event.kind === 'purchase' ? event.orderId : event.kind === 'registration' ? 'registration'
    : event.kind === 'tier_upgrade' ? `${event.toTier}@${event.on}` : String(event.year);
  const tier = event.kind === 'tier_upgrade' ? event.toTier : event.kind === 'birthday' ? event.tierCode : null;
  return rules
    .filter((r) => r.active && r.event === event.kind)
    .filter((r) => event.kind !== 'purchase' || event.payableMinor >= r.minOrderMinor)
    .filter((r) => !r.tiers || (tier !== null && r.tiers.includes(tier)))
    .map((r) => ({ ruleId: r.id, templateId: r.templateId, memberId: event.memberId, quantity: r.quantity, dedupeKey: `${r.id}:${event.memberId}:${occasion}` }));
}

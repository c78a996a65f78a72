// After a purchase or a return: add the day's growth and metrics, decide the tier on the new history,
// store the decision, and say which coupons a tier upgrade earns.
import type { Kysely } from 'kysely';
import type { Moment } from '../../domain/loyalty/ledger.ts';
import { evaluateTier, type TierActivity, type TierDecision } from '../../domain/loyalty/tiers.ts';
import { couponsForEvent } from '../../domain/promotions/auto-issue.ts';
import { addActivity, saveTierDecision } from '../../store/loyalty-members.repo.ts';
import type { DB } from '../../store/schema.ts';
import type { AutoIssue } from './issue.ts';
import type { LoadedMember } from './member.ts';
import type { LoyaltySettings } from './settings.ts';

export interface TierOutcome { decision: TierDecision; coupons: AutoIssue[] }

export async function recordActivity(db: Kysely<DB>, member: LoadedMember, activity: TierActivity, settings: LoyaltySettings,
  moment: Moment, actor: string | null): Promise<TierOutcome> {
  const id = member.customer.id;
  await addActivity(db, id, activity);
  const decision = evaluateTier({ state: member.state, enrolledOn: member.enrolledOn, activity: [...member.activity, activity] }, settings.ladder, moment.date);
  await saveTierDecision(db, id, decision, { enrolledOn: member.enrolledOn, at: moment.at, date: moment.date, actor, isNew: member.state === null });
  const entry = settings.ladder.tiers[0]!.code;
  const upgraded = decision.action === 'upgrade' || (decision.action === 'enter' && decision.to !== entry);
  const coupons = upgraded
    ? couponsForEvent(settings.policy.autoIssue, { kind: 'tier_upgrade', memberId: String(id), toTier: decision.to, on: moment.date })
      .map((d) => ({ templateId: d.templateId, customerId: id, quantity: d.quantity, dedupeKey: d.dedupeKey }))
    : [];
  return { decision, coupons };
}

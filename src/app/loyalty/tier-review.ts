// The tier review job: checkout only re-evaluates a member when they buy, so renewals, grace holds,
// downgrades at the review date and exits of long-inactive members need a daily walk. Each member is
// decided by `evaluateTier` and saved in its own short transaction, only if their tier is still what
// was read (a checkout that changed it meanwhile wins; the member is reported and reviewed next run).
// Idempotent: a decision moves the review date forward, and a hold is written once per review.
import type { Kysely } from 'kysely';
import { evaluateTier, type TierAction } from '../../domain/loyalty/tiers.ts';
import { couponsForEvent } from '../../domain/promotions/auto-issue.ts';
import { addDays, businessDate } from '../../domain/time.ts';
import { holdRecorded, insertTierHistory, membersDueForReview, saveReviewedTier } from '../../store/loyalty-jobs.repo.ts';
import { memberActivity, memberTier } from '../../store/loyalty-members.repo.ts';
import type { DB } from '../../store/schema.ts';
import { autoIssue } from './issue.ts';
import { loadPromotions, loadSettings } from './settings.ts';

/** A calendar review date can move many members at once: the run lists the first thousand, counts them all. */
export const LIST_LIMIT = 1000;

export interface TierReviewRun {
  date: string;
  /** Members looked at (review due, tier gone from the ladder, or idle long enough to exit). */
  reviewed: number;
  /** Members whose state or history changed, by action (renew, hold, downgrade, exit, upgrade, enter). */
  actions: Partial<Record<TierAction, number>>;
  /** The first LIST_LIMIT changes (the counts above are complete). */
  changes: { customerId: number; action: TierAction; from: string | null; to: string }[];
  /** Changed by someone else meanwhile: left for the next run. */
  skipped: number[];
}

/** Review every member due on `date` (default: today in the policy's zone). Running it twice for a date writes nothing more. */
export async function runTierReviews(db: Kysely<DB>, o: { now: Date; date?: string | null; actor?: string | null }): Promise<TierReviewRun> {
  const { ladder, policy } = await loadSettings(db);
  const at = o.now.toISOString();
  const date = o.date ?? businessDate(at, policy.zone);
  const actor = o.actor ?? null;
  const entry = ladder.tiers[0]!.code;
  const ids = await membersDueForReview(db, {
    date, tierCodes: ladder.tiers.map((t) => t.code), entryTier: entry, idleCutoff: ladder.exitAfterDays === null ? null : addDays(date, -ladder.exitAfterDays),
  });
  const promotions = (await loadPromotions(db)).map((p) => p.promotion);
  const out: TierReviewRun = { date, reviewed: ids.length, actions: {}, changes: [], skipped: [] };
  for (const customerId of ids) {
    const d = await db.transaction().execute(async (trx) => {
      const stored = await memberTier(trx, customerId);
      if (!stored) return null;
      const decision = evaluateTier({ state: stored.state, enrolledOn: stored.enrolledOn, activity: await memberActivity(trx, customerId) }, ladder, date);
      if (decision.action === 'keep' || decision.action === 'pinned') return null;
      if (decision.action === 'hold') {
        // The state stays; the hold is noted once, so the member's history says until when.
        if (await holdRecorded(trx, customerId, decision.to, stored.state.reviewOn)) return null;
      } else if (!(await saveReviewedTier(trx, customerId, stored.state, decision.next, at))) {
        return 'skipped' as const;
      }
      await insertTierHistory(trx, customerId, decision, { at, date, actor });
      // A review can also raise a tier (a ladder lowered its bar): the upgrade's coupons go out as at checkout.
      if (decision.action === 'upgrade' || (decision.action === 'enter' && decision.to !== entry)) {
        const issue = couponsForEvent(policy.autoIssue, { kind: 'tier_upgrade', memberId: String(customerId), toTier: decision.to, on: date })
          .map((x) => ({ templateId: x.templateId, customerId, quantity: x.quantity, dedupeKey: x.dedupeKey }));
        await autoIssue(trx, promotions, issue, { now: at, issuedOrderId: null });
      }
      return decision;
    });
    if (d === 'skipped') out.skipped.push(customerId);
    else if (d) {
      out.actions[d.action] = (out.actions[d.action] ?? 0) + 1;
      if (out.changes.length < LIST_LIMIT) out.changes.push({ customerId, action: d.action, from: d.from, to: d.to });
    }
  }
  return out;
}

// The tier review job: checkout only re-evaluates a member when they buy, so renewals, grace holds,
// downgrades at the review date and exits of long-inactive members need a daily walk. Members are read
// a chunk at a time and decided by `evaluateTier`; those that changed are saved in one short
// transaction per chunk, each only if their tier row is still what was read (a checkout that changed
// it meanwhile wins; the member is reported and reviewed next run). Idempotent: a decision moves the
// review date forward, and a hold is written once per review date.
import type { Kysely } from 'kysely';
import { evaluateTier, type TierAction } from '../../domain/loyalty/tiers.ts';
import { couponsForEvent } from '../../domain/promotions/auto-issue.ts';
import { addDays, businessDate } from '../../domain/time.ts';
import { activityOf, holdsOf, insertTierHistory, membersDueForReview, saveReviewedTier, tiersOf } from '../../store/loyalty-jobs.repo.ts';
import type { DB } from '../../store/schema.ts';
import { autoIssue } from './issue.ts';
import { loadPromotions, loadSettings } from './settings.ts';

/** Members read and written together: a write transaction holds at most this many (a few ms). */
const CHUNK = 100;

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
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    // Read a chunk at a time; decide; write the members that changed in one short transaction, each
    // guarded by a conditional update, so a checkout that moved the member in between wins.
    const [tiers, activity] = await Promise.all([tiersOf(db, chunk), activityOf(db, chunk)]);
    const decided = chunk.flatMap((customerId) => {
      const stored = tiers.get(customerId);
      if (!stored) return [];
      const decision = evaluateTier({ state: stored.state, enrolledOn: stored.enrolledOn, activity: activity.get(customerId) ?? [] }, ladder, date);
      return decision.action === 'keep' || decision.action === 'pinned' ? [] : [{ customerId, prev: stored.state, decision }];
    });
    if (decided.length === 0) continue;
    const held = decided.filter((d) => d.decision.action === 'hold');
    const holds = await holdsOf(db, held.map((d) => d.customerId), held.reduce((m, d) => (d.prev.reviewOn < m ? d.prev.reviewOn : m), date));
    const todo = decided.filter((d) => d.decision.action !== 'hold'
      // A hold changes no state: it is noted once per review date, so the member's history says until when.
      || !(holds.get(d.customerId) ?? []).some((h) => h.tierCode === d.decision.to && h.date >= d.prev.reviewOn));
    const saved = await db.transaction().execute(async (trx) => {
      const done: typeof todo = [];
      for (const d of todo) {
        if (d.decision.action !== 'hold' && !(await saveReviewedTier(trx, d.customerId, d.prev, d.decision.next, at))) {
          out.skipped.push(d.customerId);
          continue;
        }
        await insertTierHistory(trx, d.customerId, d.decision, { at, date, actor });
        // A review can also raise a tier (a ladder lowered its bar): the upgrade's coupons go out as at checkout.
        if (d.decision.action === 'upgrade' || (d.decision.action === 'enter' && d.decision.to !== entry)) {
          const issue = couponsForEvent(policy.autoIssue, { kind: 'tier_upgrade', memberId: String(d.customerId), toTier: d.decision.to, on: date })
            .map((x) => ({ templateId: x.templateId, customerId: d.customerId, quantity: x.quantity, dedupeKey: x.dedupeKey }));
          await autoIssue(trx, promotions, issue, { now: at, issuedOrderId: null });
        }
        done.push(d);
      }
      return done;
    });
    for (const { customerId, decision: d } of saved) {
      out.actions[d.action] = (out.actions[d.action] ?? 0) + 1;
      if (out.changes.length < LIST_LIMIT) out.changes.push({ customerId, action: d.action, from: d.from, to: d.to });
    }
  }
  return out;
}

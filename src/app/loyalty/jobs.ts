// The loyalty jobs and reports: the expiry job (each member in its own short transaction, so one
// busy member never holds the rest back; a member changed meanwhile is left for the next run), the
// daily run (expiry, tier reviews in tier-review.ts, birthday coupons in birthdays.ts) and
// the points liability report (one GROUP BY over the ledger), and the backtest of a proposed ladder.
import type { Kysely } from 'kysely';
import { expireDue } from '../../domain/loyalty/expiry.ts';
import { liabilityReport, type LiabilityReport } from '../../domain/loyalty/liability.ts';
import { backtestLadder, type BacktestMember, type BacktestResult } from '../../domain/loyalty/tier-backtest.ts';
import { parseLadder, type TierActivity } from '../../domain/loyalty/tiers.ts';
import { businessDate } from '../../domain/time.ts';
import { appendLedger, ledgerByMonth, loadLedger, membersWithDueLots } from '../../store/loyalty-ledger.repo.ts';
import type { DB } from '../../store/schema.ts';
import { isUniqueViolation } from '../../store/unique-violation.ts';
import { runBirthdays, type BirthdayRun } from './birthdays.ts';
import { loadSettings } from './settings.ts';
import { runTierReviews, type TierReviewRun } from './tier-review.ts';

export interface ExpiryRun { date: string; members: number; pointsExpired: number; skipped: number[] }

/** Write off every lot whose expiry date has come by `date` (default: today in the policy's zone). Running it twice changes nothing. */
export async function runExpiry(db: Kysely<DB>, o: { now: Date; date?: string | null }): Promise<ExpiryRun> {
  const settings = await loadSettings(db);
  const at = o.now.toISOString();
  const date = o.date ?? businessDate(at, settings.policy.zone);
  const out: ExpiryRun = { date, members: 0, pointsExpired: 0, skipped: [] };
  for (const customerId of await membersWithDueLots(db, date)) {
    try {
      const expired = await db.transaction().execute(async (trx) => {
        const change = expireDue(await loadLedger(trx, customerId), { at, date }, `expiry:${date}`);
        await appendLedger(trx, customerId, change);
        return -change.entries.filter((e) => e.kind === 'expire').reduce((a, e) => a + e.points, 0);
      });
      out.members += 1;
      out.pointsExpired += expired;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      out.skipped.push(customerId);
    }
  }
  return out;
}

export interface DailyRun { date: string; expiry: ExpiryRun; tierReviews: TierReviewRun; birthdays: BirthdayRun }

/**
 * The daily jobs for one business date, in this order: expiry (so a review sees today's balances),
 * tier reviews (so a birthday gift goes to the tier held after the review), birthdays. Each is idempotent.
 */
export async function runDaily(db: Kysely<DB>, o: { now: Date; date?: string | null; actor?: string | null }): Promise<DailyRun> {
  const date = o.date ?? businessDate(o.now.toISOString(), (await loadSettings(db)).policy.zone);
  const expiry = await runExpiry(db, { now: o.now, date });
  const tierReviews = await runTierReviews(db, { now: o.now, date, actor: o.actor ?? null });
  const birthdays = await runBirthdays(db, { now: o.now, date });
  return { date, expiry, tierReviews, birthdays };
}

/** Outstanding points, their value, expected breakage and the month-end roll-forward. */
export async function pointsLiability(db: Kysely<DB>, o: { fromMonth: string; toMonth: string; breakageBp?: number | null }): Promise<LiabilityReport> {
  const { policy } = await loadSettings(db);
  return liabilityReport(await ledgerByMonth(db), { fromMonth: o.fromMonth, toMonth: o.toMonth, value: policy.payment.rate, breakageBp: o.breakageBp ?? policy.breakageBp });
}

/** Replay members' growth and spend over a period under a proposed ladder (nothing is saved). */
export async function backtestTiers(db: Kysely<DB>, proposed: unknown, o: { from: string; to: string }): Promise<BacktestResult> {
  const ladder = parseLadder(proposed);
  const { earn, policy } = await loadSettings(db);
  const [tiers, activity] = await Promise.all([
    db.selectFrom('member_tiers').select(['customer_id', 'tier_code', 'enrolled_on']).orderBy('customer_id').execute(),
    db.selectFrom('member_activity').selectAll().where('business_date', '<=', o.to).orderBy('customer_id').orderBy('business_date').execute(),
  ]);
  const byMember = new Map<number, TierActivity[]>();
  for (const a of activity) {
    const list = byMember.get(a.customer_id) ?? [];
    list.push({ date: a.business_date, spendMinor: a.spend_minor, orders: a.orders, interactions: a.interactions, growth: a.growth });
    byMember.set(a.customer_id, list);
  }
  const members: BacktestMember[] = tiers.map((t) => ({ customerId: String(t.customer_id), enrolledOn: t.enrolled_on, currentTier: t.tier_code, activity: byMember.get(t.customer_id) ?? [] }));
  return backtestLadder(members, ladder, {
    from: o.from, to: o.to, pointsPerUnit: earn.basePointsPerUnit, unitMinor: earn.unitMinor, pointValueMinor: policy.payment.rate.valueMinor / policy.payment.rate.points,
  });
}

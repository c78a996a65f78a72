// The birthday job: issue the birthday coupons (the policy's birthday auto-issue rules and the tier's
// birthday gift) to members whose birthday is within the rules' lead days of `date`, or up to the
// policy's catch-up days past (days the job did not run). Each member in its own short transaction;
// the dedupe key (rule, member, birthday year) makes a second run, or a run on the next day of the
// window, issue nothing more.
import type { Kysely } from 'kysely';
import { birthdayIssues, birthdayMonthDays } from '../../domain/loyalty/birthdays.ts';
import { businessDate } from '../../domain/time.ts';
import { membersBornOn } from '../../store/loyalty-jobs.repo.ts';
import type { DB } from '../../store/schema.ts';
import { autoIssue, type IssuedCoupon } from './issue.ts';
import { loadPromotions, loadSettings } from './settings.ts';

export interface BirthdayRun {
  date: string;
  /** Members whose birthday is within some rule's window (or was, within the catch-up days). */
  members: number;
  issued: number;
  /** The first 1,000 coupons issued. */
  coupons: IssuedCoupon[];
}

/** Issue the birthday coupons due on `date` (default: today in the policy's zone). */
export async function runBirthdays(db: Kysely<DB>, o: { now: Date; date?: string | null }): Promise<BirthdayRun> {
  const { ladder, policy } = await loadSettings(db);
  const at = o.now.toISOString();
  const date = o.date ?? businessDate(at, policy.zone);
  const out: BirthdayRun = { date, members: 0, issued: 0, coupons: [] };
  const rules = policy.autoIssue.filter((r) => r.active && r.event === 'birthday');
  const gifts = ladder.tiers.some((t) => t.benefits.birthdayGift !== null);
  if (rules.length === 0 && !gifts) return out;
  const lead = Math.max(0, ...rules.map((r) => r.leadDays), gifts ? ladder.birthdayGiftLeadDays : 0);
  const promotions = (await loadPromotions(db)).map((p) => p.promotion);
  const catchUp = policy.birthdayCatchUpDays;
  for (const m of await membersBornOn(db, birthdayMonthDays(date, lead, catchUp))) {
    const due = birthdayIssues({ id: String(m.customerId), birthDate: m.birthDate, tierCode: m.tierCode, enrolledOn: m.enrolledOn }, rules, ladder, date, catchUp);
    if (due.length === 0) continue;
    out.members += 1;
    const issued = await db.transaction().execute((trx) => autoIssue(trx, promotions,
      due.map((d) => ({ templateId: d.templateId, customerId: m.customerId, quantity: d.quantity, dedupeKey: d.dedupeKey })), { now: at, issuedOrderId: null }));
    out.issued += issued.length;
    out.coupons.push(...issued.slice(0, Math.max(0, 1000 - out.coupons.length)));
  }
  return out;
}

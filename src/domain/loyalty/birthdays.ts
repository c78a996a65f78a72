// Birthday coupons: which members' birthdays a daily run on `date` reaches, and what each one gets —
// the policy's birthday auto-issue rules and the tier's birthday gift. Every decision carries a
// dedupe key with the birthday's year, so a member gets each gift once a year however often the job runs.
// A run also reaches back `catchUpDays`: a birthday whose window no run covered (the job did not run
// those days) is still honoured late, once — but never one that fell before the member enrolled.

import { couponsForEvent, type AutoIssueRule, type IssueDecision } from '../promotions/auto-issue.ts';
import { addDays, daysBetween } from '../time.ts';
import { birthdayIn } from './earn-rules.ts';
import type { TierLadder } from './tiers.ts';

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The member's birthday in [date − catchUpDays, date + leadDays] (the earliest), else null.
 * @example upcomingBirthday('1990-06-20', '2024-06-14', 7) → '2024-06-20'; with leadDays 5 → null;
 *          upcomingBirthday('1990-06-20', '2024-06-23', 0, 3) → '2024-06-20' (missed, caught up)
 */
export function upcomingBirthday(birthDate: string, date: string, leadDays: number, catchUpDays = 0): string | null {
  const from = addDays(date, -catchUpDays);
  const y = Number(from.slice(0, 4));
  // The window is at most 62 days long: the birthday in from's year, or else the one in the next.
  for (const year of [y, y + 1]) {
    const b = birthdayIn(birthDate, year);
    if (b >= from) return daysBetween(date, b) <= leadDays ? b : null;
  }
  return null;
}

/** The month-days (MM-DD) of birth dates whose birthday falls in [date − catchUpDays, date + leadDays]: the store's pre-filter. */
export function birthdayMonthDays(date: string, leadDays: number, catchUpDays = 0): string[] {
  const out = new Set<string>();
  for (let k = -catchUpDays; k <= leadDays; k++) {
    const d = addDays(date, k);
    out.add(d.slice(5));
    // Members born on 29 February celebrate on the 28th in common years.
    if (d.slice(5) === '02-28' && !isLeap(Number(d.slice(0, 4)))) out.add('02-29');
  }
  return [...out].sort();
}

export interface BirthdayMember {
  id: string; birthDate: string; tierCode: string | null;
  /** A birthday before this date is not caught up (a new member gets no gift for a birthday before joining). */
  enrolledOn?: string | null;
}

/** Dedupe-key prefix of the tier's birthday gift (one per member per birthday year). */
export const TIER_GIFT_RULE = 'tier-birthday-gift';

/**
 * The birthday coupons due to a member on `date`: each birthday rule within its lead days, and the
 * tier's gift; with `catchUpDays`, also for a birthday up to that many days past (the dedupe key then
 * names that birthday's year, so one already given is not given again).
 */
export function birthdayIssues(member: BirthdayMember, rules: readonly AutoIssueRule[], ladder: Pick<TierLadder, 'tiers' | 'birthdayGiftLeadDays'>, date: string,
  catchUpDays = 0): IssueDecision[] {
  const out: IssueDecision[] = [];
  const within = (leadDays: number) => {
    const on = upcomingBirthday(member.birthDate, date, leadDays, catchUpDays);
    return on !== null && (on >= date || !member.enrolledOn || on >= member.enrolledOn) ? on : null;
  };
  for (const rule of rules) {
    if (rule.event !== 'birthday') continue;
    const on = within(rule.leadDays);
    if (on) out.push(...couponsForEvent([rule], { kind: 'birthday', memberId: member.id, tierCode: member.tierCode, year: Number(on.slice(0, 4)) }));
  }
  const gift = ladder.tiers.find((t) => t.code === member.tierCode)?.benefits.birthdayGift ?? null;
  const on = gift === null ? null : within(ladder.birthdayGiftLeadDays);
  if (gift !== null && on !== null) {
    out.push({ ruleId: TIER_GIFT_RULE, templateId: gift, memberId: member.id, quantity: 1, dedupeKey: `${TIER_GIFT_RULE}:${member.id}:${on.slice(0, 4)}` });
  }
  return out;
}

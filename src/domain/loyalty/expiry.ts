// When points become spendable and when they die, and the expiry job's decision. Dates are business
// dates; `expiresOn` is the first day the points are void, so "end of next year" for points earned on
// 2024-05-01 is 2026-01-01 (usable through 2025-12-31).

import { addDays } from '../time.ts';
import { invalid } from '../errors.ts';
import { isExpired, openDraft, remainingByLot, type LedgerChange, type Moment, type PointsLedger } from './ledger.ts';

export type ExpiryPolicy =
  | { kind: 'never' }
  /** Void `days` days after earning (earned 2024-01-01, 365 days → void on 2025-01-01). */
  | { kind: 'days'; days: number }
  /** Void after 31 Dec of the earning year + `yearsAfter` (1 = "end of next year", 0 = end of this year). */
  | { kind: 'end_of_year'; yearsAfter: number }
  /** Void after the last day of the earning month + `monthsAfter`. */
  | { kind: 'end_of_month'; monthsAfter: number };

export const DEFAULT_EXPIRY: ExpiryPolicy = Object.freeze({ kind: 'end_of_year', yearsAfter: 1 });

/** First business date on which points earned on `earnedOn` are void; null when they never expire. */
export function expiresOn(policy: ExpiryPolicy, earnedOn: string): string | null {
  const y = Number(earnedOn.slice(0, 4)), m = Number(earnedOn.slice(5, 7));
  switch (policy.kind) {
    case 'never': return null;
    case 'days':
      if (!Number.isInteger(policy.days) || policy.days < 1) throw invalid('expiry.days', 'expiry days must be a whole number ≥ 1');
      return addDays(earnedOn, policy.days);
    case 'end_of_year':
      if (!Number.isInteger(policy.yearsAfter) || policy.yearsAfter < 0) throw invalid('expiry.yearsAfter', 'yearsAfter must be a whole number ≥ 0');
      return `${String(y + policy.yearsAfter + 1).padStart(4, '0')}-01-01`;
    case 'end_of_month': {
      if (!Number.isInteger(policy.monthsAfter) || policy.monthsAfter < 0) throw invalid('expiry.monthsAfter', 'monthsAfter must be a whole number ≥ 0');
      const k = y * 12 + (m - 1) + policy.monthsAfter + 1;
      return `${String(Math.floor(k / 12)).padStart(4, '0')}-${String((k % 12) + 1).padStart(2, '0')}-01`;
    }
  }
}

/**
 * Availability and expiry of a new lot: pending through the return window (0 = spendable at once),
 * then valid until the policy's expiry.
 * @example lotDates({ kind: 'end_of_year', yearsAfter: 1 }, 7, '2024-05-01') → { availableOn: '2024-05-08', expiresOn: '2026-01-01' }
 */
export function lotDates(policy: ExpiryPolicy, returnWindowDays: number, earnedOn: string): { availableOn: string; expiresOn: string | null } {
  if (!Number.isInteger(returnWindowDays) || returnWindowDays < 0) throw invalid('returnWindowDays', 'the return window must be a whole number of days ≥ 0');
  const availableOn = addDays(earnedOn, returnWindowDays);
  const end = expiresOn(policy, earnedOn);
  // A lot must be spendable for at least a day, whatever the two settings say.
  return { availableOn, expiresOn: end !== null && end <= availableOn ? addDays(availableOn, 1) : end };
}

/**
 * The expiry job's decision for one member on `moment.date`: pay any debt from usable points first,
 * then write off what remains in every lot whose expiry date has come.
 */
export function expireDue(ledger: PointsLedger, moment: Moment, opId: string | null = null): LedgerChange {
  const d = openDraft(ledger, moment);
  d.settle();
  for (const lot of ledger.lots) {
    if (isExpired(lot, moment.date)) d.post(lot.lotNo, 'expire', -d.remaining(lot.lotNo), { opId, note: `expired ${lot.expiresOn}` });
  }
  return d.finish();
}

/** Points that will expire on or before `until` (for "积分即将过期" reminders), soonest first. */
export function expiringBy(ledger: PointsLedger, date: string, until: string): { expiresOn: string; points: number }[] {
  const rem = remainingByLot(ledger);
  const byDate = new Map<string, number>();
  for (const lot of ledger.lots) {
    const r = rem.get(lot.lotNo) ?? 0;
    if (r > 0 && lot.expiresOn !== null && lot.expiresOn > date && lot.expiresOn <= until) byDate.set(lot.expiresOn, (byDate.get(lot.expiresOn) ?? 0) + r);
  }
  return [...byDate].sort(([a], [b]) => (a < b ? -1 : 1)).map(([expiresOn, points]) => ({ expiresOn, points }));
}

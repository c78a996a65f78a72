// The points liability report: what members hold, what it is worth at the redemption rate, how much
// of it is expected never to be used (breakage), and a month-end roll-forward
// opening + earned + … − expired = closing, reconciled to the ledger. Input is the ledger summed by
// month and entry kind (one GROUP BY in the store), so the report costs O(months), not O(entries).

import { invalid } from '../errors.ts';
import type { EntryKind } from './ledger.ts';

export interface LiabilityRow { month: string; kind: EntryKind; points: number }

/** Redemption value: `points` points are worth `valueMinor` (100 points = ¥10 → { points: 100, valueMinor: 1000 }). */
export interface PointValue { points: number; valueMinor: number }
export const DEFAULT_POINT_VALUE: PointValue = Object.freeze({ points: 100, valueMinor: 1000 });

export interface MonthRoll {
  month: string;
  opening: number;
  earned: number;
  rewarded: number;
  adjusted: number;
  transferred: number;
  restored: number;
  redeemed: number;
  donated: number;
  expired: number;
  clawedBack: number;
  /** closing − opening − the columns above: 0 unless the ledger is inconsistent. */
  unexplained: number;
  closing: number;
  closingValueMinor: number;
}

export interface LiabilityReport {
  months: MonthRoll[];
  outstandingPoints: number;
  outstandingValueMinor: number;
  /** Share of points expected never to be redeemed, in basis points. */
  breakageBp: number;
  breakageSource: 'configured' | 'history' | 'none';
  expectedBreakagePoints: number;
  /** Outstanding value net of expected breakage: the liability to book. */
  liabilityMinor: number;
}

export const pointsValue = (points: number, v: PointValue = DEFAULT_POINT_VALUE) => Math.round((points * v.valueMinor) / v.points);

const COLUMN: Partial<Record<EntryKind, keyof MonthRoll>> = {
  earn: 'earned', reward: 'rewarded', adjust: 'adjusted', transfer_in: 'transferred', transfer_out: 'transferred',
  restore: 'restored', redeem: 'redeemed', donate: 'donated', expire: 'expired', clawback: 'clawedBack',
};

const nextMonth = (m: string) => {
  const k = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)); // months since year 0, +1
  return `${String(Math.floor(k / 12)).padStart(4, '0')}-${String((k % 12) + 1).padStart(2, '0')}`;
};

/**
 * Roll the liability forward month by month over `fromMonth`..`toMonth` (YYYY-MM, inclusive).
 * Breakage is the configured rate, or else estimated from history as expired ÷ (expired + redeemed + donated).
 */
export function liabilityReport(rows: readonly LiabilityRow[], o: { fromMonth: string; toMonth: string; value?: PointValue; breakageBp?: number | null }): LiabilityReport {
  const value = o.value ?? DEFAULT_POINT_VALUE;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(o.fromMonth)) throw invalid('fromMonth', 'expected YYYY-MM');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(o.toMonth) || o.toMonth < o.fromMonth) throw invalid('toMonth', 'expected YYYY-MM, not before fromMonth');
  if (o.breakageBp != null && !(Number.isInteger(o.breakageBp) && o.breakageBp >= 0 && o.breakageBp <= 10000)) throw invalid('breakageBp', 'breakage is 0–10000 basis points');

  let balance = rows.filter((r) => r.month < o.fromMonth).reduce((a, r) => a + r.points, 0);
  const months: MonthRoll[] = [];
  for (let m = o.fromMonth; m <= o.toMonth; m = nextMonth(m)) {
    const roll: MonthRoll = { month: m, opening: balance, earned: 0, rewarded: 0, adjusted: 0, transferred: 0, restored: 0, redeemed: 0, donated: 0, expired: 0, clawedBack: 0, unexplained: 0, closing: 0, closingValueMinor: 0 };
    let moved = 0;
    for (const r of rows) {
      if (r.month !== m) continue;
      balance += r.points;
      const col = COLUMN[r.kind];
      if (col) { (roll[col] as number) += r.points; moved += r.points; }
    }
    roll.closing = balance;
    roll.unexplained = balance - roll.opening - moved;
    roll.closingValueMinor = pointsValue(balance, value);
    months.push(roll);
  }

  const upTo = rows.filter((r) => r.month <= o.toMonth);
  const sum = (kind: EntryKind) => -upTo.filter((r) => r.kind === kind).reduce((a, r) => a + r.points, 0);
  const expired = sum('expire'), used = sum('redeem') + sum('donate');
  const [breakageBp, breakageSource] = o.breakageBp != null ? [o.breakageBp, 'configured' as const]
    : expired + used > 0 ? [Math.round((expired * 10000) / (expired + used)), 'history' as const] : [0, 'none' as const];
  const outstandingPoints = Math.max(0, balance);
  const expectedBreakagePoints = Math.round((outstandingPoints * breakageBp) / 10000);
  return {
    months, outstandingPoints, outstandingValueMinor: pointsValue(outstandingPoints, value), breakageBp, breakageSource,
    expectedBreakagePoints, liabilityMinor: pointsValue(outstandingPoints - expectedBreakagePoints, value),
  };
}

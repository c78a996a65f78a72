// What a return does to the points ledger: claw back the points each returned line earned, and give
// back the points that paid for it (per policy). Partial returns use cumulative shares — after k of q
// units, floor(points × k / q) has been taken in total — so any split of returns adds up to exactly
// the whole once every unit is back, and a full return leaves the member where they were before the order.

import { addDays } from '../time.ts';
import { invalid } from '../errors.ts';
import {
  DEFAULT_LEDGER_POLICY, isExpired, openDraft,
  type Draft, type LedgerChange, type LedgerPolicy, type Moment, type PointsLedger, type PointsLot,
} from './ledger.ts';

export interface RefundLine {
  lineNo: number;
  /** Units bought on the order line. */
  bought: number;
  /** Units of the line returned by earlier returns. */
  returnedBefore: number;
  /** Units returned now (0 for lines this return does not touch). */
  returning: number;
  /** Points that paid for this line at checkout (the quote's per-line split). */
  pointsRedeemed: number;
}

/** List every line of the order, so "the whole order is back" can be decided. */
export interface RefundInput { orderId: string; opId: string; lines: readonly RefundLine[] }

export interface RefundResult {
  change: LedgerChange;
  clawedBack: number;
  restored: number;
  /** Points that should have been clawed back but were already spent: forgiven, or debt when policy allows. */
  shortfall: number;
  perLine: { lineNo: number; clawback: number; restore: number }[];
}

const share = (points: number, units: number, of: number) => Math.floor((points * units) / of);

export function refund(ledger: PointsLedger, input: RefundInput, moment: Moment, policy: LedgerPolicy = DEFAULT_LEDGER_POLICY): RefundResult {
  input.lines.forEach((l, i) => {
    if (!(l.bought > 0) || l.returning < 0 || l.returnedBefore < 0 || l.returnedBefore + l.returning > l.bought) {
      throw invalid(`lines/${i}/returning`, `line ${l.lineNo}: cannot return ${l.returning} after ${l.returnedBefore} of ${l.bought}`);
    }
  });
  const earnLots = ledger.lots.filter((l) => l.origin === 'earn' && l.orderId === input.orderId);
  const earned = (lineNo: number) => earnLots.reduce((a, lot) => a + lot.lines.filter((x) => x.lineNo === lineNo).reduce((b, x) => b + x.points, 0), 0);
  const wholeOrderBack = input.lines.every((l) => l.returnedBefore + l.returning === l.bought);
  const firstFullReturn = wholeOrderBack && input.lines.some((l) => l.returning > 0);

  const perLine = input.lines.map((l) => {
    const upTo = (units: number) => share(earned(l.lineNo), units, l.bought);
    const restoreUpTo = (units: number) => share(l.pointsRedeemed, units, l.bought);
    const restore = policy.restoreRedeemed === 'proportional' ? restoreUpTo(l.returnedBefore + l.returning) - restoreUpTo(l.returnedBefore)
      : policy.restoreRedeemed === 'full_return_only' && firstFullReturn ? l.pointsRedeemed : 0;
    return { lineNo: l.lineNo, clawback: upTo(l.returnedBefore + l.returning) - upTo(l.returnedBefore), restore };
  });

  const d = openDraft(ledger, moment);
  d.settle();
  const restored = restorePaid(d, ledger, input, perLine.reduce((a, l) => a + l.restore, 0), policy);
  let shortfall = 0;
  // The order's own points first (even while pending), then whatever else the member holds.
  const own = earnLots.filter((lot) => !isExpired(lot, moment.date));
  for (const line of perLine) {
    const others = [...d.usableLots().filter((lot) => !own.includes(lot)), ...pendingLots(d, ledger, own)];
    const refs = { orderId: input.orderId, opId: input.opId, lineNo: line.lineNo };
    const taken = d.take(line.clawback, [...own, ...others], 'clawback', refs);
    const missing = line.clawback - taken;
    if (missing > 0 && policy.allowDebt) d.post(null, 'clawback', -missing, refs);
    shortfall += missing;
  }
  d.settle();
  return { change: d.finish(), clawedBack: perLine.reduce((a, l) => a + l.clawback, 0) - (policy.allowDebt ? 0 : shortfall), restored, shortfall, perLine };
}

function pendingLots(d: Draft, ledger: PointsLedger, exclude: readonly PointsLot[]): PointsLot[] {
  return ledger.lots.filter((l) => !exclude.includes(l) && l.availableOn > d.moment.date && d.remaining(l.lotNo) > 0);
}

/**
 * Give back up to `points` of what the order redeemed, into the lots they came from, last-taken
 * first. A lot that has expired since gets its points back as a new short-lived lot instead.
 */
function restorePaid(d: Draft, ledger: PointsLedger, input: RefundInput, points: number, policy: LedgerPolicy): number {
  const taken = ledger.entries.filter((e) => e.kind === 'redeem' && e.orderId === input.orderId && e.lotNo !== null).reverse();
  let skip = ledger.entries.filter((e) => e.kind === 'restore' && e.orderId === input.orderId).reduce((a, e) => a + e.points, 0);
  let left = Math.min(points, taken.reduce((a, e) => a - e.points, 0) - skip);
  const restored = Math.max(0, left);
  let expiredPart = 0;
  const refs = { orderId: input.orderId, opId: input.opId };
  for (const e of taken) {
    if (left <= 0) break;
    let n = -e.points;
    const skipped = Math.min(skip, n);
    skip -= skipped; n -= skipped;
    n = Math.min(n, left);
    if (n <= 0) continue;
    left -= n;
    const lot = d.lot(e.lotNo!)!;
    if (isExpired(lot, d.moment.date)) expiredPart += n;
    else d.post(lot.lotNo, 'restore', n, refs);
  }
  if (expiredPart > 0) {
    d.newLot({ origin: 'restore', points: expiredPart, availableOn: d.moment.date, expiresOn: addDays(d.moment.date, policy.restoredExpiryDays), orderId: input.orderId, lines: [] }, 'restore', refs);
  }
  return restored;
}

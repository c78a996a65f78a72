// The points ledger: append-only lots (a batch of points with its own availability and expiry) and
// entries (signed movements, each against one lot, or against the member's debt when a lot number is
// null). Nothing is ever updated: a lot's remaining points and the balance are sums of entries.
// Every operation is a pure function of (ledger, input, moment) returning the rows to append.
//
// Entry `seq` numbers run 1, 2, 3 … per member and a lot is numbered by the seq of the entry that
// created it, so the store keys rows by (member, seq) and a concurrent writer that computed the same
// next seq fails on the unique key instead of double-spending.

import { invalid } from '../errors.ts';
import { reason, type Reason } from './reasons.ts';

export const ENTRY_KINDS = [
  'earn', 'reward', 'adjust', 'transfer_in', 'restore', // points in
  'redeem', 'donate', 'expire', 'clawback', 'transfer_out', // points out ('adjust' may be either)
  'settle', // moves points from a lot to the debt account; sums to zero per operation
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export type LotOrigin = 'earn' | 'reward' | 'adjust' | 'transfer_in' | 'restore';

/** Points an order line earned, kept on the lot so a return can claw back per line. */
export interface LotLine { lineNo: number; quantity: number; points: number }

export interface PointsLot {
  lotNo: number;
  origin: LotOrigin;
  points: number;
  createdAt: string;
  /** Business date from which the points can be spent (pending until then: the return window). */
  availableOn: string;
  /** First business date on which the points are void; null = never expire. */
  expiresOn: string | null;
  orderId: string | null;
  lines: readonly LotLine[];
}

export interface PointsEntry {
  seq: number;
  /** The lot moved; null = the debt account (only when policy allows debt). */
  lotNo: number | null;
  kind: EntryKind;
  points: number;
  at: string;
  /** Business date of `at` in the store's zone (month-end reports group by it). */
  date: string;
  orderId: string | null;
  /** The operation (checkout, return, job run, adjustment) that wrote the entry. */
  opId: string | null;
  lineNo: number | null;
  /** Why: the adjustment reason, the donation's beneficiary, … */
  note: string | null;
}

export interface PointsLedger { lots: readonly PointsLot[]; entries: readonly PointsEntry[] }
export const EMPTY_LEDGER: PointsLedger = Object.freeze({ lots: [], entries: [] });

/** When an operation happens: the instant and its business date in the store's zone. */
export interface Moment { at: string; date: string }

/** Rows to append, and their sum (what a cached balance moves by). */
export interface LedgerChange { lots: PointsLot[]; entries: PointsEntry[]; deltaPoints: number }
export type LedgerOutcome = { ok: true; change: LedgerChange } | { ok: false; reason: Reason };

export interface LedgerPolicy {
  /** Let refunds and negative adjustments push the member below zero (a visible debt) instead of forgiving. */
  allowDebt: boolean;
  transferEnabled: boolean;
  /** What a return gives back of the points paid for the order. */
  restoreRedeemed: 'proportional' | 'full_return_only' | 'never';
  /** Restored points whose original lot has expired get a new lot valid this many days. */
  restoredExpiryDays: number;
}

export const DEFAULT_LEDGER_POLICY: LedgerPolicy = Object.freeze({
  allowDebt: false, transferEnabled: false, restoreRedeemed: 'proportional', restoredExpiryDays: 30,
});

export interface EntryRefs { orderId?: string | null; opId?: string | null; lineNo?: number | null; note?: string | null }

/** Remaining points per lot (Σ of the lot's entries). */
export function remainingByLot(ledger: PointsLedger): Map<number, number> {
  const m = new Map<number, number>(ledger.lots.map((l) => [l.lotNo, 0]));
  for (const e of ledger.entries) if (e.lotNo !== null) m.set(e.lotNo, (m.get(e.lotNo) ?? 0) + e.points);
  return m;
}

export const isExpired = (lot: PointsLot, date: string) => lot.expiresOn !== null && lot.expiresOn <= date;
export const isUsable = (lot: PointsLot, date: string) => lot.availableOn <= date && !isExpired(lot, date);

/** The order in which points are spent: earliest expiry first (never-expiring last), then oldest lot. */
export function bySpendOrder(a: PointsLot, b: PointsLot): number {
  const ea = a.expiresOn ?? '9999-12-31', eb = b.expiresOn ?? '9999-12-31';
  return ea < eb ? -1 : ea > eb ? 1 : a.lotNo - b.lotNo;
}

export interface Balances {
  /** Σ of every entry: what a cached balance must equal. */
  total: number;
  available: number;
  /** Earned but inside the return window. */
  pending: number;
  /** Past expiry but not yet written off by the expiry job. */
  expiredUnprocessed: number;
  /** ≤ 0; only ever below zero when policy allows debt. */
  debt: number;
  /** available + debt: what the member can spend now (negative = owes points). */
  spendable: number;
}

export function balances(ledger: PointsLedger, date: string): Balances {
  const rem = remainingByLot(ledger);
  let available = 0, pending = 0, expiredUnprocessed = 0;
  for (const lot of ledger.lots) {
    const r = rem.get(lot.lotNo) ?? 0;
    if (isExpired(lot, date)) expiredUnprocessed += r;
    else if (lot.availableOn > date) pending += r;
    else available += r;
  }
  const debt = ledger.entries.reduce((a, e) => (e.lotNo === null ? a + e.points : a), 0);
  const total = ledger.entries.reduce((a, e) => a + e.points, 0);
  return { total, available, pending, expiredUnprocessed, debt, spendable: available + debt };
}

export function applyChange(ledger: PointsLedger, change: LedgerChange): PointsLedger {
  return { lots: [...ledger.lots, ...change.lots], entries: [...ledger.entries, ...change.entries] };
}

/** A change being built: tracks the next seq and each lot's remaining points as rows are added. */
export interface Draft {
  readonly moment: Moment;
  remaining(lotNo: number): number;
  lot(lotNo: number): PointsLot | undefined;
  usableLots(): PointsLot[];
  debt(): number;
  newLot(spec: Omit<PointsLot, 'lotNo' | 'createdAt'>, kind: EntryKind, refs: EntryRefs): PointsLot;
  post(lotNo: number | null, kind: EntryKind, points: number, refs: EntryRefs): void;
  /** Take up to `points` from `lots` in the given order; returns how many were taken. */
  take(points: number, lots: readonly PointsLot[], kind: EntryKind, refs: EntryRefs): number;
  /** Pay off debt from usable lots. Every operation starts with it, so debt never sits beside spendable points. */
  settle(): void;
  finish(): LedgerChange;
}

export function openDraft(ledger: PointsLedger, moment: Moment): Draft {
  const rem = remainingByLot(ledger);
  const lots = new Map(ledger.lots.map((l) => [l.lotNo, l]));
  let seq = ledger.entries.reduce((m, e) => Math.max(m, e.seq), 0);
  let debt = ledger.entries.reduce((a, e) => (e.lotNo === null ? a + e.points : a), 0);
  const out: LedgerChange = { lots: [], entries: [], deltaPoints: 0 };

  const post: Draft['post'] = (lotNo, kind, points, refs) => {
    if (points === 0) return;
    seq += 1;
    out.entries.push({ seq, lotNo, kind, points, at: moment.at, date: moment.date, orderId: refs.orderId ?? null, opId: refs.opId ?? null, lineNo: refs.lineNo ?? null, note: refs.note ?? null });
    out.deltaPoints += points;
    if (lotNo === null) debt += points;
    else rem.set(lotNo, (rem.get(lotNo) ?? 0) + points);
  };
  const usableLots = () => [...lots.values()].filter((l) => isUsable(l, moment.date) && (rem.get(l.lotNo) ?? 0) > 0).sort(bySpendOrder);
  const take: Draft['take'] = (points, from, kind, refs) => {
    let left = points;
    for (const lot of from) {
      if (left <= 0) break;
      const n = Math.min(left, rem.get(lot.lotNo) ?? 0);
      if (n > 0) { post(lot.lotNo, kind, -n, refs); left -= n; }
    }
    return points - left;
  };
  return {
    moment,
    remaining: (lotNo) => rem.get(lotNo) ?? 0,
    lot: (lotNo) => lots.get(lotNo),
    usableLots,
    debt: () => debt,
    newLot(spec, kind, refs) {
      const lot: PointsLot = { ...spec, lotNo: seq + 1, createdAt: moment.at };
      lots.set(lot.lotNo, lot);
      rem.set(lot.lotNo, 0);
      out.lots.push(lot);
      post(lot.lotNo, kind, spec.points, { ...refs, orderId: spec.orderId });
      return lot;
    },
    post,
    take,
    settle() {
      if (debt >= 0) return;
      const paid = take(-debt, usableLots(), 'settle', {});
      post(null, 'settle', paid, {});
    },
    finish: () => out,
  };
}

export const positiveInt = (field: string, n: number) => {
  if (!Number.isSafeInteger(n) || n <= 0) throw invalid(field, `${field} must be a positive whole number of points`);
};
const insufficient = (available: number): { ok: false; reason: Reason } => ({ ok: false, reason: reason('POINTS_INSUFFICIENT', { available: Math.max(0, available) }) });

export interface EarnInput extends EntryRefs {
  points: number;
  origin?: LotOrigin;
  availableOn: string;
  expiresOn: string | null;
  /** Per-line breakdown (must sum to `points`) so returns can claw back per line. */
  lines?: readonly LotLine[];
}

/** Add a lot. 0 points adds nothing. Debt, if any, is paid from it as soon as it is usable. */
export function earn(ledger: PointsLedger, input: EarnInput, moment: Moment): LedgerChange {
  if (input.points === 0) return { lots: [], entries: [], deltaPoints: 0 };
  positiveInt('points', input.points);
  const lines = input.lines ?? [];
  if (lines.length > 0 && lines.reduce((a, l) => a + l.points, 0) !== input.points) throw invalid('lines', 'line points must sum to the points earned');
  if (input.expiresOn !== null && input.expiresOn <= input.availableOn) throw invalid('expiresOn', 'points would expire before they are available');
  const d = openDraft(ledger, moment);
  const origin = input.origin ?? 'earn';
  d.newLot({ origin, points: input.points, availableOn: input.availableOn, expiresOn: input.expiresOn, orderId: input.orderId ?? null, lines },
    origin === 'reward' ? 'reward' : origin === 'adjust' ? 'adjust' : 'earn', input);
  d.settle();
  return d.finish();
}

export interface RedeemInput extends EntryRefs { points: number; kind?: 'redeem' | 'donate' }

/** Spend points (as payment, or donated), earliest-expiring lots first. Refused when not enough are available. */
export function redeem(ledger: PointsLedger, input: RedeemInput, moment: Moment): LedgerOutcome {
  positiveInt('points', input.points);
  const d = openDraft(ledger, moment);
  d.settle();
  const lots = d.usableLots();
  const available = lots.reduce((a, l) => a + d.remaining(l.lotNo), 0) + d.debt();
  if (input.points > available) return insufficient(available);
  d.take(input.points, lots, input.kind ?? 'redeem', input);
  return { ok: true, change: d.finish() };
}

export interface AdjustInput { points: number; reason: string; opId?: string | null; availableOn?: string; expiresOn: string | null }

/** A manual correction: positive adds a lot, negative takes points (into debt only if policy allows). A reason is required. */
export function adjust(ledger: PointsLedger, input: AdjustInput, moment: Moment, policy: LedgerPolicy = DEFAULT_LEDGER_POLICY): LedgerOutcome {
  const why = input.reason.trim();
  if (!why) throw invalid('reason', 'a points adjustment needs a reason');
  if (!Number.isSafeInteger(input.points) || input.points === 0) throw invalid('points', 'points must be a non-zero whole number');
  const refs = { opId: input.opId ?? null, note: why };
  if (input.points > 0) {
    return { ok: true, change: earn(ledger, { ...refs, points: input.points, origin: 'adjust', availableOn: input.availableOn ?? moment.date, expiresOn: input.expiresOn }, moment) };
  }
  const d = openDraft(ledger, moment);
  d.settle();
  const lots = d.usableLots();
  const want = -input.points;
  const available = lots.reduce((a, l) => a + d.remaining(l.lotNo), 0) + d.debt();
  if (want > available && !policy.allowDebt) return insufficient(available);
  const taken = d.take(want, lots, 'adjust', refs);
  d.post(null, 'adjust', -(want - taken), refs);
  return { ok: true, change: d.finish() };
}

/**
 * Move points between members (off unless policy enables it). The receiver gets one lot per source
 * lot with the same expiry, so a transfer never extends the life of points.
 */
export function transfer(from: PointsLedger, to: PointsLedger, input: { points: number; opId?: string | null; note?: string | null }, moment: Moment,
  policy: LedgerPolicy = DEFAULT_LEDGER_POLICY): { ok: true; from: LedgerChange; to: LedgerChange } | { ok: false; reason: Reason } {
  if (!policy.transferEnabled) return { ok: false, reason: reason('TRANSFER_DISABLED') };
  positiveInt('points', input.points);
  const src = openDraft(from, moment);
  src.settle();
  const lots = src.usableLots();
  const available = lots.reduce((a, l) => a + src.remaining(l.lotNo), 0) + src.debt();
  if (input.points > available) return insufficient(available);
  const dst = openDraft(to, moment);
  let left = input.points;
  for (const lot of lots) {
    const n = Math.min(left, src.remaining(lot.lotNo));
    if (n <= 0) continue;
    src.post(lot.lotNo, 'transfer_out', -n, input);
    dst.newLot({ origin: 'transfer_in', points: n, availableOn: moment.date, expiresOn: lot.expiresOn, orderId: null, lines: [] }, 'transfer_in', input);
    left -= n;
  }
  dst.settle();
  return { ok: true, from: src.finish(), to: dst.finish() };
}

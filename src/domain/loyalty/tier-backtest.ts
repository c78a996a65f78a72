// Backtest a proposed tier ladder before saving it: replay each member's history over a period with
// `evaluateTier`, stepping from event to event (purchases, review dates, grace ends, inactivity
// exits), and report where members end up, what the tier benefits would have cost, and who moves
// compared with the tier they hold today. The cost is an estimate on recorded spend: the tier discount
// on what they paid, plus the value of the extra points the tier multiplier gives.

import { addDays } from '../time.ts';
import { invalid } from '../errors.ts';
import { evaluateTier, type TierActivity, type TierLadder, type TierState } from './tiers.ts';

export interface BacktestMember { customerId: string; enrolledOn: string; currentTier: string | null; activity: readonly TierActivity[] }

export interface BacktestOptions {
  from: string;
  to: string;
  /** Base earning rate, to value the multiplier: points per currency unit of `unitMinor`. */
  pointsPerUnit: number;
  unitMinor: number;
  /** What one point is worth when redeemed (100 points = ¥10 → 10 fen). */
  pointValueMinor: number;
}

export interface TierCost { members: number; spendMinor: number; discountMinor: number; pointsMinor: number }

export interface Mover { customerId: string; from: string | null; to: string; direction: 'up' | 'down' | 'changed' }

export interface BacktestResult {
  members: number;
  /** Members per tier on `to`, every tier of the ladder listed. */
  distribution: Record<string, number>;
  /** Benefit cost over the period by the tier held at the time of each purchase. */
  cost: Record<string, TierCost>;
  totalCostMinor: number;
  movers: Mover[];
}

/** A member's tier through the period: the state on `to` and each purchase charged to the tier held that day. */
export function replayMember(m: BacktestMember, ladder: TierLadder, from: string, to: string,
  onPurchase: (tierCode: string, a: TierActivity) => void = () => {}): TierState {
  const history = (state: TierState | null) => ({ state, enrolledOn: m.enrolledOn, activity: m.activity });
  // Start from what the history before the period earns, as if the ladder had always been in place.
  let asOf = addDays(from, -1);
  let d = evaluateTier(history(null), ladder, asOf);
  const days = [...new Set(m.activity.map((a) => a.date).filter((x) => x >= from && x <= to))].sort();
  let i = 0;
  for (;;) {
    const s = d.next;
    const idleFrom = d.metrics.lastActiveOn ?? m.enrolledOn;
    const timers = [s.reviewOn, addDays(s.reviewOn, ladder.graceDays), ...(ladder.exitAfterDays === null ? [] : [addDays(idleFrom, ladder.exitAfterDays)])]
      .filter((x) => x > asOf);
    const next = [days[i], ...timers].filter((x): x is string => x !== undefined).sort()[0];
    if (next === undefined || next > to) return s;
    if (next === days[i]) {
      // A purchase is charged at the tier held when it is made; any upgrade it earns applies afterwards.
      for (const a of m.activity) if (a.date === next) onPurchase(s.tierCode, a);
      i += 1;
    }
    asOf = next;
    d = evaluateTier(history(s), ladder, asOf);
  }
}

export function backtestLadder(members: readonly BacktestMember[], ladder: TierLadder, o: BacktestOptions): BacktestResult {
  if (o.to < o.from) throw invalid('to', 'the period ends before it starts');
  const rank = new Map(ladder.tiers.map((t, i) => [t.code, i]));
  const benefits = new Map(ladder.tiers.map((t) => [t.code, t.benefits]));
  const distribution: Record<string, number> = Object.fromEntries(ladder.tiers.map((t) => [t.code, 0]));
  const cost: Record<string, TierCost> = Object.fromEntries(ladder.tiers.map((t) => [t.code, { members: 0, spendMinor: 0, discountMinor: 0, pointsMinor: 0 }]));
  const movers: Mover[] = [];
  for (const m of members) {
    const charged = new Set<string>();
    const end = replayMember(m, ladder, o.from, o.to, (tier, a) => {
      const b = benefits.get(tier)!, c = cost[tier]!;
      if (!charged.has(tier)) { charged.add(tier); c.members += 1; }
      c.spendMinor += a.spendMinor;
      c.discountMinor += Math.round((a.spendMinor * b.discountBp) / 10000);
      const extraPoints = (a.spendMinor / o.unitMinor) * o.pointsPerUnit * ((b.pointsMultiplierBp - 10000) / 10000);
      c.pointsMinor += Math.round(extraPoints * o.pointValueMinor);
    });
    distribution[end.tierCode]! += 1;
    if (end.tierCode !== m.currentTier) {
      const was = m.currentTier === null ? undefined : rank.get(m.currentTier);
      const direction = was === undefined ? 'changed' : rank.get(end.tierCode)! > was ? 'up' : 'down';
      movers.push({ customerId: m.customerId, from: m.currentTier, to: end.tierCode, direction });
    }
  }
  movers.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  const totalCostMinor = Object.values(cost).reduce((a, c) => a + c.discountMinor + c.pointsMinor, 0);
  return { members: members.length, distribution, cost, totalCostMinor, movers };
}

// How many points an order earns: a rate per currency unit of eligible spend (the most specific of
// SKU > category > store > base), times the tier multiplier, times the event multipliers (birthday
// week, member day, campaigns), capped per order and per day. Reward lines and the part of a line
// paid with points earn nothing by default — otherwise points would breed points.

import { allocate } from '../money.ts';
import { daysBetween } from '../time.ts';
import { invalid } from '../errors.ts';
import { reason, type Reason } from './reasons.ts';
import type { LotLine } from './ledger.ts';

export type EarnScope = { sku: string } | { category: string } | { store: string };

export interface EarnRules {
  /** Minor units per currency unit: 100 (¥1 = 100 fen). */
  unitMinor: number;
  /** Points per currency unit where no rate below matches. */
  basePointsPerUnit: number;
  rates: readonly { scope: EarnScope; pointsPerUnit: number }[];
  earnOnRewardLines: boolean;
  earnOnPointsPaid: boolean;
  /** Birthday: the Monday–Sunday week (or the day, or the month) holding the member's birthday. */
  birthday: { multiplierBp: number; window: 'day' | 'week' | 'month' } | null;
  /** Member days: ISO weekdays (1 = Monday … 7 = Sunday) and/or days of the month. */
  memberDays: readonly { weekdays?: readonly number[]; monthDays?: readonly number[]; multiplierBp: number }[];
  /** Campaigns: business dates `from`..`to` inclusive, optionally only in some stores. */
  campaigns: readonly { id: string; from: string; to: string; multiplierBp: number; stores?: readonly string[] }[];
  /** How event multipliers combine (the tier multiplier always multiplies): the highest one, or all multiplied. */
  eventStacking: 'max' | 'multiply';
  capPerOrder: number | null;
  capPerDay: number | null;
}

export const DEFAULT_EARN_RULES: EarnRules = Object.freeze<EarnRules>({
  unitMinor: 100, basePointsPerUnit: 1, rates: [], earnOnRewardLines: false, earnOnPointsPaid: false,
  birthday: { multiplierBp: 20000, window: 'week' }, memberDays: [], campaigns: [], eventStacking: 'max',
  capPerOrder: null, capPerDay: null,
});

export interface EarnLine {
  lineNo: number;
  sku: string | null;
  category: string | null;
  quantity: number;
  /** Merchandise earns; shipping, fees and the like do not. */
  kind: string;
  /** What the line costs after every discount, before points. */
  netMinor: number;
  /** The part of netMinor paid with points. */
  pointsPaidMinor: number;
  /** A free gift or a 0-priced reward line. */
  reward: boolean;
}

export interface EarnContext {
  storeCode: string;
  /** Business date of the order. */
  date: string;
  /** The member's tier multiplier in basis points (10000 = ×1). */
  tierMultiplierBp: number;
  birthDate: string | null;
  /** Points this member already earned today (for the daily cap). */
  earnedToday: number;
}

export interface Multiplier { source: 'tier' | 'birthday' | 'member_day' | 'campaign'; id: string | null; bp: number }

export interface EarnDecision {
  points: number;
  /** Per line, for the lot (so returns claw back per line). */
  lines: LotLine[];
  eligibleMinor: number;
  multipliers: Multiplier[];
  reasons: Reason[];
}

const isPrefix = (path: string | null, prefix: string) => path !== null && (path === prefix || path.startsWith(prefix + '/'));

/** The rate for a line: SKU rules beat category rules (longest path wins), which beat store rules. */
export function rateFor(line: Pick<EarnLine, 'sku' | 'category'>, storeCode: string, rules: EarnRules): number {
  let best = { rank: -1, rate: rules.basePointsPerUnit };
  for (const r of rules.rates) {
    const s = r.scope;
    const rank = 'sku' in s ? (s.sku === line.sku ? 1e6 : -1)
      : 'category' in s ? (isPrefix(line.category, s.category) ? 1000 + s.category.length : -1)
      : s.store === storeCode ? 1 : -1;
    if (rank > best.rank) best = { rank, rate: r.pointsPerUnit };
  }
  return best.rate;
}

/** ISO weekday 1..7 of a business date. */
const weekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** This birthday's date in `year` (29 Feb → 28 Feb in common years). */
export function birthdayIn(birthDate: string, year: number): string {
  const md = birthDate.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${String(year).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/** Whether `date` falls in the member's birthday day/week (Monday–Sunday)/month. */
export function inBirthdayWindow(birthDate: string, date: string, window: 'day' | 'week' | 'month'): boolean {
  const y = Number(date.slice(0, 4));
  return [y - 1, y, y + 1].some((year) => {
    const b = birthdayIn(birthDate, year);
    if (window === 'day') return b === date;
    if (window === 'month') return b.slice(0, 7) === date.slice(0, 7);
    // Days since Monday 1970-01-05; the week starts on the Monday on or before the birthday.
    const kb = daysBetween('1970-01-05', b), k = daysBetween('1970-01-05', date);
    const start = kb - (((kb % 7) + 7) % 7);
    return k >= start && k <= start + 6;
  });
}

/** The event multipliers in force for this order. */
export function eventMultipliers(ctx: EarnContext, rules: EarnRules): Multiplier[] {
  const out: Multiplier[] = [];
  if (rules.birthday && ctx.birthDate && inBirthdayWindow(ctx.birthDate, ctx.date, rules.birthday.window)) {
    out.push({ source: 'birthday', id: null, bp: rules.birthday.multiplierBp });
  }
  const day = Number(ctx.date.slice(8, 10));
  rules.memberDays.forEach((m, i) => {
    if (m.weekdays?.includes(weekday(ctx.date)) || m.monthDays?.includes(day)) out.push({ source: 'member_day', id: String(i), bp: m.multiplierBp });
  });
  for (const c of rules.campaigns) {
    if (c.from <= ctx.date && ctx.date <= c.to && (!c.stores || c.stores.includes(ctx.storeCode))) out.push({ source: 'campaign', id: c.id, bp: c.multiplierBp });
  }
  return out;
}

/**
 * Points an order earns, split over its lines.
 * @example 1 point per ¥1, ¥128.50 of eligible spend, birthday week ×2 → 257 points (128.5 × 2, rounded down)
 */
export function earnPoints(lines: readonly EarnLine[], ctx: EarnContext, rules: EarnRules = DEFAULT_EARN_RULES): EarnDecision {
  if (!(rules.unitMinor > 0)) throw invalid('unitMinor', 'unitMinor must be positive');
  const events = eventMultipliers(ctx, rules);
  const eventBp = events.length === 0 ? 10000
    : rules.eventStacking === 'max' ? Math.max(...events.map((m) => m.bp))
    : events.reduce((a, m) => (a * m.bp) / 10000, 10000);
  const multipliers: Multiplier[] = [{ source: 'tier', id: null, bp: ctx.tierMultiplierBp }, ...events];
  const factor = (ctx.tierMultiplierBp / 10000) * (eventBp / 10000);

  let eligibleMinor = 0;
  const exact = lines.map((l) => {
    const excluded = l.kind !== 'merchandise' || (l.reward && !rules.earnOnRewardLines);
    const eligible = excluded ? 0 : Math.max(0, l.netMinor - (rules.earnOnPointsPaid ? 0 : l.pointsPaidMinor));
    eligibleMinor += eligible;
    return (eligible / rules.unitMinor) * rateFor(l, ctx.storeCode, rules) * factor;
  });
  // Round once per order (down, and past float noise), then split so the lines sum exactly.
  let points = Math.floor(exact.reduce((a, b) => a + b, 0) + 1e-9);
  const reasons: Reason[] = [];
  if (rules.capPerOrder !== null && points > rules.capPerOrder) {
    points = rules.capPerOrder;
    reasons.push(reason('EARN_CAPPED', { cap: rules.capPerOrder, per: 'order' }));
  }
  if (rules.capPerDay !== null && points > Math.max(0, rules.capPerDay - ctx.earnedToday)) {
    points = Math.max(0, rules.capPerDay - ctx.earnedToday);
    reasons.push(reason('EARN_CAPPED', { cap: rules.capPerDay, per: 'day' }));
  }
  const split = allocate(points, exact);
  return {
    points,
    lines: lines.map((l, i) => ({ lineNo: l.lineNo, quantity: l.quantity, points: split[i]! })).filter((l) => l.points !== 0),
    eligibleMinor, multipliers, reasons,
  };
}

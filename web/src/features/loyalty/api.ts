// Shapes of the loyalty endpoints the page reads (see /docs: LoyaltySettings, LoyaltyStats,
// PointsLiability, TierBacktest) and their fetchers.
import { api } from '../../app/api.ts';

export interface TierDef {
  code: string; name: string;
  criteria: { growth?: number; spendMinor?: number; orders?: number; interactions?: number; combine: 'all' | 'any' };
  benefits: { discountBp: number; discountOnPromoPrice: boolean; pointsMultiplierBp: number; freeDelivery: boolean; prioritySupport: boolean; birthdayGift: string | null };
}
export interface Ladder { tiers: TierDef[]; windowDays: number; review: { basis: 'anniversary' } | { basis: 'calendar'; monthDay: string }; graceDays: number; downgrade: string; exitAfterDays: number | null; growthPerUnit: number; unitMinor: number }
export interface EarnRules {
  unitMinor: number; basePointsPerUnit: number;
  rates: { scope: { sku?: string; category?: string; store?: string }; pointsPerUnit: number }[];
  birthday: { multiplierBp: number; window: string } | null;
  memberDays: { weekdays?: number[]; monthDays?: number[]; multiplierBp: number }[];
  campaigns: { id: string; from: string; to: string; multiplierBp: number }[];
  capPerOrder: number | null; capPerDay: number | null;
}
export interface Settings {
  versions: { tiers: number; earn: number; policy: number }; ladder: Ladder; earn: EarnRules;
  policy: { payment: { rate: { points: number; valueMinor: number } }; returnWindowDays: number; expiry: { kind: string; days?: number; yearsAfter?: number; monthsAfter?: number } };
}
export interface Counts { issued: number; used: number; void: number; active: number; expired: number; multiUse: number }
export interface Stats {
  asOf: string; customers: number; enrolled: number;
  tiers: { code: string; name: string | null; inLadder: boolean; members: number; share: number | null }[];
  promotions: { id: string; name: string; coupon: boolean; active: boolean; kind: string; coupons: Counts | null; redeemRate: number | null; uses: number | null; discountMinor: number | null }[];
}
export interface MonthRoll {
  month: string; opening: number; earned: number; rewarded: number; adjusted: number; transferred: number; restored: number; redeemed: number;
  donated: number; expired: number; clawedBack: number; unexplained: number; closing: number; closingValueMinor: number;
}
export interface Liability {
  months: MonthRoll[]; outstandingPoints: number; outstandingValueMinor: number; breakageBp: number; breakageSource: 'configured' | 'history' | 'none';
  expectedBreakagePoints: number; liabilityMinor: number;
}
export interface Backtest {
  members: number; distribution: Record<string, number>;
  cost: Record<string, { members: number; spendMinor: number; discountMinor: number; pointsMinor: number }>;
  totalCostMinor: number; movers: { customerId: string; from: string | null; to: string; direction: 'up' | 'down' | 'changed' }[];
}

export const loadSettings = () => api<Settings>('/api/loyalty/settings');
export const loadStats = () => api<Stats>('/api/loyalty/stats');
export const loadLiability = (from: string, to: string) => api<Liability>('/api/loyalty/liability', { query: { from, to } });
export const runBacktest = (ladder: unknown, from: string, to: string) => api<Backtest>('/api/loyalty/tiers/backtest', { method: 'POST', json: { ladder, from, to } });

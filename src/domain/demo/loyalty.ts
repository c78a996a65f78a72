// The demo chain's loyalty programme as data: a five-tier ladder, points that expire after 180 days,
// two coupon templates and a 满减 promotion (with limits, so checkouts count their uses), and a plan of
// who does what over the year before `now`. Everything follows each member's index in the list:
// no randomness, so the same members and `now` always give the same plan.
// Coupons: every third member gets one on the first visit and uses it, the next gets a fresh one it
// has not used, some get one that lapsed; every other member pays with points on later visits.
import { addDays } from '../time.ts';

export const DEMO_LADDER = {
  tiers: [
    { code: 'normal', name: '普卡' },
    { code: 'silver', name: '银卡', criteria: { growth: 800 }, benefits: { pointsMultiplierBp: 12000 } },
    { code: 'gold', name: '金卡', criteria: { growth: 2500 }, benefits: { discountBp: 300, pointsMultiplierBp: 15000 } },
    { code: 'platinum', name: '铂金卡', criteria: { growth: 4500 }, benefits: { discountBp: 500, pointsMultiplierBp: 15000, freeDelivery: true } },
    { code: 'diamond', name: '钻石卡', criteria: { growth: 6500 }, benefits: { discountBp: 800, pointsMultiplierBp: 20000, freeDelivery: true, prioritySupport: true } },
  ],
};

export const DEMO_POLICY = { expiry: { kind: 'days', days: 180 }, returnWindowDays: 7 };

export const DEMO_PROMOTIONS = [
  { id: 'C20', name: '满100减20券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }] }, limits: { global: 1_000_000 } },
  { id: 'C50', name: '满300减50券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 30000, offMinor: 5000 }] }, limits: { global: 1_000_000 } },
  { id: 'MJ', name: '满500减30', benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 50000, offMinor: 3000 }] }, limits: { budgetMinor: 100_000_000 } },
];

/**
 * How many of the demo's best customers get a loyalty history: 2 % of the members, at most 400
 * (20,000 members → 400 → 1,200 checkouts, a few seconds). Few enough that a small demo's cohorts and
 * reports stay the generator's: the checkouts start up to 350 days back, before some members' first purchase.
 */
export const demoLoyaltyMembers = (demoMembers: number): number => Math.min(400, Math.floor(demoMembers / 50));

/** The instant the loyalty history is seen from: 10:00 in Shanghai the morning after the demo's last business date. */
export const demoLoyaltyNow = (asOf: string): string => `${addDays(asOf, 1)}T02:00:00.000Z`;

const DAY_MS = 86_400_000;

/** A coupon given to a member, with a code fixed by who got it and why (so loading again finds it). */
export interface DemoCoupon { templateId: string; customerId: number; code: string; issuedAtMs: number }

export interface DemoVisit {
  customerId: number;
  /** The checkout's idempotency key, also the order's external id. */
  key: string;
  atMs: number;
  /** Index into the product list (taken modulo its length). */
  product: number;
  priceMinor: number;
  /** Issued the day before and used at this visit. */
  coupon: DemoCoupon | null;
  /** Pays part of the bill with points (see `pointsToPay`). */
  paysWithPoints: boolean;
}

/** Every visit of every member in time order (ties by member), so the monthly expiry job can run between them. */
export function demoVisits(customerIds: readonly number[], nowMs: number): DemoVisit[] {
  return customerIds.flatMap((customerId, i) => Array.from({ length: 1 + (i % 5) }, (_, k) => 10 + ((i * 37 + k * 71) % 340))
    .sort((a, b) => b - a).map((ago, k): DemoVisit => {
      const atMs = nowMs - ago * DAY_MS;
      const withCoupon = k === 0 && i % 3 === 0;
      const templateId = i % 2 ? 'C20' : 'C50';
      const priceMinor = (60 + ((i * 131 + k * 197) % 19) * 80) * 100;
      return {
        customerId, key: `seed-${customerId}-${k}`, atMs, product: i + k,
        // A coupon visit spends at least ¥320, so either coupon's threshold is met.
        priceMinor: withCoupon ? Math.max(priceMinor, 32_000) : priceMinor,
        coupon: withCoupon ? { templateId, customerId, code: `DEMO_${templateId}_${customerId}_USED`, issuedAtMs: atMs - DAY_MS } : null,
        paysWithPoints: k > 0 && i % 2 === 0,
      };
    }))
    .sort((a, b) => a.atMs - b.atMs || a.customerId - b.customerId);
}

/** Coupons left in members' hands after the visits: a fresh 满100减20 for some, one issued 200 days ago (lapsed) for others. */
export function demoSpareCoupons(customerIds: readonly number[], nowMs: number): DemoCoupon[] {
  return customerIds.flatMap((customerId, i) => [
    ...(i % 3 === 1 ? [{ templateId: 'C20', customerId, code: `DEMO_C20_${customerId}_FRESH`, issuedAtMs: nowMs - 5 * DAY_MS }] : []),
    ...(i % 6 === 2 ? [{ templateId: 'C50', customerId, code: `DEMO_C50_${customerId}_LAPSED`, issuedAtMs: nowMs - 200 * DAY_MS }] : []),
  ]);
}

/**
 * Points to pay with, in hundreds, of those spendable: at most 1,500 and half the bill (the default
 * rate is 100 points = ¥10, so one point per 10 fen). E.g. 2,340 spendable on ¥200 → 1,000.
 */
export const pointsToPay = (spendable: number, priceMinor: number): number => Math.floor(Math.min(1500, spendable, priceMinor / 20) / 100) * 100;

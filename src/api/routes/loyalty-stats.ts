// GET /api/loyalty/stats: the figures the dashboard's Loyalty page needs that no other route gives —
// members per tier and issue/redemption counts per coupon template. Read-only.
import { z } from 'zod';
import { loyaltyStats } from '../../app/loyalty/stats.ts';
import type { App, Deps } from '../context.ts';
import { problemResponses } from '../problem.ts';

const n = z.number();
const Counts = z.object({
  issued: n, used: n, void: n, active: n.describe('still usable: not used, not void, validTo not passed'), expired: n.describe('never used, validTo passed'),
  multiUse: n.describe('shared codes; their uses are counted in `uses`'),
});
const LoyaltyStats = z.object({
  asOf: z.string().describe('the instant coupon validity is judged at'),
  customers: n.describe('customers not merged away'), enrolled: n.describe('members with a tier'),
  tiers: z.array(z.object({
    code: z.string(), name: z.string().nullable(), inLadder: z.boolean().describe('false: a code the ladder in force no longer has'),
    members: n, share: n.nullable().describe('of enrolled members'),
  })),
  promotions: z.array(z.object({
    id: z.string(), name: z.string(), coupon: z.boolean(), active: z.boolean(), kind: z.string(),
    coupons: Counts.nullable().describe('coupon templates only'), redeemRate: n.nullable().describe('single-use coupons used ÷ issued'),
    uses: n.nullable().describe('promotion-wide uses at checkout; null for a promotion without limits (the checkout does not count those)'),
    discountMinor: n.nullable().describe('discount those uses gave'),
  })),
}).meta({ id: 'LoyaltyStats' });

export function loyaltyStatsRoutes(app: App, deps: Deps): void {
  app.get('/api/loyalty/stats', {
    config: { access: 'loyalty:read' },
    schema: {
      summary: 'Members per tier of the ladder in force, and for every promotion and coupon template: coupons issued, used, void, active, expired, uses and discount given',
      tags: ['loyalty'], response: { 200: LoyaltyStats, ...problemResponses },
    },
  }, async () => loyaltyStats(deps.db, { now: deps.now().toISOString() }));
}

// The loyalty programme at a glance, for the dashboard: how members spread over the ladder in force,
// and for every promotion and coupon template what was issued, redeemed and given away. Read-only.
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';
import { couponCountsByTemplate, customerCount, membersByTier, promotionTotals, type CouponCounts } from '../../store/loyalty-stats.repo.ts';
import { hasLimits } from './price.ts';
import { loadPromotions, loadSettings } from './settings.ts';

export interface TierCount { code: string; name: string | null; inLadder: boolean; members: number; share: number | null }
export interface PromotionStats {
  id: string; name: string; coupon: boolean; active: boolean; kind: string;
  /** Coupons of a template by state (null for a promotion that is not a template). */
  coupons: CouponCounts | null;
  /** Single-use coupons used ÷ issued (null when none were issued). */
  redeemRate: number | null;
  /**
   * Promotion-wide uses at checkout and the discount they gave (a shared code counts once per order).
   * The checkout counts these only for promotions with limits (a cheaper commit), so null otherwise.
   */
  uses: number | null; discountMinor: number | null;
}
export interface LoyaltyStats { asOf: string; customers: number; enrolled: number; tiers: TierCount[]; promotions: PromotionStats[] }

const NONE: CouponCounts = { issued: 0, used: 0, void: 0, active: 0, expired: 0, multiUse: 0 };

/** Members per tier (ladder order, then codes the ladder no longer has) and issue/redemption figures per promotion, as of instant `now`. */
export async function loyaltyStats(db: Kysely<DB>, o: { now: string }): Promise<LoyaltyStats> {
  const [settings, stored, byTier, customers, coupons, totals] = await Promise.all([
    loadSettings(db), loadPromotions(db), membersByTier(db), customerCount(db), couponCountsByTemplate(db, o.now), promotionTotals(db),
  ]);
  const enrolled = [...byTier.values()].reduce((a, n) => a + n, 0);
  const share = (n: number) => (enrolled > 0 ? n / enrolled : null);
  const ladderCodes = new Set(settings.ladder.tiers.map((t) => t.code));
  const tiers: TierCount[] = [
    ...settings.ladder.tiers.map((t) => ({ code: t.code, name: t.name, inLadder: true, members: byTier.get(t.code) ?? 0, share: share(byTier.get(t.code) ?? 0) })),
    ...[...byTier].filter(([code]) => !ladderCodes.has(code)).sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, n]) => ({ code, name: null, inLadder: false, members: n, share: share(n) })),
  ];
  const promotions = stored.map(({ promotion: p }): PromotionStats => {
    const c = p.coupon ? (coupons.get(p.id) ?? NONE) : null;
    const single = c ? c.issued - c.multiUse : 0;
    const t = hasLimits(p) ? (totals.get(p.id) ?? { uses: 0, spentMinor: 0 }) : { uses: null, spentMinor: null };
    return {
      id: p.id, name: p.name, coupon: p.coupon, active: p.active, kind: p.benefit.kind, coupons: c,
      redeemRate: c && single > 0 ? c.used / single : null, uses: t.uses, discountMinor: t.spentMinor,
    };
  });
  return { asOf: o.now, customers, enrolled, tiers, promotions };
}

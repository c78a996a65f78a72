// Loyalty data for the browser tests and the screenshots, so every card of the Loyalty page has
// figures: a five-tier ladder, points that expire after 180 days, two coupon templates and a 满减
// promotion (with limits, so the checkout counts their uses), then up to a year of checkouts for the
// given members before `now`, in time order with the expiry job run at each month's start.
// Deterministic: dates, amounts, coupons and points follow each member's index, no randomness.
// Coupons: every third member gets one and uses it, the next gets a fresh one it has not used, some
// get one that lapsed; every other member pays with points on later visits.
import type { Kysely } from 'kysely';
import { commitCheckout } from '../../src/app/loyalty/commit.ts';
import { issueCoupons } from '../../src/app/loyalty/issue.ts';
import { runExpiry } from '../../src/app/loyalty/jobs.ts';
import { memberLedger } from '../../src/app/loyalty/members.ts';
import { loadPromotions, savePromotionDefinition, saveSettings } from '../../src/app/loyalty/settings.ts';
import type { DB } from '../../src/store/schema.ts';

export const LADDER = {
  tiers: [
    { code: 'normal', name: '普卡' },
    { code: 'silver', name: '银卡', criteria: { growth: 800 }, benefits: { pointsMultiplierBp: 12000 } },
    { code: 'gold', name: '金卡', criteria: { growth: 2500 }, benefits: { discountBp: 300, pointsMultiplierBp: 15000 } },
    { code: 'platinum', name: '铂金卡', criteria: { growth: 4500 }, benefits: { discountBp: 500, pointsMultiplierBp: 15000, freeDelivery: true } },
    { code: 'diamond', name: '钻石卡', criteria: { growth: 6500 }, benefits: { discountBp: 800, pointsMultiplierBp: 20000, freeDelivery: true, prioritySupport: true } },
  ],
};

const PROMOTIONS = [
  { id: 'C20', name: '满100减20券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }] }, limits: { global: 1_000_000 } },
  { id: 'C50', name: '满300减50券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 30000, offMinor: 5000 }] }, limits: { global: 1_000_000 } },
  { id: 'MJ', name: '满500减30', benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 50000, offMinor: 3000 }] }, limits: { budgetMinor: 100_000_000 } },
];

const DAY_MS = 86_400_000;
export interface SeedLine { sku: string; name: string | null; category: string | null }

/** Seed the loyalty programme for `customerIds` at `storeCode`; returns the number of checkouts committed. */
export async function seedLoyalty(db: Kysely<DB>, o: { now: string; storeCode: string; customerIds: readonly number[]; products: readonly SeedLine[] }): Promise<number> {
  const by = { actor: 'seed', now: o.now };
  await saveSettings(db, 'tiers', LADDER, by);
  await saveSettings(db, 'policy', { expiry: { kind: 'days', days: 180 }, returnWindowDays: 7 }, by);
  for (const p of PROMOTIONS) await savePromotionDefinition(db, p.id, p, by);
  const promotions = (await loadPromotions(db)).map((p) => p.promotion);
  const issue = async (templateId: string, customerId: number, atMs: number) =>
    (await issueCoupons(db, promotions, { templateId, customerIds: [customerId] }, new Date(atMs).toISOString()))[0]!.code;

  const nowMs = Date.parse(o.now);
  // Every visit of every member, in time order, so the monthly expiry job can run between them.
  const visits = o.customerIds.flatMap((customerId, i) => Array.from({ length: 1 + (i % 5) }, (_, k) => 10 + ((i * 37 + k * 71) % 340))
    .sort((a, b) => b - a).map((ago, k) => ({ customerId, i, k, atMs: nowMs - ago * DAY_MS })))
    .sort((a, b) => a.atMs - b.atMs || a.customerId - b.customerId);
  let month = '';
  for (const { customerId, i, k, atMs } of visits) {
    const at = new Date(atMs).toISOString();
    if (at.slice(0, 7) !== month) {
      month = at.slice(0, 7);
      await runExpiry(db, { now: new Date(atMs), date: `${month}-01` });
    }
    const product = o.products[(i + k) % o.products.length]!;
    let priceMinor = (60 + ((i * 131 + k * 197) % 19) * 80) * 100;
    const couponCodes: string[] = [];
    if (k === 0 && i % 3 === 0) {
      priceMinor = Math.max(priceMinor, 32_000);
      couponCodes.push(await issue(i % 2 ? 'C20' : 'C50', customerId, atMs - DAY_MS));
    }
    // Later visits of every other member pay with points, in hundreds, of those spendable by then: at
    // most 1,500 and half the bill (the default rate is 100 points = ¥10, so 1 point per 10 fen).
    const spendable = k > 0 && i % 2 === 0 ? (await memberLedger(db, customerId, { now: new Date(atMs) })).balances.spendable : 0;
    await commitCheckout(db, {
      storeCode: o.storeCode, placedAt: at, member: { customerId }, couponCodes, pointsToUse: Math.floor(Math.min(1500, spendable, priceMinor / 20) / 100) * 100,
      lines: [{ lineNo: 1, sku: product.sku, name: product.name, category: product.category, quantity: 1, unitPriceMinor: priceMinor }],
    }, { now: new Date(nowMs), storeIds: null, key: `seed-${customerId}-${k}`, actor: 'seed' });
  }
  for (const [i, customerId] of o.customerIds.entries()) {
    if (i % 3 === 1) await issue('C20', customerId, nowMs - 5 * DAY_MS);
    if (i % 6 === 2) await issue('C50', customerId, nowMs - 200 * DAY_MS);
  }
  await runExpiry(db, { now: new Date(nowMs) });
  return visits.length;
}

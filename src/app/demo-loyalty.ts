// Use-case: give the demo chain a loyalty programme and a year of its history, so the Loyalty page
// has figures from the first start (run after `loadDemo` by `regulars demo` and by `serve` on an
// empty database). The programme and the plan are data (domain/demo/loyalty.ts); here they go
// through the real use-cases: settings, coupon issue, checkouts, the monthly expiry job.
// Idempotent like the rest of the demo: settings and promotions are saved only when none exist, a
// checkout whose key is stored is skipped, coupons have fixed codes and are issued once.
import type { Kysely } from 'kysely';
import {
  DEMO_LADDER, DEMO_POLICY, DEMO_PROMOTIONS, demoLoyaltyNow, demoSpareCoupons, demoVisits, pointsToPay, type DemoCoupon,
} from '../domain/demo/loyalty.ts';
import { DEMO_SOURCE } from '../domain/demo/generate.ts';
import type { Promotion } from '../domain/promotions/definitions.ts';
import { checkoutByKey } from '../store/checkouts.repo.ts';
import { latestConfig } from '../store/loyalty-config.repo.ts';
import { couponsByCode } from '../store/loyalty-coupons.repo.ts';
import type { DB } from '../store/schema.ts';
import { commitCheckout } from './loyalty/commit.ts';
import { issueCoupons } from './loyalty/issue.ts';
import { runExpiry } from './loyalty/jobs.ts';
import { memberLedger } from './loyalty/members.ts';
import { loadPromotions, savePromotionDefinition, saveSettings } from './loyalty/settings.ts';

export interface SeedProduct { sku: string; name: string | null; category: string | null }

const ACTOR = 'seed';

/**
 * Seed the demo programme and a year of checkouts before `now` for `customerIds` at `storeCode`;
 * returns the number of checkouts in the plan (those already stored included).
 */
export async function seedLoyalty(db: Kysely<DB>, o: { now: string; storeCode: string; customerIds: readonly number[]; products: readonly SeedProduct[] }): Promise<number> {
  const promotions = await saveProgramme(db, o.now);
  const issue = async (c: DemoCoupon) => {
    if ((await couponsByCode(db, [c.code])).size === 0) {
      await issueCoupons(db, promotions, { templateId: c.templateId, customerIds: [c.customerId], codes: [c.code] }, new Date(c.issuedAtMs).toISOString());
    }
  };
  const nowMs = Date.parse(o.now);
  const visits = demoVisits(o.customerIds, nowMs);
  let month = '';
  for (const v of visits) {
    if (await checkoutByKey(db, v.key)) continue;
    const at = new Date(v.atMs).toISOString();
    // The expiry job at the start of each month with visits, before its first checkout.
    if (at.slice(0, 7) !== month) {
      month = at.slice(0, 7);
      await runExpiry(db, { now: new Date(v.atMs), date: `${month}-01` });
    }
    if (v.coupon) await issue(v.coupon);
    const spendable = v.paysWithPoints ? (await memberLedger(db, v.customerId, { now: new Date(v.atMs) })).balances.spendable : 0;
    const product = o.products[v.product % o.products.length]!;
    await commitCheckout(db, {
      storeCode: o.storeCode, placedAt: at, member: { customerId: v.customerId }, couponCodes: v.coupon ? [v.coupon.code] : [],
      pointsToUse: pointsToPay(spendable, v.priceMinor),
      lines: [{ lineNo: 1, sku: product.sku, name: product.name, category: product.category, quantity: 1, unitPriceMinor: v.priceMinor }],
    }, { now: new Date(nowMs), storeIds: null, key: v.key, actor: ACTOR });
  }
  for (const c of demoSpareCoupons(o.customerIds, nowMs)) await issue(c);
  await runExpiry(db, { now: new Date(nowMs) });
  return visits.length;
}

/** The ladder and expiry policy when none is saved yet, and the promotions not yet in the catalogue; returns the catalogue. */
async function saveProgramme(db: Kysely<DB>, now: string): Promise<Promotion[]> {
  const by = { actor: ACTOR, now };
  const saved = await latestConfig(db);
  if (!saved.has('tiers')) await saveSettings(db, 'tiers', DEMO_LADDER, by);
  if (!saved.has('policy')) await saveSettings(db, 'policy', DEMO_POLICY, by);
  const known = new Set((await loadPromotions(db)).map((p) => p.promotion.id));
  for (const p of DEMO_PROMOTIONS) if (!known.has(p.id)) await savePromotionDefinition(db, p.id, p, by);
  return (await loadPromotions(db)).map((p) => p.promotion);
}

export interface DemoLoyaltyReport { members: number; checkouts: number }

/**
 * The loyalty history of the demo chain loaded with business dates up to `asOf`: the `members` best
 * customers by their demo purchases (see `demoLoyaltyMembers`) shop at the first store, seen from the morning after `asOf`.
 */
export async function loadDemoLoyalty(db: Kysely<DB>, o: { asOf: string; members: number }): Promise<DemoLoyaltyReport> {
  const limit = o.members;
  if (limit <= 0) return { members: 0, checkouts: 0 };
  // Ranked by demo orders less demo returns only, so the checkouts seeded here never change who is picked next time.
  const [sales, returned] = await Promise.all([
    db.selectFrom('orders').select(['customer_id', (e) => e.fn.sum<number>('net_minor').as('n')])
      .where('source', '=', DEMO_SOURCE).where('customer_id', 'is not', null).groupBy('customer_id').execute(),
    db.selectFrom('returns').select(['customer_id', (e) => e.fn.sum<number>('amount_minor').as('n')])
      .where('source', '=', DEMO_SOURCE).where('customer_id', 'is not', null).groupBy('customer_id').execute(),
  ]);
  const returnedBy = new Map(returned.map((r) => [r.customer_id!, Number(r.n)]));
  const ids = sales.map((r) => ({ id: r.customer_id!, net: Number(r.n) - (returnedBy.get(r.customer_id!) ?? 0) }))
    .sort((a, b) => b.net - a.net || a.id - b.id).slice(0, limit).map((r) => r.id);
  const products = await db.selectFrom('products').select(['sku', 'name', 'category']).where('kind', '=', 'merchandise').orderBy('sku').limit(30).execute();
  const store = await db.selectFrom('stores').select('code').orderBy('code').executeTakeFirst();
  if (!store || ids.length === 0 || products.length === 0) return { members: 0, checkouts: 0 };
  const checkouts = await seedLoyalty(db, { now: demoLoyaltyNow(o.asOf), storeCode: store.code, customerIds: ids, products });
  return { members: ids.length, checkouts };
}

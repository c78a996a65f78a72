// What goes into a basket: products drawn by popularity, season and (for clothing) who is shopping,
// then the co-purchase rules and the household's replenishment items.
import { CLOTHING_PRODUCTS, CLOTHING_RULES } from './catalog-clothing.ts';
import { MART_PRODUCTS, MART_RULES } from './catalog-mart.ts';
import { TEA_PRODUCTS, TEA_RULES } from './catalog-tea.ts';
import { matchesRule, type CoRule, type DemoProduct } from './catalog.ts';
import type { DayInfo } from './calendar.ts';
import type { DemoMember } from './members.ts';
import type { DemoFormat } from './profiles.ts';
import { chance, cumulative, drawCumulative, intBetween, poisson, uniform, type Rng } from './random.ts';
import { FORMULA, SHAMPOO } from './schedule.ts';

export interface PickedLine {
  product: DemoProduct;
  quantity: number;
}

export interface BasketContext {
  day: DayInfo;
  member: DemoMember | null;
  channel: string;
  flags: number;
}

export const CATALOG: Record<DemoFormat, readonly DemoProduct[]> = {
  clothing: CLOTHING_PRODUCTS, tea: TEA_PRODUCTS, supermarket: MART_PRODUCTS,
};
const RULES: Record<DemoFormat, readonly CoRule[]> = { clothing: CLOTHING_RULES, tea: TEA_RULES, supermarket: MART_RULES };
const BY_SKU = new Map([...CLOTHING_PRODUCTS, ...TEA_PRODUCTS, ...MART_PRODUCTS].map((p) => [p.sku, p]));
// The co-purchase rules that fire for each product, worked out once.
const RULES_BY_SKU = new Map<string, readonly CoRule[]>();
for (const format of ['clothing', 'tea', 'supermarket'] as const) {
  for (const p of CATALOG[format]) RULES_BY_SKU.set(p.sku, RULES[format].filter((r) => matchesRule(p, r.when)));
}

export function productBySku(sku: string): DemoProduct {
  const p = BY_SKU.get(sku);
  if (!p) throw new Error(`demo catalogue has no ${sku}`);
  return p;
}

function seasonWeight(p: DemoProduct, d: DayInfo): number {
  const m = d.month;
  if (p.season === 'summer') return m >= 6 && m <= 8 ? 3 : m === 5 || m === 9 ? 1.5 : m >= 11 || m <= 3 ? 0.15 : 0.6;
  if (p.season === 'winter') return m >= 11 || m <= 2 ? 2.5 : m === 10 || m === 3 ? 1 : m >= 5 && m <= 9 ? 0.1 : 0.5;
  if (p.season === 'cny') return d.cnyOffset !== null && d.cnyOffset >= -20 && d.cnyOffset <= -1 ? 15 : 0.1;
  return 1;
}

function audienceWeight(p: DemoProduct, female: boolean): number {
  if (p.audience === 'u') return 1;
  return (p.audience === 'f') === female ? 1 : 0.08;
}

// Draw tables depend only on format, month, the 年货 window and the shopper's sex: cache them.
const tables = new Map<string, { items: DemoProduct[]; cum: Float64Array }>();
function table(format: DemoFormat, d: DayInfo, female: boolean) {
  const cny = d.cnyOffset !== null && d.cnyOffset >= -20 && d.cnyOffset <= -1;
  const key = `${format}|${d.month}|${cny}|${female}`;
  let t = tables.get(key);
  if (!t) {
    const items = CATALOG[format].filter((p) => !p.addOnly);
    const weights = items.map((p) => p.weight * seasonWeight(p, d) * (format === 'clothing' ? audienceWeight(p, female) : 1));
    t = { items, cum: cumulative(weights) };
    tables.set(key, t);
  }
  return t;
}

function quantityFor(rng: Rng, p: DemoProduct): number {
  if (p.byWeight) {
    const kg = p.category.endsWith('西瓜') ? uniform(rng, 2.5, 6) : uniform(rng, 0.3, 2);
    return Math.round(kg * 1000) / 1000;
  }
  if (p.listPriceMinor < 2000) return chance(rng, 0.3) ? intBetween(rng, 2, 3) : 1;
  return chance(rng, 0.08) ? 2 : 1;
}

function basketSize(rng: Rng, format: DemoFormat, ctx: BasketContext): number {
  if (format === 'clothing') return 1 + poisson(rng, ctx.day.month === 11 && ctx.day.day <= 11 ? 0.8 : 0.45);
  if (format === 'tea') return 1 + poisson(rng, ctx.channel === 'delivery' ? 1.1 : 0.45);
  return 1 + poisson(rng, ctx.channel === 'delivery' ? 5 : 3.2);
}

/** Choose the products and quantities of one order. Always returns at least one line. */
export function buildBasket(rng: Rng, format: DemoFormat, ctx: BasketContext): PickedLine[] {
  const lines = new Map<string, PickedLine>();
  const add = (p: DemoProduct, quantity: number) => {
    const line = lines.get(p.sku);
    if (line) line.quantity = p.byWeight ? line.quantity : line.quantity + quantity;
    else lines.set(p.sku, { product: p, quantity });
  };
  const m = ctx.member;
  const female = m ? m.female : chance(rng, 0.7);
  const { items, cum } = table(format, ctx.day, female);

  if (m?.formulaSku && ctx.flags & FORMULA) add(productBySku(m.formulaSku), 1);
  if (m?.shampooSku && ctx.flags & SHAMPOO) add(productBySku(m.shampooSku), 1);
  // A dedicated restock trip is small; an ordinary one fills up.
  const size = ctx.flags !== 0 && lines.size > 0 && chance(rng, 0.4) ? poisson(rng, 1) : basketSize(rng, format, ctx);
  for (let i = 0; i < size; i++) {
    const p = format === 'tea' && m?.favoriteSku && chance(rng, 0.45) ? productBySku(m.favoriteSku) : items[drawCumulative(rng, cum)]!;
    add(p, format === 'tea' ? 1 : quantityFor(rng, p));
  }

  const base = [...lines.values()];
  for (const line of base) {
    for (const rule of RULES_BY_SKU.get(line.product.sku) ?? []) {
      // Toppings are per cup; other add-ons once per basket.
      const times = format === 'tea' ? line.quantity : 1;
      for (let k = 0; k < times; k++) {
        if (!chance(rng, rule.p)) continue;
        const extra = productBySku(rule.add);
        if (format === 'tea' || !lines.has(extra.sku)) add(extra, 1);
      }
    }
  }
  return [...lines.values()];
}

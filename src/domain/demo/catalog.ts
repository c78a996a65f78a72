// Shape of the demo catalogue and the rules that make some products travel together, so that basket
// analysis finds real pairs (suit + tie, 奶茶 + 珍珠, 奶粉 + 尿不湿).
import type { ProductInput } from '../customers/types.ts';

export type Season = 'all' | 'summer' | 'winter' | 'cny';
export type Audience = 'f' | 'm' | 'u';

export interface DemoProduct {
  sku: string;
  name: string;
  category: string;
  brand: string;
  listPriceMinor: number;
  unitCostMinor: number;
  /** Relative popularity among its format's products. */
  weight: number;
  audience: Audience;
  season: Season;
  /** Sold by the kilogram (fractional quantities). */
  byWeight: boolean;
  /** Picked only through a rule or a replenishment cycle, never on its own. */
  addOnly: boolean;
}

/** When a product matching `when` (a SKU, or a category and everything under it) is in the basket, add `add` with probability `p`. */
export interface CoRule {
  when: string;
  add: string;
  p: number;
}

/**
 * Row: [sku, name, category, brand, list price in fen, gross margin %, popularity, tags].
 * Tags: f|m (audience), summer|winter|cny, kg (sold by weight), addon.
 */
export type ProductRow = readonly [string, string, string, string, number, number, number, string?];

export function productsFrom(rows: readonly ProductRow[]): DemoProduct[] {
  return rows.map(([sku, name, category, brand, price, marginPct, weight, tags = '']) => {
    const t = tags.split(' ');
    const season: Season = t.includes('summer') ? 'summer' : t.includes('winter') ? 'winter' : t.includes('cny') ? 'cny' : 'all';
    return {
      sku, name, category, brand,
      listPriceMinor: price,
      unitCostMinor: Math.round((price * (100 - marginPct)) / 100),
      weight,
      audience: t.includes('f') ? 'f' : t.includes('m') ? 'm' : 'u',
      season,
      byWeight: t.includes('kg'),
      addOnly: t.includes('addon'),
    };
  });
}

export function matchesRule(p: DemoProduct, when: string): boolean {
  if (!when.includes('/')) return p.sku === when;
  const c = when.replace(/\/$/, '');
  return p.category === c || p.category.startsWith(`${c}/`);
}

/** The contract form of a demo product. */
export function productInput(p: DemoProduct): ProductInput {
  return {
    sku: p.sku, name: p.name, category: p.category, brand: p.brand,
    listPriceMinor: p.listPriceMinor, unitCostMinor: p.unitCostMinor,
  };
}

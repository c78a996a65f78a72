// Built-in tags: rule-based, explainable, computed over facts and behaviour as of a date. Each tag's
// rule is written in its `explain` text, and docs/segmentation.md lists the defaults.
import type { CustomerBehaviour, CustomerFacts, Labels } from './facts.ts';
import { lifecycleCodes, LIFECYCLE_SEGMENTS, type LifecycleConfig } from './lifecycle.ts';
import { quantileScores } from './ranks.ts';
import { increasing, onlyKeys, settings, wholeNumber } from './checks.ts';
import { invalid } from '../errors.ts';

/** "bought <category> at least minOrders times in the last `days` days" → tag `category:<tag>`. */
export interface CategoryPreference { tag: string; category: string; minOrders: number; days: number }

export interface TagConfig {
  categories: CategoryPreference[];
  /** With at least minOrders orders in the window: weekend share ≥ weekendShareBp → weekend shopper; ≤ weekdayShareBp → weekday shopper. */
  weekend: { minOrders: number; weekendShareBp: number; weekdayShareBp: number };
  /** With at least minOrders orders in the window, a share of discounted orders ≥ minShareBp. */
  promotion: { minOrders: number; minShareBp: number };
  /** Average item price (sales ÷ units) upper bounds of low and mid; null = terciles of the customers. */
  priceEdgesMinor: number[] | null;
  /** Age band lower edges in years: [18, 25, 35] → <18, 18-24, 25-34, 35+. */
  ageEdges: number[];
}

export const DEFAULT_TAGS: TagConfig = {
  categories: [],
  weekend: { minOrders: 3, weekendShareBp: 6000, weekdayShareBp: 1000 },
  promotion: { minOrders: 2, minShareBp: 5000 },
  priceEdgesMinor: null,
  ageEdges: [18, 25, 35, 45, 55, 65],
};

const TAG_NAME = /^[\p{L}\p{N}_./-]{1,64}$/u;

export function parseTagConfig(input: unknown, field = '/tags'): TagConfig {
  const v = settings(field, input);
  onlyKeys(field, v, Object.keys(DEFAULT_TAGS));
  const bp = (f: string, x: unknown) => {
    const n = wholeNumber(f, x);
    if (n > 10000) throw invalid(f, 'a share in basis points is 0–10000');
    return n;
  };
  const w = settings(`${field}/weekend`, v.weekend), p = settings(`${field}/promotion`, v.promotion);
  onlyKeys(`${field}/weekend`, w, ['minOrders', 'weekendShareBp', 'weekdayShareBp']);
  onlyKeys(`${field}/promotion`, p, ['minOrders', 'minShareBp']);
  const d = DEFAULT_TAGS;
  if (v.categories !== undefined && !Array.isArray(v.categories)) throw invalid(`${field}/categories`, 'expected a list');
  const categories = ((v.categories ?? []) as unknown[]).map((x, i) => {
    const f = `${field}/categories/${i}`;
    const c = settings(f, x);
    onlyKeys(f, c, ['tag', 'category', 'minOrders', 'days']);
    if (typeof c.category !== 'string' || c.category.trim() === '') throw invalid(`${f}/category`, 'expected a category name or path, e.g. "母婴"');
    const tag = c.tag ?? c.category.trim();
    if (typeof tag !== 'string' || !TAG_NAME.test(tag)) throw invalid(`${f}/tag`, 'letters, digits, _ . / - (at most 64)');
    return { tag, category: c.category.trim(), minOrders: wholeNumber(`${f}/minOrders`, c.minOrders ?? 1, 1), days: wholeNumber(`${f}/days`, c.days ?? 90, 1) };
  });
  return {
    categories,
    weekend: {
      minOrders: wholeNumber(`${field}/weekend/minOrders`, w.minOrders ?? d.weekend.minOrders, 1),
      weekendShareBp: bp(`${field}/weekend/weekendShareBp`, w.weekendShareBp ?? d.weekend.weekendShareBp),
      weekdayShareBp: bp(`${field}/weekend/weekdayShareBp`, w.weekdayShareBp ?? d.weekend.weekdayShareBp),
    },
    promotion: {
      minOrders: wholeNumber(`${field}/promotion/minOrders`, p.minOrders ?? d.promotion.minOrders, 1),
      minShareBp: bp(`${field}/promotion/minShareBp`, p.minShareBp ?? d.promotion.minShareBp),
    },
    priceEdgesMinor: v.priceEdgesMinor === undefined || v.priceEdgesMinor === null ? null : increasing(`${field}/priceEdgesMinor`, v.priceEdgesMinor, 2, { min: 0 }),
    ageEdges: v.ageEdges === undefined ? d.ageEdges : increasing(`${field}/ageEdges`, v.ageEdges, Array.isArray(v.ageEdges) ? v.ageEdges.length : -1, { min: 1, max: 120 }),
  };
}

/** Names of the age-band tags for a list of edges: age:<18, age:18-24, …, age:65+. */
export function ageBands(edges: readonly number[]): string[] {
  if (edges.length === 0) return [];
  return [`age:<${edges[0]}`, ...edges.slice(0, -1).map((e, i) => `age:${e}-${edges[i + 1]! - 1}`), `age:${edges[edges.length - 1]}+`];
}

/** Whole years from a YYYY-MM-DD birth date to as-of; null when unknown or implausible. */
export function ageAt(birthDate: string | null, asOf: string): number | null {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const age = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (asOf.slice(5) < birthDate.slice(5) ? 1 : 0);
  return age >= 0 && age <= 120 ? age : null;
}

/** Every built-in tag the config can produce, with labels and the rule in words. */
export function builtInTagCatalog(config: TagConfig = DEFAULT_TAGS): (Labels & { name: string; explain: string })[] {
  const pct = (bp: number) => `${bp / 100}%`;
  return [
    ...LIFECYCLE_SEGMENTS.map((s) => ({ name: `lifecycle:${s.name}`, en: `Lifecycle: ${s.en}`, zh: `生命周期：${s.zh}`, explain: 'lifecycle stage, see docs/segmentation.md' })),
    { name: 'weekend_shopper', en: 'Weekend shopper', zh: '周末型', explain: `≥ ${config.weekend.minOrders} orders in the window, ≥ ${pct(config.weekend.weekendShareBp)} of them on Saturday or Sunday` },
    { name: 'weekday_shopper', en: 'Weekday shopper', zh: '工作日型', explain: `≥ ${config.weekend.minOrders} orders in the window, ≤ ${pct(config.weekend.weekdayShareBp)} of them at the weekend` },
    { name: 'promotion_sensitive', en: 'Promotion-sensitive', zh: '促销敏感', explain: `≥ ${config.promotion.minOrders} orders in the window, ≥ ${pct(config.promotion.minShareBp)} of them discounted` },
    ...(['low', 'mid', 'high'] as const).map((b, i) => ({
      name: `price:${b}`, en: `Price band: ${b}`, zh: `价格带：${['低', '中', '高'][i]}`,
      explain: config.priceEdgesMinor ? `average item price (sales ÷ units) ${['≤', 'in', '>'][i]} ${i === 1 ? config.priceEdgesMinor.join('…') : config.priceEdgesMinor[i === 0 ? 0 : 1]} (minor units)` : `average item price in the ${['lowest', 'middle', 'highest'][i]} third of customers`,
    })),
    ...ageBands(config.ageEdges).map((name) => ({ name, en: `Age ${name.slice(4)}`, zh: `年龄 ${name.slice(4)}`, explain: 'age in whole years at as-of, from the birth date' })),
    ...config.categories.map((c) => ({ name: `category:${c.tag}`, en: `Buys ${c.category}`, zh: `偏好 ${c.category}`, explain: `bought ${c.category} in ≥ ${c.minOrders} orders in the last ${c.days} days` })),
  ];
}

/**
 * The built-in tags of each customer, in the order of the tag catalog; `behaviour` is aligned with `facts`.
 * A customer's list is fixed by a few small choices (stage, weekend/weekday, promotion, price band, age
 * band, categories): customers with the same choices share one frozen list, so a million customers
 * make a few thousand lists, not a million.
 */
export function builtInTags(
  facts: readonly CustomerFacts[], behaviour: readonly CustomerBehaviour[], asOf: string, config: TagConfig = DEFAULT_TAGS, lifecycle?: LifecycleConfig,
): (readonly string[])[] {
  const n = facts.length;
  const stages = lifecycleCodes(facts, behaviour, asOf, lifecycle);
  const band = priceBands(facts, config.priceEdgesMinor);
  const ages = ageBands(config.ageEdges);
  const { weekend, promotion, categories } = config;
  // Age band per distinct birth date (a million customers share tens of thousands): 0 = none, k + 1 = ages[k].
  const ageBandOf = new Map<string | null, number>();
  const ageBand = (birthDate: string | null): number => {
    let k = ageBandOf.get(birthDate);
    if (k === undefined) {
      const age = ageAt(birthDate, asOf);
      k = 0;
      if (age !== null && ages.length) {
        while (k < config.ageEdges.length && age >= config.ageEdges[k]!) k++;
        k++;
      }
      ageBandOf.set(birthDate, k);
    }
    return k;
  };
  const STAGES = LIFECYCLE_SEGMENTS.map((s) => `lifecycle:${s.name}`);
  const SHOPPERS = [null, 'weekend_shopper', 'weekday_shopper'];
  const BANDS = [null, 'price:low', 'price:mid', 'price:high'];
  const CATEGORIES = categories.map((p) => `category:${p.tag}`);
  const listOf = (stage: number, shopper: number, promo: number, price: number, age: number, catMask: number): readonly string[] => {
    const tags = [STAGES[stage]!];
    if (shopper) tags.push(SHOPPERS[shopper]!);
    if (promo) tags.push('promotion_sensitive');
    if (price) tags.push(BANDS[price]!);
    if (age) tags.push(ages[age - 1]!);
    CATEGORIES.forEach((name, k) => { if (catMask & (1 << k)) tags.push(name); });
    return Object.freeze(tags);
  };
  const bought = (b: CustomerBehaviour, p: CategoryPreference) => (b.categoryOrders[p.tag] ?? 0) >= p.minOrders;
  // The choices as one number (mixed radix) keys the shared lists; past 30 categories the mask would not fit.
  const share = categories.length <= 30;
  const lists = new Map<number, readonly string[]>();
  const out = new Array<readonly string[]>(n);
  for (let i = 0; i < n; i++) {
    const { orders } = facts[i]!;
    const b = behaviour[i]!;
    // Shares compared as integers (count × 10000 against bp × orders): no rounding at the cut.
    let shopper = 0;
    if (orders >= weekend.minOrders) {
      if (b.weekendOrders * 10000 >= weekend.weekendShareBp * orders) shopper = 1;
      else if (b.weekendOrders * 10000 <= weekend.weekdayShareBp * orders) shopper = 2;
    }
    const promo = orders >= promotion.minOrders && b.discountedOrders * 10000 >= promotion.minShareBp * orders ? 1 : 0;
    const age = ageBand(b.birthDate);
    if (!share) { out[i] = [...listOf(stages[i]!, shopper, promo, band[i]!, age, 0), ...CATEGORIES.filter((_, k) => bought(b, categories[k]!))]; continue; }
    let catMask = 0;
    for (let k = 0; k < categories.length; k++) if (bought(b, categories[k]!)) catMask |= 1 << k;
    const code = ((((stages[i]! * 3 + shopper) * 2 + promo) * 4 + band[i]!) * (ages.length + 1) + age) * 2 ** categories.length + catMask;
    let list = lists.get(code);
    if (list === undefined) lists.set(code, (list = listOf(stages[i]!, shopper, promo, band[i]!, age, catMask)));
    out[i] = list;
  }
  return out;
}

/** Price band per customer from the average item price (sales ÷ units): 0 none (no units), 1 low, 2 mid, 3 high. */
function priceBands(facts: readonly CustomerFacts[], edges: number[] | null): Uint8Array {
  const band = new Uint8Array(facts.length);
  const priced: number[] = [];
  for (let i = 0; i < facts.length; i++) if (facts[i]!.items > 0) priced.push(i);
  const avgPrice = (i: number) => facts[i]!.salesMinor / facts[i]!.items;
  if (edges) {
    const [low, mid] = edges as [number, number];
    for (const i of priced) { const p = avgPrice(i); band[i] = p <= low ? 1 : p <= mid ? 2 : 3; }
    return band;
  }
  // Ranked in hundredths of a minor unit: whole numbers rank by one typed sort, fractions need a slower one.
  const values = new Float64Array(priced.length);
  for (let k = 0; k < priced.length; k++) values[k] = Math.round(avgPrice(priced[k]!) * 100);
  const terciles = quantileScores(values, 3);
  for (let k = 0; k < priced.length; k++) band[priced[k]!] = terciles[k]!;
  return band;
}

// Built-in tags: rule-based, explainable, computed over facts and behaviour as of a date. Each tag's
// rule is written in its `explain` text, and docs/segmentation.md lists the defaults.
import type { CustomerBehaviour, CustomerFacts, Labels } from './facts.ts';
import { lifecycleStages, LIFECYCLE_SEGMENTS, type LifecycleConfig } from './lifecycle.ts';
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

/** The built-in tags of each customer, in the order of the tag catalog; `behaviour` is aligned with `facts`. */
export function builtInTags(
  facts: readonly CustomerFacts[], behaviour: readonly CustomerBehaviour[], asOf: string, config: TagConfig = DEFAULT_TAGS, lifecycle?: LifecycleConfig,
): string[][] {
  const stages = lifecycleStages(facts, behaviour, asOf, lifecycle);
  const priced: number[] = [];
  for (let i = 0; i < facts.length; i++) if (facts[i]!.items > 0) priced.push(i);
  const band = new Uint8Array(facts.length);
  const avgPrice = (i: number) => facts[i]!.salesMinor / facts[i]!.items;
  if (config.priceEdgesMinor) {
    const [low, mid] = config.priceEdgesMinor as [number, number];
    for (const i of priced) { const p = avgPrice(i); band[i] = p <= low ? 1 : p <= mid ? 2 : 3; }
  } else {
    // Ranked in hundredths of a minor unit: whole numbers rank by one typed sort, fractions need a slower one.
    const terciles = quantileScores(priced.map((i) => Math.round(avgPrice(i) * 100)), 3);
    priced.forEach((i, k) => { band[i] = terciles[k]!; });
  }
  const ages = ageBands(config.ageEdges);
  const { weekend, promotion } = config;
  const BANDS = ['price:low', 'price:mid', 'price:high'];
  return facts.map(({ orders }, i) => {
    const b = behaviour[i]!;
    const tags = [`lifecycle:${stages[i]}`];
    // Shares compared as integers (count × 10000 against bp × orders): no rounding at the cut.
    if (orders >= weekend.minOrders) {
      if (b.weekendOrders * 10000 >= weekend.weekendShareBp * orders) tags.push('weekend_shopper');
      else if (b.weekendOrders * 10000 <= weekend.weekdayShareBp * orders) tags.push('weekday_shopper');
    }
    if (orders >= promotion.minOrders && b.discountedOrders * 10000 >= promotion.minShareBp * orders) tags.push('promotion_sensitive');
    if (band[i]) tags.push(BANDS[band[i] - 1]!);
    const age = ageAt(b.birthDate, asOf);
    if (age !== null && ages.length) {
      let k = 0;
      while (k < config.ageEdges.length && age >= config.ageEdges[k]!) k++;
      tags.push(ages[k]!);
    }
    for (const p of config.categories) if ((b.categoryOrders[p.tag] ?? 0) >= p.minOrders) tags.push(`category:${p.tag}`);
    return tags;
  });
}

// Plain-words descriptions of a cluster, relative to the whole population: each feature whose centre lies
// at least 0.5 standard deviations from the mean (on the standardised log scale k-means uses) earns a word,
// "very" from 1.5; the rest are unremarkable and left out. Order: frequency, spend, margin, breadth, recency.
import type { FeatureName } from './cluster-features.ts';

/** Standard deviations from the population mean at which a feature is worth a word, and a "very". */
export const NOTABLE_Z = 0.5;
export const VERY_Z = 1.5;

type Words = readonly [en: string, zh: string];
interface Scale { veryLow: Words; low: Words; high: Words; veryHigh: Words }

const SCALES: Record<FeatureName, Scale> = {
  orders: { veryLow: ['very infrequent', '极低频'], low: ['infrequent', '低频'], high: ['frequent', '高频'], veryHigh: ['very frequent', '极高频'] },
  netMinor: { veryLow: ['very low spend', '极低消费'], low: ['low spend', '低消费'], high: ['high spend', '高消费'], veryHigh: ['very high spend', '极高消费'] },
  marginMinor: { veryLow: ['very low margin', '极低毛利'], low: ['low margin', '低毛利'], high: ['high margin', '高毛利'], veryHigh: ['very high margin', '极高毛利'] },
  categories: { veryLow: ['very narrow range', '品类很少'], low: ['narrow range', '品类较少'], high: ['broad range', '品类较广'], veryHigh: ['very broad range', '品类很广'] },
  // Few days since the last purchase is good news: low recency days read "recent".
  recencyDays: { veryLow: ['very recent', '刚刚购买'], low: ['recent', '近期活跃'], high: ['lapsed', '久未购买'], veryHigh: ['long lapsed', '长期未购买'] },
};

const ORDER: readonly FeatureName[] = ['orders', 'netMinor', 'marginMinor', 'categories', 'recencyDays'];

/**
 * Words for a centre given as standardised coordinates by feature name.
 * @example describeCentre({ orders: 1.2, netMinor: 0.9, recencyDays: -0.8 }) // { en: 'frequent, high spend, recent', zh: '高频、高消费、近期活跃' }
 */
export function describeCentre(z: Partial<Record<FeatureName, number>>): { zh: string; en: string } {
  const picked: Words[] = [];
  for (const name of ORDER) {
    const value = z[name];
    if (value === undefined || Math.abs(value) < NOTABLE_Z) continue;
    const scale = SCALES[name];
    picked.push(value >= VERY_Z ? scale.veryHigh : value > 0 ? scale.high : value <= -VERY_Z ? scale.veryLow : scale.low);
  }
  if (picked.length === 0) return { en: 'average on every count', zh: '各项接近平均' };
  return { en: picked.map((w) => w[0]).join(', '), zh: picked.map((w) => w[1]).join('、') };
}

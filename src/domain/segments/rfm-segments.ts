// Named segments from RFM scores: the classic eleven, read off an R × FM grid, and the four classes of
// a retention plan. Both are total: every score combination names exactly one segment.
import type { CustomerFacts, SegmentCatalog } from './facts.ts';
import type { RfmScores } from './rfm.ts';
import { dayNumbers } from './facts.ts';
import { onlyKeys, settings, wholeNumber } from './checks.ts';
import { invalid } from '../errors.ts';

export const CLASSIC_SEGMENTS = [
  { name: 'champions', en: 'Champions', zh: '冠军客户' },
  { name: 'loyal', en: 'Loyal', zh: '忠诚客户' },
  { name: 'potential_loyalist', en: 'Potential loyalist', zh: '潜在忠诚客户' },
  { name: 'new', en: 'New', zh: '新客户' },
  { name: 'promising', en: 'Promising', zh: '有潜力客户' },
  { name: 'need_attention', en: 'Need attention', zh: '需要关注' },
  { name: 'about_to_sleep', en: 'About to sleep', zh: '即将沉睡' },
  { name: 'at_risk', en: 'At risk', zh: '有流失风险' },
  { name: 'cant_lose', en: "Can't lose", zh: '不能失去' },
  { name: 'hibernating', en: 'Hibernating', zh: '休眠客户' },
  { name: 'lost', en: 'Lost', zh: '已流失' },
] as const satisfies SegmentCatalog;

export type ClassicSegment = (typeof CLASSIC_SEGMENTS)[number]['name'];

/**
 * Rows R = 5…1, columns FM = 1…5, where FM = round((F + M) / 2) (halves round up). Written out so the
 * mapping can be read, and documented in docs/segmentation.md.
 */
const GRID: readonly (readonly ClassicSegment[])[] = [
  /* R=5 */ ['new', 'potential_loyalist', 'potential_loyalist', 'champions', 'champions'],
  /* R=4 */ ['promising', 'potential_loyalist', 'potential_loyalist', 'loyal', 'champions'],
  /* R=3 */ ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
  /* R=2 */ ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
  /* R=1 */ ['lost', 'lost', 'at_risk', 'cant_lose', 'cant_lose'],
];

/** The classic segment of one score triple (each 1–5). */
export function classicSegment(r: number, f: number, m: number): ClassicSegment {
  const fm = Math.round((f + m) / 2);
  return GRID[5 - r]![fm - 1]!;
}

export function classicSegments(scores: RfmScores): ClassicSegment[] {
  const out = new Array<ClassicSegment>(scores.r.length);
  for (let i = 0; i < out.length; i++) out[i] = classicSegment(scores.r[i]!, scores.f[i]!, scores.m[i]!);
  return out;
}

export const RETENTION_SEGMENTS = [
  { name: 'high_value', en: 'High value', zh: '高价值' },
  { name: 'potential', en: 'Potential', zh: '潜力' },
  { name: 'dormant', en: 'Dormant', zh: '沉睡' },
  { name: 'new', en: 'New', zh: '新客' },
] as const satisfies SegmentCatalog;

export type RetentionSegment = (typeof RETENTION_SEGMENTS)[number]['name'];

/**
 * First matching rule wins: new (one order, first purchase within `newDays` of as-of); high value
 * (R, F and M scores all ≥ `highScore`); potential (R ≥ `potentialMinR`); dormant (everyone else).
 */
export interface RetentionConfig { newDays: number; highScore: number; potentialMinR: number }

export const DEFAULT_RETENTION: RetentionConfig = { newDays: 90, highScore: 4, potentialMinR: 3 };

export function parseRetentionConfig(input: unknown, field = '/retention'): RetentionConfig {
  const v = settings(field, input);
  onlyKeys(field, v, ['newDays', 'highScore', 'potentialMinR']);
  const c = { ...DEFAULT_RETENTION, ...v } as Record<keyof RetentionConfig, unknown>;
  const score = (k: 'highScore' | 'potentialMinR') => {
    const s = wholeNumber(`${field}/${k}`, c[k], 1);
    if (s > 5) throw invalid(`${field}/${k}`, 'a score is 1–5');
    return s;
  };
  return { newDays: wholeNumber(`${field}/newDays`, c.newDays), highScore: score('highScore'), potentialMinR: score('potentialMinR') };
}

export function retentionSegments(
  facts: readonly Pick<CustomerFacts, 'firstPurchaseDate' | 'orders'>[], scores: RfmScores, asOf: string, config: RetentionConfig = DEFAULT_RETENTION,
): RetentionSegment[] {
  const day = dayNumbers();
  const end = day(asOf);
  return facts.map((c, i): RetentionSegment => {
    if (c.orders === 1 && end - day(c.firstPurchaseDate) <= config.newDays) return 'new';
    const r = scores.r[i]!;
    if (r >= config.highScore && scores.f[i]! >= config.highScore && scores.m[i]! >= config.highScore) return 'high_value';
    return r >= config.potentialMinR ? 'potential' : 'dormant';
  });
}

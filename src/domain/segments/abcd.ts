// ABCD value classes: D = no value (no purchase for more than `dormantDays`, or net spend ≤ 0); the
// rest ranked by net spend, A the top 20% of them, B the next 30%, C the remaining half.
import type { CustomerFacts, SegmentCatalog } from './facts.ts';
import { recencyDays } from './facts.ts';
import { topShareTiers } from './ranks.ts';
import { increasing, onlyKeys, settings, wholeNumber } from './checks.ts';

export const ABCD_SEGMENTS = [
  { name: 'A', en: 'A: high value', zh: 'A 高价值' },
  { name: 'B', en: 'B: medium value', zh: 'B 中价值' },
  { name: 'C', en: 'C: low value', zh: 'C 低价值' },
  { name: 'D', en: 'D: no value', zh: 'D 无价值' },
] as const satisfies SegmentCatalog;

export type AbcdSegment = (typeof ABCD_SEGMENTS)[number]['name'];

/** `cumulativeBp`: top shares of the valued customers for A and A+B, in basis points. */
export interface AbcdConfig { dormantDays: number; cumulativeBp: number[] }

export const DEFAULT_ABCD: AbcdConfig = { dormantDays: 365, cumulativeBp: [2000, 5000] };

export function parseAbcdConfig(input: unknown, field = '/abcd'): AbcdConfig {
  const v = settings(field, input);
  onlyKeys(field, v, ['dormantDays', 'cumulativeBp']);
  return {
    dormantDays: wholeNumber(`${field}/dormantDays`, v.dormantDays ?? DEFAULT_ABCD.dormantDays, 1),
    cumulativeBp: increasing(`${field}/cumulativeBp`, v.cumulativeBp ?? DEFAULT_ABCD.cumulativeBp, 2, { min: 1, max: 10000 }),
  };
}

export function abcd(
  facts: readonly Pick<CustomerFacts, 'lastPurchaseDate' | 'netMinor'>[], asOf: string, config: AbcdConfig = DEFAULT_ABCD,
  days: Int32Array = recencyDays(facts, asOf),
): AbcdSegment[] {
  const valued: number[] = [];
  facts.forEach((c, i) => { if (days[i]! <= config.dormantDays && c.netMinor > 0) valued.push(i); });
  const tiers = topShareTiers(valued.map((i) => facts[i]!.netMinor), config.cumulativeBp);
  const out = new Array<AbcdSegment>(facts.length).fill('D');
  valued.forEach((i, k) => { out[i] = ABCD_SEGMENTS[tiers[k]!]!.name; });
  return out;
}

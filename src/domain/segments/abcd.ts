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
  // Plain loops over typed arrays: a million customers.
  const n = facts.length;
  const valued = new Uint32Array(n), spend = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const net = facts[i]!.netMinor;
    if (days[i]! <= config.dormantDays && net > 0) { valued[m] = i; spend[m++] = net; }
  }
  const tiers = topShareTiers(spend.subarray(0, m), config.cumulativeBp);
  const out = new Array<AbcdSegment>(n).fill('D');
  for (let k = 0; k < m; k++) out[valued[k]!] = ABCD_SEGMENTS[tiers[k]!]!.name;
  return out;
}

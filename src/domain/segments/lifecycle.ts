// Lifecycle stage relative to as-of, from the first, last and previous purchase days. First rule that
// matches wins (days are whole days back from as-of; "within N" means ≤ N):
//   new          first purchase within newDays
//   reactivated  last purchase within activeDays, after a gap of more than reactivatedGapDays since the one before
//   active       last purchase within activeDays
//   at_risk      last purchase within atRiskDays
//   dormant      last purchase within dormantDays
//   lost         longer ago
import type { CustomerBehaviour, CustomerFacts, SegmentCatalog } from './facts.ts';
import { dayNumbers } from './facts.ts';
import { onlyKeys, settings, wholeNumber } from './checks.ts';
import { invalid } from '../errors.ts';

export const LIFECYCLE_SEGMENTS = [
  { name: 'new', en: 'New', zh: '新客' },
  { name: 'active', en: 'Active', zh: '活跃' },
  { name: 'reactivated', en: 'Reactivated', zh: '回流' },
  { name: 'at_risk', en: 'At risk', zh: '流失风险' },
  { name: 'dormant', en: 'Dormant', zh: '沉睡' },
  { name: 'lost', en: 'Lost', zh: '流失' },
] as const satisfies SegmentCatalog;

export type LifecycleStage = (typeof LIFECYCLE_SEGMENTS)[number]['name'];

export interface LifecycleConfig { newDays: number; activeDays: number; atRiskDays: number; dormantDays: number; reactivatedGapDays: number }

export const DEFAULT_LIFECYCLE: LifecycleConfig = { newDays: 30, activeDays: 90, atRiskDays: 180, dormantDays: 365, reactivatedGapDays: 180 };

export function parseLifecycleConfig(input: unknown, field = '/lifecycle'): LifecycleConfig {
  const v = settings(field, input);
  const keys = Object.keys(DEFAULT_LIFECYCLE) as (keyof LifecycleConfig)[];
  onlyKeys(field, v, keys);
  const c = Object.fromEntries(keys.map((k) => [k, wholeNumber(`${field}/${k}`, v[k] ?? DEFAULT_LIFECYCLE[k], 1)])) as unknown as LifecycleConfig;
  if (!(c.activeDays < c.atRiskDays && c.atRiskDays < c.dormantDays)) throw invalid(field, 'expected activeDays < atRiskDays < dormantDays');
  return c;
}

/** Each customer's stage; `behaviour` is aligned with `facts` (only the previous purchase day is read). */
export function lifecycleStages(
  facts: readonly Pick<CustomerFacts, 'firstPurchaseDate' | 'lastPurchaseDate'>[], behaviour: readonly Pick<CustomerBehaviour, 'previousPurchaseDate'>[],
  asOf: string, config: LifecycleConfig = DEFAULT_LIFECYCLE,
): LifecycleStage[] {
  return Array.from(lifecycleCodes(facts, behaviour, asOf, config), (k) => LIFECYCLE_SEGMENTS[k]!.name);
}

/** Each customer's stage as its index in LIFECYCLE_SEGMENTS (one byte each, for the tags). */
export function lifecycleCodes(
  facts: readonly Pick<CustomerFacts, 'firstPurchaseDate' | 'lastPurchaseDate'>[], behaviour: readonly Pick<CustomerBehaviour, 'previousPurchaseDate'>[],
  asOf: string, config: LifecycleConfig = DEFAULT_LIFECYCLE,
): Uint8Array {
  const day = dayNumbers();
  const end = day(asOf);
  const [NEW, ACTIVE, REACTIVATED, AT_RISK, DORMANT, LOST] = (['new', 'active', 'reactivated', 'at_risk', 'dormant', 'lost'] as const)
    .map((name) => LIFECYCLE_SEGMENTS.findIndex((s) => s.name === name)) as [number, number, number, number, number, number];
  const out = new Uint8Array(facts.length);
  for (let i = 0; i < facts.length; i++) {
    const c = facts[i]!;
    if (end - day(c.firstPurchaseDate) <= config.newDays) { out[i] = NEW; continue; }
    const last = day(c.lastPurchaseDate);
    const since = end - last;
    if (since <= config.activeDays) {
      const previous = behaviour[i]!.previousPurchaseDate;
      const gap = previous === null ? 0 : last - day(previous);
      out[i] = gap > config.reactivatedGapDays ? REACTIVATED : ACTIVE;
    } else out[i] = since <= config.atRiskDays ? AT_RISK : since <= config.dormantDays ? DORMANT : LOST;
  }
  return out;
}

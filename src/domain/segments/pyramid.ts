// The customer pyramid: platinum / gold / iron / lead by profit contribution. Margin (net spend − cost)
// when cost is known for every order in scope; otherwise net spend, and the result says so.
import type { CustomerFacts, SegmentCatalog } from './facts.ts';
import { topShareTiers } from './ranks.ts';
import { increasing, onlyKeys, settings } from './checks.ts';
import { invalid } from '../errors.ts';

export const PYRAMID_SEGMENTS = [
  { name: 'platinum', en: 'Platinum', zh: '铂金' },
  { name: 'gold', en: 'Gold', zh: '黄金' },
  { name: 'iron', en: 'Iron', zh: '钢铁' },
  { name: 'lead', en: 'Lead', zh: '铅' },
] as const satisfies SegmentCatalog;

export type PyramidSegment = (typeof PYRAMID_SEGMENTS)[number]['name'];

/**
 * `cumulativeBp`: the top shares of customers, cumulative, in basis points: [100, 500, 2000] = top 1%
 * platinum, next 4% gold, next 15% iron, the rest lead. `basis: 'net_spend'` ranks by spend even when
 * cost is known.
 */
export interface PyramidConfig { cumulativeBp: number[]; basis: 'auto' | 'net_spend' }

export const DEFAULT_PYRAMID: PyramidConfig = { cumulativeBp: [100, 500, 2000], basis: 'auto' };

export function parsePyramidConfig(input: unknown, field = '/pyramid'): PyramidConfig {
  const v = settings(field, input);
  onlyKeys(field, v, ['cumulativeBp', 'basis']);
  const basis = v.basis ?? DEFAULT_PYRAMID.basis;
  if (basis !== 'auto' && basis !== 'net_spend') throw invalid(`${field}/basis`, 'expected "auto" or "net_spend"');
  return { cumulativeBp: increasing(`${field}/cumulativeBp`, v.cumulativeBp ?? DEFAULT_PYRAMID.cumulativeBp, 3, { min: 1, max: 10000 }), basis };
}

export interface PyramidResult {
  /** What customers were ranked by. */
  basis: 'margin' | 'net_spend';
  /** Plain-words reason for the basis, shown with the result. */
  note: string;
  segments: PyramidSegment[];
}

/** Profit contribution per customer: margin = net spend − cost. */
export function pyramid(facts: readonly Pick<CustomerFacts, 'netMinor' | 'salesMinor' | 'costMinor' | 'costedSalesMinor'>[], config: PyramidConfig = DEFAULT_PYRAMID): PyramidResult {
  let uncosted = 0, anyCost = false;
  for (const c of facts) {
    if (c.costedSalesMinor !== c.salesMinor) uncosted++;
    if (c.costMinor !== 0) anyCost = true;
  }
  const margin = config.basis === 'auto' && facts.length > 0 && uncosted === 0 && anyCost;
  const note = margin
    ? 'ranked by margin (net spend − cost): cost is known for every order'
    : config.basis === 'net_spend'
      ? 'ranked by net spend, as configured'
      : `ranked by net spend: cost is unknown for some orders of ${uncosted} of ${facts.length} customers, so margin cannot be compared`;
  const values = new Float64Array(facts.length);
  for (let i = 0; i < facts.length; i++) values[i] = margin ? facts[i]!.netMinor - facts[i]!.costMinor : facts[i]!.netMinor;
  const tiers = topShareTiers(values, config.cumulativeBp);
  const segments = new Array<PyramidSegment>(tiers.length);
  for (let i = 0; i < tiers.length; i++) segments[i] = PYRAMID_SEGMENTS[tiers[i]!]!.name;
  return { basis: margin ? 'margin' : 'net_spend', note, segments };
}

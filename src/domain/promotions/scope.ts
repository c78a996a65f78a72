// Who, where, when and which lines: the checks a promotion must pass before its benefit is even
// computed, each failing with a reason a cashier can read.

import { businessDate, DEFAULT_ZONE } from '../time.ts';
import { reason, type Reason } from '../loyalty/reasons.ts';
import type { ItemScope, Promotion, Scope } from './definitions.ts';

/** A cart line as the evaluator works on it: `netMinor` falls as discounts are applied. */
export interface WorkLine {
  lineNo: number;
  sku: string | null;
  category: string | null;
  quantity: number;
  kind: string;
  reward: boolean;
  grossMinor: number;
  netMinor: number;
  /** Touched by an item promotion (for tiers whose discount skips promotion prices). */
  promoted: boolean;
}

export interface PromoMember { id: string; tierCode: string | null; segments: readonly string[] }

/** Uses so far, from the store: all members, this member, and discount given (for the budget). */
export interface PromotionUsage { global: number; member: number; spentMinor: number }

export interface GateContext {
  storeCode: string;
  channel: string;
  member: PromoMember | null;
  now: string;
  zone?: string;
  usage: PromotionUsage;
}

const underPath = (path: string | null, prefixes: readonly string[]) => path !== null && prefixes.some((p) => path === p || path.startsWith(p + '/'));

/** Whether a line matches an item scope: listed SKU or category path; no lists = every line. */
export function matchesItems(line: Pick<WorkLine, 'sku' | 'category'>, s: ItemScope): boolean {
  if (!s.skus && !s.categories) return true;
  return (line.sku !== null && (s.skus?.includes(line.sku) ?? false)) || underPath(line.category, s.categories ?? []);
}

/** Lines a promotion may discount: merchandise, not a reward, money left on it, in scope and not excluded. */
export function inScope(line: WorkLine, s: Scope): boolean {
  if (line.kind !== 'merchandise' || line.reward || line.netMinor <= 0) return false;
  if (line.sku !== null && s.excludeSkus?.includes(line.sku)) return false;
  if (underPath(line.category, s.excludeCategories ?? [])) return false;
  return matchesItems(line, s);
}

/** The first reason the promotion cannot apply to this checkout at all, or null. */
export function gateProblem(p: Promotion, ctx: GateContext): Reason | null {
  const zone = ctx.zone ?? DEFAULT_ZONE;
  if (!p.active) return reason('INACTIVE');
  if (p.validFrom && ctx.now < p.validFrom) return reason('NOT_STARTED', { from: businessDate(p.validFrom, zone) });
  if (p.validTo && ctx.now >= p.validTo) return reason('ENDED', { to: businessDate(p.validTo, zone) });
  if (p.scope.stores && !p.scope.stores.includes(ctx.storeCode)) return reason('STORE_NOT_ELIGIBLE');
  if (p.scope.channels && !p.scope.channels.includes(ctx.channel)) return reason('CHANNEL_NOT_ELIGIBLE');
  const a = p.audience;
  const needsMember = a.membersOnly || a.tiers || a.segments || p.limits.perMember !== null;
  if (needsMember && !ctx.member) return reason('MEMBERS_ONLY');
  if (a.tiers && !a.tiers.includes(ctx.member?.tierCode ?? '')) return reason('TIER_NOT_ELIGIBLE', { tiers: a.tiers.join('/') });
  if (a.segments && !a.segments.some((s) => ctx.member?.segments.includes(s))) return reason('SEGMENT_NOT_ELIGIBLE');
  if (p.limits.global !== null && ctx.usage.global >= p.limits.global) return reason('GLOBAL_LIMIT_REACHED');
  if (p.limits.perMember !== null && ctx.usage.member >= p.limits.perMember) return reason('MEMBER_LIMIT_REACHED', { limit: p.limits.perMember });
  if (p.limits.budgetMinor !== null && ctx.usage.spentMinor >= p.limits.budgetMinor) return reason('BUDGET_EXHAUSTED');
  return null;
}

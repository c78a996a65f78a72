// What each kind of promotion gives on the lines in its scope, computed on the lines' current net
// amounts (after earlier stages). Order-level discounts are spread over lines by largest remainder so
// the line parts sum exactly to the discount and no line goes below zero.

import { allocate, lineAmount } from '../money.ts';
import { reason, type Reason } from '../loyalty/reasons.ts';
import type { Benefit, Promotion } from './definitions.ts';
import { inScope, matchesItems, type WorkLine } from './scope.ts';

export interface BenefitResult {
  ok: true;
  /** Discount per line number (only lines with a non-zero part). */
  perLine: Map<number, number>;
  discountMinor: number;
  gifts: { sku: string; quantity: number }[];
  /** Coupon templates to issue after the order (next-order coupons). */
  issue: string[];
  /** An upsell the cashier can mention ("再买¥50可减¥50"). */
  hint: Reason | null;
}
export type BenefitOutcome = BenefitResult | { ok: false; reason: Reason };

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function result(lines: readonly WorkLine[], parts: readonly number[], extra: Partial<BenefitResult> = {}): BenefitResult {
  const perLine = new Map<number, number>();
  lines.forEach((l, i) => { if (parts[i]) perLine.set(l.lineNo, parts[i]); });
  return { ok: true, perLine, discountMinor: sum(parts), gifts: [], issue: [], hint: null, ...extra };
}

/** Spread `amount` over lines by their net, exactly. */
const spread = (lines: readonly WorkLine[], amount: number) => result(lines, allocate(amount, lines.map((l) => l.netMinor)));

/** Units of whole-quantity lines, cheapest first (ties: earlier line); weighed goods take no part. */
function unitsCheapestFirst(lines: readonly WorkLine[]): WorkLine[] {
  return lines.filter((l) => Number.isInteger(l.quantity) && l.quantity > 0)
    .flatMap((l) => Array.from({ length: l.quantity }, () => l))
    .sort((a, b) => a.netMinor / a.quantity - b.netMinor / b.quantity || a.lineNo - b.lineNo);
}

/** Discount `offBp` of `free` units taken from `units` (cheapest first), per line. */
function freeUnits(lines: readonly WorkLine[], units: readonly WorkLine[], free: number, offBp = 10000): number[] {
  const count = new Map<number, number>();
  for (const u of units.slice(0, free)) count.set(u.lineNo, (count.get(u.lineNo) ?? 0) + 1);
  return lines.map((l) => Math.round((((l.netMinor * (count.get(l.lineNo) ?? 0)) / l.quantity) * offBp) / 10000));
}

/** Compute `p`'s benefit on `lines` (the whole cart; scope is applied here). */
export function computeBenefit(p: Promotion, lines: readonly WorkLine[], currency = 'CNY'): BenefitOutcome {
  const scoped = lines.filter((l) => inScope(l, p.scope));
  if (scoped.length === 0) return { ok: false, reason: reason('NO_ELIGIBLE_ITEMS') };
  const subtotal = sum(scoped.map((l) => l.netMinor));
  const short = (threshold: number) => ({ ok: false as const, reason: reason('SHORT_OF_THRESHOLD', { shortMinor: threshold - subtotal, currency }) });
  const b: Benefit = p.benefit;
  switch (b.kind) {
    case 'amount_off': {
      const reached = b.steps.filter((s) => s.thresholdMinor <= subtotal);
      const step = reached.at(-1);
      if (!step) return short(b.steps[0]!.thresholdMinor);
      const off = b.repeat ? step.offMinor * Math.floor(subtotal / step.thresholdMinor) : step.offMinor;
      const next = b.repeat ? undefined : b.steps[reached.length];
      const hint = next ? reason('SHORT_OF_NEXT_STEP', { shortMinor: next.thresholdMinor - subtotal, offMinor: next.offMinor, currency }) : null;
      return { ...spread(scoped, Math.min(off, subtotal)), hint };
    }
    case 'percent_off': {
      if (subtotal < b.thresholdMinor) return short(b.thresholdMinor);
      const off = Math.round((subtotal * b.offBp) / 10000);
      return spread(scoped, b.maxOffMinor === null ? off : Math.min(off, b.maxOffMinor));
    }
    case 'fixed_price':
      return result(scoped, scoped.map((l) => Math.max(0, l.netMinor - lineAmount(b.priceMinor, l.quantity))));
    case 'free_gift':
      return subtotal < b.thresholdMinor ? short(b.thresholdMinor) : result(scoped, [], { gifts: [{ sku: b.giftSku, quantity: b.quantity }] });
    case 'next_order_coupon':
      return subtotal < b.thresholdMinor ? short(b.thresholdMinor) : result(scoped, [], { issue: [b.templateId] });
    case 'buy_n_get_m': {
      const units = unitsCheapestFirst(scoped);
      const group = b.buy + b.get;
      const free = Math.floor(units.length / group) * b.get;
      if (free === 0) return { ok: false, reason: reason('SHORT_OF_QUANTITY', { count: group - units.length }) };
      return result(scoped, freeUnits(scoped, units, free));
    }
    case 'buy_a_get_b': {
      // A unit that matches both sides counts as bought (A), never as the reward (B).
      const isA = (l: WorkLine) => matchesItems(l, b.buy);
      const aUnits = unitsCheapestFirst(scoped.filter(isA)).length;
      const sets = Math.floor(aUnits / b.buy.quantity);
      if (sets === 0) return { ok: false, reason: reason('SHORT_OF_QUANTITY', { count: b.buy.quantity - aUnits }) };
      const bLines = scoped.filter((l) => !isA(l) && matchesItems(l, b.get));
      const bUnits = unitsCheapestFirst(bLines);
      if (bUnits.length === 0) return { ok: false, reason: reason('REWARD_ITEM_MISSING', { count: b.get.quantity }) };
      return result(bLines, freeUnits(bLines, bUnits, sets * b.get.quantity, b.get.offBp));
    }
  }
}

/** Benefits that give something other than money off may apply with a zero discount. */
export const givesGoodsOrCoupons = (p: Promotion) => p.benefit.kind === 'free_gift' || p.benefit.kind === 'next_order_coupon';

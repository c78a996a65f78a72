// Churn signals, two of them, shown side by side because they answer different questions:
// - model: churn risk = 1 − P(alive) from a fitted BG/NBD (how likely the customer has already dropped out);
// - rule: "formerly frequent and silent for more than k × their usual cycle", the store manager's rule of
//   thumb, with the cycle (median gap between purchase days) and the silence both shown in days.
// And the expected next purchase: the day on which the expected number of purchases since asOf reaches one.
import { invalid } from '../errors.ts';
import { addDays, daysBetween } from '../time.ts';
import { bgnbdConditionalExpected, bgnbdPAlive, type BgNbdParams } from './bgnbd.ts';
import { medianGapDays } from './replenish.ts';
import type { CustomerTriple } from './triples.ts';

/** 1 − P(alive): the BG/NBD probability that the customer has already dropped out, in [0, 1]. */
export function churnRisk(params: BgNbdParams, customer: CustomerTriple): number {
  return 1 - bgnbdPAlive(params, customer);
}

export interface SilenceRuleOptions {
  /** Silence longer than k usual cycles flags the customer (default 2). */
  k?: number;
  /** Fewest distinct purchase days for a customer to count as formerly frequent (default 3: two gaps). */
  minPurchaseDays?: number;
}

export interface SilenceRuleResult {
  /** Median gap between distinct purchase days; null with fewer than two days. */
  usualCycleDays: number | null;
  /** Days from the last purchase to asOf. */
  silentDays: number;
  k: number;
  /** k × usualCycleDays; null without a cycle. */
  thresholdDays: number | null;
  formerlyFrequent: boolean;
  /** Formerly frequent and silentDays > thresholdDays. */
  flagged: boolean;
}

/** The silence rule on a customer's sorted distinct purchase dates (all on or before asOf). */
export function silenceRule(sortedDistinctDates: readonly string[], asOf: string, options: SilenceRuleOptions = {}): SilenceRuleResult {
  const { k = 2, minPurchaseDays = 3 } = options;
  if (!(k > 0)) throw invalid('k', `k must be positive, got ${k}`);
  if (!(Number.isInteger(minPurchaseDays) && minPurchaseDays >= 2)) throw invalid('minPurchaseDays', `minPurchaseDays must be a whole number ≥ 2, got ${minPurchaseDays}`);
  const last = sortedDistinctDates.at(-1);
  if (last === undefined) throw invalid('dates', 'at least one purchase date is needed');
  if (last > asOf) throw invalid('asOf', `asOf ${asOf} is before the last purchase ${last}`);
  const usualCycleDays = medianGapDays(sortedDistinctDates);
  const silentDays = daysBetween(last, asOf);
  const thresholdDays = usualCycleDays === null ? null : k * usualCycleDays;
  const formerlyFrequent = sortedDistinctDates.length >= minPurchaseDays;
  return { usualCycleDays, silentDays, k, thresholdDays, formerlyFrequent, flagged: formerlyFrequent && thresholdDays !== null && silentDays > thresholdDays };
}

/**
 * Time t (model units) at which E[purchases in (T, T + t] | x, t_x, T] reaches `target` (default 1), by
 * bisection to 1e-6 units; null when it stays below target up to `maxTime` (a likely-lapsed customer:
 * under BG/NBD the expectation levels off once dropout is likely, so it may never reach one).
 */
export function timeUntilExpected(
  params: BgNbdParams, customer: CustomerTriple, maxTime: number, target = 1,
): number | null {
  if (!(maxTime > 0)) throw invalid('maxTime', `maxTime must be positive, got ${maxTime}`);
  if (!(target > 0)) throw invalid('target', `target must be positive, got ${target}`);
  if (bgnbdConditionalExpected(params, customer, maxTime) < target) return null;
  let lo = 0;
  let hi = maxTime;
  while (hi - lo > 1e-6 * Math.max(1, hi)) {
    const mid = (lo + hi) / 2;
    if (bgnbdConditionalExpected(params, customer, mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

export interface NextPurchase {
  /** asOf + the time until one purchase is expected (BG/NBD); null without a fit or when not within the horizon. */
  modelDate: string | null;
  /** Last purchase + the customer's usual cycle; null with fewer than two purchase days. */
  cycleDate: string | null;
}

/** Both expected-next-purchase dates for a customer as of a date; `daysPerUnit` converts model time to days. */
export function nextPurchase(
  sortedDistinctDates: readonly string[], asOf: string,
  model: { params: BgNbdParams; customer: CustomerTriple; daysPerUnit: number; horizonDays?: number } | null,
): NextPurchase {
  const cycle = medianGapDays(sortedDistinctDates);
  const last = sortedDistinctDates.at(-1);
  const cycleDate = cycle === null || last === undefined ? null : addDays(last, Math.round(cycle));
  if (!model) return { modelDate: null, cycleDate };
  const { params, customer, daysPerUnit, horizonDays = 365 } = model;
  const t = timeUntilExpected(params, customer, horizonDays / daysPerUnit);
  return { modelDate: t === null ? null : addDays(asOf, Math.ceil(t * daysPerUnit - 1e-6)), cycleDate };
}

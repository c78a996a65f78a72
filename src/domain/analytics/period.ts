// Report periods: inclusive ranges of business dates, and the calendar grains (month, quarter, year)
// that cohort tables and trends are counted in. Dates are 'YYYY-MM-DD' text, months 'YYYY-MM'.
import { invalid } from '../errors.ts';
import { addDays } from '../time.ts';

/** An inclusive range of business dates. */
export interface Period { from: string; to: string }

export const GRAINS = ['month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `value` if it is a real calendar date YYYY-MM-DD, else a VALIDATION error naming `field`. */
export function checkDate(field: string, value: string): string {
  const ms = DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) throw invalid(field, `${field} must be a date YYYY-MM-DD, got '${value}'`);
  return value;
}

/** A whole number of days within [min, max], else a VALIDATION error naming `field`. */
export function checkDays(field: string, value: number, min = 1, max = 3660): number {
  if (!Number.isInteger(value) || value < min || value > max) throw invalid(field, `${field} must be a whole number of days from ${min} to ${max}`);
  return value;
}

/** Check both ends and their order. */
export function checkPeriod(p: Period): Period {
  checkDate('from', p.from);
  checkDate('to', p.to);
  if (p.from > p.to) throw invalid('to', `to (${p.to}) is before from (${p.from})`);
  return p;
}

/** Sequential number of the month, quarter or year holding a date or month: consecutive periods differ by 1. */
export function periodIndex(dateOrMonth: string, grain: Grain): number {
  const y = Number(dateOrMonth.slice(0, 4));
  const m = Number(dateOrMonth.slice(5, 7));
  if (grain === 'year') return y;
  if (grain === 'quarter') return y * 4 + Math.floor((m - 1) / 3);
  return y * 12 + (m - 1);
}

/** The label of a period index: '2011-03', '2011-Q1', '2011'. */
export function periodLabel(index: number, grain: Grain): string {
  if (grain === 'year') return String(index);
  if (grain === 'quarter') return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** First and last date of a period index. */
export function periodBounds(index: number, grain: Grain): Period {
  const months = grain === 'year' ? 12 : grain === 'quarter' ? 3 : 1;
  const firstMonth = grain === 'year' ? index * 12 : grain === 'quarter' ? index * 3 : index;
  return { from: `${periodLabel(firstMonth, 'month')}-01`, to: addDays(`${periodLabel(firstMonth + months, 'month')}-01`, -1) };
}

/** The months a period touches, each cut to the period: [{ month, from, to }]. */
export function monthsOf(p: Period): { month: string; from: string; to: string }[] {
  const out: { month: string; from: string; to: string }[] = [];
  for (let i = periodIndex(p.from, 'month'); i <= periodIndex(p.to, 'month'); i++) {
    const m = periodBounds(i, 'month');
    out.push({ month: periodLabel(i, 'month'), from: m.from < p.from ? p.from : m.from, to: m.to > p.to ? p.to : m.to });
  }
  return out;
}

/** a ÷ b, or null when b is 0 (a rate of nobody is unknown, not zero). */
export const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

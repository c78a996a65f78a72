// The retail calendar of the demo chain: weekday rhythm, 春节 (Spring Festival), 618, 双11, golden
// week and summer, as multipliers on a format's normal traffic, plus opening-hour patterns.
import { daysBetween } from '../time.ts';
import type { DemoFormat } from './profiles.ts';

// Spring Festival dates (official, Beijing time). ICU's astronomical calendar is off by one day in
// 2027 and 2030, so the dates are listed rather than computed.
const SPRING_FESTIVAL: Record<number, string> = {
  2000: '02-05', 2001: '01-24', 2002: '02-12', 2003: '02-01', 2004: '01-22', 2005: '02-09', 2006: '01-29',
  2007: '02-18', 2008: '02-07', 2009: '01-26', 2010: '02-14', 2011: '02-03', 2012: '01-23', 2013: '02-10',
  2014: '01-31', 2015: '02-19', 2016: '02-08', 2017: '01-28', 2018: '02-16', 2019: '02-05', 2020: '01-25',
  2021: '02-12', 2022: '02-01', 2023: '01-22', 2024: '02-10', 2025: '01-29', 2026: '02-17', 2027: '02-06',
  2028: '01-26', 2029: '02-13', 2030: '02-03', 2031: '01-23', 2032: '02-11', 2033: '01-31', 2034: '02-19',
  2035: '02-08', 2036: '01-28', 2037: '02-15', 2038: '02-04', 2039: '01-24', 2040: '02-12',
};

/** The business date of 春节 (first day of the lunar year) for `year`, undefined outside 2000–2040. */
export function springFestival(year: number): string | undefined {
  const md = SPRING_FESTIVAL[year];
  return md === undefined ? undefined : `${year}-${md}`;
}

export interface DayInfo {
  date: string;
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  dow: number;
  /** Day of year, 1-based. */
  doy: number;
  /** Days from the nearest Spring Festival (negative before it), null when unknown. */
  cnyOffset: number | null;
}

export function dayInfo(date: string): DayInfo {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const ms = Date.UTC(year, month - 1, day);
  const dow = new Date(ms).getUTCDay();
  const doy = Math.round((ms - Date.UTC(year, 0, 1)) / 86400000) + 1;
  let cnyOffset: number | null = null;
  for (const y of [year, year + 1]) {
    const sf = springFestival(y);
    if (sf === undefined) continue;
    const off = daysBetween(sf, date);
    if (cnyOffset === null || Math.abs(off) < Math.abs(cnyOffset)) cnyOffset = off;
  }
  return { date, year, month, day, dow, doy, cnyOffset };
}

const between = (x: number | null, lo: number, hi: number): boolean => x !== null && x >= lo && x <= hi;

export type PromoPeriod = '618' | 'double11' | 'new-year-goods' | null;

/** The chain-wide campaign running on a day, if any. */
export function promoPeriod(d: DayInfo): PromoPeriod {
  if (d.month === 6 && d.day <= 18) return '618';
  if (d.month === 11 && d.day <= 11) return 'double11';
  if (between(d.cnyOffset, -20, -1)) return 'new-year-goods';
  return null;
}

const WEEKDAY: Record<DemoFormat, readonly number[]> = {
  clothing: [1.45, 0.8, 0.8, 0.85, 0.9, 1.1, 1.6],
  tea: [1.3, 0.9, 0.9, 0.95, 0.95, 1.1, 1.35],
  supermarket: [1.3, 0.9, 0.9, 0.95, 0.95, 1.05, 1.35],
};

const CLOTHING_MONTH = [1.0, 0.9, 1.0, 1.05, 1.0, 1.0, 0.85, 0.85, 1.0, 1.1, 1.1, 1.15];

/** Traffic multiplier for a format on a day (≈1 on an ordinary weekday-weighted day). */
export function seasonFactor(format: DemoFormat, d: DayInfo): number {
  let f = WEEKDAY[format][d.dow]!;
  const golden = d.month === 10 && d.day <= 7;
  const cny = d.cnyOffset;
  if (format === 'clothing') {
    f *= CLOTHING_MONTH[d.month - 1]!;
    if (d.month === 6 && d.day <= 15) f *= 1.3;
    if (d.month === 6 && d.day >= 16 && d.day <= 18) f *= 2.2;
    if (d.month === 11 && d.day <= 9) f *= 1.5;
    if (d.month === 11 && (d.day === 10 || d.day === 11)) f *= 3;
    if (d.month === 11 && (d.day === 12 || d.day === 13)) f *= 1.3;
    if (d.month === 12 && d.day >= 20) f *= 1.2;
    if (golden) f *= 1.5;
    // New clothes for the new year, then the shops go quiet over the holiday.
    if (between(cny, -20, -3)) f *= 1.35;
    else if (between(cny, -2, 4)) f *= 0.35;
    else if (between(cny, 5, 8)) f *= 0.8;
  } else if (format === 'tea') {
    f *= 1 + 0.3 * Math.cos((2 * Math.PI * (d.doy - 205)) / 365);
    if (golden) f *= 1.5;
    if (d.month === 5 && d.day === 20) f *= 1.5;
    if (d.month === 12 && (d.day === 24 || d.day === 25)) f *= 1.3;
    if (between(cny, -10, -2)) f *= 1.1;
    else if (between(cny, -1, 6)) f *= 0.45;
  } else {
    f *= 1 + 0.05 * Math.cos((2 * Math.PI * (d.doy - 205)) / 365);
    if (golden) f *= 1.15;
    if (d.month === 11 && d.day <= 11) f *= 1.1;
    // 年货: shoppers stock up in the fortnight before the festival.
    if (cny !== null && cny >= -14 && cny <= -1) f *= 1.3 + (0.7 * (cny + 14)) / 13;
    else if (between(cny, 0, 5)) f *= 0.5;
    else if (between(cny, 6, 8)) f *= 0.85;
  }
  return f;
}

/** Relative weight of each local hour (0–23) for in-store orders; zero outside opening hours. */
export const HOUR_WEIGHTS: Record<DemoFormat, readonly number[]> = {
  clothing: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0.8, 0.9, 1, 1.3, 1.4, 1.3, 1, 1, 1.4, 1.4, 0.9, 0, 0],
  tea: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.6, 1, 1.5, 1.4, 1.2, 1.5, 1.4, 1.1, 1, 1.3, 1.3, 1, 0.5, 0],
  supermarket: [0, 0, 0, 0, 0, 0, 0, 0.5, 1, 1.2, 1.1, 0.9, 0.6, 0.5, 0.5, 0.6, 0.9, 1.4, 1.6, 1.3, 1, 0.6, 0, 0],
};

/** Hours of orders placed online or in the mini-app: all day, late-evening peak. */
export const ONLINE_HOUR_WEIGHTS: readonly number[] =
  [0.5, 0.3, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 0.8, 0.9, 1, 1.1, 1, 0.9, 0.9, 0.9, 1, 1.1, 1.3, 1.5, 1.6, 1.5, 1];

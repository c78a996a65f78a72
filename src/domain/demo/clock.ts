// Day-indexed local time for the simulation: day 0 is the first business date of the history, and a
// moment is (day, second of the local day) in the store's zone, turned into a UTC instant here.
import { addDays, wallTimeToUtc } from '../time.ts';
import { dayInfo, type DayInfo } from './calendar.ts';

export interface DemoClock {
  zone: string;
  /** Business date of day index `day` (negative before the history starts). */
  date(day: number): string;
  info(day: number): DayInfo;
  /** UTC epoch ms of local wall time `second` (0–86399) on day `day`. */
  utcMs(day: number, second: number): number;
}

export function createClock(firstDate: string, zone: string): DemoClock {
  const infos = new Map<number, DayInfo>();
  const hours = new Map<number, number>();
  const info = (day: number): DayInfo => {
    let i = infos.get(day);
    if (!i) {
      i = dayInfo(addDays(firstDate, day));
      infos.set(day, i);
    }
    return i;
  };
  return {
    zone,
    date: (day) => info(day).date,
    info,
    utcMs(day, second) {
      const hour = Math.floor(second / 3600);
      const key = day * 24 + hour;
      let base = hours.get(key);
      if (base === undefined) {
        const d = info(day);
        // Whole hours are converted once; minutes and seconds within an hour never cross a zone change.
        base = wallTimeToUtc(d.year, d.month, d.day, hour, 0, 0, zone);
        hours.set(key, base);
      }
      return base + (second - hour * 3600) * 1000;
    },
  };
}

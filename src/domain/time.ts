// Time: instants are stored in UTC as ISO-8601 strings ("2010-12-01T08:26:00.000Z", sortable as text);
// business dates are "YYYY-MM-DD" in the store's IANA zone. Nothing here reads the clock.

export const DEFAULT_ZONE = 'Asia/Shanghai';

const partsCache = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = partsCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    partsCache.set(zone, f);
  }
  return f;
}

/** True when `zone` is an IANA zone this runtime knows. */
export function isValidZone(zone: string): boolean {
  try { formatter(zone); return true; } catch { return false; }
}

const offsets = new Map<string, number>();
const MINUTE_MS = 60_000;

/**
 * Offset of `zone` from UTC at instant `ms`, in minutes (Asia/Shanghai → 480). Intl is slow (tens of
 * µs a call) and offsets change on whole minutes (since local mean time ended), so each minute is asked once.
 */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  const key = `${zone}|${Math.floor(ms / MINUTE_MS)}`;
  let v = offsets.get(key);
  if (v === undefined) {
    v = offsetFromIntl(ms, zone);
    if (offsets.size >= 10_000) offsets.clear();
    offsets.set(key, v);
  }
  return v;
}

function offsetFromIntl(ms: number, zone: string): number {
  const p: Record<string, number> = {};
  for (const { type, value } of formatter(zone).formatToParts(new Date(ms))) {
    if (type !== 'literal') p[type] = Number(value);
  }
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/** The business date (YYYY-MM-DD) of an instant in a zone. */
export function businessDate(instant: string | number, zone: string): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return new Date(ms + zoneOffsetMinutes(ms, zone) * 60000).toISOString().slice(0, 10);
}

/** The month (YYYY-MM) of a business date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/**
 * Convert a wall-clock time in `zone` to a UTC epoch ms. For times skipped by a DST jump the later
 * offset is used; for repeated times the earlier instant (as most POS systems record).
 */
export function wallTimeToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const off1 = zoneOffsetMinutes(guess, zone);
  const t1 = guess - off1 * 60000;
  const off2 = zoneOffsetMinutes(t1, zone);
  return off1 === off2 ? t1 : guess - Math.max(off1, off2) * 60000;
}

const DATE_TIME = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:時时](\d{1,2})(?:[:分](\d{1,2})(?:\.\d+)?)?秒?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

export type DateOrder = 'ymd' | 'mdy' | 'dmy';

/**
 * Parse a local date-time string from a POS export into a UTC ISO instant, reading it in `zone`
 * unless it carries its own offset. Accepts 2024-03-05 14:30[:00], 2024/3/5, 2024年3月5日 14:30,
 * ISO with Z/offset, and slash dates in M/D/Y or D/M/Y order (`order`). Returns null if unparseable.
 */
export function parseLocalDateTime(text: string, zone: string, order: DateOrder = 'ymd'): string | null {
  const t = text.trim();
  let y: number, mo: number, d: number, h = 0, mi = 0, s = 0;
  let offset: string | undefined;
  const m = DATE_TIME.exec(t);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    h = Number(m[4] ?? 0); mi = Number(m[5] ?? 0); s = Number(m[6] ?? 0); offset = m[7];
  } else {
    const n = DMY.exec(t);
    if (!n) return null;
    const [a, b] = [Number(n[1]), Number(n[2])];
    [mo, d] = order === 'dmy' ? [b, a] : [a, b];
    y = Number(n[3]); h = Number(n[4] ?? 0); mi = Number(n[5] ?? 0); s = Number(n[6] ?? 0);
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1) return null;
  let ms: number;
  if (offset) {
    const sign = offset === 'Z' ? 0 : offset.startsWith('-') ? -1 : 1;
    const digits = offset.replace(/[^0-9]/g, '');
    const offMin = sign === 0 ? 0 : sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
    ms = Date.UTC(y, mo - 1, d, h, mi, s) - offMin * 60000;
  } else {
    ms = wallTimeToUtc(y, mo, d, h, mi, s, zone);
  }
  return new Date(ms).toISOString();
}

/** Whole days from business date `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
}

/** Add days to a business date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
}

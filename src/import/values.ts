// Reading single cell values the way POS exports write them: ids exported as floats ("17850.0"),
// compact dates ("20240305"), yes/no in Chinese and English, return markers.
import { parseMinor } from '../domain/money.ts';
import { businessDate, parseLocalDateTime, zoneOffsetMinutes, type DateOrder } from '../domain/time.ts';

/** "17850.0" → "17850" (ids written by a spreadsheet or Spark as floats); trims. */
export function cleanId(text: string): string {
  const t = text.trim();
  return t.charCodeAt(t.length - 1) === 48 && /^\d+\.0+$/.test(t) ? t.slice(0, t.indexOf('.')) : t;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A quantity ("6", "-12", "0.35", "1,200"); null when not a number. */
export function parseQuantity(text: string): number | null {
  // Fast path: a plain integer such as "6" or "-12".
  const n = text.length;
  if (n > 0 && n < 10) {
    let i = text.charCodeAt(0) === 45 ? 1 : 0;
    let v = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (i === n && n > (text.charCodeAt(0) === 45 ? 1 : 0)) return text.charCodeAt(0) === 45 ? -v : v;
  }
  const t = text.includes(',') ? text.trim().replace(/,/g, '') : text.trim();
  return NUMBER.test(t) ? Number(t) : null;
}

/**
 * parseMinor (domain/money.ts) with a fast path for the plain amounts that make up nearly every
 * line ("3", "2.55", "-11.5"); anything else goes to parseMinor, so results are always the same.
 */
export function parseMoney(text: string, digits = 2): number | null {
  const n = text.length;
  if (n === 0 || n > 12) return parseMinor(text, digits);
  let i = 0;
  const neg = text.charCodeAt(0) === 45;
  if (neg) i = 1;
  const start = i;
  let whole = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
  }
  if (i === start) return parseMinor(text, digits);
  let frac = 0;
  let fd = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46) return parseMinor(text, digits);
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9 || fd === digits) return parseMinor(text, digits);
      frac = frac * 10 + c;
      fd++;
    }
  }
  const v = whole * 10 ** digits + frac * 10 ** (digits - fd);
  return neg && v !== 0 ? -v : v;
}

const RETURN_WORDS = new Set(['退货', '退', '退款', '退单', '销售退货', '退货单', 'return', 'returned', 'returns', 'refund', 'refunded', 'r', 'rt', 'ret']);

/** Whether a type/return column marks a return: 退货, return, refund, R, or a true-ish flag. */
export function isReturnMarker(text: string): boolean {
  const t = text.trim().toLowerCase();
  return RETURN_WORDS.has(t) || parseYesNo(t) === true;
}

const YES = new Set(['y', 'yes', 'true', '1', '是', '同意', '已同意', '订阅', '已订阅', '接收', '允许', 'on', 'ok', '√', 'opt-in', 'optin']);
const NO = new Set(['n', 'no', 'false', '0', '否', '不同意', '拒绝', '退订', '已退订', '不接收', '不允许', 'off', '×', 'opt-out', 'optout']);

/** Y/N, 是/否, true/false, 1/0, 同意/拒绝 …; null when empty or unknown. */
export function parseYesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

/**
 * "20240305", "20240305143000" and Excel serial days ("45356.6042", from a sheet whose date column
 * lost its date format) → text parseLocalDateTime accepts; others unchanged.
 */
function expandCompactDate(t: string): string {
  if (/^\d{8}$/.test(t)) return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`;
  if (/^[2-7]\d{4}(\.\d+)?$/.test(t)) {
    const iso = new Date(Math.round((Date.UTC(1899, 11, 30) + Number(t) * 86400000) / 1000) * 1000).toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  const m = /^(\d{4})(\d{2})(\d{2})[ T]?(\d{2})(\d{2})(\d{2})$/.exec(t);
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : t;
}

export interface DateReader {
  /** A local date-time in the file's zone → UTC instant and business date; null when unparseable. */
  read(text: string): { placedAt: string; businessDate: string } | null;
}

type When = { placedAt: string; businessDate: string } | null;
const PLAIN = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A date reader for one file. Zone look-ups cost microseconds, so it remembers the UTC start of
 * each day whose offset does not change near it (days around a DST change take the exact, slower
 * path, cached per text), and repeats the last answer for the next line of the same receipt.
 */
export function dateReader(zone: string, order: DateOrder): DateReader {
  const days = new Map<string, number | null>();
  let texts = new Map<string, When>();
  let lastText = '';
  let last: When = null;
  /**
   * UTC ms of the day's wall-clock midnight when the zone's offset is the same from 15 h before to
   * 15 h after the day (then every wall time of the day maps 1:1, as wallTimeToUtc would); else null.
   */
  const dayStart = (date: string, y: number, mo: number, d: number): number | null => {
    let day = days.get(date);
    if (day !== undefined) return day;
    const wall = Date.UTC(y, mo - 1, d);
    const off = zoneOffsetMinutes(wall - 15 * 3600000, zone);
    day = zoneOffsetMinutes(wall + 39 * 3600000, zone) === off ? wall - off * 60000 : null;
    if (days.size >= 100000) days.clear();
    days.set(date, day);
    return day;
  };
  const slow = (text: string): When => {
    const hit = texts.get(text);
    if (hit !== undefined) return hit;
    const placedAt = parseLocalDateTime(expandCompactDate(text.trim()), zone, order);
    const value = placedAt === null ? null : { placedAt, businessDate: businessDate(placedAt, zone) };
    if (texts.size >= 20000) texts = new Map();
    texts.set(text, value);
    return value;
  };
  return {
    read(text) {
      if (text === lastText) return last;
      let value: When = null;
      const m = PLAIN.exec(text);
      if (m) {
        const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
        const h = m[4] === undefined ? 0 : Number(m[4]);
        const mi = m[5] === undefined ? 0 : Number(m[5]);
        const sec = m[6] === undefined ? 0 : Number(m[6]);
        const valid = mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && sec <= 59 &&
          new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
        const base = valid ? dayStart(text.slice(0, 10), y, mo, d) : null;
        value = !valid ? null : base === null ? slow(text)
          : { placedAt: new Date(base + ((h * 60 + mi) * 60 + sec) * 1000).toISOString(), businessDate: text.slice(0, 10) };
      } else value = slow(text);
      lastText = text;
      last = value;
      return value;
    },
  };
}

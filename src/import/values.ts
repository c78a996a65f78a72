// Reading single cell values the way POS exports write them: ids exported as floats ("17850.0"),
// compact dates ("20240305"), yes/no in Chinese and English, return markers.
import { businessDate, parseLocalDateTime, type DateOrder } from '../domain/time.ts';

/** "17850.0" → "17850" (ids written by a spreadsheet or Spark as floats); trims. */
export function cleanId(text: string): string {
  const t = text.trim();
  return /^\d+\.0+$/.test(t) ? t.slice(0, t.indexOf('.')) : t;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A quantity ("6", "-12", "0.35", "1,200"); null when not a number. */
export function parseQuantity(text: string): number | null {
  const t = text.trim().replace(/,/g, '');
  return NUMBER.test(t) ? Number(t) : null;
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

/** "20240305" and "20240305143000" → ISO-like text parseLocalDateTime accepts; others unchanged. */
function expandCompactDate(t: string): string {
  if (/^\d{8}$/.test(t)) return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`;
  const m = /^(\d{4})(\d{2})(\d{2})[ T]?(\d{2})(\d{2})(\d{2})$/.exec(t);
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : t;
}

export interface DateReader {
  /** A local date-time in the file's zone → UTC instant and business date; null when unparseable. */
  read(text: string): { placedAt: string; businessDate: string } | null;
}

/**
 * A date reader that remembers recent answers: POS exports repeat the same timestamp on every line
 * of a receipt, and the zone lookup costs microseconds.
 */
export function dateReader(zone: string, order: DateOrder, cacheSize = 20000): DateReader {
  let cache = new Map<string, { placedAt: string; businessDate: string } | null>();
  return {
    read(text) {
      const hit = cache.get(text);
      if (hit !== undefined) return hit;
      const t = expandCompactDate(text.trim());
      const placedAt = parseLocalDateTime(t, zone, order);
      const value = placedAt === null ? null : { placedAt, businessDate: businessDate(placedAt, zone) };
      if (cache.size >= cacheSize) cache = new Map();
      cache.set(text, value);
      return value;
    },
  };
}

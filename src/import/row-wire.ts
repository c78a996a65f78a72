// Order rows cross from the parsing worker to the main thread in a columnar form. Structured clone
// of plain row objects costs the main thread ~2 µs a row (2 s for 1M lines, the whole budget);
// this form — numbers in a Float64Array, strings in one table where a value equal to the previous
// row's is stored once (a receipt repeats its order key, customer and time on every line), raw
// lines in one string — costs a fraction of that.
import type { ImportRow, RowIssue, RowResult } from './rows.ts';

const STR = ['orderKey', 'memberNo', 'phone', 'storeCode', 'placedAt', 'businessDate', 'channel', 'sku', 'name', 'category', 'kind'] as const;
const NUM = ['lineNo', 'isReturn', 'quantity', 'unitPriceMinor', 'grossMinor', 'discountMinor', 'costMinor'] as const;

export interface RowWire {
  n: number;
  /** The distinct strings of the batch, concatenated; `ends[k]` is where string k ends. */
  strings: string;
  ends: Uint32Array;
  /** STR.length string-table indices per row; -1 is null. */
  refs: Int32Array;
  /** NUM.length numbers per row; NaN is null. */
  nums: Float64Array;
  raws: string;
  rawEnds: Uint32Array;
  /** Rejected lines, by position in the batch. */
  issues: [number, RowIssue][];
}

export function encodeRows(results: readonly RowResult[]): { wire: RowWire; transfer: ArrayBuffer[] } {
  const n = results.length;
  const prev: (string | null)[] = new Array<string | null>(STR.length).fill(null);
  const prevId = new Int32Array(STR.length).fill(-1);
  const parts: string[] = [];
  const ends: number[] = [];
  let length = 0;
  const refs = new Int32Array(n * STR.length);
  const nums = new Float64Array(n * NUM.length);
  const raws: string[] = [];
  const rawEnds = new Uint32Array(n);
  let rawLength = 0;
  const issues: [number, RowIssue][] = [];
  // Lines of one receipt repeat key, customer, time and store: reuse the previous row's string.
  const put = (k: number, s: string | null): number => {
    if (s === null) return -1;
    if (s !== prev[k]) {
      prev[k] = s;
      prevId[k] = parts.length;
      parts.push(s);
      length += s.length;
      ends.push(length);
    }
    return prevId[k]!;
  };
  for (let i = 0; i < n; i++) {
    const r = results[i]!;
    if (!r.ok) {
      issues.push([i, r.issue]);
      rawEnds[i] = rawLength;
      continue;
    }
    const row = r.row;
    // Unrolled: a loop over the field names would make every property read megamorphic.
    const base = i * STR.length;
    refs[base] = put(0, row.orderKey);
    refs[base + 1] = put(1, row.memberNo);
    refs[base + 2] = put(2, row.phone);
    refs[base + 3] = put(3, row.storeCode);
    refs[base + 4] = put(4, row.placedAt);
    refs[base + 5] = put(5, row.businessDate);
    refs[base + 6] = put(6, row.channel);
    refs[base + 7] = put(7, row.sku);
    refs[base + 8] = put(8, row.name);
    refs[base + 9] = put(9, row.category);
    refs[base + 10] = put(10, row.kind);
    const o = i * NUM.length;
    nums[o] = row.lineNo;
    nums[o + 1] = row.isReturn ? 1 : 0;
    nums[o + 2] = row.quantity;
    nums[o + 3] = row.unitPriceMinor;
    nums[o + 4] = row.grossMinor;
    nums[o + 5] = row.discountMinor;
    nums[o + 6] = row.costMinor ?? NaN;
    raws.push(row.raw);
    rawLength += row.raw.length;
    rawEnds[i] = rawLength;
  }
  const endsArr = Uint32Array.from(ends);
  const wire: RowWire = { n, strings: parts.join(''), ends: endsArr, refs, nums, raws: raws.join(''), rawEnds, issues };
  return { wire, transfer: [endsArr.buffer, refs.buffer, nums.buffer, rawEnds.buffer] };
}

export function decodeRows(w: RowWire): RowResult[] {
  const table = new Array<string>(w.ends.length);
  for (let k = 0, start = 0; k < w.ends.length; k++) {
    table[k] = w.strings.slice(start, w.ends[k]);
    start = w.ends[k]!;
  }
  const str = (i: number, k: number): string | null => {
    const id = w.refs[i * STR.length + k]!;
    return id === -1 ? null : table[id]!;
  };
  const out = new Array<RowResult>(w.n);
  for (const [i, issue] of w.issues) out[i] = { ok: false, issue };
  for (let i = 0; i < w.n; i++) {
    if (out[i] !== undefined) continue;
    const rawStart = i === 0 ? 0 : w.rawEnds[i - 1]!;
    const o = i * NUM.length;
    const cost = w.nums[o + 6]!;
    const row: ImportRow = {
      lineNo: w.nums[o]!, raw: w.raws.slice(rawStart, w.rawEnds[i]), orderKey: str(i, 0)!, isReturn: w.nums[o + 1] === 1,
      memberNo: str(i, 1), phone: str(i, 2), storeCode: str(i, 3), placedAt: str(i, 4)!, businessDate: str(i, 5)!,
      channel: str(i, 6), sku: str(i, 7), name: str(i, 8), category: str(i, 9),
      quantity: w.nums[o + 2]!, unitPriceMinor: w.nums[o + 3]!, grossMinor: w.nums[o + 4]!, discountMinor: w.nums[o + 5]!,
      costMinor: Number.isNaN(cost) ? null : cost, kind: str(i, 10) as ImportRow['kind'],
    };
    out[i] = { ok: true, row };
  }
  return out;
}

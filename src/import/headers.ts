// Which column holds which field: recognised from the header names (Chinese or English, any case,
// spaces and underscores ignored) or named by the user with `--map field=column,…`.
import { AppError } from '../domain/errors.ts';
import {
  CUSTOMER_FIELDS, CUSTOMER_SYNONYMS, ORDER_FIELDS, ORDER_PATTERNS, ORDER_SYNONYMS, PRODUCT_FIELDS, PRODUCT_SYNONYMS,
} from './header-synonyms.ts';

export type ImportKind = 'orders' | 'customers' | 'products';

/** Field name → 0-based column index, for the fields that were found. */
export type ColumnIndex = Partial<Record<string, number>>;

export interface ColumnReport {
  kind: ImportKind;
  headers: string[];
  /** Field name → 0-based column index. */
  fields: ColumnIndex;
  /** Field name → the header it was read from, for display. */
  found: Record<string, string>;
  /** Required fields (or alternatives, "unitPrice|amount") that no column provides. */
  missing: string[];
  /** Headers not used (for customers they become attributes). */
  ignored: string[];
}

export const KIND_FIELDS: Record<ImportKind, readonly string[]> = { orders: ORDER_FIELDS, customers: CUSTOMER_FIELDS, products: PRODUCT_FIELDS };
const KIND_SYNONYMS: Record<ImportKind, Record<string, string[]>> = {
  orders: ORDER_SYNONYMS, customers: CUSTOMER_SYNONYMS, products: PRODUCT_SYNONYMS,
};
/** Each entry is satisfied by any one of its fields. */
const REQUIRED: Record<ImportKind, string[][]> = {
  orders: [['placedAt'], ['unitPrice', 'amount']],
  customers: [['memberNo', 'phone']],
  products: [['sku']],
};

/** "Customer ID" → "customerid"; "单价（元）" → "单价"; "*手机号" → "手机号". */
export function normalizeHeader(header: string): string {
  return header.normalize('NFKC').toLowerCase()
    .replace(/[([【].*?[)\]】]/g, '')
    .replace(/[\s_\-.:/#*'"]/g, '');
}

/** Parse `--map "orderId=单号,customer=会员卡号"` into field → column name, checking the field names. */
export function parseMapOption(text: string, kind: ImportKind): Record<string, string> {
  const map: Record<string, string> = {};
  const valid = KIND_FIELDS[kind];
  for (const part of text.split(',')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    const field = eq === -1 ? '' : part.slice(0, eq).trim();
    const column = eq === -1 ? '' : part.slice(eq + 1).trim();
    if (!field || !column) throw new AppError('VALIDATION', `--map expects field=column, got "${part.trim()}"`, { field: 'map' });
    const canonical = valid.find((f) => f.toLowerCase() === field.toLowerCase());
    if (!canonical) {
      throw new AppError('VALIDATION', `unknown ${kind} field "${field}" in --map; fields are: ${valid.join(', ')}`, { field: 'map' });
    }
    map[canonical] = column;
  }
  return map;
}

function matchField(kind: ImportKind, norm: string): { field: string; rank: number } | null {
  const synonyms = KIND_SYNONYMS[kind];
  for (const field of KIND_FIELDS[kind]) {
    const rank = synonyms[field]!.indexOf(norm);
    if (rank !== -1) return { field, rank };
  }
  if (kind === 'orders') {
    for (const [re, field] of ORDER_PATTERNS) if (re.test(norm)) return { field, rank: 1000 };
  }
  return null;
}

/** Recognise the columns of a header row; `map` (from --map) names columns explicitly and wins. */
export function detectColumns(kind: ImportKind, headers: readonly string[], map: Record<string, string> = {}): ColumnReport {
  const fields: ColumnIndex = {};
  const found: Record<string, string> = {};
  const used = new Set<number>();
  const trimmed = headers.map((h) => h.trim());
  for (const [field, column] of Object.entries(map)) {
    let idx = trimmed.indexOf(column.trim());
    if (idx === -1) idx = trimmed.findIndex((h) => normalizeHeader(h) === normalizeHeader(column));
    if (idx === -1) {
      throw new AppError('VALIDATION', `--map ${field}=${column}: no column "${column}"; headers seen: ${trimmed.join(', ')}`, { field: 'map' });
    }
    fields[field] = idx;
    found[field] = trimmed[idx]!;
    used.add(idx);
  }
  const best = new Map<string, { idx: number; rank: number }>();
  trimmed.forEach((h, idx) => {
    if (used.has(idx)) return;
    const m = matchField(kind, normalizeHeader(h));
    if (!m || fields[m.field] !== undefined) return;
    const prev = best.get(m.field);
    if (!prev || m.rank < prev.rank) best.set(m.field, { idx, rank: m.rank });
  });
  for (const [field, { idx }] of best) {
    fields[field] = idx;
    found[field] = trimmed[idx]!;
    used.add(idx);
  }
  // A lone "time" column is the date-time itself.
  if (fields.placedAt === undefined && fields.placedTime !== undefined && kind === 'orders') {
    fields.placedAt = fields.placedTime;
    found.placedAt = found.placedTime!;
    delete fields.placedTime;
    delete found.placedTime;
  }
  const missing = REQUIRED[kind].filter((alts) => alts.every((f) => fields[f] === undefined)).map((alts) => alts.join('|'));
  const ignored = trimmed.filter((h, idx) => !used.has(idx) && h !== '');
  return { kind, headers: trimmed, fields, found, missing, ignored };
}

/** Throw a VALIDATION error naming the missing fields, a few header names that would work, and the headers seen. */
export function assertColumns(report: ColumnReport): void {
  if (report.missing.length === 0) return;
  const synonyms = KIND_SYNONYMS[report.kind];
  const wanted = report.missing.map((alts) => {
    const names = alts.split('|').map((f) => {
      const list = synonyms[f]!;
      const examples = [...list.filter((s) => !/^[a-z]/.test(s)).slice(0, 2), ...list.filter((s) => /^[a-z]/.test(s)).slice(0, 2)];
      return `${f} (e.g. ${examples.join(', ')})`;
    });
    return names.join(' or ');
  });
  throw new AppError('VALIDATION',
    `missing ${report.kind} columns: ${wanted.join('; ')}. Headers seen: ${report.headers.join(', ')}. ` +
    'Name them with --map field=column.', { field: 'columns', details: { missing: report.missing, headers: report.headers } });
}

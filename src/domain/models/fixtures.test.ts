// Test-only loaders for the shared reference datasets (see ../shared/datasets/*/README.md). This file holds
// no tests; it is named *.test.ts because only test files beside domain code may read files.
// Each loader returns null when the file is missing, and `missing` names the path for t.skip().
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const DATASETS_DIR = process.env.REGULARS_DATASETS ?? resolve(import.meta.dirname, '../../../../shared/datasets');

/** The absolute path of a dataset file, relative to the datasets folder. */
export const datasetPath = (relative: string): string => join(DATASETS_DIR, relative);

/** Message for t.skip() when a dataset file is absent. */
export const missing = (relative: string): string => `dataset not found at ${datasetPath(relative)}`;

function readLines(relative: string): string[] | null {
  const path = datasetPath(relative);
  if (!existsSync(path)) return null;
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Header-checked CSV rows (no quoted fields in these files) as records keyed by column name. */
function readCsv(relative: string, columns: readonly string[]): Record<string, string>[] | null {
  const lines = readLines(relative);
  if (!lines) return null;
  const header = lines[0]!.split(',');
  if (header.join(',') !== columns.join(',')) throw new Error(`${relative}: expected columns ${columns.join(',')}, got ${lines[0]}`);
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
  });
}

export const CDNOW_SUMMARY = 'cdnow/cdnow_sample_calibration_summary.csv.gz';
export const CDNOW_BY_DAY = 'cdnow/cdnow_sample_transactions_by_day.csv.gz';
export const GROCERIES_BASKETS = 'groceries/groceries_baskets.txt.gz';

/** CDNOW calibration summary: x, t_x, T in weeks and zbar = mean repeat spend in USD (0 when x = 0). */
export function loadCdnowSummary(): { id: number; x: number; tx: number; T: number; zbar: number }[] | null {
  const rows = readCsv(CDNOW_SUMMARY, ['customer_id', 'frequency', 'recency', 'T', 'monetary_value']);
  return rows?.map((r) => ({
    id: Number(r.customer_id), x: Number(r.frequency), tx: Number(r.recency), T: Number(r.T), zbar: Number(r.monetary_value),
  })) ?? null;
}

/** CDNOW sample, one row per customer and purchase day; `day` counts days since 1970-01-01 (UTC). */
export function loadCdnowByDay(): { customerId: number; day: number; dollars: number }[] | null {
  const rows = readCsv(CDNOW_BY_DAY, ['customer_id', 'date', 'num_cds', 'dollar_value']);
  return rows?.map((r) => ({ customerId: Number(r.customer_id), day: dayNumber(r.date!), dollars: Number(r.dollar_value) })) ?? null;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date, independent of the process time zone. */
export function dayNumber(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;
}

/** Groceries baskets as arrays of item labels (labels kept byte-exact, trailing spaces included). */
export function loadGroceryBaskets(): string[][] | null {
  return readLines(GROCERIES_BASKETS)?.map((line) => line.split(',')) ?? null;
}

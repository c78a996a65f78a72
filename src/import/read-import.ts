// The entry point of the import readers, called by the app layer:
//
//   readImport(kind: 'orders' | 'customers' | 'products', source: ImportSource, opts?: ReadImportOptions)
//     : AsyncGenerator<ImportBatch<RowResult | CustomerResult | ProductResult>>
//
// `source` is a path, a Uint8Array (upload) or { stream, name?, size? }. Batches come in file order;
// every data record after the header yields exactly one result (a row or an issue). Blank lines and
// title lines above the header are not data: they are only counted in `progress`. The last batch has
// `done: true` (its results may be empty). Missing required columns throw AppError VALIDATION naming
// them and the headers seen. With `worker: true` (path or Uint8Array sources) parsing and mapping
// run in a worker thread while the caller writes; at most `maxInFlight` batches are ahead of the
// caller, so memory stays bounded. Customers need `importedAt` (the consents' date when the file has
// no registration time).
import { AppError } from '../domain/errors.ts';
import type { CsvRecord } from './csv-parser.ts';
import { createCustomerRowMapper, type CustomerResult } from './customer-rows.ts';
import { assertColumns, detectColumns, parseMapOption, type ColumnReport, type ImportKind } from './headers.ts';
import { createOrderRowMapper, type OrderRowOptions } from './order-rows.ts';
import { createProductRowMapper, type ProductResult } from './product-rows.ts';
import type { RowResult } from './rows.ts';
import type { ImportSource } from './source.ts';
import { openTable, type TableInfo, type TableOptions } from './table.ts';
import { readInWorker } from './worker-client.ts';

export interface ReadImportOptions extends OrderRowOptions, TableOptions {
  /** Explicit columns: "orderId=单号,customer=会员卡号" (as --map) or an object field → header. */
  map?: string | Record<string, string>;
  /** Results per batch. */
  batchSize?: number;
  /** Parse and map in a worker thread (path and Uint8Array sources; others read in this thread). */
  worker?: boolean;
  /** Worker batches allowed ahead of the consumer. */
  maxInFlight?: number;
  /** Customers: UTC instant of the import (consents' date when the file has no registration time). */
  importedAt?: string;
  /** Customers: source recorded on consents; default "import:<file name>". */
  consentSource?: string;
}

export interface ImportProgress {
  /** Source bytes read (compressed when gzipped); with totalBytes, a progress bar. */
  bytesRead: number;
  totalBytes: number | null;
  /** Records read so far, header, blank and title lines included. */
  records: number;
  blankLines: number;
  /** Title lines above the header row. */
  preambleLines: number;
}

export interface ImportBatch<R> {
  results: R[];
  columns: ColumnReport;
  file: TableInfo;
  progress: ImportProgress;
  done: boolean;
}

export type AnyResult = RowResult | CustomerResult | ProductResult;

/** Header candidates: the first non-blank records, in case the file starts with a title line. */
export const HEADER_SEARCH = 10;

export const isBlank = (rec: CsvRecord): boolean => rec.error === null && rec.fields.every((f) => f.trim() === '');

export function columnsOf(kind: ImportKind, fields: string[], map: Record<string, string>): ColumnReport | null {
  try {
    const report = detectColumns(kind, fields, map);
    return report.missing.length === 0 ? report : null;
  } catch {
    return null;
  }
}

export function mapperFor(kind: ImportKind, columns: ColumnReport, info: TableInfo, opts: ReadImportOptions): (rec: CsvRecord) => AnyResult {
  if (kind === 'orders') return createOrderRowMapper(columns.fields, columns.headers.length, opts);
  if (kind === 'products') return createProductRowMapper(columns.fields, opts);
  if (!opts.importedAt) throw new AppError('VALIDATION', 'importedAt is required to import customers', { field: 'importedAt' });
  return createCustomerRowMapper(columns.fields, columns.headers, {
    ...opts, importedAt: opts.importedAt, source: opts.consentSource ?? `import:${info.name}`,
  });
}

async function* readInThread(kind: ImportKind, source: ImportSource, opts: ReadImportOptions): AsyncGenerator<ImportBatch<AnyResult>> {
  const map = typeof opts.map === 'string' ? parseMapOption(opts.map, kind) : opts.map ?? {};
  const batchSize = opts.batchSize ?? 2000;
  const table = await openTable(source, opts);
  const progress: ImportProgress = { bytesRead: 0, totalBytes: table.info.totalBytes, records: 0, blankLines: 0, preambleLines: 0 };
  let columns: ColumnReport | null = null;
  let mapper: ((rec: CsvRecord) => AnyResult) | null = null;
  let candidates: CsvRecord[] = [];
  const noHeader = (): never => {
    if (candidates.length === 0) throw new AppError('VALIDATION', `${table.info.name} has no header row (the file is empty)`, { field: 'file' });
    assertColumns(detectColumns(kind, candidates[0]!.fields, map));
    throw new AppError('VALIDATION', `${table.info.name}: cannot read the header row`, { field: 'file' });
  };
  let results: AnyResult[] = [];
  const batch = (done: boolean): ImportBatch<AnyResult> => {
    const out = { results, columns: columns!, file: { ...table.info }, progress: { ...progress, bytesRead: table.bytesRead() }, done };
    results = [];
    return out;
  };
  for await (const records of table.records) {
    for (const rec of records) {
      progress.records++;
      if (isBlank(rec)) {
        progress.blankLines++;
        continue;
      }
      if (mapper) {
        results.push(mapper(rec));
        if (results.length >= batchSize) yield batch(false);
        continue;
      }
      candidates.push(rec);
      columns = columnsOf(kind, rec.fields, map);
      if (columns) {
        mapper = mapperFor(kind, columns, table.info, opts);
        progress.preambleLines = candidates.length - 1;
        candidates = [];
      } else if (candidates.length >= HEADER_SEARCH) noHeader();
    }
  }
  if (!mapper) noHeader();
  yield batch(true);
}

export function readImport(kind: 'orders', source: ImportSource, opts?: ReadImportOptions): AsyncGenerator<ImportBatch<RowResult>>;
export function readImport(kind: 'customers', source: ImportSource, opts?: ReadImportOptions): AsyncGenerator<ImportBatch<CustomerResult>>;
export function readImport(kind: 'products', source: ImportSource, opts?: ReadImportOptions): AsyncGenerator<ImportBatch<ProductResult>>;
export function readImport(kind: ImportKind, source: ImportSource, opts?: ReadImportOptions): AsyncGenerator<ImportBatch<AnyResult>>;
export function readImport(kind: ImportKind, source: ImportSource, opts: ReadImportOptions = {}): AsyncGenerator<ImportBatch<AnyResult>> {
  if (opts.worker && (typeof source === 'string' || source instanceof Uint8Array)) {
    return readInWorker(kind, source, { ...opts, worker: false });
  }
  return readInThread(kind, source, opts);
}

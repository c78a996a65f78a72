// Use-case: import a file (orders, customers or products) from a path or an upload. Reads with the
// import readers, writes through the same paths as the API, and returns a report in which every row
// read is imported, unchanged or rejected; rejected rows go to `reject` (a reject file, usually).
import type { Kysely } from 'kysely';
import type { CustomerInput, ProductInput } from '../domain/customers/types.ts';
import { readImport, type ImportProgress, type ReadImportOptions } from '../import/read-import.ts';
import type { ColumnReport, ImportKind } from '../import/headers.ts';
import type { RowIssue, RowResult } from '../import/rows.ts';
import type { CustomerResult } from '../import/customer-rows.ts';
import type { ProductResult } from '../import/product-rows.ts';
import type { ImportSource } from '../import/source.ts';
import type { DB } from '../store/schema.ts';
import { upsertCustomers } from '../store/customers.repo.ts';
import { upsertProducts } from '../store/products.repo.ts';
import { listStores } from '../store/stores.repo.ts';
import { newId } from '../store/ids.ts';
import { importOrderRows, type OrderImportReport } from './import-orders.ts';

export interface ImportFileOptions {
  kind: ImportKind;
  fileName: string;
  now: () => string;
  zone: string;
  currency: string;
  defaultStore?: string;
  source?: string;
  read?: ReadImportOptions;
  actor?: string | null;
  reject: (issue: RowIssue) => void;
  onProgress?: (p: ImportProgress) => void;
}

export interface ProfileImportReport {
  importId: number; fileName: string; rowsRead: number; rowsImported: number; rowsUnchanged: number; rowsRejected: number;
  rejectedByReason: Record<string, number>; created: number; updated: number;
}

export type ImportReport = { kind: ImportKind; columns: ColumnReport | null } & (OrderImportReport | ProfileImportReport);

/** Import a file and record the run (import_runs) with its report. */
export async function importFile(db: Kysely<DB>, source: ImportSource, opts: ImportFileOptions): Promise<ImportReport> {
  const importId = newId();
  await db.insertInto('import_runs').values({ id: importId, kind: opts.kind, file_name: opts.fileName, started_at: opts.now(), finished_at: null, report: null, actor: opts.actor ?? null }).execute();
  const report = await runImport(db, importId, source, opts);
  await db.updateTable('import_runs').set({ finished_at: opts.now(), report: JSON.stringify(report) }).where('id', '=', importId).execute();
  return report;
}

async function runImport(db: Kysely<DB>, importId: number, source: ImportSource, opts: ImportFileOptions): Promise<ImportReport> {
  let columns: ColumnReport | null = null;
  const batches = readImport(opts.kind, source, { zone: opts.zone, importedAt: opts.now(), ...opts.read });
  async function* results<R>(): AsyncGenerator<R[]> {
    for await (const b of batches) {
      columns = b.columns;
      opts.onProgress?.(b.progress);
      yield b.results as R[];
    }
  }
  if (opts.kind === 'orders') {
    const report = await importOrderRows(db, results<RowResult>(), {
      importId, now: opts.now, fileName: opts.fileName, zone: opts.zone, currency: opts.currency, reject: opts.reject, ...(opts.source ? { source: opts.source } : {}), ...(opts.defaultStore ? { defaultStore: opts.defaultStore } : {}),
    });
    return { kind: 'orders', columns, ...report };
  }
  const report: ProfileImportReport = { importId, fileName: opts.fileName, rowsRead: 0, rowsImported: 0, rowsUnchanged: 0, rowsRejected: 0, rejectedByReason: {}, created: 0, updated: 0 };
  const storeIds = new Map((await listStores(db)).map((s) => [s.code, s.id]));
  for await (const batch of results<CustomerResult | ProductResult>()) {
    const good: (CustomerInput | ProductInput)[] = [];
    for (const r of batch) {
      report.rowsRead++;
      if (!r.ok) {
        report.rowsRejected++;
        report.rejectedByReason[r.issue.reason] = (report.rejectedByReason[r.issue.reason] ?? 0) + 1;
        opts.reject(r.issue);
      } else {
        good.push('customer' in r ? r.customer : r.product);
      }
    }
    if (good.length === 0) continue;
    const now = opts.now();
    const done = await db.transaction().execute((trx) => (opts.kind === 'customers'
      ? upsertCustomers(trx, good as CustomerInput[], storeIds, now)
      : upsertProducts(trx, good as ProductInput[], now)));
    report.created += done.created;
    report.updated += done.updated;
    report.rowsImported += good.length;
  }
  return { kind: opts.kind, columns, ...report };
}

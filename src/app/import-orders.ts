// Use-case: import order/return rows into the store. Every row read ends up counted exactly once:
// imported (new), unchanged (already there, identical) or rejected (with a reason, sent to `reject`).
import type { Kysely } from 'kysely';
import type { RowIssue, RowResult } from '../import/rows.ts';
import type { DB } from '../store/schema.ts';
import { OrderAssembler, docKey } from './assemble-orders.ts';
import { recordSales } from './record-sales.ts';

export interface OrderImportOptions {
  /** The import run these rows belong to (import_runs.id). */
  importId: number;
  now: () => string;
  /** external-id namespace: the same file imported under the same source is a no-op the second time. */
  source?: string;
  fileName: string;
  defaultStore?: string;
  defaultChannel?: string;
  /** Zone and currency for stores first seen in this file. */
  zone: string;
  currency: string;
  /** Rows per write transaction. */
  windowRows?: number;
  reject: (issue: RowIssue) => void;
  onProgress?: (p: { rowsRead: number }) => void;
}

export interface OrderImportReport {
  importId: number;
  fileName: string;
  rowsRead: number;
  rowsImported: number;
  rowsUnchanged: number;
  rowsRejected: number;
  rejectedByReason: Record<string, number>;
  /** Imported rows by line kind: merchandise, shipping, fee, … */
  importedByKind: Record<string, number>;
  orders: { inserted: number; unchanged: number; conflicts: number; anonymous: number };
  returns: { inserted: number; unchanged: number; conflicts: number; anonymous: number };
  customersCreated: number;
  storesCreated: string[];
}

export async function importOrderRows(db: Kysely<DB>, batches: AsyncIterable<readonly RowResult[]>, opts: OrderImportOptions): Promise<OrderImportReport> {
  const { source = 'import', defaultStore = 'MAIN', defaultChannel = 'store', windowRows = 20000 } = opts;
  const { importId } = opts;
  const report: OrderImportReport = {
    importId, fileName: opts.fileName, rowsRead: 0, rowsImported: 0, rowsUnchanged: 0, rowsRejected: 0, rejectedByReason: {}, importedByKind: {},
    orders: { inserted: 0, unchanged: 0, conflicts: 0, anonymous: 0 }, returns: { inserted: 0, unchanged: 0, conflicts: 0, anonymous: 0 },
    customersCreated: 0, storesCreated: [],
  };
  const reject = (issue: RowIssue) => {
    report.rowsRejected++;
    report.rejectedByReason[issue.reason] = (report.rejectedByReason[issue.reason] ?? 0) + 1;
    opts.reject(issue);
  };
  const assembler = new OrderAssembler({ source, defaultStore, defaultChannel });
  const rowsByLine = new Map<number, { raw: string; kind: string }>();

  const flush = async (final: boolean) => {
    const docs = assembler.take(final);
    if (docs.orders.length === 0 && docs.returns.length === 0) return;
    const result = await recordSales(db, docs, { now: opts.now(), importId, autoCreateStores: { timeZone: opts.zone, currency: opts.currency } });
    const conflicted = new Set(result.conflicts.map((c) => docKey(c.kind === 'return', c.externalId)));
    for (const [key, lines] of docs.rowsOf) {
      for (const lineNo of lines) {
        const r = rowsByLine.get(lineNo)!;
        rowsByLine.delete(lineNo);
        if (conflicted.has(key)) {
          reject({ lineNo, raw: r.raw, reason: 'order_conflict', detail: `${key.startsWith('R|') ? 'return' : 'order'} ${key.slice(2)} was recorded before with different content` });
        } else if (result.unchangedKeys.has(key)) {
          report.rowsUnchanged++;
        } else {
          report.rowsImported++;
          report.importedByKind[r.kind] = (report.importedByKind[r.kind] ?? 0) + 1;
        }
      }
    }
    report.orders.inserted += result.ordersInserted;
    report.orders.unchanged += result.ordersUnchanged;
    report.returns.inserted += result.returnsInserted;
    report.returns.unchanged += result.returnsUnchanged;
    report.orders.conflicts += result.conflicts.filter((c) => c.kind === 'order').length;
    report.returns.conflicts += result.conflicts.filter((c) => c.kind === 'return').length;
    const fresh = (key: string) => !conflicted.has(key) && !result.unchangedKeys.has(key);
    report.orders.anonymous += docs.orders.filter((o) => !o.customer && fresh(docKey(false, o.externalId))).length;
    report.returns.anonymous += docs.returns.filter((r) => !r.customer && fresh(docKey(true, r.externalId))).length;
    report.customersCreated += result.customersCreated;
    report.storesCreated.push(...result.storesCreated);
  };

  let sinceFlush = 0;
  for await (const batch of batches) {
    for (const res of batch) {
      report.rowsRead++;
      if (!res.ok) { reject(res.issue); continue; }
      const late = assembler.add(res.row);
      if (late) { reject(late); continue; }
      rowsByLine.set(res.row.lineNo, { raw: res.row.raw, kind: res.row.kind });
      sinceFlush++;
    }
    if (sinceFlush >= windowRows) { await flush(false); sinceFlush = 0; }
    opts.onProgress?.({ rowsRead: report.rowsRead });
  }
  await flush(true);
  return report;
}

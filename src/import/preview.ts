// A look at a file before importing it (the import wizard): which row is the header, which column
// was recognised as which field, what is missing, and the first rows as they would be read — each
// marked ok or with the reason it would be rejected.
import type { CsvRecord } from './csv-parser.ts';
import { KIND_FIELDS, detectColumns, parseMapOption, type ColumnReport, type ImportKind } from './headers.ts';
import { columnsOf, HEADER_SEARCH, isBlank, mapperFor, type ReadImportOptions } from './read-import.ts';
import type { ImportSource } from './source.ts';
import { openTable, type TableInfo } from './table.ts';

export interface PreviewRow { lineNo: number; fields: string[]; ok: boolean; reason: string | null; detail: string | null }

export interface ImportPreview {
  file: TableInfo;
  /** 1-based line of the header row (title lines above it are skipped). */
  headerLine: number | null;
  columns: ColumnReport;
  /** Every field this kind of file can carry, for the mapping editor. */
  fields: readonly string[];
  rows: PreviewRow[];
}

export async function previewImport(kind: ImportKind, source: ImportSource, opts: ReadImportOptions & { rows?: number } = {}): Promise<ImportPreview> {
  const map = typeof opts.map === 'string' ? parseMapOption(opts.map, kind) : opts.map ?? {};
  const wanted = opts.rows ?? 10;
  const table = await openTable(source, opts);
  const candidates: CsvRecord[] = [];
  let columns: ColumnReport | null = null;
  let headerLine: number | null = null;
  let mapper: ReturnType<typeof mapperFor> | null = null;
  const rows: PreviewRow[] = [];
  outer: for await (const records of table.records) {
    for (const rec of records) {
      if (isBlank(rec)) continue;
      if (mapper) {
        const r = mapper(rec);
        rows.push(r.ok
          ? { lineNo: rec.lineNo, fields: rec.fields, ok: true, reason: null, detail: null }
          : { lineNo: rec.lineNo, fields: rec.fields, ok: false, reason: r.issue.reason, detail: r.issue.detail });
        if (rows.length >= wanted) break outer;
        continue;
      }
      candidates.push(rec);
      columns = columnsOf(kind, rec.fields, map);
      if (columns) {
        headerLine = rec.lineNo;
        mapper = mapperFor(kind, columns, table.info, { ...opts, importedAt: opts.importedAt ?? '1970-01-01T00:00:00.000Z' });
      } else if (candidates.length >= HEADER_SEARCH) break outer;
    }
  }
  // No row satisfied the required fields: show the first row's reading so the user can map by hand.
  if (!columns) {
    const first = candidates[0];
    columns = detectColumns(kind, first?.fields ?? [], map);
    headerLine = first?.lineNo ?? null;
    for (const rec of candidates.slice(1, wanted + 1)) rows.push({ lineNo: rec.lineNo, fields: rec.fields, ok: false, reason: null, detail: null });
  }
  return { file: { ...table.info }, headerLine, columns, fields: KIND_FIELDS[kind], rows };
}

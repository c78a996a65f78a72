// XLSX through exceljs's streaming reader: the first worksheet, as records shaped like CSV ones
// (lineNo = sheet row number, raw = the cells joined CSV-style). Date cells become local wall-time
// text ("2024-03-05 14:30:00"), which the mappers read in the file's zone like any CSV date.
import { Readable } from 'node:stream';
import type { CsvRecord } from './csv-parser.ts';

/** Excel stores wall time; exceljs hands it over as a Date whose UTC fields are that wall time. */
function wallTime(d: Date): string {
  const iso = new Date(Math.round(d.getTime() / 1000) * 1000).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** The text of a cell value: numbers without float noise, dates as wall time, rich text flattened. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : wallTime(v);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string; formula?: string; sharedFormula?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
    if (typeof o.error === 'string') return o.error;
  }
  return '';
}

function csvJoin(fields: string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',');
}

/** Records of the first worksheet, in batches. */
export async function* readXlsxRecords(body: AsyncIterable<Uint8Array>, { batchSize = 5000 } = {}): AsyncGenerator<CsvRecord[]> {
  // Loaded on demand: exceljs takes ~0.3 s to load, which CSV imports (and each worker) need not pay.
  const { default: ExcelJS } = await import('exceljs');
  const input = Readable.from(body, { objectMode: false });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      let batch: CsvRecord[] = [];
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const fields: string[] = [];
        for (let i = 1; i < values.length; i++) fields.push(cellText(values[i]));
        batch.push({ lineNo: row.number, fields, raw: csvJoin(fields), error: null });
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      break; // the first worksheet only
    }
  } finally {
    input.destroy();
  }
}

// A file as a stream of records, whatever its container: CSV/TSV text in any supported encoding
// (gzipped or not) or an XLSX workbook.
import { CsvParser, type CsvRecord } from './csv-parser.ts';
import { createDecoder, parseEncodingName, type TextEncoding } from './encoding.ts';
import { openSource, sniffDelimiter, sniffEol, type ImportSource } from './source.ts';
import { readXlsxRecords } from './xlsx.ts';

export interface TableOptions {
  /** 'auto' (default), 'utf-8', 'gbk', 'gb18030', 'utf-16le'. */
  encoding?: string;
  /** Field delimiter; sniffed from the first lines when absent. */
  delimiter?: string;
}

export interface TableInfo {
  name: string;
  format: 'csv' | 'tsv' | 'xlsx';
  gzip: boolean;
  /** Known once the first non-ASCII text was seen (or at the end); null for XLSX. */
  encoding: TextEncoding | null;
  delimiter: string | null;
  totalBytes: number | null;
}

export interface Table {
  /** Filled in as reading goes (delimiter and encoding are known after the first batch). */
  info: TableInfo;
  bytesRead: () => number;
  records: AsyncIterable<CsvRecord[]>;
}

/** Sniff the delimiter over the first few lines (a title line above the header has none). */
function sniffFromHead(text: string): string {
  const lines = text.split(/\r\n|\n|\r/, 6).slice(0, 5);
  let best = ',';
  let bestCount = 0;
  for (const line of lines) {
    const d = sniffDelimiter(line);
    const count = line.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

async function* textRecords(body: AsyncIterable<Uint8Array>, info: TableInfo, opts: TableOptions): AsyncGenerator<CsvRecord[]> {
  const decoder = createDecoder(parseEncodingName(opts.encoding ?? 'auto'));
  let parser: CsvParser | null = null;
  let head = '';
  const start = (text: string): CsvParser => {
    const delimiter = opts.delimiter ?? sniffFromHead(text);
    info.delimiter = delimiter;
    info.format = delimiter === '\t' ? 'tsv' : 'csv';
    return new CsvParser({ delimiter, eol: sniffEol(text) });
  };
  for await (const chunk of body) {
    const text = decoder.write(chunk);
    const out: CsvRecord[] = [];
    if (parser) parser.push(text, out);
    else {
      head += text;
      const cr = head.indexOf('\r');
      if (head.includes('\n') || (cr !== -1 && cr < head.length - 1) || head.length > 1 << 20) {
        parser = start(head);
        parser.push(head, out);
        head = '';
      }
    }
    info.encoding = decoder.encoding;
    if (out.length > 0) yield out;
  }
  const out: CsvRecord[] = [];
  const tail = decoder.end();
  if (!parser) {
    parser = start(head + tail);
    parser.push(head + tail, out);
  } else parser.push(tail, out);
  parser.end(out);
  info.encoding = decoder.encoding;
  if (out.length > 0) yield out;
}

/** Open a source as a table of records. */
export async function openTable(source: ImportSource, opts: TableOptions = {}): Promise<Table> {
  const src = await openSource(source);
  const info: TableInfo = {
    name: src.name, format: src.format === 'xlsx' ? 'xlsx' : 'csv', gzip: src.gzip, encoding: null, delimiter: null, totalBytes: src.totalBytes,
  };
  const records = src.format === 'xlsx' ? readXlsxRecords(src.body) : textRecords(src.body, info, opts);
  return { info, bytesRead: src.bytesRead, records };
}

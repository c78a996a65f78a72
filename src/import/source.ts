// Open what the user gave us (a path, an uploaded buffer or a stream) as a stream of bytes, gunzipped
// when the bytes say gzip (not only the extension), and tell text from XLSX by their magic bytes.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AppError } from '../domain/errors.ts';

/** A file path, an upload held in memory, or a stream (with its size when known, for progress). */
export type ImportSource = string | Uint8Array | { stream: AsyncIterable<Uint8Array>; name?: string; size?: number };

export type FileFormat = 'text' | 'xlsx';

export interface OpenedSource {
  name: string;
  /** Size of the source as stored (compressed when gzipped); null for a stream of unknown size. */
  totalBytes: number | null;
  /** Source bytes consumed so far (compressed when gzipped): progress is bytesRead() / totalBytes. */
  bytesRead: () => number;
  gzip: boolean;
  format: FileFormat;
  /** The (decompressed) content. */
  body: AsyncIterable<Uint8Array>;
}

const CHUNK_BYTES = 1 << 20;

async function* counted(src: AsyncIterable<Uint8Array>, counter: { n: number }): AsyncGenerator<Uint8Array> {
  for await (const c of src) {
    counter.n += c.byteLength;
    yield c;
  }
}

/** Read at least `n` bytes (unless the stream ends first) and give them back with the rest. */
async function peek(src: AsyncIterable<Uint8Array>, n: number): Promise<{ head: Uint8Array; body: AsyncIterable<Uint8Array> }> {
  const it = src[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    parts.push(r.value);
    size += r.value.byteLength;
  }
  const head = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  async function* body(): AsyncGenerator<Uint8Array> {
    if (head.byteLength > 0) yield head;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { head, body: body() };
}

/** Name the file when its gzip data is damaged (zlib only says "unexpected end of file"). */
async function* gunzipped(src: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  try {
    yield* src;
  } catch (e) {
    throw new AppError('VALIDATION', `${name}: damaged gzip data (${e instanceof Error ? e.message : String(e)})`, { field: 'file' });
  }
}

const startsWith = (b: Uint8Array, magic: number[]) => magic.every((m, i) => b[i] === m);

/** Open a source; the caller must consume `body` to the end or break out of it (that closes the file). */
export async function openSource(source: ImportSource, { chunkBytes = CHUNK_BYTES }: { chunkBytes?: number } = {}): Promise<OpenedSource> {
  let raw: AsyncIterable<Uint8Array>;
  let name: string;
  let totalBytes: number | null;
  if (typeof source === 'string') {
    try {
      totalBytes = (await stat(source)).size;
    } catch {
      throw new AppError('NOT_FOUND', `file not found: ${source}`, { field: 'file' });
    }
    raw = createReadStream(source, { highWaterMark: chunkBytes });
    name = basename(source);
  } else if (source instanceof Uint8Array) {
    const bytes = source;
    raw = Readable.from((function* () {
      for (let i = 0; i < bytes.byteLength; i += chunkBytes) yield bytes.subarray(i, i + chunkBytes);
    })(), { objectMode: false }) as AsyncIterable<Uint8Array>;
    name = 'upload';
    totalBytes = bytes.byteLength;
  } else {
    raw = source.stream;
    name = source.name ?? 'upload';
    totalBytes = source.size ?? null;
  }
  const counter = { n: 0 };
  let { head, body } = await peek(counted(raw, counter), 4);
  const gzip = startsWith(head, [0x1f, 0x8b]);
  if (gzip) {
    const gunzip = pipeline(Readable.from(body, { objectMode: false }), createGunzip({ chunkSize: 1 << 20 }), () => {});
    ({ head, body } = await peek(gunzipped(gunzip as AsyncIterable<Uint8Array>, name), 8));
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new AppError('UNSUPPORTED', `${name} is a legacy Excel .xls file: save it as .xlsx or CSV`, { field: 'file' });
  }
  const format: FileFormat = startsWith(head, [0x50, 0x4b, 0x03, 0x04]) ? 'xlsx' : 'text';
  return { name, totalBytes, bytesRead: () => counter.n, gzip, format, body };
}

/**
 * The field delimiter of a delimited text file, from its first line: the most frequent of tab,
 * comma, semicolon and `|` outside quotes (comma when none occurs).
 */
export function sniffDelimiter(firstLine: string): string {
  const counts = new Map<string, number>([['\t', 0], [',', 0], [';', 0], ['|', 0]]);
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** Line ends: '\n' (LF and CRLF) unless the first line end is a lone CR (old Mac exports). */
export function sniffEol(text: string): '\n' | '\r' {
  const cr = text.indexOf('\r');
  if (cr === -1) return '\n';
  const lf = text.indexOf('\n');
  return (lf === -1 || cr < lf) && text.charCodeAt(cr + 1) !== 10 && cr + 1 < text.length ? '\r' : '\n';
}

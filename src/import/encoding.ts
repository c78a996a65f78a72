// Text encodings of POS exports: UTF-8 (with or without BOM), GBK/GB18030 from Chinese tills, and
// UTF-16LE from Excel's "Unicode text". Detection waits for the first non-ASCII byte (ASCII reads
// the same in all of them), so a GBK file with English headers is still recognised.
import { isAscii } from 'node:buffer';
import iconv from 'iconv-lite';
import { AppError } from '../domain/errors.ts';

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le';
export type EncodingOption = TextEncoding | 'auto';

const NAMES: Record<string, EncodingOption> = {
  auto: 'auto', utf8: 'utf-8', utf8bom: 'utf-8', utf8sig: 'utf-8',
  gbk: 'gb18030', gb2312: 'gb18030', gb18030: 'gb18030', cp936: 'gb18030', ms936: 'gb18030', euccn: 'gb18030',
  utf16le: 'utf-16le', utf16: 'utf-16le', ucs2: 'utf-16le', unicode: 'utf-16le',
};

/** Read an `--encoding` value ("GBK", "utf-8", "utf8-bom", "auto"). Throws VALIDATION for unknown names. */
export function parseEncodingName(name: string): EncodingOption {
  const e = NAMES[name.toLowerCase().replace(/[^a-z0-9]/g, '')];
  if (!e) throw new AppError('VALIDATION', `unknown encoding "${name}" (use utf-8, gbk, gb18030, utf-16le or auto)`, { field: 'encoding' });
  return e;
}

/** True when `bytes` are valid UTF-8; a sequence cut at the end counts as valid unless `final`. */
export function isValidUtf8(bytes: Uint8Array, final: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !final });
    return true;
  } catch {
    return false;
  }
}

/**
 * Guess the encoding from a leading sample: a BOM decides; otherwise valid UTF-8 is UTF-8 and
 * anything else is GB18030 (a superset of GBK and GB2312).
 */
export function detectEncoding(sample: Uint8Array, final = true): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  return isValidUtf8(sample, final) ? 'utf-8' : 'gb18030';
}

export interface StreamDecoder {
  /** Decode a chunk; bytes of a character cut at the chunk end are kept for the next call. */
  write(chunk: Uint8Array): string;
  end(): string;
  /** The encoding in use, null while `auto` has seen only ASCII. */
  readonly encoding: TextEncoding | null;
}

function fixedDecoder(encoding: TextEncoding, stripBom = true): StreamDecoder {
  if (encoding === 'gb18030') {
    const d = iconv.getDecoder('gb18030', { stripBOM: stripBom });
    return {
      encoding,
      write: (chunk) => d.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
      end: () => d.end() ?? '',
    };
  }
  const d = new TextDecoder(encoding, { ignoreBOM: !stripBom });
  return { encoding, write: (chunk) => d.decode(chunk, { stream: true }), end: () => d.decode() };
}

/** Bytes of non-ASCII text examined before deciding between UTF-8 and GB18030. */
const SAMPLE_BYTES = 64 * 1024;

class AutoDecoder implements StreamDecoder {
  private inner: StreamDecoder | null = null;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private started = false;
  /** Text has been passed on already, so a U+FEFF from here on is content, not a BOM. */
  private midStream = false;

  get encoding(): TextEncoding | null {
    return this.inner?.encoding ?? null;
  }

  write(chunk: Uint8Array): string {
    if (this.inner) return this.inner.write(chunk);
    if (this.pendingBytes === 0 && this.started && isAscii(chunk)) {
      this.midStream ||= chunk.byteLength > 0;
      return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    }
    this.pending.push(chunk);
    this.pendingBytes += chunk.byteLength;
    const text = this.flushAscii();
    return this.inner || this.pendingBytes < SAMPLE_BYTES ? text : text + this.decide(false);
  }

  end(): string {
    const head = this.inner ? '' : this.decide(true);
    return head + (this.inner?.end() ?? '');
  }

  /** Before a decision, pass on the ASCII prefix of what is pending (once the BOM check is done). */
  private flushAscii(): string {
    const all = Buffer.concat(this.pending);
    if (!this.started) {
      if (all.byteLength < 3) return '';
      this.started = true;
      const bom = (all[0] === 0xef && all[1] === 0xbb && all[2] === 0xbf) || (all[0] === 0xff && all[1] === 0xfe);
      if (bom) return this.decide(false);
    }
    let i = 0;
    while (i < all.byteLength && all[i]! < 0x80) i++;
    this.pending = i === all.byteLength ? [] : [all.subarray(i)];
    this.pendingBytes = all.byteLength - i;
    if (i > 0) this.midStream = true;
    return all.toString('latin1', 0, i);
  }

  private decide(final: boolean): string {
    const all = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    this.started = true;
    this.inner = fixedDecoder(detectEncoding(all, final), !this.midStream);
    return this.inner.write(all);
  }
}

/** A streaming decoder for a named encoding, or `auto` (detect, see above). */
export function createDecoder(encoding: EncodingOption = 'auto'): StreamDecoder {
  return encoding === 'auto' ? new AutoDecoder() : fixedDecoder(encoding);
}

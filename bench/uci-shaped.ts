// A seeded CSV shaped like UCI Online Retail (same header, invoice sizes, ~2% cancellations, ~25% of
// lines without a customer, a few non-merchandise codes), for benchmarks that need 1M lines.
import { createWriteStream } from 'node:fs';
import { createRng } from '../src/domain/demo/random.ts';

export const UCI_HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

/** Write `lines` data lines to `path`; resolves when flushed. */
export async function writeUciShaped(path: string, lines: number, seed = 7): Promise<void> {
  const r = createRng(seed);
  const out = createWriteStream(path);
  const skus = Array.from({ length: 4000 }, (_, i) => `${20000 + i}${i % 7 === 0 ? 'B' : ''}`);
  const names = skus.map((_, i) => (i % 50 === 0 ? `"SET OF ${i % 9 + 2}, ASSORTED"` : `ITEM ${i} DESCRIPTION`));
  const prices = skus.map(() => (Math.floor(r() * 1500) + 29) / 100);
  let written = 0, invoice = 536365;
  let t = Date.UTC(2010, 11, 1, 8, 0);
  let buf = `${UCI_HEADER}\n`;
  while (written < lines) {
    const size = Math.min(lines - written, 1 + Math.floor(r() * r() * 60));
    const cancel = r() < 0.02;
    const customer = r() < 0.25 ? '' : String(12346 + Math.floor(r() * 4400));
    t += Math.floor(r() * 25) * 60000;
    const d = new Date(t).toISOString();
    const date = `${d.slice(0, 10)} ${d.slice(11, 16)}:00`;
    const inv = `${cancel ? 'C' : ''}${invoice++}`;
    for (let i = 0; i < size; i++) {
      const k = Math.floor(r() * skus.length);
      const post = i === size - 1 && r() < 0.05;
      const qty = (1 + Math.floor(r() * 24)) * (cancel ? -1 : 1);
      buf += `${inv},${post ? 'POST' : skus[k]},${post ? 'POSTAGE' : names[k]},${qty},${date},${post ? '18.00' : prices[k]!.toFixed(2)},${customer},United Kingdom\n`;
    }
    written += size;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((res) => out.once('drain', () => res()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
}

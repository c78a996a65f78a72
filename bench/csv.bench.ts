// CSV parsing speed: our hand-written parser against csv-parse on a generated, UCI-shaped CSV
// (seeded, written to a temp file), then the whole import read (decode + parse + map to rows) in
// this thread and in a worker thread. Prints lines/s, CPU time and ratios.
//
//   npx node bench/csv.bench.ts [lines=1000000]
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { CsvParser, type CsvRecord } from '../src/import/csv-parser.ts';
import { readImport } from '../src/import/read-import.ts';
import { createRng } from '../src/domain/demo/random.ts';

const LINES = Number(process.argv[2] ?? 1_000_000);

const WORDS = ['WHITE', 'HANGING', 'HEART', 'T-LIGHT', 'HOLDER', 'METAL', 'LANTERN', 'CREAM', 'CUPID', 'COAT', 'HANGER', 'UNION', 'FLAG',
  'HOT', 'WATER', 'BOTTLE', 'RED', 'WOOLLY', 'HOTTIE', 'SET', 'OF', '3', 'BABUSHKA', 'NESTING', 'BOXES', 'GLASS', 'STAR', 'FROSTED'];

/** A UCI Online Retail-shaped file: invoices of 1–30 lines, some quoted descriptions, cancellations. */
async function generate(path: string, lines: number): Promise<void> {
  const rnd = createRng(20240501);
  const out = createWriteStream(path);
  let buf = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n';
  let invoice = 536365;
  let minute = 0;
  for (let i = 0; i < lines;) {
    const cancel = rnd() < 0.02;
    const n = 1 + Math.floor(rnd() * 30);
    const customer = rnd() < 0.25 ? '' : String(12346 + Math.floor(rnd() * 6000));
    minute += Math.floor(rnd() * 20);
    const t = new Date(Date.UTC(2010, 11, 1, 8) + minute * 60000).toISOString();
    const date = `${t.slice(0, 10)} ${t.slice(11, 19)}`;
    for (let k = 0; k < n && i < lines; k++, i++) {
      const words = Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
      const desc = rnd() < 0.01 ? `"${words}, ${words}"` : words;
      const qty = (1 + Math.floor(rnd() * 24)) * (cancel ? -1 : 1);
      const price = (Math.floor(rnd() * 2000) / 100 + 0.05).toFixed(2);
      buf += `${cancel ? 'C' : ''}${invoice},${20000 + Math.floor(rnd() * 70000)}${rnd() < 0.3 ? 'A' : ''},${desc},${qty},${date},${price},${customer},United Kingdom\n`;
    }
    invoice++;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

interface Run { ms: number; cpuMs: number; count: number }

async function time(fn: () => Promise<number>): Promise<Run> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const count = await fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(cpu);
  return { ms, cpuMs: (c.user + c.system) / 1000, count };
}

async function ours(path: string): Promise<number> {
  const parser = new CsvParser();
  const decoder = new TextDecoder();
  let n = 0;
  const out: CsvRecord[] = [];
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    parser.push(decoder.decode(chunk as Buffer, { stream: true }), out);
    n += out.length;
    out.length = 0;
  }
  parser.end(out);
  return n + out.length;
}

async function theirs(path: string): Promise<number> {
  let n = 0;
  const p = createReadStream(path, { highWaterMark: 1 << 20 }).pipe(parse({ relax_column_count: true }));
  for await (const _ of p) n++;
  return n;
}

async function importRows(path: string, worker: boolean): Promise<number> {
  let n = 0;
  for await (const b of readImport('orders', path, { zone: 'Europe/London', worker })) n += b.results.length;
  return n;
}

const rate = (r: Run) => `${Math.round(r.count / (r.ms / 1000)).toLocaleString('en')} lines/s`;
const line = (label: string, r: Run) =>
  console.log(`${label.padEnd(34)} ${r.count.toLocaleString('en')} records  ${r.ms.toFixed(0).padStart(5)} ms  cpu ${r.cpuMs.toFixed(0).padStart(5)} ms  ${rate(r)}`);

const dir = await mkdtemp(join(tmpdir(), 'regulars-csv-bench-'));
try {
  const path = join(dir, 'retail.csv');
  await generate(path, LINES);
  console.log(`${LINES.toLocaleString('en')} UCI-shaped lines in ${path}`);
  await ours(path); // warm up
  const a = await time(() => ours(path));
  line('hand-written CsvParser', a);
  const b = await time(() => theirs(path));
  line('csv-parse 7 (stream)', b);
  console.log(`ratio: ours is ${(b.ms / a.ms).toFixed(1)}× faster (wall), ${(b.cpuMs / a.cpuMs).toFixed(1)}× (cpu)`);
  const c = await time(() => importRows(path, false));
  line('readImport orders, this thread', c);
  const elu0 = performance.eventLoopUtilization();
  const d = await time(() => importRows(path, true));
  const elu = performance.eventLoopUtilization(elu0);
  line('readImport orders, worker', d);
  console.log(`worker: main thread busy ${elu.active.toFixed(0)} ms of ${d.ms.toFixed(0)} ms (free to write to the database)`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

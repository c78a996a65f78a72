// Benchmark: import a 1,000,000-line CSV shaped like UCI Online Retail end to end into SQLite
// (orders, lines, returns, customers, products, summaries). Prints lines/s and peak RSS, and in the
// same run the floor: the time csv-parse takes merely to parse the same file.
// Run: npm run bench:import [-- LINES]   (each phase runs in a fresh process so RSS is its own)
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { importFile } from '../src/app/import-file.ts';
import { openStore } from '../src/store/db.ts';
import { writeUciShaped } from './uci-shaped.ts';

const [phase, file, arg] = process.argv.slice(2);

if (phase === 'parse') {
  const t = performance.now();
  let n = 0;
  for await (const _ of createReadStream(file!).pipe(parse({ from_line: 2 }))) n++;
  report('csv-parse only', n, t);
} else if (phase === 'import') {
  const dbFile = `${file}.db`;
  const store = await openStore(dbFile);
  const t = performance.now();
  const r = await importFile(store.db, file!, { kind: 'orders', fileName: 'bench.csv', now: () => new Date().toISOString(), zone: 'Europe/London', currency: 'GBP', read: { worker: arg !== 'no-worker' }, reject: () => {} });
  report(`import into SQLite${arg === 'no-worker' ? ' (no worker)' : ''}`, r.rowsRead, t, `imported ${r.rowsImported}, rejected ${r.rowsRejected}`);
  await store.close();
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) if (existsSync(f)) rmSync(f);
} else {
  const lines = Number(phase ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'regulars-bench-'));
  const csv = join(dir, 'uci-shaped.csv');
  await writeUciShaped(csv, lines);
  console.log(`${lines.toLocaleString('en-US')} lines, ${(statSync(csv).size / 1e6).toFixed(1)} MB, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  for (const args of [['parse'], ['import'], ['import', 'no-worker']]) {
    const r = spawnSync(process.execPath, [import.meta.filename, args[0]!, csv, args[1] ?? ''], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  rmSync(dir, { recursive: true });
}

function report(label: string, n: number, t0: number, extra = ''): void {
  const s = (performance.now() - t0) / 1000;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`${label.padEnd(32)} ${s.toFixed(2).padStart(6)} s  ${Math.round(n / s).toLocaleString('en-US').padStart(10)} lines/s  peak RSS ${rssMb.toFixed(0)} MB  ${extra}`);
}

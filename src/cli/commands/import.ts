import { basename } from 'node:path';
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { importFile, type ImportReport } from '../../app/import-file.ts';
import { AppError } from '../../domain/errors.ts';
import { currencyDigits } from '../../domain/money.ts';
import { isValidZone } from '../../domain/time.ts';
import type { DateOrder } from '../../domain/time.ts';
import { nowIso, output, withStore, type GlobalOptions } from '../context.ts';
import { int } from '../format.ts';
import { bar, progress } from '../progress.ts';
import { rejectFile } from '../rejects.ts';

interface ImportOptions {
  encoding: string; map?: string; zone?: string; currency: string; store: string; source: string;
  dateOrder: DateOrder; rejects?: string; worker: boolean; delimiter?: string; zeroPrice: 'reject' | 'keep';
}

export function registerImport(program: Command): void {
  program.command('import')
    .argument('<kind>', 'orders | customers | products')
    .argument('<file>', 'CSV, TSV or XLSX, optionally .gz; UTF-8, UTF-8 with BOM or GBK/GB18030')
    .description('import a POS export; every row is imported, unchanged (re-import) or rejected to a reject file')
    .option('--encoding <name>', 'auto, utf-8, gbk, gb18030', 'auto')
    .option('--map <pairs>', 'explicit columns, e.g. "orderId=单号,customer=会员卡号"')
    .option('--zone <iana>', 'time zone of the times in the file (default: $REGULARS_ZONE or Asia/Shanghai)')
    .option('--currency <code>', 'currency of stores first seen in this file', 'CNY')
    .option('--store <code>', 'store for rows that name none', 'MAIN')
    .option('--source <name>', 'namespace of order ids: re-importing under the same source is a no-op', 'import')
    .addOption(new Option('--date-order <order>', 'how to read slash dates like 03/05/2024').choices(['ymd', 'mdy', 'dmy']).default('ymd'))
    .option('--delimiter <char>', 'field delimiter (sniffed by default)')
    .addOption(new Option('--zero-price <policy>', 'lines at price 0: reject them (zero_price) or keep them as purchases (e.g. CDNOW, free samples)').choices(['reject', 'keep']).default('reject'))
    .option('--rejects <file>', 'where rejected rows go (default: <file name>.rejects.csv in the current directory)')
    .option('--no-worker', 'parse in the main thread')
    .action(async (kind: string, file: string, opts: ImportOptions, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      if (kind !== 'orders' && kind !== 'customers' && kind !== 'products') throw new AppError('VALIDATION', `cannot import "${kind}"; use orders, customers or products`, { field: 'kind' });
      try { statSync(file); } catch { throw new AppError('NOT_FOUND', `file not found: ${file}`, { field: 'file' }); }
      await withStore(g, async ({ db }, config) => {
        const zone = opts.zone ?? config.REGULARS_ZONE;
        if (!isValidZone(zone)) throw new AppError('VALIDATION', `unknown time zone "${zone}"`, { field: 'zone' });
        const rejects = rejectFile(opts.rejects ?? `${basename(file).replace(/\.gz$/i, '')}.rejects.csv`);
        const shown = progress(!g.json);
        const started = performance.now();
        let report: ImportReport;
        try {
          report = await importFile(db, file, {
            kind, fileName: basename(file), now: nowIso, zone, currency: opts.currency, defaultStore: opts.store, source: opts.source, actor: 'cli',
            read: {
              encoding: opts.encoding, dateOrder: opts.dateOrder, currencyDigits: currencyDigits(opts.currency), worker: opts.worker, zeroPrice: opts.zeroPrice,
              ...(opts.map ? { map: opts.map } : {}), ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
            },
            reject: (issue) => rejects.write(issue),
            onProgress: (p) => shown.update(p.totalBytes ? `importing ${bar(p.bytesRead / p.totalBytes)} ${int(p.records)} rows` : `importing ${int(p.records)} rows`),
          });
        } finally {
          shown.done();
          await rejects.close();
        }
        const seconds = (performance.now() - started) / 1000;
        const json = { ...report, rejectFile: rejects.count ? rejects.path : null, seconds: Math.round(seconds * 100) / 100 };
        output(g, json, () => humanReport(report, rejects.count ? rejects.path : null, seconds));
      });
    });
}

function humanReport(r: ImportReport, rejectPath: string | null, seconds: number): string {
  const lines = [
    `${r.fileName}: ${int(r.rowsRead)} rows read in ${seconds.toFixed(1)} s — ${int(r.rowsImported)} imported, ${int(r.rowsUnchanged)} unchanged, ${int(r.rowsRejected)} rejected`,
  ];
  if (r.columns) lines.push(`columns: ${Object.entries(r.columns.found).map(([f, h]) => `${f}←${h}`).join(', ')}${r.columns.ignored.length ? `; ignored: ${r.columns.ignored.join(', ')}` : ''}`);
  if ('orders' in r) {
    lines.push(`orders: ${int(r.orders.inserted)} new (${int(r.orders.anonymous)} anonymous), ${int(r.orders.unchanged)} unchanged, ${int(r.orders.conflicts)} conflicts`);
    lines.push(`returns: ${int(r.returns.inserted)} new (${int(r.returns.anonymous)} anonymous), ${int(r.returns.unchanged)} unchanged, ${int(r.returns.conflicts)} conflicts`);
    lines.push(`customers created: ${int(r.customersCreated)}${r.storesCreated.length ? `; stores created: ${r.storesCreated.join(', ')}` : ''}`);
    if (Object.keys(r.importedByKind).length) lines.push(`imported lines by kind: ${Object.entries(r.importedByKind).map(([k, n]) => `${k} ${int(n)}`).join(', ')}`);
  } else {
    lines.push(`created ${int(r.created)}, updated ${int(r.updated)}`);
  }
  if (r.rowsRejected) {
    lines.push(`rejected by reason: ${Object.entries(r.rejectedByReason).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${int(n)}`).join(', ')}`);
    lines.push(`reject file: ${rejectPath}`);
  }
  return lines.join('\n');
}

import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import ExcelJS from 'exceljs';
import { csvLine } from '../../app/csv.ts';
import { CUSTOMER_EXPORT_COLUMNS, customerExportRows } from '../../app/export-customers.ts';
import { AppError } from '../../domain/errors.ts';
import { output, withStore, type GlobalOptions } from '../context.ts';

export function registerExport(program: Command): void {
  program.command('export').argument('<what>', 'customers').requiredOption('-o, --out <file>', 'output file (.csv or .xlsx)')
    .description('export customers with their summary to CSV (UTF-8 with BOM, opens in Excel) or XLSX')
    .action(async (what: string, opts: { out: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      if (what !== 'customers') throw new AppError('VALIDATION', `cannot export "${what}"; try: customers`, { field: 'what' });
      await withStore(g, async ({ db }) => {
        let n = 0;
        if (opts.out.toLowerCase().endsWith('.xlsx')) {
          const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: opts.out });
          const ws = wb.addWorksheet('customers');
          ws.addRow([...CUSTOMER_EXPORT_COLUMNS]).commit();
          for await (const cells of customerExportRows(db)) { ws.addRow(cells).commit(); n++; }
          ws.commit();
          await wb.commit();
        } else {
          const out = createWriteStream(opts.out);
          out.write(`\ufeff${csvLine(CUSTOMER_EXPORT_COLUMNS)}`);
          for await (const cells of customerExportRows(db)) {
            if (!out.write(csvLine(cells))) await new Promise<void>((res) => out.once('drain', () => res()));
            n++;
          }
          await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
        }
        output(g, { exported: n, file: opts.out }, () => `${n} customers written to ${opts.out}`);
      });
    });
}

import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import ExcelJS from 'exceljs';
import { AppError } from '../../domain/errors.ts';
import { formatMinor } from '../../domain/money.ts';
import { output, withStore, type GlobalOptions } from '../context.ts';

const COLUMNS = ['id', 'member_no', 'phone', 'name', 'gender', 'birth_date', 'city', 'home_store', 'registered_at', 'first_purchase_date',
  'last_purchase_date', 'orders', 'purchase_days', 'items', 'net_spend', 'returns', 'categories'] as const;

/** One CSV field, quoted only when it must be. */
const csvField = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function registerExport(program: Command): void {
  program.command('export').argument('<what>', 'customers').requiredOption('-o, --out <file>', 'output file (.csv or .xlsx)')
    .description('export customers with their summary to CSV (UTF-8 with BOM, opens in Excel) or XLSX')
    .action(async (what: string, opts: { out: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      if (what !== 'customers') throw new AppError('VALIDATION', `cannot export "${what}"; try: customers`, { field: 'what' });
      const xlsx = opts.out.toLowerCase().endsWith('.xlsx');
      await withStore(g, async ({ db }) => {
        const rows = db.selectFrom('customers')
          .leftJoin('customer_summary as s', 's.customer_id', 'customers.id')
          .leftJoin('stores', 'stores.id', 'customers.home_store_id')
          .select(['customers.id', 'member_no', 'phone', 'customers.name', 'gender', 'birth_date', 'customers.city', 'stores.code as home_store', 'registered_at',
            's.first_purchase_date', 's.last_purchase_date', 's.orders', 's.purchase_days', 's.items', 's.net_minor', 's.returns', 's.categories'])
          .where('merged_into_id', 'is', null).orderBy('customers.id').stream(1000);
        let n = 0;
        const toCells = (r: Record<string, unknown>) => COLUMNS.map((c) => {
          const v = c === 'net_spend' ? (r.net_minor === null ? null : formatMinor(Number(r.net_minor))) : r[c];
          return (v ?? null) as string | number | null;
        });
        if (xlsx) {
          const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: opts.out });
          const ws = wb.addWorksheet('customers');
          ws.addRow([...COLUMNS]).commit();
          for await (const r of rows) { ws.addRow(toCells(r)).commit(); n++; }
          ws.commit();
          await wb.commit();
        } else {
          const out = createWriteStream(opts.out);
          out.write(`\ufeff${COLUMNS.join(',')}\n`);
          for await (const r of rows) {
            if (!out.write(`${toCells(r).map(csvField).join(',')}\n`)) await new Promise<void>((res) => out.once('drain', () => res()));
            n++;
          }
          await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
        }
        output(g, { exported: n, file: opts.out }, () => `${n} customers written to ${opts.out}`);
      });
    });
}

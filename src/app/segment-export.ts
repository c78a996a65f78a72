// Members of a segment as pages (API, CLI) and as CSV or XLSX files: who they are and the facts that
// put them there. Phones are masked for roles that may not see them in full.
import { createWriteStream } from 'node:fs';
import type { Kysely } from 'kysely';
import { formatMinor } from '../domain/money.ts';
import { maskPhone } from '../domain/phone.ts';
import { dayNumbers } from '../domain/segments/facts.ts';
import type { DB } from '../store/schema.ts';
import { inChunks } from '../store/batch.ts';
import { csvLine, type Cell } from './csv.ts';
import type { Members } from './segments.ts';

export interface Member {
  id: number; memberNo: string | null; phone: string | null; name: string | null; segment: string;
  firstPurchaseDate: string; lastPurchaseDate: string; recencyDays: number; orders: number; netMinor: number;
}

export const MEMBER_EXPORT_COLUMNS = ['id', 'member_no', 'phone', 'name', 'segment', 'first_purchase_date', 'last_purchase_date', 'recency_days', 'orders', 'net_spend'] as const;

async function membersAt(db: Kysely<DB>, m: Members, indexes: readonly number[], maskPhones: boolean): Promise<Member[]> {
  const facts = m.population.evaluation.input.facts;
  const ids = indexes.map((i) => facts[i]!.id);
  const profiles = new Map<number, { member_no: string | null; phone: string | null; name: string | null }>();
  for (const chunk of inChunks(ids, 1000)) {
    for (const r of await db.selectFrom('customers').select(['id', 'member_no', 'phone', 'name']).where('id', 'in', chunk).execute()) profiles.set(r.id, r);
  }
  const day = dayNumbers();
  const end = day(m.population.asOf);
  return indexes.map((i) => {
    const f = facts[i]!;
    const p = profiles.get(f.id);
    return {
      id: f.id, memberNo: p?.member_no ?? null, phone: maskPhones ? maskPhone(p?.phone ?? null) : p?.phone ?? null, name: p?.name ?? null,
      segment: m.label, firstPurchaseDate: f.firstPurchaseDate, lastPurchaseDate: f.lastPurchaseDate, recencyDays: end - day(f.lastPurchaseDate),
      orders: f.orders, netMinor: f.netMinor,
    };
  });
}

/** One page of members in customer id order. */
export async function memberPage(db: Kysely<DB>, m: Members, page: { limit: number; offset: number; maskPhones: boolean }) {
  const items = await membersAt(db, m, m.indexes.slice(page.offset, page.offset + page.limit), page.maskPhones);
  return { asOf: m.population.asOf, total: m.indexes.length, limit: page.limit, offset: page.offset, items };
}

/** Every member as export cells, a page of profiles at a time. */
export async function* memberExportRows(db: Kysely<DB>, m: Members, opts: { maskPhones: boolean; pageSize?: number }): AsyncGenerator<Cell[]> {
  const size = opts.pageSize ?? 1000;
  for (let k = 0; k < m.indexes.length; k += size) {
    for (const x of await membersAt(db, m, m.indexes.slice(k, k + size), opts.maskPhones)) {
      yield [x.id, x.memberNo, x.phone, x.name, x.segment, x.firstPurchaseDate, x.lastPurchaseDate, x.recencyDays, x.orders, formatMinor(x.netMinor)];
    }
  }
}

/** The members as CSV text (UTF-8 with BOM, so Excel opens it). */
export async function membersCsv(db: Kysely<DB>, m: Members, opts: { maskPhones: boolean }): Promise<string> {
  const parts = [`\ufeff${csvLine(MEMBER_EXPORT_COLUMNS)}`];
  for await (const cells of memberExportRows(db, m, opts)) parts.push(csvLine(cells));
  return parts.join('');
}

/** Write the members to a .csv or .xlsx file (by extension); returns how many were written. */
export async function writeMembersFile(db: Kysely<DB>, m: Members, file: string, opts: { maskPhones: boolean }): Promise<number> {
  let n = 0;
  if (file.toLowerCase().endsWith('.xlsx')) {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
    const ws = wb.addWorksheet(m.label);
    ws.addRow([...MEMBER_EXPORT_COLUMNS]).commit();
    for await (const cells of memberExportRows(db, m, opts)) { ws.addRow(cells).commit(); n++; }
    ws.commit();
    await wb.commit();
    return n;
  }
  const out = createWriteStream(file);
  out.write(`\ufeff${csvLine(MEMBER_EXPORT_COLUMNS)}`);
  for await (const cells of memberExportRows(db, m, opts)) {
    if (!out.write(csvLine(cells))) await new Promise<void>((res) => out.once('drain', () => res()));
    n++;
  }
  await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
  return n;
}

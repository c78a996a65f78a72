// Customers with their summary, as rows for CSV/XLSX export (CLI `export`, GET /api/exports/customers.csv).
import type { Kysely } from 'kysely';
import { formatMinor } from '../domain/money.ts';
import { maskPhone } from '../domain/phone.ts';
import type { DB } from '../store/schema.ts';
import type { Cell } from './csv.ts';

export const CUSTOMER_EXPORT_COLUMNS = ['id', 'member_no', 'phone', 'name', 'gender', 'birth_date', 'city', 'home_store', 'registered_at',
  'first_purchase_date', 'last_purchase_date', 'orders', 'purchase_days', 'items', 'net_spend', 'returns', 'categories'] as const;

/** Stream export rows in id order; `maskPhones` for roles that may not see phones in full. */
export async function* customerExportRows(db: Kysely<DB>, opts: { maskPhones?: boolean; pageSize?: number } = {}): AsyncGenerator<Cell[]> {
  // Keyset pages by id: bounded memory on both dialects without a server-side cursor.
  let after = -1;
  for (;;) {
    const page = await db.selectFrom('customers')
      .leftJoin('customer_summary as s', 's.customer_id', 'customers.id')
      .leftJoin('stores', 'stores.id', 'customers.home_store_id')
      .select(['customers.id', 'member_no', 'phone', 'customers.name', 'gender', 'birth_date', 'customers.city', 'stores.code as home_store', 'registered_at',
        's.first_purchase_date', 's.last_purchase_date', 's.orders', 's.purchase_days', 's.items', 's.net_minor', 's.returns', 's.categories'])
      .where('merged_into_id', 'is', null).where('customers.id', '>', after).orderBy('customers.id').limit(opts.pageSize ?? 1000).execute();
    for (const r of page) {
      const cells: Record<string, unknown> = { ...r, phone: opts.maskPhones ? maskPhone(r.phone) : r.phone, net_spend: r.net_minor === null ? null : formatMinor(Number(r.net_minor)) };
      yield CUSTOMER_EXPORT_COLUMNS.map((c) => (cells[c] ?? null) as Cell);
    }
    if (page.length === 0) return;
    after = page[page.length - 1]!.id;
  }
}

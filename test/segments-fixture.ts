// A small hand-checked store for the segment tests (figures worked out in test/segments-store.test.ts):
//   M1  three orders 2024-01-10 (Wed), 02-10 (Sat, discounted, category 服装x), 03-09 (Sat); 7,500 net
//   M2  one order 2024-02-01 of 3,000, returned in full on 02-05: net 0
//   M3  only a return (no purchase): never counted
//   M4  two orders on one day, 2024-03-01: 2 orders, 1 purchase day
//   M5  one order 2024-03-05 at store S2, cost known, category 服装/上衣
// plus an anonymous order, which counts for nobody.
import type { Kysely } from 'kysely';
import { recordSales } from '../src/app/record-sales.ts';
import type { DB } from '../src/store/schema.ts';
import { upsertStores } from '../src/store/stores.repo.ts';
import { line, order, ret } from './support/orders.ts';

export const FIXTURE_NOW = '2024-06-01T00:00:00.000Z';
export const STORES = [
  { code: 'S1', name: '静安店', timeZone: 'Asia/Shanghai', currency: 'CNY', format: 'clothing', city: '上海' },
  { code: 'S2', name: '徐汇店', timeZone: 'Asia/Shanghai', currency: 'CNY', format: 'clothing', city: '上海' },
];

/** Noon in Shanghai on a date, as a UTC instant. */
const noon = (date: string) => `${date}T04:00:00.000Z`;

export async function recordFixture(db: Kysely<DB>, opts: { stores?: boolean } = {}): Promise<Record<'M1' | 'M2' | 'M3' | 'M4' | 'M5', number>> {
  if (opts.stores !== false) await upsertStores(db, STORES, FIXTURE_NOW);
  await recordSales(db, {
    orders: [
      order('O1', 'M1', noon('2024-01-10'), [line('A1', 2, 1000)]),
      order('O2', 'M1', noon('2024-02-10'), [line('B1', 1, 5000, { discountMinor: 500, category: '服装x' })]),
      order('O3', 'M1', noon('2024-03-09'), [line('A1', 1, 1000)]),
      order('O4', 'M2', noon('2024-02-01'), [line('A2', 1, 3000)]),
      order('O5', 'M4', '2024-03-01T02:00:00.000Z', [line('A1', 1, 1000)]),
      order('O6', 'M4', '2024-03-01T08:00:00.000Z', [line('A1', 1, 1000)]),
      order('O7', 'M5', noon('2024-03-05'), [line('C1', 1, 8000, { costMinor: 5000, category: '服装/上衣' })], { storeCode: 'S2' }),
      order('O8', null, noon('2024-03-06'), [line('A1', 5, 1000)]),
    ],
    returns: [
      ret('R1', 'O4', 'M2', noon('2024-02-05'), 3000, { lines: [{ sku: 'A2', quantity: 1, amountMinor: 3000, orderLineNo: 1, kind: 'merchandise', category: 'cat-A' }] }),
      ret('R2', null, 'M3', noon('2024-02-20'), 700),
    ],
  }, { now: FIXTURE_NOW });
  const rows = await db.selectFrom('customers').select(['id', 'member_no']).execute();
  return Object.fromEntries(rows.map((r) => [r.member_no!, r.id])) as Record<'M1' | 'M2' | 'M3' | 'M4' | 'M5', number>;
}

// A small deterministic grocery for the model tests: 60 members on regular cycles through the first half of
// 2024, so every figure can be worked out from the schedule below without the code under test.
//   member M01…M60, i = 1…60: first visit 2024-01-(1 + i mod 10), then every 7 + (i mod 4) × 7 days
//   (7, 14, 21 or 28); members with i mod 5 = 0 stop after their visit on or before 2024-03-15.
//   Every visit buys MILK; every second visit (counting from the first) BREAD too; with BREAD, members
//   with i mod 3 = 0 add JAM. Members with i mod 6 = 0 buy SUIT and TIE on their first visit; members with
//   i mod 6 = 3 buy a SUIT alone on their first visit. Anonymous walk-ins buy COLA on 2024-02-01 … 02-10.
import type { Kysely } from 'kysely';
import { recordSales } from '../src/app/record-sales.ts';
import type { OrderInput } from '../src/domain/orders/types.ts';
import { addDays } from '../src/domain/time.ts';
import type { DB } from '../src/store/schema.ts';
import { upsertStores } from '../src/store/stores.repo.ts';
import { line, order } from './support/orders.ts';

export const SHOP_END = '2024-06-30';

const ITEMS: Record<string, { price: number; cost: number; category: string }> = {
  MILK: { price: 1500, cost: 1000, category: '食品/乳品/牛奶' },
  BREAD: { price: 1000, cost: 600, category: '食品/烘焙/面包' },
  JAM: { price: 2500, cost: 1500, category: '食品/调味/果酱' },
  SUIT: { price: 99900, cost: 60000, category: '服装/西装' },
  TIE: { price: 19900, cost: 8000, category: '服装/领带' },
  COLA: { price: 300, cost: 200, category: '饮料/汽水' },
};

export const memberNo = (i: number): string => `M${String(i).padStart(2, '0')}`;
export const cycleOf = (i: number): number => 7 + (i % 4) * 7;
export const firstVisitOf = (i: number): string => `2024-01-${String(1 + (i % 10)).padStart(2, '0')}`;
export const stops = (i: number): boolean => i % 5 === 0;

/** Visit dates of member i, from the schedule alone. */
export function visitsOf(i: number): string[] {
  const out: string[] = [];
  for (let d = firstVisitOf(i); d <= SHOP_END && (!stops(i) || d <= '2024-03-15'); d = addDays(d, cycleOf(i))) out.push(d);
  return out;
}

/** SKUs member i buys on their k-th visit (k from 0). */
export function basketOf(i: number, k: number): string[] {
  const skus = ['MILK'];
  if (k % 2 === 0) skus.push('BREAD', ...(i % 3 === 0 ? ['JAM'] : []));
  if (k === 0 && i % 6 === 0) skus.push('SUIT', 'TIE');
  if (k === 0 && i % 6 === 3) skus.push('SUIT');
  return skus;
}

const lineFor = (sku: string) => line(sku, 1, ITEMS[sku]!.price, { category: ITEMS[sku]!.category, costMinor: ITEMS[sku]!.cost, name: sku.toLowerCase() });

/** Record the shop's orders (store S1, Asia/Shanghai; noon local time so the business date is the visit date). */
export async function seedShop(db: Kysely<DB>, { createStore = true } = {}): Promise<void> {
  if (createStore) await upsertStores(db, [{ code: 'S1', name: 'Shop', timeZone: 'Asia/Shanghai', currency: 'CNY', format: 'mart', city: null }], '2024-01-01T00:00:00.000Z');
  const orders: OrderInput[] = [];
  for (let i = 1; i <= 60; i++) {
    visitsOf(i).forEach((d, k) => orders.push(order(`${memberNo(i)}-${d}`, memberNo(i), `${d}T04:00:00Z`, basketOf(i, k).map(lineFor))));
  }
  for (let n = 0; n < 10; n++) {
    const d = addDays('2024-02-01', n);
    orders.push(order(`WALK-${d}`, null, `${d}T04:00:00Z`, [lineFor('COLA'), lineFor('MILK')]));
  }
  for (let at = 0; at < orders.length; at += 500) await recordSales(db, { orders: orders.slice(at, at + 500), returns: [] }, { now: '2024-07-01T00:00:00.000Z' });
}

import type { Kysely } from 'kysely';
import type { ProductInput } from '../domain/customers/types.ts';
import type { DB, ProductRow } from './schema.ts';
import { chunksFor, inChunks } from './batch.ts';
import { newId } from './ids.ts';

export interface Product { id: number; sku: string; name: string | null; category: string | null; brand: string | null; listPriceMinor: number | null; unitCostMinor: number | null; kind: string }

export const toProduct = (r: ProductRow): Product => ({
  id: r.id, sku: r.sku, name: r.name, category: r.category, brand: r.brand,
  listPriceMinor: r.list_price_minor, unitCostMinor: r.unit_cost_minor, kind: r.kind,
});

export async function productIdsBySku(db: Kysely<DB>, skus: Iterable<string>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const chunk of inChunks(skus)) {
    for (const r of await db.selectFrom('products').select(['id', 'sku']).where('sku', 'in', chunk).execute()) out.set(r.sku, r.id);
  }
  return out;
}

/** Create products for SKUs seen on order lines but not yet in the catalogue (name/category from the line). */
export async function ensureProducts(db: Kysely<DB>, seen: ReadonlyMap<string, { name: string | null; category: string | null; kind: string }>, now: string): Promise<Map<string, number>> {
  const ids = await productIdsBySku(db, seen.keys());
  const missing = [...seen].filter(([sku]) => !ids.has(sku));
  for (const chunk of chunksFor(missing, 6)) {
    const rows = chunk.map(([sku, p]) => ({ id: newId(), sku, name: p.name, category: p.category, kind: p.kind, created_at: now }));
    await db.insertInto('products').values(rows).onConflict((oc) => oc.column('sku').doNothing()).execute();
    for (const r of rows) ids.set(r.sku, r.id);
  }
  return ids;
}

/** Insert or update catalogue products by SKU (product import). Returns [created, updated]. */
export async function upsertProducts(db: Kysely<DB>, products: readonly ProductInput[], now: string): Promise<{ created: number; updated: number }> {
  const existing = await productIdsBySku(db, products.map((p) => p.sku));
  let created = 0, updated = 0;
  for (const p of products) {
    const values = { name: p.name, category: p.category, brand: p.brand, list_price_minor: p.listPriceMinor, unit_cost_minor: p.unitCostMinor };
    if (existing.has(p.sku)) {
      await db.updateTable('products').set(values).where('sku', '=', p.sku).execute();
      updated++;
    } else {
      const id = newId();
      await db.insertInto('products').values({ id, sku: p.sku, kind: 'merchandise', created_at: now, ...values }).execute();
      existing.set(p.sku, id);
      created++;
    }
  }
  return { created, updated };
}

export async function listProducts(db: Kysely<DB>, opts: { q?: string; limit?: number; offset?: number } = {}): Promise<Product[]> {
  const { q, limit = 50, offset = 0 } = opts;
  let query = db.selectFrom('products').selectAll();
  if (q) query = query.where((eb) => eb.or([eb('sku', 'like', `%${q}%`), eb('name', 'like', `%${q}%`)]));
  return (await query.orderBy('sku').limit(limit).offset(offset).execute()).map(toProduct);
}

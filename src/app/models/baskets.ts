// Baskets for the basket models: from the store's orders in a period (SKU or category level), or from a
// long-format file for analysts (`basket id, item` per line after a header; CSV/TSV, gzip, any encoding
// the importer reads). Item labels are kept exactly as written — Groceries has two ending in a space.
import type { Kysely } from 'kysely';
import { invalid } from '../../domain/errors.ts';
import type { ImportSource } from '../../import/source.ts';
import { openTable } from '../../import/table.ts';
import { basketLines, basketsOf, type ItemLevel } from '../../store/models.repo.ts';
import type { DB } from '../../store/schema.ts';
import { checkDate } from './clv-inputs.ts';

export interface BasketSource {
  level?: string;
  from?: string | undefined;
  to?: string | undefined;
  /** A basket file instead of the store. */
  file?: ImportSource | undefined;
}

export interface LoadedBaskets {
  source: 'store' | 'file';
  level: ItemLevel | null;
  from: string | null;
  to: string | null;
  baskets: string[][];
}

export function checkLevel(level: string): ItemLevel {
  if (level !== 'sku' && level !== 'category') throw invalid('level', `level must be sku or category, got "${level}"`);
  return level;
}

export async function loadBaskets(db: Kysely<DB>, src: BasketSource): Promise<LoadedBaskets> {
  const from = src.from === undefined ? undefined : checkDate('from', src.from);
  const to = src.to === undefined ? undefined : checkDate('to', src.to);
  if (from !== undefined && to !== undefined && from > to) throw invalid('from', `from (${from}) must be on or before to (${to})`);
  if (src.file !== undefined) {
    if (from !== undefined || to !== undefined) throw invalid('from', 'a basket file has no dates: give --from/--to only for store baskets');
    return { source: 'file', level: null, from: null, to: null, baskets: await readBasketFile(src.file) };
  }
  const level = checkLevel(src.level ?? 'sku');
  return { source: 'store', level, from: from ?? null, to: to ?? null, baskets: basketsOf(await basketLines(db, { level, from, to })) };
}

/** Baskets of a long-format file: column 1 the basket id, column 2 the item; the first line is a header. */
export async function readBasketFile(file: ImportSource): Promise<string[][]> {
  const table = await openTable(file);
  const baskets = new Map<string, string[]>();
  let header = true;
  for await (const batch of table.records) {
    for (const rec of batch) {
      if (header) {
        header = false;
        if (rec.fields.length < 2) throw invalid('baskets', `a basket file needs two columns (basket id, item); the header has ${rec.fields.length}`);
        continue;
      }
      if (rec.error) throw invalid('baskets', `line ${rec.lineNo}: ${rec.error}`);
      const [id, item] = rec.fields;
      if (id === undefined || item === undefined || id === '' || item === '') {
        if (rec.fields.every((f) => f === '')) continue; // a blank line
        throw invalid('baskets', `line ${rec.lineNo}: expected basket id and item, got "${rec.raw}"`);
      }
      let basket = baskets.get(id);
      if (!basket) baskets.set(id, (basket = []));
      basket.push(item);
    }
  }
  return [...baskets.values()];
}

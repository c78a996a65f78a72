// Per-store memo for what the per-customer views derive from every basket (the co-purchase model, item
// reorder cycles). Building them reads all baskets of a year (about a second per 50k orders), too slow
// for each 360 view. An entry is reused while younger than MAX_AGE_MS; after that it is rebuilt only
// if the orders changed (fingerprint: order count, largest order id, merged customers). So under a
// stream of POS orders a view lags new orders by at most MAX_AGE_MS, and an idle store never rebuilds.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';

const MAX_AGE_MS = 5 * 60_000;
const MAX_KEYS = 16;

interface Entry { fingerprint: string; checkedAt: number; value: Promise<unknown> }
const memo = new WeakMap<Kysely<DB>, Map<string, Entry>>();

async function fingerprint(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ n: number; top: number | null; merged: number }>`select
    (select count(*) from orders) as n, (select max(id) from orders) as top,
    (select count(*) from customers where merged_into_id is not null) as merged`.execute(db);
  const r = rows[0]!;
  return `${Number(r.n)}|${r.top ?? ''}|${Number(r.merged)}`;
}

/** The value of `compute` for this store and key, rebuilt when stale and the store's orders changed. */
export async function memoized<T>(db: Kysely<DB>, key: string, compute: () => Promise<T>): Promise<T> {
  let byKey = memo.get(db);
  if (!byKey) memo.set(db, (byKey = new Map<string, Entry>()));
  const now = performance.now();
  const hit = byKey.get(key);
  if (hit && now - hit.checkedAt < MAX_AGE_MS) return hit.value as Promise<T>;
  const fp = await fingerprint(db);
  if (hit && hit.fingerprint === fp) {
    hit.checkedAt = now;
    return hit.value as Promise<T>;
  }
  const value = compute();
  const entry = { fingerprint: fp, checkedAt: now, value };
  byKey.delete(key);
  byKey.set(key, entry);
  // Keys carry dates (asOf); keep the most recent few so a long-running server does not grow.
  for (const old of byKey.keys()) if (byKey.size > MAX_KEYS) byKey.delete(old);
  // A failed computation is not kept.
  value.catch(() => { if (byKey.get(key) === entry) byKey.delete(key); });
  return value;
}

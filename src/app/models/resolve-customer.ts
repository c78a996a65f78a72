// "Which customer?" as a cashier or analyst types it: a member number, a phone, or the internal id.
import type { Kysely } from 'kysely';
import { notFound } from '../../domain/errors.ts';
import { normalizePhone } from '../../domain/phone.ts';
import { findByRefs, getCustomer } from '../../store/customers.repo.ts';
import type { DB } from '../../store/schema.ts';

/** Member number first, then phone, then id; merged customers resolve to their survivor. */
export async function resolveCustomer(db: Kysely<DB>, text: string): Promise<number> {
  const t = text.trim();
  const phone = normalizePhone(t);
  const found = await findByRefs(db, [{ memberNo: t, phone: null }, ...(phone ? [{ memberNo: null, phone }] : [])]);
  const hit = found.get(`m:${t}`) ?? (phone ? found.get(`p:${phone}`) : undefined);
  if (hit !== undefined) return hit;
  if (/^\d+$/.test(t)) {
    const c = await getCustomer(db, Number(t));
    if (c) return c.mergedIntoId ?? c.id;
  }
  throw notFound(`customer "${t}" (no member number, phone or id matches)`, 'customer');
}

import { sql, SqliteAdapter, type Kysely } from 'kysely';
import type { CustomerInput, Gender } from '../domain/customers/types.ts';
import type { CustomerRef } from '../domain/orders/types.ts';
import type { ConsentRow, CustomerRow, DB } from './schema.ts';
import { chunksFor, inChunks } from './batch.ts';
import { newId } from './ids.ts';
import { precompiled } from './precompiled.ts';

export interface Customer {
  id: number; memberNo: string | null; phone: string | null; name: string | null; gender: Gender;
  birthDate: string | null; city: string | null; region: string | null; homeStoreId: number | null;
  guideCode: string | null; registeredAt: string | null; registrationChannel: string | null;
  referrerId: number | null; attributes: Record<string, string>; mergedIntoId: number | null;
  createdAt: string; updatedAt: string;
}

export const toCustomer = (r: CustomerRow): Customer => ({
  id: r.id, memberNo: r.member_no, phone: r.phone, name: r.name, gender: r.gender as Gender, birthDate: r.birth_date,
  city: r.city, region: r.region, homeStoreId: r.home_store_id, guideCode: r.guide_code, registeredAt: r.registered_at,
  registrationChannel: r.registration_channel, referrerId: r.referrer_id,
  attributes: JSON.parse(r.attributes) as Record<string, string>, mergedIntoId: r.merged_into_id,
  createdAt: r.created_at, updatedAt: r.updated_at,
});

/** The key a ref is looked up by: member number first, phone otherwise. */
export const refKey = (ref: CustomerRef): string | null => (ref.memberNo ? `m:${ref.memberNo}` : ref.phone ? `p:${ref.phone}` : null);

/** Look up customers by member number or phone; merged customers resolve to their survivor. */
export async function findByRefs(db: Kysely<DB>, refs: readonly CustomerRef[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const memberNos = refs.flatMap((r) => (r.memberNo ? [r.memberNo] : []));
  const phones = refs.flatMap((r) => (r.phone ? [r.phone] : []));
  for (const chunk of inChunks(memberNos)) {
    const rows = await db.selectFrom('customers').select(['id', 'member_no', 'merged_into_id']).where('member_no', 'in', chunk).execute();
    for (const r of rows) out.set(`m:${r.member_no}`, r.merged_into_id ?? r.id);
  }
  for (const chunk of inChunks(phones)) {
    const rows = await db.selectFrom('customers').select(['id', 'phone', 'merged_into_id']).where('phone', 'in', chunk).execute();
    for (const r of rows) out.set(`p:${r.phone}`, r.merged_into_id ?? r.id);
  }
  return out;
}

/**
 * Resolve refs to customer ids, creating bare customers for refs not seen before. A ref with both a
 * member number and a phone matches on either; a phone already held by another customer is not
 * copied onto a new one (the unique phone stays with its first owner).
 */
export async function resolveCustomers(db: Kysely<DB>, refs: readonly CustomerRef[], now: string): Promise<{ ids: Map<string, number>; created: number }> {
  const found = await findByRefs(db, refs);
  const ids = new Map<string, number>();
  const toCreate: CustomerRow[] = [];
  for (const ref of refs) {
    const key = refKey(ref);
    if (!key || ids.has(key)) continue;
    const hit = (ref.memberNo ? found.get(`m:${ref.memberNo}`) : undefined) ?? (ref.phone ? found.get(`p:${ref.phone}`) : undefined);
    if (hit !== undefined) { ids.set(key, hit); continue; }
    const id = newId();
    const phoneTaken = ref.phone ? found.has(`p:${ref.phone}`) || toCreate.some((c) => c.phone === ref.phone) : false;
    toCreate.push(bareCustomer(id, ref.memberNo, phoneTaken ? null : ref.phone, now));
    ids.set(key, id);
    if (ref.phone && !phoneTaken) found.set(`p:${ref.phone}`, id);
    if (ref.memberNo) found.set(`m:${ref.memberNo}`, id);
  }
  for (const chunk of chunksFor(toCreate, 16)) await db.insertInto('customers').values(chunk).execute();
  return { ids, created: toCreate.length };
}

function bareCustomer(id: number, memberNo: string | null, phone: string | null, now: string): CustomerRow {
  return {
    id, member_no: memberNo, phone, name: null, gender: 'unknown', birth_date: null, city: null, region: null,
    home_store_id: null, guide_code: null, registered_at: null, registration_channel: null, referrer_id: null,
    attributes: '{}', merged_into_id: null, created_at: now, updated_at: now,
  };
}

/**
 * Insert or update customers from a profile source (customer import, demo, API). Matching is by
 * member number, then phone. Fields absent (null) in the input never erase stored values. New
 * customers are inserted in bulk; referrers may be members of the same batch.
 */
export async function upsertCustomers(
  db: Kysely<DB>, inputs: readonly CustomerInput[], storeIds: ReadonlyMap<string, number>, now: string,
): Promise<{ created: number; updated: number; ids: number[] }> {
  const found = await findByRefs(db, inputs.flatMap((c) => [{ memberNo: c.memberNo, phone: null }, { memberNo: null, phone: c.phone }]));
  const ids: number[] = [];
  const fresh: CustomerRow[] = [];
  let updated = 0;
  for (const c of inputs) {
    const existing = (c.memberNo ? found.get(`m:${c.memberNo}`) : undefined) ?? (c.phone ? found.get(`p:${c.phone}`) : undefined);
    const fields = {
      name: c.name, birth_date: c.birthDate, city: c.city, region: c.region,
      home_store_id: c.homeStoreCode ? storeIds.get(c.homeStoreCode) ?? null : null, guide_code: c.guideCode,
      registered_at: c.registeredAt, registration_channel: c.registrationChannel,
    };
    if (existing !== undefined) {
      const set: Partial<CustomerRow> = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
      if (c.gender !== 'unknown') set.gender = c.gender;
      if (Object.keys(c.attributes).length) {
        const row = await db.selectFrom('customers').select('attributes').where('id', '=', existing).executeTakeFirstOrThrow();
        set.attributes = JSON.stringify({ ...(JSON.parse(row.attributes) as object), ...c.attributes });
      }
      if (c.memberNo && !found.has(`m:${c.memberNo}`)) { set.member_no = c.memberNo; found.set(`m:${c.memberNo}`, existing); }
      if (c.phone && !found.has(`p:${c.phone}`)) { set.phone = c.phone; found.set(`p:${c.phone}`, existing); }
      await db.updateTable('customers').set({ ...set, updated_at: now }).where('id', '=', existing).execute();
      ids.push(existing);
      updated++;
    } else {
      const id = newId();
      const phone = c.phone && !found.has(`p:${c.phone}`) ? c.phone : null;
      const memberNo = c.memberNo && !found.has(`m:${c.memberNo}`) ? c.memberNo : null;
      fresh.push({ ...bareCustomer(id, memberNo, phone, now), ...fields, gender: c.gender, attributes: JSON.stringify(c.attributes) });
      if (memberNo) found.set(`m:${memberNo}`, id);
      if (phone) found.set(`p:${phone}`, id);
      ids.push(id);
    }
  }
  for (const chunk of chunksFor(fresh, 16)) await db.insertInto('customers').values(chunk).execute();

  // The latest decision per customer and channel wins: within the batch (one statement may not touch
  // a row twice in PostgreSQL) and against what is stored (an older export never undoes an opt-out).
  const latest = new Map<string, ConsentRow>();
  inputs.forEach((c, i) => {
    for (const k of c.consents) {
      const key = `${ids[i]!}|${k.channel}`;
      const prev = latest.get(key);
      if (!prev || prev.at <= k.at) latest.set(key, { customer_id: ids[i]!, channel: k.channel, granted: k.granted ? 1 : 0, at: k.at, source: k.source });
    }
  });
  for (const chunk of chunksFor([...latest.values()], 5)) {
    await db.insertInto('customer_consents').values(chunk).onConflict((oc) => oc.columns(['customer_id', 'channel']).doUpdateSet((eb) => ({
      granted: eb.ref('excluded.granted'), at: eb.ref('excluded.at'), source: eb.ref('excluded.source'),
    })).where('customer_consents.at', '<=', (eb) => eb.ref('excluded.at'))).execute();
  }
  const referred = inputs.flatMap((c, i) => (c.referrer ? [{ id: ids[i]!, referrer: c.referrer }] : []));
  const unknown = referred.filter((r) => !found.has(`m:${r.referrer}`) && !found.has(`p:${r.referrer}`));
  if (unknown.length) {
    for (const [k, v] of await findByRefs(db, unknown.flatMap((r) => [{ memberNo: r.referrer, phone: null }, { memberNo: null, phone: r.referrer }]))) found.set(k, v);
  }
  for (const r of referred) {
    const ref = found.get(`m:${r.referrer}`) ?? found.get(`p:${r.referrer}`);
    if (ref !== undefined && ref !== r.id) await db.updateTable('customers').set({ referrer_id: ref }).where('id', '=', r.id).execute();
  }
  return { created: fresh.length, updated, ids };
}

const byId = precompiled('customer-by-id', (db, $) => db.selectFrom('customers').selectAll().where('id', '=', $(0)));

export async function getCustomer(db: Kysely<DB>, id: number): Promise<Customer | undefined> {
  const [r] = await byId(db, id);
  return r ? toCustomer(r) : undefined;
}

export interface CustomerSearch { q?: string; storeIds?: readonly number[] | null; limit?: number; offset?: number }

/**
 * Search by prefix: member number, then phone (the digits of a query made of digits and separators),
 * then name, each a range of its own index, so a search reads only the rows it returns. Results come
 * member-number matches first, then phone, then name, each sorted by that key; a customer matching
 * twice appears once. Only when no prefix matches at all does it fall back to a substring match by id
 * (a phone's middle or last digits at the counter), through the trigram index of migration 0011 for
 * queries of 3+ characters. `%` and `_` in the query are literal. Merged customers are hidden.
 * Without q: every customer by id.
 */
export async function searchCustomers(db: Kysely<DB>, s: CustomerSearch): Promise<Customer[]> {
  const { q, storeIds, limit = 20, offset = 0 } = s;
  const base = () => {
    const query = db.selectFrom('customers').selectAll().where('merged_into_id', 'is', null);
    return storeIds ? query.where('home_store_id', 'in', storeIds.length ? [...storeIds] : [-1]) : query;
  };
  const t = q?.trim() ?? '';
  if (!t) return (await base().orderBy('id').limit(limit).offset(offset).execute()).map(toCustomer);
  // A phone query is digits with separators ('138 0013-8000', '+86 …'); other text is no phone.
  const digits = /^[\d\s+()-]+$/.test(t) ? t.replace(/\D/g, '') : '';
  const keys = [['member_no', t], ['phone', digits], ['name', t]] as const;
  // Each branch fetches as many rows as the page could need from it; the concatenation is then paged.
  const want = offset + limit;
  const seen = new Set<number>();
  const out: CustomerRow[] = [];
  for (const [column, prefix] of keys) {
    if (!prefix || out.length >= want) continue;
    // The range bounds the index walk; `like` makes it exact where the range alone is not (a
    // PostgreSQL column under a linguistic collation orders 'AB' between 'ab' and 'ac'). SQLite's
    // ASCII-case-blind `like` is exact once intersected with its binary range.
    const rows = await base().where(column, '>=', prefix).where(column, '<', prefixEnd(prefix))
      .where(like(column, `${escapeLike(prefix)}%`))
      .orderBy(column).orderBy('id').limit(want).execute();
    for (const r of rows) if (!seen.has(r.id)) { seen.add(r.id); out.push(r); }
  }
  if (out.length > 0) return out.slice(offset, offset + limit).map(toCustomer);

  const phone = digits || t;
  let query = base().where((eb) => eb.or([
    like('phone', `%${escapeLike(phone)}%`), like('member_no', `${escapeLike(t)}%`), like('name', `%${escapeLike(t)}%`),
  ]));
  // PostgreSQL's planner reads the pg_trgm indexes for the `like`s above by itself. SQLite needs the
  // FTS5 table asked for candidates (a superset: it folds case more widely), which the `like`s then
  // sift. Under 3 characters there is no trigram to look up: those scan.
  if (db.getExecutor().adapter instanceof SqliteAdapter && length(t) >= 3 && length(phone) >= 3) {
    const match = `name : ${ftsString(t)} OR member_no : ${ftsString(t)} OR phone : ${ftsString(phone)}`;
    query = query.where(sql<boolean>`id in (select rowid from customers_fts where customers_fts match ${match})`);
  }
  return (await query.orderBy('id').limit(limit).offset(offset).execute()).map(toCustomer);
}

const length = (s: string) => [...s].length;

/** `column like pattern` with backslash as the escape on both dialects (SQLite has no default one). */
const like = (column: 'member_no' | 'phone' | 'name', pattern: string) => sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;

/** The text taken literally inside a `like` pattern. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** An FTS5 string literal: double quotes doubled. With the trigram tokenizer it matches as a substring. */
const ftsString = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * The least string greater than every string starting with `prefix` (binary order: SQLite's default
 * and PostgreSQL's C collation): its last code point plus one. U+FFFF and beyond are left to the caller.
 */
export function prefixEnd(prefix: string): string {
  const cps = [...prefix];
  const last = cps.pop()!.codePointAt(0)!;
  return cps.join('') + String.fromCodePoint(last + 1);
}

export async function consentsOf(db: Kysely<DB>, customerId: number) {
  const rows = await db.selectFrom('customer_consents').selectAll().where('customer_id', '=', customerId).orderBy('channel').execute();
  return rows.map((r) => ({ channel: r.channel, granted: r.granted === 1, at: r.at, source: r.source }));
}

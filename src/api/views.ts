// How stored records are shown to API callers: store ids become codes, phones are masked for roles
// that may not see them in full.
import type { Kysely } from 'kysely';
import type { Principal } from '../app/auth.ts';
import { maskPhone } from '../domain/phone.ts';
import type { DB } from '../store/schema.ts';
import { listStores } from '../store/stores.repo.ts';
import type { ApiToken, StaffUser } from '../store/users.repo.ts';
import { can } from './permissions.ts';

export type StoreCodes = (ids: readonly number[] | null) => string[] | null;

/** A function from store ids to codes (null stays null: every store). */
export async function storeCodesOf(db: Kysely<DB>): Promise<StoreCodes> {
  const codes = new Map((await listStores(db)).map((s) => [s.id, s.code]));
  return (ids) => (ids === null ? null : ids.flatMap((id) => codes.get(id) ?? []));
}

/** The phone as this principal may see it. */
export const phoneFor = (p: Pick<Principal, 'role'>, phone: string | null): string | null =>
  can(p.role, 'customers:phone') ? phone : maskPhone(phone);

export const userView = (u: StaffUser, codes: StoreCodes) => ({
  id: u.id, username: u.username, displayName: u.displayName, role: u.role, storeCodes: codes(u.storeIds),
  staffCode: u.staffCode, disabled: u.disabled, createdAt: u.createdAt,
});

export const tokenView = (t: ApiToken, codes: StoreCodes) => ({
  id: t.id, name: t.name, role: t.role, storeCodes: codes(t.storeIds), createdAt: t.createdAt, revokedAt: t.revokedAt,
});

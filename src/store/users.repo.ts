// Staff accounts, login sessions and POS API tokens. Secrets never reach this file in plaintext:
// sessions and tokens are stored as hashes, passwords as scrypt strings (see app/auth.ts).
import type { Kysely } from 'kysely';
import { cachedRead, keepsReads } from './db.ts';
import type { ApiTokenRow, DB, StaffUserRow } from './schema.ts';

export interface StaffUser {
  id: number; username: string; displayName: string; role: string;
  /** Store ids the user may act for; null means every store. */
  storeIds: number[] | null;
  staffCode: string | null; disabled: boolean; createdAt: string;
}

export interface ApiToken { id: number; name: string; role: string; storeIds: number[] | null; createdAt: string; revokedAt: string | null }

const parseIds = (text: string | null): number[] | null => (text === null ? null : (JSON.parse(text) as number[]));
export const storeIdsText = (ids: readonly number[] | null): string | null => (ids === null ? null : JSON.stringify([...ids]));

const toUser = (r: Omit<StaffUserRow, 'password_hash'>): StaffUser => ({
  id: r.id, username: r.username, displayName: r.display_name, role: r.role, storeIds: parseIds(r.store_ids),
  staffCode: r.staff_code, disabled: r.disabled === 1, createdAt: r.created_at,
});

const toToken = (r: Omit<ApiTokenRow, 'token_hash'>): ApiToken => ({
  id: r.id, name: r.name, role: r.role, storeIds: parseIds(r.store_ids), createdAt: r.created_at, revokedAt: r.revoked_at,
});

const USER_COLUMNS = ['id', 'username', 'display_name', 'role', 'store_ids', 'staff_code', 'disabled', 'created_at'] as const;
const TOKEN_COLUMNS = ['id', 'name', 'role', 'store_ids', 'created_at', 'revoked_at'] as const;

export async function insertUser(db: Kysely<DB>, row: StaffUserRow): Promise<StaffUser> {
  await db.insertInto('staff_users').values(row).execute();
  return toUser(row);
}

/** The user and their password hash, for a login attempt. */
export async function userForLogin(db: Kysely<DB>, username: string): Promise<{ user: StaffUser; passwordHash: string } | undefined> {
  const r = await db.selectFrom('staff_users').selectAll().where('username', '=', username).executeTakeFirst();
  return r ? { user: toUser(r), passwordHash: r.password_hash } : undefined;
}

export async function getUser(db: Kysely<DB>, id: number): Promise<StaffUser | undefined> {
  const r = await db.selectFrom('staff_users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? toUser(r) : undefined;
}

export async function listUsers(db: Kysely<DB>): Promise<StaffUser[]> {
  return (await db.selectFrom('staff_users').select(USER_COLUMNS).orderBy('username').execute()).map(toUser);
}

export async function countUsersWithRole(db: Kysely<DB>, role: string): Promise<number> {
  const r = await db.selectFrom('staff_users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', role).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function setPasswordHash(db: Kysely<DB>, id: number, passwordHash: string): Promise<void> {
  await db.updateTable('staff_users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

export async function setDisabled(db: Kysely<DB>, id: number, disabled: boolean): Promise<void> {
  await db.updateTable('staff_users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', id).execute();
}

export async function insertSession(db: Kysely<DB>, s: { idHash: string; userId: number; createdAt: string; expiresAt: string }): Promise<void> {
  await db.insertInto('sessions').values({ id: s.idHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt }).execute();
}

/** The enabled user behind an unexpired session. */
export async function userForSession(db: Kysely<DB>, idHash: string, now: string): Promise<StaffUser | undefined> {
  const r = await db.selectFrom('sessions').innerJoin('staff_users', 'staff_users.id', 'sessions.user_id')
    .select(USER_COLUMNS.map((c) => `staff_users.${c}` as const))
    .where('sessions.id', '=', idHash).where('sessions.expires_at', '>', now).where('staff_users.disabled', '=', 0)
    .executeTakeFirst();
  return r ? toUser(r) : undefined;
}

export async function deleteSession(db: Kysely<DB>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Kysely<DB>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function insertApiToken(db: Kysely<DB>, row: ApiTokenRow): Promise<ApiToken> {
  await db.insertInto('api_tokens').values(row).execute();
  return toToken(row);
}

/** The unrevoked token with this hash. */
/**
 * The live (unrevoked) token with this hash. Every API request asks, so on SQLite all live tokens are
 * kept in the process (a till or two per store), reloaded after any write to api_tokens or another
 * connection's commit: a request then needs no turn on the single connection before its own work.
 */
export async function tokenByHash(db: Kysely<DB>, tokenHash: string): Promise<ApiToken | undefined> {
  if (keepsReads(db)) {
    const live = await cachedRead(db, 'api-tokens', async () => new Map((await db.selectFrom('api_tokens').select([...TOKEN_COLUMNS, 'token_hash'])
      .where('revoked_at', 'is', null).execute()).map((r) => [r.token_hash, toToken(r)])));
    return live.get(tokenHash);
  }
  const r = await db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
  return r ? toToken(r) : undefined;
}

export async function getApiToken(db: Kysely<DB>, id: number): Promise<ApiToken | undefined> {
  const r = await db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? toToken(r) : undefined;
}

export async function listApiTokens(db: Kysely<DB>): Promise<ApiToken[]> {
  return (await db.selectFrom('api_tokens').select(TOKEN_COLUMNS).orderBy('id').execute()).map(toToken);
}

export async function revokeApiToken(db: Kysely<DB>, id: number, now: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

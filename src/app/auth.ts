// Staff accounts, logins and POS tokens. Passwords are scrypt-hashed with a random salt and the cost
// parameters kept in the hash string, so they can be raised later without breaking old hashes.
// Session and API tokens are random; only their SHA-256 is stored, so a leaked database holds no
// usable credential.
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError, invalid } from '../domain/errors.ts';
import type { DB } from '../store/schema.ts';
import { newId } from '../store/ids.ts';
import { storesByCode } from '../store/stores.repo.ts';
import { writeAudit } from '../store/audit.repo.ts';
import {
  countUsersWithRole, deleteExpiredSessions, deleteSession, deleteSessionsOfUser, insertApiToken, insertSession, insertUser,
  revokeApiToken as revokeTokenRow, setPasswordHash, storeIdsText, tokenByHash, userForLogin, userForSession,
  type ApiToken, type StaffUser,
} from '../store/users.repo.ts';

export const STAFF_ROLES = ['owner', 'manager', 'clerk', 'analyst'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** Staff roles plus 'pos', the role of API tokens held by point-of-sale devices. */
export type Role = StaffRole | 'pos';

/** Who is making a request: a logged-in staff user or a POS device token. */
export interface Principal {
  kind: 'user' | 'token';
  id: number;
  /** Username, or the token's name. */
  name: string;
  role: Role;
  /** Stores this principal may act for; null means every store. */
  storeIds: number[] | null;
}

export const actorOf = (p: Principal): string => `${p.kind}:${p.name}`;

// ── Passwords ────────────────────────────────────────────────────────────────────────────────────

export interface ScryptParams { N: number; r: number; p: number }
/** 2^15 × 8 × 128 B = 32 MiB per hash, ~50–100 ms on a small server. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

const scryptOptions = ({ N, r, p }: ScryptParams): ScryptOptions => ({ N, r, p, maxmem: 256 * N * r });

/** Hash a password as `scrypt$N$r$p$<salt b64url>$<key b64url>`. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_BYTES, scryptOptions(params));
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Check a password against a stored hash in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((v) => Number.isSafeInteger(v) && v > 0) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length < 16) return false;
  const key = await scrypt(password.normalize('NFKC'), salt, expected.length, scryptOptions({ N, r, p }));
  return timingSafeEqual(key, expected);
}

// A login for an unknown user still pays for one scrypt, so response time does not reveal which
// usernames exist.
let dummyHash: Promise<string> | undefined;

// ── Users ────────────────────────────────────────────────────────────────────────────────────────

const USERNAME = /^[a-z0-9][a-z0-9_.-]{1,39}$/;
export const MIN_PASSWORD = 8;

export interface NewUser {
  username: string;
  password: string;
  role: StaffRole;
  displayName?: string | null;
  /** Codes of the stores the user works in; null or absent means every store. */
  storeCodes?: readonly string[] | null;
  staffCode?: string | null;
}

export interface AuditOptions {
  now: string;
  /** Recorded in the audit log: "user:<name>", "cli", … */
  actor?: string | null;
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD) throw invalid('/password', `password must have at least ${MIN_PASSWORD} characters`);
  if (password.length > 256) throw invalid('/password', 'password must have at most 256 characters');
}

/** Resolve store codes to ids; an unknown code is a validation error naming its index. */
export async function storeIdsOf(db: Kysely<DB>, codes: readonly string[] | null | undefined): Promise<number[] | null> {
  if (codes === null || codes === undefined) return null;
  const found = await storesByCode(db, codes);
  return codes.map((code, i) => {
    const s = found.get(code);
    if (!s) throw invalid(`/storeCodes/${i}`, `unknown store ${code}`);
    return s.id;
  }).filter((id, i, all) => all.indexOf(id) === i);
}

/** Create a staff user. Usernames are case-insensitive (stored lower-case) and unique. */
export async function createUser(db: Kysely<DB>, input: NewUser, opts: AuditOptions): Promise<StaffUser> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) throw invalid('/username', 'username must be 2–40 characters: letters, digits, "_", "." or "-", starting with a letter or digit');
  if (!(STAFF_ROLES as readonly string[]).includes(input.role)) throw invalid('/role', `role must be one of ${STAFF_ROLES.join(', ')}`);
  checkPassword(input.password);
  const storeIds = input.role === 'owner' ? null : await storeIdsOf(db, input.storeCodes);
  if (await userForLogin(db, username)) throw new AppError('CONFLICT', `username ${username} is taken`, { field: '/username' });
  const user = await insertUser(db, {
    id: newId(), username, display_name: input.displayName?.trim() || username, password_hash: await hashPassword(input.password),
    role: input.role, store_ids: storeIdsText(storeIds), staff_code: input.staffCode ?? null, disabled: 0, created_at: opts.now,
  });
  await writeAudit(db, { actor: opts.actor ?? null, action: 'user.create', entity: 'staff_user', entityId: user.id,
    details: { username, role: user.role, storeIds }, at: opts.now });
  return user;
}

/** Create the first owner (`regulars init`); refuses when an owner already exists. */
export async function createOwner(db: Kysely<DB>, input: Omit<NewUser, 'role' | 'storeCodes'>, opts: AuditOptions): Promise<StaffUser> {
  if ((await countUsersWithRole(db, 'owner')) > 0) throw new AppError('CONFLICT', 'an owner already exists; log in as the owner to add staff');
  return createUser(db, { ...input, role: 'owner', storeCodes: null }, { ...opts, actor: opts.actor ?? 'cli' });
}

/** Set a new password and end the user's sessions (CLI password reset). */
export async function setPassword(db: Kysely<DB>, username: string, password: string, opts: AuditOptions): Promise<void> {
  checkPassword(password);
  const found = await userForLogin(db, username.trim().toLowerCase());
  if (!found) throw new AppError('NOT_FOUND', `user ${username} not found`, { field: '/username' });
  await setPasswordHash(db, found.user.id, await hashPassword(password));
  await deleteSessionsOfUser(db, found.user.id);
  await writeAudit(db, { actor: opts.actor ?? null, action: 'user.password', entity: 'staff_user', entityId: found.user.id, details: {}, at: opts.now });
}

// ── Sessions ─────────────────────────────────────────────────────────────────────────────────────

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');
const randomToken = (prefix = ''): string => prefix + randomBytes(32).toString('base64url');

export interface LoginResult { token: string; expiresAt: string; user: StaffUser }

/**
 * Check a username and password and open a session; null when they do not match (or the user is
 * disabled), without saying which. Both outcomes are audited.
 */
export async function login(db: Kysely<DB>, username: string, password: string, opts: { now: Date; sessionHours: number }): Promise<LoginResult | null> {
  const now = opts.now.toISOString();
  const name = username.trim().toLowerCase();
  const found = await userForLogin(db, name);
  const ok = found ? await verifyPassword(password, found.passwordHash) : await verifyPassword(password, await (dummyHash ??= hashPassword('not a password')));
  if (!found || !ok || found.user.disabled) {
    await writeAudit(db, { actor: null, action: 'auth.login_failed', entity: 'staff_user', entityId: found?.user.id ?? name.slice(0, 40),
      details: { username: name.slice(0, 40), reason: !found ? 'unknown_user' : !ok ? 'bad_password' : 'disabled' }, at: now });
    return null;
  }
  const token = randomToken();
  const expiresAt = new Date(opts.now.getTime() + opts.sessionHours * 3_600_000).toISOString();
  await deleteExpiredSessions(db, now);
  await insertSession(db, { idHash: sha256(token), userId: found.user.id, createdAt: now, expiresAt });
  await writeAudit(db, { actor: `user:${found.user.username}`, action: 'auth.login', entity: 'staff_user', entityId: found.user.id, details: {}, at: now });
  return { token, expiresAt, user: found.user };
}

export const userPrincipal = (u: StaffUser): Principal => ({ kind: 'user', id: u.id, name: u.username, role: u.role as StaffRole, storeIds: u.storeIds });
const tokenPrincipal = (t: ApiToken): Principal => ({ kind: 'token', id: t.id, name: t.name, role: 'pos', storeIds: t.storeIds });

/** The principal behind a session cookie's token, if the session is live and the user enabled. */
export async function principalFromSession(db: Kysely<DB>, token: string, now: Date): Promise<Principal | null> {
  const user = await userForSession(db, sha256(token), now.toISOString());
  return user ? userPrincipal(user) : null;
}

export async function logout(db: Kysely<DB>, token: string, opts: AuditOptions): Promise<void> {
  await deleteSession(db, sha256(token));
  if (opts.actor) await writeAudit(db, { actor: opts.actor, action: 'auth.logout', entity: 'session', entityId: '-', details: {}, at: opts.now });
}

// ── API tokens ───────────────────────────────────────────────────────────────────────────────────

export const TOKEN_PREFIX = 'rgl_';

export interface NewApiToken { name: string; storeCodes?: readonly string[] | null }

/** Create a POS token; the plaintext is returned once and never stored. */
export async function createApiToken(db: Kysely<DB>, input: NewApiToken, opts: AuditOptions): Promise<{ token: string; record: ApiToken }> {
  const name = input.name.trim();
  if (!name || name.length > 80) throw invalid('/name', 'name must have 1–80 characters');
  const storeIds = await storeIdsOf(db, input.storeCodes);
  const token = randomToken(TOKEN_PREFIX);
  const record = await insertApiToken(db, {
    id: newId(), name, token_hash: sha256(token), role: 'pos', store_ids: storeIdsText(storeIds), created_at: opts.now, revoked_at: null,
  });
  await writeAudit(db, { actor: opts.actor ?? null, action: 'token.create', entity: 'api_token', entityId: record.id, details: { name, storeIds }, at: opts.now });
  return { token, record };
}

export async function revokeApiToken(db: Kysely<DB>, id: number, opts: AuditOptions): Promise<void> {
  await revokeTokenRow(db, id, opts.now);
  await writeAudit(db, { actor: opts.actor ?? null, action: 'token.revoke', entity: 'api_token', entityId: id, details: {}, at: opts.now });
}

/** The principal behind a bearer token, if it exists and is not revoked. */
export async function principalFromToken(db: Kysely<DB>, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const t = await tokenByHash(db, sha256(token));
  return t ? tokenPrincipal(t) : null;
}

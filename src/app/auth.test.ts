import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect, freshStore } from '../../test/support/dialects.ts';
import { AppError } from '../domain/errors.ts';
import { upsertStores } from '../store/stores.repo.ts';
import { setDisabled } from '../store/users.repo.ts';
import { auditFor } from '../store/audit.repo.ts';
import {
  createApiToken, createOwner, createUser, hashPassword, login, logout, principalFromSession, principalFromToken,
  revokeApiToken, setPassword, verifyPassword,
} from './auth.ts';

const CHEAP = { N: 1024, r: 8, p: 1 };

test('password hashes carry their parameters and a fresh salt', async () => {
  const h1 = await hashPassword('correct horse', CHEAP);
  const h2 = await hashPassword('correct horse', CHEAP);
  assert.match(h1, /^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  assert.notEqual(h1, h2, 'salted');
  assert.equal(await verifyPassword('correct horse', h1), true);
  assert.equal(await verifyPassword('correct horsf', h1), false);
  assert.equal(await verifyPassword('', h1), false);
});

test('default parameters verify, and full-width input equals its NFKC form', async () => {
  const h = await hashPassword('Ｐａｓｓ１２３４');
  assert.match(h, /^scrypt\$32768\$8\$1\$/);
  assert.equal(await verifyPassword('Pass1234', h), true);
});

test('malformed or tampered hashes never verify', async () => {
  const h = await hashPassword('correct horse', CHEAP);
  const parts = h.split('$');
  for (const bad of ['', 'plain', h.replace('scrypt', 'bcrypt'), [...parts.slice(0, 1), '2048', ...parts.slice(2)].join('$'),
    [...parts.slice(0, 5), 'AAAA'].join('$'), [...parts.slice(0, 1), '0', ...parts.slice(2)].join('$'), [...parts.slice(0, 1), String(2 ** 30), ...parts.slice(2)].join('$')]) {
    assert.equal(await verifyPassword('correct horse', bad), false, bad);
  }
});

forEachDialect('staff accounts, sessions and tokens', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  const T0 = new Date('2024-06-01T00:00:00.000Z');
  const now = T0.toISOString();
  before(async () => {
    store = await freshStore(dialect);
    await upsertStores(store.db, [{ code: 'S1', name: 'One', timeZone: 'Asia/Shanghai', currency: 'CNY', format: null, city: null }], now);
  });
  after(() => store.drop());

  const code = (field: string, c: string) => (e: unknown) => e instanceof AppError && e.code === c && e.field === field;

  test('one first owner; usernames unique regardless of case; inputs validated with the field named', async () => {
    const owner = await createOwner(store.db, { username: 'Boss', password: 'correct horse' }, { now });
    assert.equal(owner.username, 'boss');
    assert.equal(owner.role, 'owner');
    assert.equal(owner.storeIds, null);
    await assert.rejects(createOwner(store.db, { username: 'boss2', password: 'correct horse' }, { now }), (e: unknown) => e instanceof AppError && e.code === 'CONFLICT');
    await assert.rejects(createUser(store.db, { username: 'BOSS', password: 'correct horse', role: 'clerk' }, { now }), code('/username', 'CONFLICT'));
    await assert.rejects(createUser(store.db, { username: 'x y', password: 'correct horse', role: 'clerk' }, { now }), code('/username', 'VALIDATION'));
    await assert.rejects(createUser(store.db, { username: 'amy', password: 'short', role: 'clerk' }, { now }), code('/password', 'VALIDATION'));
    await assert.rejects(createUser(store.db, { username: 'amy', password: 'correct horse', role: 'clerk', storeCodes: ['S1', 'S9'] }, { now }), code('/storeCodes/1', 'VALIDATION'));
    const amy = await createUser(store.db, { username: 'amy', password: 'correct horse', role: 'clerk', storeCodes: ['S1'] }, { now, actor: 'user:boss' });
    assert.equal(amy.storeIds?.length, 1);
    const audit = await auditFor(store.db, 'staff_user', amy.id);
    assert.deepEqual(audit.map((a) => [a.action, a.actor]), [['user.create', 'user:boss']]);
    assert.ok(!JSON.stringify(audit).includes('correct horse'), 'no password in the audit trail');
    const row = await store.db.selectFrom('staff_users').select('password_hash').where('id', '=', amy.id).executeTakeFirstOrThrow();
    assert.match(row.password_hash, /^scrypt\$/);
  });

  test('login opens a session stored as a hash; it expires, ends on logout, on a new password, and for disabled users', async () => {
    assert.equal(await login(store.db, 'amy', 'wrong password', { now: T0, sessionHours: 12 }), null);
    assert.equal(await login(store.db, 'nobody', 'correct horse', { now: T0, sessionHours: 12 }), null);
    const ok = await login(store.db, 'AMY', 'correct horse', { now: T0, sessionHours: 12 });
    assert.ok(ok);
    assert.equal(ok.expiresAt, '2024-06-01T12:00:00.000Z');
    const stored = await store.db.selectFrom('sessions').select('id').execute();
    assert.ok(stored.every((s) => s.id !== ok.token), 'only a hash of the token is stored');
    const p = await principalFromSession(store.db, ok.token, new Date('2024-06-01T11:59:59.000Z'));
    assert.deepEqual(p && { kind: p.kind, name: p.name, role: p.role }, { kind: 'user', name: 'amy', role: 'clerk' });
    assert.equal(await principalFromSession(store.db, ok.token, new Date('2024-06-01T12:00:00.000Z')), null, 'expired');
    assert.equal(await principalFromSession(store.db, 'made-up', T0), null);

    await logout(store.db, ok.token, { now, actor: 'user:amy' });
    assert.equal(await principalFromSession(store.db, ok.token, T0), null, 'logged out');

    const again = (await login(store.db, 'amy', 'correct horse', { now: T0, sessionHours: 12 }))!;
    await setPassword(store.db, 'amy', 'battery staple', { now, actor: 'cli' });
    assert.equal(await principalFromSession(store.db, again.token, T0), null, 'a new password ends sessions');
    assert.equal(await login(store.db, 'amy', 'correct horse', { now: T0, sessionHours: 12 }), null);
    const third = (await login(store.db, 'amy', 'battery staple', { now: T0, sessionHours: 12 }))!;
    const amyId = third.user.id;
    await setDisabled(store.db, amyId, true);
    assert.equal(await principalFromSession(store.db, third.token, T0), null, 'disabled users lose their sessions');
    assert.equal(await login(store.db, 'amy', 'battery staple', { now: T0, sessionHours: 12 }), null);
    await setDisabled(store.db, amyId, false);

    const trail = (await store.db.selectFrom('audit_log').select(['action', 'details']).where('action', 'like', 'auth.%').execute()).map((r) => r.action);
    assert.ok(trail.includes('auth.login') && trail.includes('auth.login_failed') && trail.includes('auth.logout'));
  });

  test('API tokens: plaintext returned once, stored hashed, role pos, revocable', async () => {
    const { token, record } = await createApiToken(store.db, { name: 'till 1', storeCodes: ['S1'] }, { now, actor: 'user:boss' });
    assert.match(token, /^rgl_[\w-]{43}$/);
    assert.equal(record.role, 'pos');
    const row = await store.db.selectFrom('api_tokens').select('token_hash').where('id', '=', record.id).executeTakeFirstOrThrow();
    assert.notEqual(row.token_hash, token);
    const p = await principalFromToken(store.db, token);
    assert.deepEqual(p && { kind: p.kind, role: p.role, storeIds: p.storeIds }, { kind: 'token', role: 'pos', storeIds: record.storeIds });
    assert.equal(await principalFromToken(store.db, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')), null);
    assert.equal(await principalFromToken(store.db, 'not-a-token'), null);
    await revokeApiToken(store.db, record.id, { now, actor: 'user:boss' });
    assert.equal(await principalFromToken(store.db, token), null, 'revoked');
  });
});

// An API over a fresh store with one principal per role: owner, manager and clerk of store S1, an
// analyst for every store, and a POS token for S1. Requests go through app.inject.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildServer } from '../../src/api/server.ts';
import type { App } from '../../src/api/context.ts';
import { createApiToken, createOwner, createUser } from '../../src/app/auth.ts';
import { upsertStores } from '../../src/store/stores.repo.ts';
import { freshStore } from './dialects.ts';

export const NOW = new Date('2024-06-01T00:00:00.000Z');
export const PASSWORD = 'correct horse battery';
export const STORES = [
  { code: 'S1', name: '静安店', timeZone: 'Asia/Shanghai', currency: 'CNY', format: 'clothing', city: '上海' },
  { code: 'S2', name: 'Soho', timeZone: 'Europe/London', currency: 'GBP', format: 'clothing', city: 'London' },
];
export const ROLES = ['owner', 'manager', 'clerk', 'analyst', 'pos'] as const;
export type Who = (typeof ROLES)[number] | 'anonymous';

export interface Api {
  app: App;
  store: Awaited<ReturnType<typeof freshStore>>;
  /** Request headers that authenticate as `who`. */
  auth: Record<Who, Record<string, string>>;
  call(who: Who, opts: InjectOptions): Promise<LightMyRequestResponse>;
  login(username: string, password?: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function apiFixture(dialect: 'sqlite' | 'postgres', opts: { secureCookies?: boolean } = {}): Promise<Api> {
  const store = await freshStore(dialect);
  const now = NOW.toISOString();
  await upsertStores(store.db, STORES, now);
  await createOwner(store.db, { username: 'owner', password: PASSWORD }, { now });
  await createUser(store.db, { username: 'manager', password: PASSWORD, role: 'manager', storeCodes: ['S1'] }, { now });
  await createUser(store.db, { username: 'clerk', password: PASSWORD, role: 'clerk', storeCodes: ['S1'] }, { now });
  await createUser(store.db, { username: 'analyst', password: PASSWORD, role: 'analyst' }, { now });
  const { token } = await createApiToken(store.db, { name: 'till-1', storeCodes: ['S1'] }, { now });
  const app = await buildServer({
    store, config: { REGULARS_SESSION_HOURS: 12, REGULARS_SECURE_COOKIES: opts.secureCookies ?? false }, now: () => NOW,
  });
  const login = async (username: string, password = PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'regulars_session')!;
    return { cookie: `${cookie.name}=${cookie.value}` };
  };
  const auth: Api['auth'] = {
    owner: await login('owner'), manager: await login('manager'), clerk: await login('clerk'), analyst: await login('analyst'),
    pos: { authorization: `Bearer ${token}` }, anonymous: {},
  };
  return {
    app, store, auth, login,
    call: (who, o) => app.inject({ ...o, headers: { ...auth[who], ...(o.headers ?? {}) } }),
    async close() { await app.close(); await store.drop(); },
  };
}

/** A valid order body for store S1 (or `storeCode`). */
export function orderBody(externalId: string, over: Record<string, unknown> = {}) {
  return {
    externalId, storeCode: 'S1', placedAt: '2024-03-05T17:30:00Z', customer: { memberNo: 'M1', phone: '+86 138-0013-8000' },
    lines: [
      { sku: 'TEE-1', name: 'T恤', category: '服装/上衣', quantity: 3, unitPriceMinor: 1999, discountMinor: 500, costMinor: 2400 },
      { sku: 'SOCK', name: '袜子', category: '服装/袜', quantity: 1, unitPriceMinor: 990 },
    ],
    ...over,
  };
}

export const json = <T = Record<string, unknown>>(res: LightMyRequestResponse): T => res.json<T>();

// The role × route matrix, written out literally (not derived from permissions.ts) so that a change
// to the permission table shows up here as a failing cell. Allowed → 2xx; denied → 403 problem;
// nobody logged in → 401 problem. Every route in the OpenAPI document must appear in the matrix.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { createApiToken } from '../src/app/auth.ts';
import { forEachDialect } from './support/dialects.ts';
import { apiFixture, json, NOW, orderBody, PASSWORD, ROLES, type Api } from './support/api.ts';

import type { Ctx, Row } from './roles/row.ts';
import { ROWS as MODEL_ROWS } from './roles/models.ts';
import { ROWS as REPORT_ROWS } from './roles/reports.ts';
import { ROWS as SEGMENT_ROWS } from './roles/segments.ts';
import { ROWS as LOYALTY_ROWS } from './roles/loyalty.ts';
import { ROWS as LOYALTY_STATS_ROWS } from './roles/loyalty-stats.ts';

type Role = (typeof ROLES)[number];

const productsCsv = (who: string) => ({ payload: Buffer.from(`sku,name\nP-${who},thing\n,no sku\n`), headers: { 'content-type': 'text/csv' } });

//                                                    owner manager clerk analyst pos
const CORE: Row[] = [
  ['GET', '/api/auth/me',                             'Y     Y       Y     Y       -', () => ({ url: '/api/auth/me' })],
  ['POST', '/api/auth/logout',                        'Y     Y       Y     Y       -', async (api, who) => ({
    url: '/api/auth/logout', headers: who === 'pos' || who === 'anonymous' ? {} : await api.login(who) })],
  ['GET', '/api/users',                               'Y     Y       -     -       -', () => ({ url: '/api/users' })],
  ['POST', '/api/users',                              'Y     Y       -     -       -', (_a, who) => ({
    url: '/api/users', payload: { username: `new-${who}`, password: PASSWORD, role: 'clerk', storeCodes: ['S1'] } })],
  ['GET', '/api/tokens',                              'Y     Y       -     -       -', () => ({ url: '/api/tokens' })],
  ['POST', '/api/tokens',                             'Y     Y       -     -       -', (_a, who) => ({ url: '/api/tokens', payload: { name: `till-${who}`, storeCodes: ['S1'] } })],
  ['DELETE', '/api/tokens/{id}',                      'Y     Y       -     -       -', async (api, who) => {
    const { record } = await createApiToken(api.store.db, { name: `doomed-${who}`, storeCodes: ['S1'] }, { now: NOW.toISOString() });
    return { url: `/api/tokens/${record.id}` };
  }],
  ['GET', '/api/customers',                           'Y     Y       Y     Y       -', () => ({ url: '/api/customers?q=M1' })],
  ['GET', '/api/customers/lookup',                    'Y     Y       Y     Y       Y', () => ({ url: '/api/customers/lookup?phone=13800138000' })],
  ['GET', '/api/customers/{id}',                      'Y     Y       Y     Y       -', (_a, _w, c) => ({ url: `/api/customers/${c.customerId}` })],
  ['POST', '/api/orders',                             'Y     Y       Y     -       Y', (_a, who) => ({ url: '/api/orders', payload: orderBody(`O-${who}`) })],
  ['POST', '/api/returns',                            'Y     Y       Y     -       Y', (_a, who) => ({
    url: '/api/returns', payload: { externalId: `R-${who}`, storeCode: 'S1', returnedAt: '2024-03-08T10:00:00+08:00', customer: { memberNo: 'M1' }, lines: [{ sku: 'TEE-1', quantity: 1, amountMinor: 1000 }] } })],
  ['GET', '/api/products',                            'Y     Y       Y     Y       -', () => ({ url: '/api/products' })],
  ['GET', '/api/stores',                              'Y     Y       Y     Y       -', () => ({ url: '/api/stores' })],
  ['GET', '/api/stats',                               'Y     Y       -     Y       -', () => ({ url: '/api/stats' })],
  ['POST', '/api/imports/{kind}',                     'Y     Y       -     -       -', (_a, who) => ({ url: '/api/imports/products?fileName=p.csv', ...productsCsv(who) })],
  ['POST', '/api/imports/{kind}/preview',             'Y     Y       -     -       -', (_a, who) => ({ url: '/api/imports/products/preview?fileName=p.csv', ...productsCsv(who) })],
  ['GET', '/api/imports/{id}',                        'Y     Y       -     -       -', (_a, _w, c) => ({ url: `/api/imports/${c.importId}` })],
  ['GET', '/api/imports/{id}/rejects.csv',            'Y     Y       -     -       -', (_a, _w, c) => ({ url: `/api/imports/${c.importId}/rejects.csv` })],
  ['POST', '/api/customers/{id}/merge',               'Y     Y       -     -       -', async (api, who, c) => {
    const dup = await api.call('owner', { method: 'POST', url: '/api/orders', payload: orderBody(`DUP-${who}`, { customer: { memberNo: `DUP-${who}` } }) });
    return { url: `/api/customers/${c.customerId}/merge`, payload: { duplicateId: json<{ customerId: number }>(dup).customerId } };
  }],
  ['GET', '/api/exports/customers.csv',               'Y     Y       -     Y       -', () => ({ url: '/api/exports/customers.csv' })],
];

const MATRIX: Row[] = [...CORE, ...SEGMENT_ROWS, ...REPORT_ROWS, ...MODEL_ROWS, ...LOYALTY_ROWS, ...LOYALTY_STATS_ROWS];

const PUBLIC: [method: string, path: string, build: () => InjectOptions][] = [
  ['GET', '/health', () => ({ url: '/health' })],
  ['POST', '/api/auth/login', () => ({ url: '/api/auth/login', payload: { username: 'analyst', password: PASSWORD } })],
];

const allowedFor = (cells: string): Record<Role, boolean> => {
  const marks = cells.trim().split(/\s+/);
  assert.equal(marks.length, ROLES.length);
  return Object.fromEntries(ROLES.map((r, i) => [r, marks[i] === 'Y'])) as Record<Role, boolean>;
};

forEachDialect('role × route matrix', (dialect) => {
  let api: Api;
  const ctx: Ctx = { customerId: 0, importId: 0 };
  /** Every body sent to a role that may not see full phones. */
  const maskedBodies: string[] = [];
  before(async () => {
    api = await apiFixture(dialect);
    const res = await api.call('owner', { method: 'POST', url: '/api/orders', payload: orderBody('SEED-1') });
    ctx.customerId = json<{ customerId: number }>(res).customerId;
    const imported = await api.call('owner', { method: 'POST', url: '/api/imports/products?fileName=seed.csv', ...productsCsv('seed') });
    ctx.importId = json<{ importId: number }>(imported).importId;
  });
  after(() => api.close());

  test('the matrix covers every route of the OpenAPI document', async () => {
    const doc = json<{ paths: Record<string, Record<string, unknown>> }>(await api.call('anonymous', { url: '/docs/json' }));
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    const covered = [...MATRIX.map(([m, p]) => `${m} ${p}`), ...PUBLIC.map(([m, p]) => `${m} ${p}`)].sort();
    assert.deepEqual(documented, covered);
  });

  for (const [method, path, build] of PUBLIC) {
    test(`${method} ${path} is public`, async () => {
      const res = await api.call('anonymous', { method, ...build() });
      assert.ok(res.statusCode >= 200 && res.statusCode < 300, `${res.statusCode} ${res.body}`);
    });
  }

  for (const [method, path, cells, build] of MATRIX) {
    const allowed = allowedFor(cells);
    test(`${method} ${path} without credentials → 401`, async () => {
      const res = await api.call('anonymous', { method, ...(await build(api, 'anonymous', ctx)) });
      assert.equal(res.statusCode, 401, res.body);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    });
    for (const role of ROLES) {
      test(`${method} ${path} as ${role} → ${allowed[role] ? 'allowed' : '403'}`, async () => {
        const opts = await build(api, role, ctx);
        const res = await api.call(role, { method, ...opts });
        if (role === 'clerk' || role === 'analyst' || role === 'pos') maskedBodies.push(res.body);
        if (allowed[role]) {
          assert.ok(res.statusCode >= 200 && res.statusCode < 300, `expected 2xx, got ${res.statusCode} ${res.body}`);
        } else {
          assert.equal(res.statusCode, 403, res.body);
          assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
          assert.equal(json(res).status, 403);
        }
      });
    }
  }

  test('clerks, analysts and POS tokens never received a full phone number', () => {
    assert.ok(maskedBodies.some((b) => b.includes('138****8000')), 'they did see masked ones');
    for (const body of maskedBodies) assert.ok(!body.includes('13800138000'), body);
  });
});

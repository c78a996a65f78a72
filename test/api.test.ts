import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildServer } from '../src/api/server.ts';
import { auditFor } from '../src/store/audit.repo.ts';
import { forEachDialect, freshStore } from './support/dialects.ts';
import { apiFixture, json, orderBody, PASSWORD, type Api } from './support/api.ts';

interface Problem { type: string; title: string; status: number; detail: string; instance: string; requestId: string; errors?: { field: string; message: string }[] }

function assertProblem(res: { statusCode: number; headers: Record<string, unknown>; json<T>(): T }, status: number, field?: string): Problem {
  assert.equal(res.statusCode, status, JSON.stringify(res.json()));
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const p = res.json<Problem>();
  assert.equal(p.status, status);
  assert.ok(p.type && p.title && p.detail && p.instance && p.requestId, 'RFC 9457 members present');
  if (field) assert.ok(p.errors?.some((e) => e.field === field), `names ${field}: ${JSON.stringify(p.errors)}`);
  return p;
}

forEachDialect('API basics', (dialect) => {
  let api: Api;
  before(async () => { api = await apiFixture(dialect); });
  after(() => api.close());

  test('/health needs no login and pings the database', async () => {
    const res = await api.call('anonymous', { url: '/health' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok', db: 'ok' });
  });

  test('OpenAPI is served at /docs/json with every route and both auth schemes; the UI at /docs', async () => {
    const doc = json<{ openapi: string; paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> } }>(
      await api.call('anonymous', { url: '/docs/json' }));
    assert.match(doc.openapi, /^3\.1/);
    for (const path of ['/health', '/api/auth/login', '/api/customers', '/api/customers/{id}', '/api/orders', '/api/returns', '/api/products', '/api/stores', '/api/stats', '/api/users', '/api/tokens']) {
      assert.ok(doc.paths[path], path);
    }
    assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['bearer', 'session']);
    assert.ok(doc.components.schemas.Problem);
    const ui = await api.call('anonymous', { url: '/docs' });
    assert.equal(ui.statusCode, 200);
    assert.match(ui.body, /swagger/i);
  });

  test('unknown routes are 404 problems', async () => {
    assertProblem(await api.call('owner', { url: '/api/nothing' }), 404);
  });

  test('login sets an HttpOnly, SameSite=Lax session cookie; me; logout ends it', async () => {
    const bad = await api.call('anonymous', { method: 'POST', url: '/api/auth/login', payload: { username: 'clerk', password: 'nope nope' } });
    assertProblem(bad, 401);
    assert.equal(bad.headers['set-cookie'], undefined);
    assertProblem(await api.call('anonymous', { method: 'POST', url: '/api/auth/login', payload: { username: 'clerk' } }), 400, '/password');

    const res = await api.call('anonymous', { method: 'POST', url: '/api/auth/login', payload: { username: 'Clerk', password: PASSWORD } });
    assert.equal(res.statusCode, 200);
    const c = res.cookies.find((k) => k.name === 'regulars_session')!;
    assert.equal(c.httpOnly, true);
    assert.equal(c.sameSite, 'Lax');
    assert.equal(c.path, '/');
    assert.equal(c.secure, undefined, 'not Secure unless configured');
    assert.equal(c.maxAge, 12 * 3600);
    const body = json<{ user: { role: string; storeCodes: string[]; permissions: string[] }; expiresAt: string }>(res);
    assert.equal(body.expiresAt, '2024-06-01T12:00:00.000Z');
    assert.deepEqual(body.user.storeCodes, ['S1']);
    assert.ok(body.user.permissions.includes('sales:write') && !body.user.permissions.includes('customers:phone'));

    const cookie = `regulars_session=${c.value}`;
    const me = await api.call('anonymous', { url: '/api/auth/me', headers: { cookie } });
    assert.equal(me.statusCode, 200);
    assert.equal(json(me).role, 'clerk');
    const out = await api.call('anonymous', { method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    assert.equal(out.statusCode, 204);
    assert.equal(out.cookies.find((k) => k.name === 'regulars_session')?.value, '');
    const gone = assertProblem(await api.call('anonymous', { url: '/api/auth/me', headers: { cookie } }), 401);
    assert.ok(gone.detail.length > 0);
    const trail = await api.store.db.selectFrom('audit_log').select('action').where('action', 'in', ['auth.login', 'auth.login_failed', 'auth.logout']).execute();
    assert.deepEqual(new Set(trail.map((t) => t.action)), new Set(['auth.login', 'auth.login_failed', 'auth.logout']));
  });

  test('a bad or revoked bearer token is 401, with WWW-Authenticate', async () => {
    const res = await api.call('anonymous', { url: '/api/customers/lookup?phone=13800138000', headers: { authorization: 'Bearer rgl_nope' } });
    assertProblem(res, 401);
    assert.match(String(res.headers['www-authenticate']), /^Bearer/);
    assertProblem(await api.call('anonymous', { url: '/api/stores', headers: { authorization: 'Basic abc' } }), 401);
  });
});

forEachDialect('API sales, customers and catalogue', (dialect) => {
  let api: Api;
  before(async () => { api = await apiFixture(dialect); });
  after(() => api.close());

  interface Order { id: number; customerId: number | null; businessDate: string; placedAt: string; grossMinor: number; discountMinor: number; netMinor: number; items: number; replayed: boolean }

  test('an order is recorded with money computed from minor units and the business date in the store zone', async () => {
    const res = await api.call('clerk', { method: 'POST', url: '/api/orders', payload: orderBody('A-1') });
    assert.equal(res.statusCode, 201, res.body);
    const o = json<Order>(res);
    assert.equal(o.grossMinor, 3 * 1999 + 990);
    assert.equal(o.discountMinor, 500);
    assert.equal(o.netMinor, 3 * 1999 + 990 - 500);
    assert.equal(o.items, 4);
    assert.equal(o.placedAt, '2024-03-05T17:30:00.000Z');
    assert.equal(o.businessDate, '2024-03-06', '01:30 the next morning in Shanghai');
    assert.equal(o.replayed, false);
    assert.ok(o.customerId);

    const london = json<Order>(await api.call('owner', { method: 'POST', url: '/api/orders', payload: orderBody('A-2', { storeCode: 'S2' }) }));
    assert.equal(london.businessDate, '2024-03-05', '17:30 the same day in London');
    assert.equal(london.customerId, o.customerId, 'the same member');

    const anon = json<Order>(await api.call('pos', { method: 'POST', url: '/api/orders', payload: orderBody('A-3', { customer: null, placedAt: '2024-03-07T10:00:00+08:00' }) }));
    assert.equal(anon.customerId, null);
    assert.equal(anon.businessDate, '2024-03-07');
  });

  test('a replay returns the same order with 200 and replayed=true; other content under the same id is 409 naming /externalId', async () => {
    const before = await api.store.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const first = json<Order>(await api.call('owner', { url: '/api/customers/lookup?memberNo=M1' }));
    const res = await api.call('pos', { method: 'POST', url: '/api/orders', payload: orderBody('A-1', { placedAt: '2024-03-06T01:30:00+08:00' }) });
    assert.equal(res.statusCode, 200, res.body);
    const o = json<Order>(res);
    assert.equal(o.replayed, true, 'the same instant written with another offset is the same order');
    assert.equal(o.customerId, first.id);
    const after = await api.store.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));

    const changed = orderBody('A-1');
    changed.lines[0]!.quantity = 4;
    const p = assertProblem(await api.call('clerk', { method: 'POST', url: '/api/orders', payload: changed }), 409, '/externalId');
    assert.match(p.detail, /A-1/);
  });

  test('Idempotency-Key: same key and body → the stored response; same key, other body → 422; keys are per caller', async () => {
    const headers = { 'idempotency-key': 'k-123' };
    const first = await api.call('pos', { method: 'POST', url: '/api/orders', headers, payload: orderBody('B-1') });
    assert.equal(first.statusCode, 201);
    const again = await api.call('pos', { method: 'POST', url: '/api/orders', headers, payload: { ...orderBody('B-1') } });
    assert.equal(again.statusCode, 201, 'the stored status');
    assert.deepEqual(again.json(), first.json(), 'the stored body, replayed:false included');
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assertProblem(await api.call('pos', { method: 'POST', url: '/api/orders', headers, payload: orderBody('B-2') }), 422);
    const other = await api.call('clerk', { method: 'POST', url: '/api/orders', headers, payload: orderBody('B-2') });
    assert.equal(other.statusCode, 201, 'another caller\'s key space');
    const rows = await api.store.db.selectFrom('idempotency_keys').selectAll().execute();
    assert.equal(rows.length, 2);
  });

  test('order validation names the field', async () => {
    const post = (payload: unknown) => api.call('clerk', { method: 'POST', url: '/api/orders', payload: payload as Record<string, unknown> });
    assertProblem(await post(orderBody('V-1', { customer: { phone: '12345' } })), 400, '/customer/phone');
    assertProblem(await post(orderBody('V-2', { lines: [{ sku: 'X', quantity: 0, unitPriceMinor: 100 }] })), 400, '/lines/0/quantity');
    assertProblem(await post(orderBody('V-3', { lines: [{ sku: 'X', quantity: 1, unitPriceMinor: 1.5 }] })), 400, '/lines/0/unitPriceMinor');
    assertProblem(await post(orderBody('V-4', { lines: [{ sku: 'X', quantity: 1, unitPriceMinor: 100, discountMinor: 101 }] })), 400, '/lines/0/discountMinor');
    assertProblem(await post(orderBody('V-5', { lines: [{ sku: 'X', quantity: 1, unitPriceMinor: -100 }] })), 400, '/lines/0/unitPriceMinor');
    assertProblem(await post(orderBody('V-6', { placedAt: '2024-03-05 17:30' })), 400, '/placedAt');
    assertProblem(await post(orderBody('V-7', { placedAt: '2024-06-03T00:00:00Z' })), 400, '/placedAt');
    assertProblem(await post(orderBody('V-8', { storeCode: 'S9' })), 400, '/storeCode');
    assertProblem(await post(orderBody('V-9', { lines: [] })), 400, '/lines');
    assertProblem(await post({}), 400, '/externalId');
    const voucher = await post(orderBody('V-10', { lines: [{ sku: 'X', quantity: 1, unitPriceMinor: 500 }, { name: 'voucher', quantity: 1, unitPriceMinor: -200, kind: 'voucher' }] }));
    assert.equal(voucher.statusCode, 201, voucher.body);
    assert.equal(json<Order>(voucher).netMinor, 300);
    const raw = await api.call('clerk', { method: 'POST', url: '/api/orders', headers: { 'content-type': 'application/json' }, payload: '{"externalId":' });
    assertProblem(raw, 400);
    const text = await api.call('clerk', { method: 'POST', url: '/api/orders', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    assertProblem(text, 415);
  });

  test('returns link to their order, count against it, and may not exceed it', async () => {
    const post = (payload: Record<string, unknown>) => api.call('clerk', { method: 'POST', url: '/api/returns', payload });
    const base = { storeCode: 'S1', orderExternalId: 'A-1', returnedAt: '2024-03-08T10:00:00+08:00', reason: 'size' };
    const res = await post({ ...base, externalId: 'R-1', lines: [{ orderLineNo: 1, quantity: 1, amountMinor: 1832 }] });
    assert.equal(res.statusCode, 201, res.body);
    const r = json<{ id: number; orderId: number; customerId: number; amountMinor: number; items: number; businessDate: string; replayed: boolean }>(res);
    const order = await api.store.db.selectFrom('orders').select(['id', 'customer_id']).where('external_id', '=', 'A-1').executeTakeFirstOrThrow();
    assert.equal(r.orderId, order.id);
    assert.equal(r.customerId, order.customer_id, 'the customer comes from the order');
    assert.deepEqual([r.amountMinor, r.items, r.businessDate, r.replayed], [1832, 1, '2024-03-08', false]);
    const line = await api.store.db.selectFrom('return_lines').selectAll().where('return_id', '=', r.id).executeTakeFirstOrThrow();
    assert.deepEqual([line.sku, line.category], ['TEE-1', '服装/上衣'], 'filled in from the order line');

    const replay = await post({ ...base, externalId: 'R-1', lines: [{ orderLineNo: 1, quantity: 1, amountMinor: 1832 }] });
    assert.equal(replay.statusCode, 200, replay.body);
    assert.equal(json(replay).id, r.id);
    assertProblem(await post({ ...base, externalId: 'R-1', lines: [{ orderLineNo: 1, quantity: 2, amountMinor: 1832 }] }), 409, '/externalId');

    assertProblem(await post({ ...base, externalId: 'R-2', lines: [{ orderLineNo: 1, quantity: 3, amountMinor: 100 }] }), 400, '/lines/0/quantity');
    assertProblem(await post({ ...base, externalId: 'R-2', lines: [{ sku: 'TEE-1', quantity: 2, amountMinor: 100 }, { orderLineNo: 1, quantity: 1, amountMinor: 100 }] }), 400, '/lines/1/quantity');
    assertProblem(await post({ ...base, externalId: 'R-2', lines: [{ sku: 'SOCK', quantity: 1, amountMinor: 99999 }] }), 400, '/lines/0/amountMinor');
    assertProblem(await post({ ...base, externalId: 'R-2', lines: [{ orderLineNo: 9, quantity: 1, amountMinor: 100 }] }), 400, '/lines/0/orderLineNo');
    assertProblem(await post({ ...base, externalId: 'R-2', lines: [{ sku: 'HAT', quantity: 1, amountMinor: 100 }] }), 400, '/lines/0/sku');
    assertProblem(await post({ ...base, externalId: 'R-2', orderExternalId: 'NOPE', lines: [{ quantity: 1, amountMinor: 100 }] }), 400, '/orderExternalId');
    assertProblem(await post({ ...base, externalId: 'R-2', lines: [{ quantity: 1, amountMinor: 0 }] }), 400, '/lines/0/amountMinor');
    assertProblem(await post({ ...base, externalId: 'R-2', lines: [{ quantity: -1, amountMinor: 10 }] }), 400, '/lines/0/quantity');
    const rest = await post({ ...base, externalId: 'R-2', lines: [{ sku: 'TEE-1', quantity: 2, amountMinor: 3664 }] });
    assert.equal(rest.statusCode, 201, 'the remaining two may go back');
    const unlinked = await post({ ...base, orderExternalId: null, externalId: 'R-3', customer: { memberNo: 'M1' }, lines: [{ sku: 'ANY', quantity: 1, amountMinor: 500 }] });
    assert.equal(unlinked.statusCode, 201, 'a return without a receipt');
  });

  test('customer search and lookup; phones in full only for owners and managers', async () => {
    const owner = json<{ items: { id: number; phone: string; memberNo: string }[] }>(await api.call('owner', { url: '/api/customers?q=0013' }));
    assert.equal(owner.items.length, 1);
    assert.equal(owner.items[0]!.phone, '13800138000');
    assert.equal(json<{ items: unknown[] }>(await api.call('manager', { url: '/api/customers?q=M1' })).items.length, 1);
    for (const who of ['clerk', 'analyst'] as const) {
      const res = await api.call(who, { url: '/api/customers?q=13800138000' });
      assert.equal(json<{ items: { phone: string }[] }>(res).items[0]!.phone, '138****8000');
      assert.ok(!res.body.includes('13800138000'));
    }
    const pos = await api.call('pos', { url: '/api/customers/lookup?phone=%2B86%20138%200013%208000' });
    assert.equal(pos.statusCode, 200, pos.body);
    const found = json<{ memberNo: string; phone: string; orders: number }>(pos);
    assert.deepEqual([found.memberNo, found.phone, found.orders], ['M1', '138****8000', 5], 'A-1, A-2, B-1, B-2, V-10');
    assertProblem(await api.call('pos', { url: '/api/customers/lookup?phone=13900000000' }), 404);
    assertProblem(await api.call('pos', { url: '/api/customers/lookup?phone=abc' }), 400, '/phone');
    assertProblem(await api.call('pos', { url: '/api/customers/lookup' }), 400, '/phone');
    assertProblem(await api.call('owner', { url: '/api/customers?limit=1000' }), 400, '/limit');
  });

  test('the 360 view: profile, summary with margin, orders with lines, returns', async () => {
    const { id } = json<{ id: number }>(await api.call('owner', { url: '/api/customers/lookup?memberNo=M1' }));
    type View = {
      profile: { phone: string; memberNo: string; consents: unknown[]; attributes: Record<string, string> };
      summary: { orders: number; purchaseDays: number; items: number; salesMinor: number; returns: number; returnMinor: number; netMinor: number; marginMinor: number; categories: number; firstPurchaseDate: string };
      orders: { externalId: string; lines: { sku: string }[] }[]; returns: { externalId: string }[];
    };
    const v = json<View>(await api.call('manager', { url: `/api/customers/${id}` }));
    assert.equal(v.profile.phone, '13800138000');
    assert.equal(v.profile.memberNo, 'M1');
    assert.deepEqual(v.profile.consents, []);
    const sales = 4 * (3 * 1999 + 990 - 500) + 300;
    assert.deepEqual(
      [v.summary.orders, v.summary.purchaseDays, v.summary.items, v.summary.salesMinor, v.summary.returns, v.summary.returnMinor, v.summary.categories, v.summary.firstPurchaseDate],
      [5, 2, 4 * 4 + 1, sales, 3, 1832 + 3664 + 500, 2, '2024-03-05'],
    );
    assert.equal(v.summary.netMinor, sales - (1832 + 3664 + 500));
    assert.equal(v.summary.marginMinor, 0, 'no order has a fully known cost (socks lack one)');
    assert.deepEqual(v.orders.map((o) => o.externalId).sort(), ['A-1', 'A-2', 'B-1', 'B-2', 'V-10']);
    assert.deepEqual(v.orders.find((o) => o.externalId === 'A-1')!.lines.map((l) => l.sku), ['TEE-1', 'SOCK']);
    assert.deepEqual(v.returns.map((r) => r.externalId).sort(), ['R-1', 'R-2', 'R-3']);
    const clerk = await api.call('clerk', { url: `/api/customers/${id}` });
    assert.equal(json<View>(clerk).profile.phone, '138****8000');
    assert.ok(!clerk.body.includes('13800138000'));
    assertProblem(await api.call('owner', { url: '/api/customers/999' }), 404);
    assertProblem(await api.call('owner', { url: '/api/customers/abc' }), 400, '/id');
  });

  test('products, stores (within the caller\'s scope) and stats', async () => {
    const products = json<{ items: { sku: string }[] }>(await api.call('clerk', { url: '/api/products' }));
    assert.deepEqual(products.items.map((p) => p.sku), ['SOCK', 'TEE-1', 'X']);
    assert.deepEqual(json<{ items: { sku: string }[] }>(await api.call('clerk', { url: '/api/products?q=TEE' })).items.map((p) => p.sku), ['TEE-1']);
    assert.deepEqual(json<{ items: { code: string }[] }>(await api.call('clerk', { url: '/api/stores' })).items.map((s) => s.code), ['S1']);
    const all = json<{ items: { code: string; timeZone: string }[] }>(await api.call('analyst', { url: '/api/stores' }));
    assert.deepEqual(all.items.map((s) => [s.code, s.timeZone]), [['S1', 'Asia/Shanghai'], ['S2', 'Europe/London']]);
    const stats = json<Record<string, number>>(await api.call('analyst', { url: '/api/stats' }));
    assert.deepEqual([stats.customers, stats.orders, stats.anonymousOrders, stats.returns, stats.orderLines], [1, 6, 1, 3, 2 + 2 + 2 + 2 + 2 + 2]);
  });

  test('store scope: staff and tokens record sales only for their stores', async () => {
    for (const who of ['manager', 'clerk', 'pos'] as const) {
      assertProblem(await api.call(who, { method: 'POST', url: '/api/orders', payload: orderBody(`S2-${who}`, { storeCode: 'S2' }) }), 403, '/storeCode');
      assertProblem(await api.call(who, { method: 'POST', url: '/api/returns', payload: {
        externalId: `S2R-${who}`, storeCode: 'S2', returnedAt: '2024-03-08T10:00:00Z', lines: [{ quantity: 1, amountMinor: 1 }] } }), 403, '/storeCode');
    }
  });
});

forEachDialect('API concurrency', (dialect) => {
  let api: Api;
  before(async () => { api = await apiFixture(dialect); });
  after(() => api.close());

  test('concurrent first submissions of one order: one 201, the rest replays (with and without a key)', async () => {
    const burst = (id: string, headers: Record<string, string> = {}) =>
      Promise.all(Array.from({ length: 6 }, () => api.call('pos', { method: 'POST', url: '/api/orders', headers, payload: orderBody(id, { customer: { memberNo: `NEW-${id}` } }) })));
    const plain = await burst('C-1');
    assert.deepEqual(plain.map((r) => r.statusCode).sort(), [200, 200, 200, 200, 200, 201]);
    assert.equal(new Set(plain.map((r) => json(r).id)).size, 1);
    const keyed = await burst('C-2', { 'idempotency-key': 'burst' });
    assert.deepEqual(keyed.map((r) => r.statusCode), [201, 201, 201, 201, 201, 201], 'everyone gets the stored first response');
    assert.equal(new Set(keyed.map((r) => r.body)).size, 1);
  });
});

forEachDialect('API staff and tokens', (dialect) => {
  let api: Api;
  before(async () => { api = await apiFixture(dialect); });
  after(() => api.close());

  test('owners create managers, clerks and analysts; managers only clerks within their stores', async () => {
    const post = (who: 'owner' | 'manager', payload: Record<string, unknown>) => api.call(who, { method: 'POST', url: '/api/users', payload });
    const m2 = await post('owner', { username: 'm2', password: PASSWORD, role: 'manager', storeCodes: ['S2'], displayName: '王经理' });
    assert.equal(m2.statusCode, 201, m2.body);
    assert.deepEqual(json(m2), { ...json(m2), username: 'm2', role: 'manager', storeCodes: ['S2'], displayName: '王经理', disabled: false });
    assert.ok(!m2.body.includes('scrypt'), 'no hash leaves the server');
    assertProblem(await post('owner', { username: 'o2', password: PASSWORD, role: 'owner' }), 403, '/role');
    assertProblem(await post('owner', { username: 'm2', password: PASSWORD, role: 'clerk' }), 409, '/username');
    assertProblem(await post('owner', { username: 'c9', password: 'short', role: 'clerk' }), 400, '/password');
    assertProblem(await post('owner', { username: 'c9', password: PASSWORD, role: 'clerk', storeCodes: ['S9'] }), 400, '/storeCodes/0');

    const c2 = await post('manager', { username: 'c2', password: PASSWORD, role: 'clerk', storeCodes: ['S1'] });
    assert.equal(c2.statusCode, 201, c2.body);
    assertProblem(await post('manager', { username: 'c3', password: PASSWORD, role: 'clerk', storeCodes: ['S2'] }), 403, '/storeCodes');
    assertProblem(await post('manager', { username: 'c3', password: PASSWORD, role: 'clerk' }), 403, '/storeCodes');
    assertProblem(await post('manager', { username: 'a3', password: PASSWORD, role: 'analyst', storeCodes: ['S1'] }), 403, '/role');
    const audit = await auditFor(api.store.db, 'staff_user', json<{ id: number }>(c2).id);
    assert.deepEqual(audit.map((a) => [a.action, a.actor]), [['user.create', 'user:manager']]);

    const c2Login = await api.login('c2');
    assert.equal(json(await api.call('anonymous', { url: '/api/auth/me', headers: c2Login })).role, 'clerk');

    const all = json<{ items: { username: string }[] }>(await api.call('owner', { url: '/api/users' })).items.map((u) => u.username);
    assert.deepEqual(all, ['analyst', 'c2', 'clerk', 'm2', 'manager', 'owner']);
    const mine = json<{ items: { username: string }[] }>(await api.call('manager', { url: '/api/users' })).items.map((u) => u.username);
    assert.deepEqual(mine, ['c2', 'clerk', 'manager'], 'managers see the staff of their stores');
  });

  test('a POS token: created once in plaintext, records sales in its stores, nothing else; revocable', async () => {
    const res = await api.call('manager', { method: 'POST', url: '/api/tokens', payload: { name: 'till-2', storeCodes: ['S1'] } });
    assert.equal(res.statusCode, 201, res.body);
    const created = json<{ id: number; token: string; role: string; storeCodes: string[] }>(res);
    assert.equal(created.role, 'pos');
    assert.deepEqual(created.storeCodes, ['S1']);
    assertProblem(await api.call('manager', { method: 'POST', url: '/api/tokens', payload: { name: 'till-x', storeCodes: ['S2'] } }), 403, '/storeCodes');
    assertProblem(await api.call('manager', { method: 'POST', url: '/api/tokens', payload: { name: 'till-x' } }), 403, '/storeCodes');
    const listed = await api.call('owner', { url: '/api/tokens' });
    assert.ok(!listed.body.includes(created.token), 'the secret is never listed');
    assert.deepEqual(json<{ items: { name: string }[] }>(listed).items.map((t) => t.name), ['till-1', 'till-2']);

    const bearer = { authorization: `Bearer ${created.token}` };
    const order = await api.call('anonymous', { method: 'POST', url: '/api/orders', headers: bearer, payload: orderBody('T2-1') });
    assert.equal(order.statusCode, 201, order.body);
    assertProblem(await api.call('anonymous', { url: '/api/customers', headers: bearer }), 403);
    assert.equal((await api.call('anonymous', { url: '/api/customers/lookup?memberNo=M1', headers: bearer })).statusCode, 200);

    const m2 = await api.call('owner', { method: 'POST', url: '/api/tokens', payload: { name: 'till-s2', storeCodes: ['S2'] } });
    assertProblem(await api.call('manager', { method: 'DELETE', url: `/api/tokens/${json<{ id: number }>(m2).id}` }), 403);
    assertProblem(await api.call('manager', { method: 'DELETE', url: '/api/tokens/12345' }), 404);
    assert.equal((await api.call('manager', { method: 'DELETE', url: `/api/tokens/${created.id}` })).statusCode, 204);
    assertProblem(await api.call('anonymous', { method: 'POST', url: '/api/orders', headers: bearer, payload: orderBody('T2-2') }), 401);
    const actions = (await auditFor(api.store.db, 'api_token', created.id)).map((a) => [a.action, a.actor]);
    assert.deepEqual(actions, [['token.create', 'user:manager'], ['token.revoke', 'user:manager']]);
  });
});

forEachDialect('API failure modes', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  before(async () => { store = await freshStore(dialect); });
  after(() => store.drop());

  test('an unexpected error is an opaque 500 carrying the request id; the error is logged, not sent', async () => {
    const logged: string[] = [];
    const stream = { write: (line: string) => { logged.push(line); } };
    const app = await buildServer({ store, config: { REGULARS_SESSION_HOURS: 1, REGULARS_SECURE_COOKIES: true }, logger: { level: 'error', stream } });
    app.get('/boom', { config: { access: 'public' } }, () => { throw new Error('password=hunter2 at db.internal:5432'); });
    const res = await app.inject({ url: '/boom' });
    const p = assertProblem(res, 500);
    assert.ok(!res.body.includes('hunter2') && !res.body.includes('db.internal'));
    assert.equal(p.requestId, res.headers['x-request-id']);
    assert.match(p.detail, new RegExp(p.requestId));
    assert.ok(logged.some((l) => l.includes('hunter2') && l.includes(p.requestId)), 'the cause is in the log with the request id');
    await app.close();
  });

  test('every route must declare who may call it', async () => {
    const app = await buildServer({ store, config: { REGULARS_SESSION_HOURS: 1, REGULARS_SECURE_COOKIES: false } });
    assert.throws(() => app.get('/api/open', () => 'oops'), /config\.access/);
    await app.close();
  });

  test('cookies are Secure when configured', async () => {
    const api = await apiFixture(dialect, { secureCookies: true });
    try {
      const res = await api.call('anonymous', { method: 'POST', url: '/api/auth/login', payload: { username: 'owner', password: PASSWORD } });
      assert.equal(res.cookies.find((c) => c.name === 'regulars_session')?.secure, true);
    } finally {
      await api.close();
    }
  });
});

// Over a real socket: listen on an ephemeral port and drive the cookie and bearer flows with fetch.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { forEachDialect } from './support/dialects.ts';
import { apiFixture, orderBody, PASSWORD, type Api } from './support/api.ts';

forEachDialect('API over real HTTP', (dialect) => {
  let api: Api;
  let base: string;
  before(async () => {
    api = await apiFixture(dialect);
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
  });
  after(() => api.close());

  test('log in, use the session cookie, log out', async () => {
    const anon = await fetch(`${base}/api/auth/me`);
    assert.equal(anon.status, 401);
    assert.match(anon.headers.get('content-type') ?? '', /^application\/problem\+json/);

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'manager', password: PASSWORD }),
    });
    assert.equal(login.status, 200);
    const [setCookie] = login.headers.getSetCookie();
    assert.ok(setCookie);
    assert.match(setCookie, /^regulars_session=[\w-]+;/);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.match(setCookie, /Path=\//);
    const cookie = setCookie.split(';')[0]!;

    const me = await fetch(`${base}/api/auth/me`, { headers: { cookie } });
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { name: string }).name, 'manager');
    assert.ok(me.headers.get('x-request-id'));

    const order = await fetch(`${base}/api/orders`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/json', 'idempotency-key': 'http-1' }, body: JSON.stringify(orderBody('H-1')),
    });
    assert.equal(order.status, 201);

    const out = await fetch(`${base}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    assert.equal(out.status, 204);
    assert.equal((await fetch(`${base}/api/auth/me`, { headers: { cookie } })).status, 401);
  });

  test('a POS device with a bearer token', async () => {
    const headers = { ...api.auth.pos, 'content-type': 'application/json' };
    const res = await fetch(`${base}/api/orders`, { method: 'POST', headers, body: JSON.stringify(orderBody('H-2', { customer: null })) });
    assert.equal(res.status, 201);
    const again = await fetch(`${base}/api/orders`, { method: 'POST', headers, body: JSON.stringify(orderBody('H-2', { customer: null })) });
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { replayed: boolean }).replayed, true);
    assert.equal((await fetch(`${base}/api/stats`, { headers: api.auth.pos })).status, 403);
  });

  test('/health and /docs/json without credentials', async () => {
    assert.equal((await fetch(`${base}/health`)).status, 200);
    const doc = (await (await fetch(`${base}/docs/json`)).json()) as { info: { title: string } };
    assert.equal(doc.info.title, 'Regulars API');
  });
});

// The checkout's shortcuts must not change what it records or which settings price it: stores,
// settings and promotions kept in the process are reloaded after any change (another connection's
// commit on the same SQLite file, our own write, a rollback), an order id used before is still a 409
// naming /externalId, and a member known only by id gets the order (and its summaries). API tokens
// are kept in the process too, and a revocation by another connection reaches the next request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken, principalFromToken, revokeApiToken } from '../src/app/auth.ts';
import { AppError } from '../src/domain/errors.ts';
import { commitCheckout } from '../src/app/loyalty/commit.ts';
import { priceCheckout, type CheckoutRequest } from '../src/app/loyalty/price.ts';
import { loadPromotions, loadSettings, savePromotionDefinition, saveSettings } from '../src/app/loyalty/settings.ts';
import { upsertCustomers } from '../src/store/customers.repo.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { upsertStores } from '../src/store/stores.repo.ts';
import { forEachDialect, freshStore } from './support/dialects.ts';

const NOW = new Date('2024-06-14T20:00:00.000Z'); // 04:00 on the 15th in Shanghai, 13:00 on the 14th in Los Angeles
const by = { actor: 'test', now: NOW.toISOString() };
const opts = { now: NOW, storeIds: null };
const S1 = { code: 'S1', name: '静安店', timeZone: 'Asia/Shanghai', currency: 'CNY', format: null, city: null };
const MJ = (offMinor: number) => ({ id: 'MJ', name: '满减', benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor }] } });
const cart = (over: Partial<CheckoutRequest> = {}): CheckoutRequest => ({
  storeCode: 'S1', lines: [{ lineNo: 1, sku: 'TEE', category: '服装/上衣', quantity: 1, unitPriceMinor: 15000 }], ...over,
});

/** A server and a "CLI" with their own connections to one SQLite file. */
async function twoConnections(body: (server: Store, cli: Store) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-cache-'));
  let server: Store | null = null, cli: Store | null = null;
  try {
    server = await openStore(join(dir, 'r.db'));
    cli = await openStore(join(dir, 'r.db'), { migrate: false });
    await body(server, cli);
  } finally {
    await cli?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('SQLite: a change committed by another connection to the same file is seen by the next checkout', () => twoConnections(async (server, cli) => {
  await upsertStores(server.db, [S1], by.now);
  await savePromotionDefinition(server.db, 'MJ', MJ(2000), by);
  const first = await priceCheckout(server.db, cart(), opts);
  assert.equal(first.quote.totals.payableMinor, 13000); // ¥150 − ¥20
  assert.equal(first.moment.date, '2024-06-15');
  assert.equal((await loadSettings(server.db)).versions.policy, 0);

  // The "CLI" changes the promotion, the store's zone and the policy through its own connection.
  await savePromotionDefinition(cli.db, 'MJ', MJ(3000), by);
  await upsertStores(cli.db, [{ ...S1, timeZone: 'America/Los_Angeles' }], by.now);
  await saveSettings(cli.db, 'policy', { returnWindowDays: 3 }, by);

  const second = await priceCheckout(server.db, cart(), opts);
  assert.equal(second.quote.totals.payableMinor, 12000); // ¥150 − ¥30
  assert.equal(second.moment.date, '2024-06-14');
  const s = await loadSettings(server.db);
  assert.equal(s.versions.policy, 1);
  assert.equal(s.policy.returnWindowDays, 3);
}));

test('SQLite: an API token revoked through another connection is refused on the next request', () => twoConnections(async (server, cli) => {
  await upsertStores(server.db, [S1], by.now);
  const { token, record } = await createApiToken(server.db, { name: 'till', storeCodes: ['S1'] }, { now: by.now });
  assert.equal((await principalFromToken(server.db, token))?.role, 'pos'); // now kept in the server's process
  await revokeApiToken(cli.db, record.id, { now: by.now, actor: 'cli' });
  assert.equal(await principalFromToken(server.db, token), null);
}));

forEachDialect('checkout shortcuts', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  before(async () => {
    store = await freshStore(dialect);
    await upsertStores(store.db, [S1], by.now);
  });
  after(() => store.drop());

  test('our own writes are seen at once; a write rolled back is forgotten', async () => {
    await savePromotionDefinition(store.db, 'MJ', MJ(2000), by);
    assert.equal((await priceCheckout(store.db, cart(), opts)).quote.totals.payableMinor, 13000);
    await savePromotionDefinition(store.db, 'MJ', MJ(5000), by);
    assert.equal((await priceCheckout(store.db, cart(), opts)).quote.totals.payableMinor, 10000);

    // Inside a transaction the new promotion is loaded (and could be kept); the rollback must drop it.
    await assert.rejects(store.db.transaction().execute(async (trx) => {
      await savePromotionDefinition(trx, 'EXTRA', { ...MJ(1000), id: 'EXTRA' }, by);
      assert.ok((await loadPromotions(trx)).some((p) => p.promotion.id === 'EXTRA'));
      throw new Error('roll back');
    }), /roll back/);
    assert.deepEqual((await loadPromotions(store.db)).map((p) => p.promotion.id), ['MJ']);
    assert.equal((await priceCheckout(store.db, cart(), opts)).quote.totals.payableMinor, 10000);
  });

  test('an order number recorded before is a 409 naming /externalId, and nothing more is recorded', async () => {
    const first = await commitCheckout(store.db, cart({ externalId: 'POS-1' }), { ...opts, key: 'k-1', actor: null });
    assert.equal(first.status, 201);
    await assert.rejects(commitCheckout(store.db, cart({ externalId: 'POS-1' }), { ...opts, key: 'k-2', actor: null }),
      (e: unknown) => e instanceof AppError && e.code === 'CONFLICT' && e.field === '/externalId');
    const orders = await store.db.selectFrom('orders').select(['external_id']).where('source', '=', 'checkout').execute();
    assert.deepEqual(orders.map((o) => o.external_id), ['POS-1']);
    assert.equal((await store.db.selectFrom('checkouts').select('idempotency_key').execute()).length, 1);
  });

  test('a member named only by id (no card, no phone) gets the order and its summaries', async () => {
    const { ids } = await upsertCustomers(store.db, [{
      memberNo: null, phone: null, name: '匿名会员', gender: 'unknown', birthDate: null, city: null, region: null, homeStoreCode: null, guideCode: null,
      registeredAt: by.now, registrationChannel: 'test', referrer: null, consents: [], attributes: {},
    }], new Map(), by.now);
    const id = ids[0]!;
    const out = await commitCheckout(store.db, cart({ member: { customerId: id } }), { ...opts, key: 'k-id', actor: null });
    const order = await store.db.selectFrom('orders').select(['customer_id', 'net_minor', 'business_date']).where('id', '=', out.body.orderId).executeTakeFirstOrThrow();
    assert.deepEqual(order, { customer_id: id, net_minor: 10000, business_date: '2024-06-15' }); // ¥150 − ¥50 (MJ is 满100减50 now)
    const summary = await store.db.selectFrom('customer_summary').select(['orders', 'sales_minor']).where('customer_id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(summary, { orders: 1, sales_minor: 10000 });
  });
});

// Migration 0007 on both dialects: the keys the loyalty engine's concurrency rests on really are
// unique — a second ledger entry with the same (customer, number), a second lot with the same
// number, a coupon code twice, an idempotency key twice all fail as unique violations.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect, freshStore } from './support/dialects.ts';
import { isUniqueViolation } from '../src/store/unique-violation.ts';

forEachDialect('loyalty schema', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  before(async () => { store = await freshStore(dialect); });
  after(() => store.drop());

  const rejects = async (write: () => Promise<unknown>) => {
    await assert.rejects(write, (e: unknown) => isUniqueViolation(e));
  };
  const at = '2024-06-01T00:00:00.000Z';

  test('ledger rows are keyed (customer, number)', async () => {
    const entry = { customer_id: 7, entry_no: 1, lot_no: 1, kind: 'earn', points: 100, at, business_date: '2024-06-01', order_id: null, op_id: null, line_no: null, note: null };
    await store.db.insertInto('points_entries').values(entry).execute();
    await rejects(() => store.db.insertInto('points_entries').values({ ...entry, points: -100, kind: 'redeem' }).execute());
    // Another member may use the same number.
    await store.db.insertInto('points_entries').values({ ...entry, customer_id: 8 }).execute();
    const lot = { customer_id: 7, lot_no: 1, origin: 'earn', points: 100, created_at: at, available_on: '2024-06-01', expires_on: null, order_id: null, lines: '[]' };
    await store.db.insertInto('points_lots').values(lot).execute();
    await rejects(() => store.db.insertInto('points_lots').values(lot).execute());
  });

  test('coupon codes, dedupe keys, checkout keys and config versions are unique', async () => {
    const coupon = {
      code: 'K1', template_id: 'T', customer_id: null, multi_use: 0, issued_at: at, valid_from: at, valid_to: at, status: 'active',
      used_order_id: null, reserved_by: null, reserved_until: null, issued_order_id: null, dedupe_key: null,
    };
    await store.db.insertInto('coupons').values(coupon).execute();
    await rejects(() => store.db.insertInto('coupons').values(coupon).execute());
    // NULL dedupe keys never collide; equal ones do.
    await store.db.insertInto('coupons').values({ ...coupon, code: 'K2' }).execute();
    await store.db.insertInto('coupons').values({ ...coupon, code: 'K3', dedupe_key: 'r:1:o' }).execute();
    await rejects(() => store.db.insertInto('coupons').values({ ...coupon, code: 'K4', dedupe_key: 'r:1:o' }).execute());

    const checkout = { idempotency_key: 'k', request_hash: 'h', order_id: 1, customer_id: null, request: '{}', response: '{}', created_at: at };
    await store.db.insertInto('checkouts').values(checkout).execute();
    await rejects(() => store.db.insertInto('checkouts').values({ ...checkout, order_id: 2 }).execute());
    await rejects(() => store.db.insertInto('checkouts').values({ ...checkout, idempotency_key: 'k2' }).execute());

    const cfg = { kind: 'tiers', version: 1, body: '{}', created_at: at, created_by: null };
    await store.db.insertInto('loyalty_config').values(cfg).execute();
    await rejects(() => store.db.insertInto('loyalty_config').values(cfg).execute());
  });
});

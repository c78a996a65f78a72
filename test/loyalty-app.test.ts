// The loyalty use-cases over a real store, on both dialects: settings, quote, commit (and its
// idempotency), returns, coupon holds, the expiry job and the liability report. Figures are worked
// out by hand in the comments.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../src/domain/errors.ts';
import { commitCheckout } from '../src/app/loyalty/commit.ts';
import { releaseCode, reserveCode } from '../src/app/loyalty/coupon-holds.ts';
import { issueCoupons } from '../src/app/loyalty/issue.ts';
import { pointsLiability, runExpiry } from '../src/app/loyalty/jobs.ts';
import { adjustPoints, memberLedger, registerMember } from '../src/app/loyalty/members.ts';
import { priceCheckout, type CheckoutRequest } from '../src/app/loyalty/price.ts';
import { returnOrder } from '../src/app/loyalty/returns.ts';
import { loadPromotions, loadSettings, savePromotionDefinition, saveSettings } from '../src/app/loyalty/settings.ts';
import { upsertStores } from '../src/store/stores.repo.ts';
import { forEachDialect, freshStore } from './support/dialects.ts';

const NOW = new Date('2024-06-14T04:00:00.000Z'); // 12:00 in Shanghai, business date 2024-06-14
const by = { now: NOW, actor: 'test', storeIds: null };
const C20 = { id: 'C20', name: '满100减20券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }] } };

const cart = (over: Partial<CheckoutRequest> = {}): CheckoutRequest => ({
  storeCode: 'S1', member: { memberNo: 'M1' }, lines: [{ lineNo: 1, sku: 'TEE', category: '服装/上衣', quantity: 1, unitPriceMinor: 15000 }], ...over,
});

const refusedWith = (code: string) => (e: unknown) => e instanceof AppError && (e.details as { reason?: { code: string } } | undefined)?.reason?.code === code;

forEachDialect('loyalty use-cases', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let memberId = 0;
  let couponCode = '';
  before(async () => {
    store = await freshStore(dialect);
    await upsertStores(store.db, [{ code: 'S1', name: '静安店', timeZone: 'Asia/Shanghai', currency: 'CNY', format: null, city: null }], NOW.toISOString());
    await savePromotionDefinition(store.db, 'C20', C20, { actor: 'test', now: NOW.toISOString() });
    memberId = (await registerMember(store.db, { memberNo: 'M1', phone: '13800138000', name: '王芳', storeCode: 'S1' }, by)).customerId;
    await adjustPoints(store.db, memberId, { points: 350, reason: '开卡礼' }, by);
    const [c] = await issueCoupons(store.db, (await loadPromotions(store.db)).map((p) => p.promotion), { templateId: 'C20', customerIds: [memberId] }, NOW.toISOString());
    couponCode = c!.code;
  });
  after(() => store.drop());

  test('settings: defaults until saved, then the latest version; a bad field is named', async () => {
    const s0 = await loadSettings(store.db);
    assert.deepEqual(s0.versions, { tiers: 0, earn: 0, policy: 0 });
    assert.equal(s0.policy.returnWindowDays, 7);
    await saveSettings(store.db, 'policy', { returnWindowDays: 7, payment: { maxShareBp: 10000 } }, { actor: 'test', now: NOW.toISOString() });
    const s1 = await loadSettings(store.db);
    assert.equal(s1.versions.policy, 1);
    await assert.rejects(saveSettings(store.db, 'earn', { capPerOrder: -1 }, { actor: 'test', now: NOW.toISOString() }),
      (e: unknown) => e instanceof AppError && e.field === 'capPerOrder');
    await assert.rejects(saveSettings(store.db, 'policy', { autoIssue: [{ id: 'r1', event: 'purchase', templateId: 'NOPE' }] }, { actor: 'test', now: NOW.toISOString() }),
      (e: unknown) => e instanceof AppError && e.field === 'autoIssue/0/templateId');
  });

  test('quote: 100 points = ¥10 paying part of a ¥150 order with a 满100减20 coupon, no side effects', async () => {
    const p = await priceCheckout(store.db, cart({ couponCodes: [couponCode], pointsToUse: 100 }), by);
    // ¥150 − ¥20 coupon − ¥10 of points = ¥120 to pay; 120 points earned on the money paid.
    assert.deepEqual([p.quote.totals.couponDiscountMinor, p.quote.totals.pointsValueMinor, p.quote.totals.payableMinor, p.quote.totals.pointsToEarn], [2000, 1000, 12000, 120]);
    assert.equal(p.member!.balances.available, 350);
    const ledger = await memberLedger(store.db, memberId, { now: NOW });
    assert.equal(ledger.entries.length, 1);
    assert.equal(ledger.coupons[0]!.status, 'active');
  });

  test('commit, replay, mismatch, then a full return restores the ledger exactly', async () => {
    const before = await memberLedger(store.db, memberId, { now: NOW });
    const req = cart({ couponCodes: [couponCode], pointsToUse: 100 });
    const first = await commitCheckout(store.db, req, { ...by, key: 'K-1' });
    assert.equal(first.status, 201);
    // Spent 100 of the 350; 120 pending for the 7-day return window (available from 2024-06-21).
    assert.deepEqual([first.body.points!.balances.available, first.body.points!.balances.pending, first.body.points!.balances.total], [250, 120, 370]);
    assert.deepEqual(first.body.couponsRedeemed, [couponCode]);
    const order = await store.db.selectFrom('orders').selectAll().where('id', '=', first.body.orderId).executeTakeFirstOrThrow();
    // Sales see ¥150 gross, ¥20 discount and ¥130 net (points are a tender, not a discount).
    assert.deepEqual([order.source, order.external_id, order.gross_minor, order.discount_minor, order.net_minor, order.customer_id], ['checkout', 'K-1', 15000, 2000, 13000, memberId]);

    const again = await commitCheckout(store.db, req, { ...by, key: 'K-1' });
    assert.deepEqual([again.status, again.replayed], [200, true]);
    assert.deepEqual(again.body, first.body);
    await assert.rejects(commitCheckout(store.db, { ...req, pointsToUse: 50 }, { ...by, key: 'K-1' }), (e: unknown) => e instanceof AppError && e.code === 'CONFLICT');
    // The coupon is spent: another checkout presenting it is refused with the order it went to.
    await assert.rejects(commitCheckout(store.db, req, { ...by, key: 'K-2' }), (e: unknown) => refusedWith('COUPON_USED')(e) && (e as AppError).code === 'CONFLICT'
      && (e as AppError).message === `coupon already used on order #${first.body.orderId}`);

    const ret = await returnOrder(store.db, first.body.orderId, { externalId: 'R1', lines: [{ lineNo: 1, quantity: 1 }] }, by);
    assert.equal(ret.status, 201);
    assert.deepEqual([ret.body.refundMinor, ret.body.points!.clawedBack, ret.body.points!.restored, ret.body.wholeOrderReturned, ret.body.growth], [12000, 120, 100, true, -120]);
    assert.deepEqual(ret.body.couponsReinstated, [couponCode]);
    const afterReturn = await memberLedger(store.db, memberId, { now: NOW });
    assert.deepEqual(afterReturn.balances, before.balances);
    for (const lot of before.lots) assert.equal(afterReturn.lots.find((l) => l.lotNo === lot.lotNo)!.remaining, lot.remaining);
    assert.ok(afterReturn.lots.filter((l) => !before.lots.some((b) => b.lotNo === l.lotNo)).every((l) => l.remaining === 0));
    assert.equal(afterReturn.growth, before.growth);
    assert.equal(afterReturn.coupons[0]!.status, 'active');
    // The return replays; more than was bought is refused naming the field.
    assert.deepEqual((await returnOrder(store.db, first.body.orderId, { externalId: 'R1', lines: [{ lineNo: 1, quantity: 1 }] }, by)).body, ret.body);
    await assert.rejects(returnOrder(store.db, first.body.orderId, { externalId: 'R2', lines: [{ lineNo: 1, quantity: 1 }] }, by),
      (e: unknown) => e instanceof AppError && e.field === '/lines/0/quantity');
  });

  test('points asked beyond the balance are refused at commit with the reason', async () => {
    await assert.rejects(commitCheckout(store.db, cart({ pointsToUse: 5000 }), { ...by, key: 'K-big' }), (e: unknown) =>
      refusedWith('POINTS_INSUFFICIENT')(e) && (e as AppError).code === 'REFUSED' && (e as AppError).field === '/pointsToUse');
  });

  test('a reserved coupon cannot be used by another checkout until released', async () => {
    const held = await reserveCode(store.db, couponCode, { checkoutId: 'till-A', member: { customerId: memberId } }, NOW);
    assert.equal(held.reservedBy, 'till-A');
    assert.equal(held.reservedUntil, '2024-06-14T04:05:00.000Z');
    await assert.rejects(reserveCode(store.db, couponCode, { checkoutId: 'till-B', member: { customerId: memberId } }, NOW), refusedWith('COUPON_RESERVED'));
    await assert.rejects(commitCheckout(store.db, cart({ couponCodes: [couponCode], checkoutId: 'till-B' }), { ...by, key: 'K-B' }), refusedWith('COUPON_RESERVED'));
    await releaseCode(store.db, couponCode, 'till-A');
    const ok = await commitCheckout(store.db, cart({ couponCodes: [couponCode], checkoutId: 'till-B' }), { ...by, key: 'K-B2' });
    assert.deepEqual(ok.body.couponsRedeemed, [couponCode]);
  });

  test('a promotion limited to 2 uses applies twice, then says it is used up', async () => {
    await savePromotionDefinition(store.db, 'FIRST2', { id: 'FIRST2', name: '前2单减5元', benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 0, offMinor: 500 }] },
      scope: { skus: ['MUG'] }, limits: { global: 2 } }, { actor: 'test', now: NOW.toISOString() });
    const mug = (key: string) => commitCheckout(store.db, cart({ lines: [{ lineNo: 1, sku: 'MUG', category: '家居', quantity: 1, unitPriceMinor: 3000 }] }), { ...by, key });
    assert.equal((await mug('L-1')).body.quote.totals.promotionDiscountMinor, 500);
    assert.equal((await mug('L-2')).body.quote.totals.promotionDiscountMinor, 500);
    const third = await mug('L-3');
    assert.equal(third.body.quote.totals.promotionDiscountMinor, 0);
    assert.equal(third.body.quote.notApplied.find((n) => n.id === 'FIRST2')!.reason.zh, '活动名额已满');
    const usage = await store.db.selectFrom('promotion_usage').selectAll().where('promotion_id', '=', 'FIRST2').orderBy('customer_id').execute();
    assert.deepEqual(usage.map((u) => [u.customer_id, u.uses, u.spent_minor]), [[0, 2, 1000], [memberId, 2, 1000]]);
  });

  test('the expiry job writes off due lots once, and the liability report rolls forward', async () => {
    await adjustPoints(store.db, memberId, { points: 40, reason: '补偿', expiresOn: '2024-06-20' }, by);
    const before = (await memberLedger(store.db, memberId, { now: NOW })).balances;
    const run = await runExpiry(store.db, { now: NOW, date: '2024-06-20' });
    assert.deepEqual([run.members, run.pointsExpired], [1, 40]);
    assert.deepEqual((await runExpiry(store.db, { now: NOW, date: '2024-06-20' })).pointsExpired, 0);
    const after = (await memberLedger(store.db, memberId, { now: NOW, asOf: '2024-06-20' })).balances;
    assert.equal(after.total, before.total - 40);
    const report = await pointsLiability(store.db, { fromMonth: '2024-06', toMonth: '2024-06' });
    const june = report.months[0]!;
    assert.equal(june.opening, 0);
    assert.equal(june.unexplained, 0);
    assert.equal(june.expired, -40);
    assert.equal(june.closing, after.total);
    // 100 points = ¥10: each point is worth 10 fen.
    assert.equal(report.outstandingValueMinor, after.total * 10);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate, type Cart, type EvalMember, type PresentedCoupon } from './evaluate.ts';
import { issueCoupon, parsePromotion, type CouponInstance, type PromotionInput } from './definitions.ts';
import { AppError } from '../errors.ts';

const P = (x: PromotionInput) => parsePromotion(x);
const NOW = '2024-06-14T04:00:00.000Z';
type L = [sku: string, category: string, quantity: number, unitPriceMinor: number];
const cart = (lines: L[], over: Partial<Cart> = {}): Cart =>
  ({ storeCode: 'S1', channel: 'pos', lines: lines.map(([sku, category, quantity, unitPriceMinor], i) => ({ lineNo: i + 1, sku, category, quantity, unitPriceMinor })), ...over });
const MJ = P({ id: 'MJ', name: '满100减20/满200减50', benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }, { thresholdMinor: 20000, offMinor: 5000 }] } });
const platinum: EvalMember = { id: 'm1', tierCode: 'platinum', tierName: '铂金卡', segments: [], discountBp: 1000, discountOnPromoPrice: true };
const adj = (e: ReturnType<typeof evaluate>) => e.lines.map((l) => l.adjustments.map((a) => [a.source, a.id, a.amountMinor]));

test('seed scenario: 满100减20/满200减50 on a ¥250 cart takes ¥50 off, split over the lines exactly', () => {
  const e = evaluate(cart([['TEE', '服装/上衣', 1, 15000], ['SOCK', '服装/袜子', 2, 5000]]), null, [MJ], [], NOW);
  // ¥250 reaches the ¥200 step: −¥50, spread by net 150 : 100 → ¥30 and ¥20.
  assert.equal(e.totals.promotionDiscountMinor, 5000);
  assert.deepEqual(adj(e), [[['promotion', 'MJ', 3000]], [['promotion', 'MJ', 2000]]]);
  assert.deepEqual(e.lines.map((l) => l.netMinor), [12000, 8000]);
  assert.equal(e.totals.netMinor, 20000);
  assert.equal(e.applied[0]!.hint, null); // already on the top step
});

test('满减 below a step: the next step as a hint; below the first: "还差¥23可用"', () => {
  const mid = evaluate(cart([['TEE', '服装/上衣', 1, 18000]]), null, [MJ], [], NOW);
  assert.equal(mid.totals.promotionDiscountMinor, 2000);
  assert.equal(mid.applied[0]!.hint!.zh, '再买¥20可减¥50');
  const low = evaluate(cart([['TEE', '服装/上衣', 1, 7700]]), null, [MJ], [], NOW);
  assert.deepEqual(low.notApplied.map((n) => [n.id, n.reason.code, n.reason.zh, n.reason.en]), [['MJ', 'SHORT_OF_THRESHOLD', '还差¥23可用', '¥23 more to qualify']]);
  // 每满100减20 (repeat): ¥350 → three times ¥20.
  const every = P({ id: 'EVERY', name: '每满100减20', benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }], repeat: true } });
  assert.equal(evaluate(cart([['TEE', '服装/上衣', 1, 35000]]), null, [every], [], NOW).totals.promotionDiscountMinor, 6000);
});

test('seed scenario: 买5送1 — in every 6 units in scope the cheapest is free', () => {
  const b51 = P({ id: 'B51', name: '买5送1', benefit: { kind: 'buy_n_get_m', buy: 5, get: 1 }, scope: { categories: ['饮品'] } });
  // 4 × ¥12 + 2 × ¥8 = 6 tea units → one ¥8 free; the ¥30 cup is out of scope.
  const e = evaluate(cart([['TEA-A', '饮品/奶茶', 4, 1200], ['TEA-B', '饮品/果茶', 2, 800], ['CUP', '周边', 1, 3000]]), null, [b51], [], NOW);
  assert.deepEqual(adj(e), [[], [['promotion', 'B51', 800]], []]);
  // 12 units at ¥12 → 2 free = ¥24.
  assert.equal(evaluate(cart([['TEA-A', '饮品/奶茶', 12, 1200]]), null, [b51], [], NOW).totals.promotionDiscountMinor, 2400);
  // 5 units: one more to get one free.
  const five = evaluate(cart([['TEA-A', '饮品/奶茶', 5, 1200]]), null, [b51], [], NOW);
  assert.equal(five.notApplied[0]!.reason.zh, '再买1件可用');
});

test('seed scenario: platinum −10% on the promotion price', () => {
  const coat = P({ id: 'FP', name: '大衣特价¥80', benefit: { kind: 'fixed_price', priceMinor: 8000 }, scope: { skus: ['COAT'] } });
  const c = cart([['COAT', '服装/外套', 1, 10000], ['SCARF', '服装/配饰', 1, 5000]]);
  const e = evaluate(c, platinum, [coat], [], NOW);
  // Coat ¥100 → ¥80 special price → −10% = ¥72; scarf ¥50 → ¥45. Tier: 10% of (80 + 50) = ¥13, split 8 : 5.
  assert.deepEqual(adj(e), [[['promotion', 'FP', 2000], ['tier', 'platinum', 800]], [['tier', 'platinum', 500]]]);
  assert.deepEqual(e.lines.map((l) => l.netMinor), [7200, 4500]);
  assert.deepEqual([e.totals.tierDiscountMinor, e.totals.promotionDiscountMinor], [1300, 2000]);
  assert.deepEqual(e.applied.map((a) => [a.kind, a.name]), [['fixed_price', '大衣特价¥80'], ['tier', '铂金卡']]);
  // A tier that leaves promotion prices alone discounts only the scarf.
  const plain = evaluate(c, { ...platinum, discountOnPromoPrice: false }, [coat], [], NOW);
  assert.deepEqual(plain.lines.map((l) => l.netMinor), [8000, 4500]);
});

test('buy A get B, free gift and next-order coupon', () => {
  const ab = P({ id: 'AB', name: '买2件上衣，袜子半价', benefit: { kind: 'buy_a_get_b', buy: { categories: ['服装/上衣'], quantity: 2 }, get: { skus: ['SOCK'], quantity: 1, offBp: 5000 } } });
  const e = evaluate(cart([['TEE', '服装/上衣', 2, 9900], ['SOCK', '服装/袜子', 3, 2000]]), null, [ab], [], NOW);
  assert.deepEqual(adj(e), [[], [['promotion', 'AB', 1000]]]); // one pair of socks at half price: ¥10
  assert.equal(evaluate(cart([['TEE', '服装/上衣', 2, 9900]]), null, [ab], [], NOW).notApplied[0]!.reason.code, 'REWARD_ITEM_MISSING');
  assert.equal(evaluate(cart([['TEE', '服装/上衣', 1, 9900], ['SOCK', '服装/袜子', 1, 2000]]), null, [ab], [], NOW).notApplied[0]!.reason.zh, '再买1件可用');
  const gift = P({ id: 'GIFT', name: '满300送帆布袋', benefit: { kind: 'free_gift', thresholdMinor: 30000, giftSku: 'BAG' } });
  const next = P({ id: 'NEXT', name: '满200送下单券', benefit: { kind: 'next_order_coupon', thresholdMinor: 20000, templateId: 'C20' } });
  const big = evaluate(cart([['COAT', '服装/外套', 1, 32000]]), null, [gift, next], [], NOW);
  assert.deepEqual(big.gifts, [{ promotionId: 'GIFT', sku: 'BAG', quantity: 1 }]);
  assert.deepEqual(big.issue, [{ promotionId: 'NEXT', templateId: 'C20' }]);
  assert.equal(big.totals.netMinor, 32000);
});

const C20 = P({ id: 'C20', name: '满100减20券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }] } });
const C10 = P({ id: 'C10', name: '无门槛10元券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 0, offMinor: 1000 }] } });
const coupon = (code: string, template = C20, over: Partial<CouponInstance> = {}): PresentedCoupon =>
  ({ code, coupon: { ...issueCoupon(template, { code, memberId: 'm1', now: '2024-06-01T00:00:00.000Z' }), ...over } });

test('coupons: applied after promotions, or refused with a reason the cashier can read', () => {
  const c = cart([['TEE', '服装/上衣', 1, 15000]]);
  const e = evaluate(c, platinum, [MJ, C20, C10], [
    coupon('GOOD'),
    coupon('USED', C20, { status: 'used', usedOrderId: '123' }),
    coupon('ALICE', C20, { memberId: 'm9' }),
    coupon('OLD', C20, { validTo: '2024-06-10T00:00:00.000Z' }),
    coupon('HELD', C20, { reservedBy: 'checkout-7', reservedUntil: '2024-06-14T04:05:00.000Z' }),
    { code: 'good', coupon: null },
    { code: 'NOPE', coupon: null },
  ], NOW, { checkoutId: 'checkout-8', zone: 'Asia/Shanghai' });
  // ¥150 → platinum −10% = −¥15 → ¥135 → 满减 (≥ ¥100) −¥20 → ¥115 → coupon (still ≥ ¥100) −¥20 → ¥95.
  assert.deepEqual([e.totals.tierDiscountMinor, e.totals.promotionDiscountMinor, e.totals.couponDiscountMinor, e.totals.netMinor], [1500, 2000, 2000, 9500]);
  assert.deepEqual(e.notApplied.map((n) => [n.code, n.reason.en]), [
    ['USED', 'coupon already used on order #123'],
    ['ALICE', 'coupon belongs to another member'],
    ['OLD', 'coupon expired 2024-06-10'],
    ['HELD', 'coupon is held by another checkout'],
    ['GOOD', 'the same coupon was presented twice'],
    ['NOPE', 'coupon code not found'],
  ]);
  assert.equal(e.notApplied[0]!.reason.zh, '此券已在订单#123使用');
  // Two good coupons, one allowed per order: the second is refused.
  const two = evaluate(c, platinum, [C20, C10], [coupon('A'), coupon('B', C10)], NOW);
  assert.deepEqual(two.notApplied.map((n) => [n.code, n.reason.zh]), [['B', '每单限用1张券']]);
  assert.equal(evaluate(c, platinum, [C20, C10], [coupon('A'), coupon('B', C10)], NOW, { maxCouponsPerOrder: 2 }).totals.couponDiscountMinor, 3000);
  // The checkout holding a coupon may use it.
  assert.equal(evaluate(c, platinum, [C20], [coupon('HELD', C20, { reservedBy: 'checkout-7', reservedUntil: '2024-06-14T04:05:00.000Z' })], NOW, { checkoutId: 'checkout-7' }).totals.couponDiscountMinor, 2000);
});

test('exclusive promotions: the better of standing alone and the combination wins', () => {
  const c = cart([['TEE', '服装/上衣', 1, 15000], ['SOCK', '服装/袜子', 2, 5000]]); // ¥250
  const ex = (bp: number) => P({ id: 'EX', name: `全场${10 - bp / 1000}折`, stacking: 'exclusive', benefit: { kind: 'percent_off', offBp: bp } });
  // 30 % off = ¥75 beats 满减's ¥50.
  const alone = evaluate(c, null, [MJ, ex(3000)], [], NOW);
  assert.equal(alone.totals.promotionDiscountMinor, 7500);
  assert.deepEqual(alone.notApplied.map((n) => [n.id, n.reason.zh]), [['MJ', '不可与「全场7折」同享']]);
  // 10 % off = ¥25 loses to ¥50.
  const combined = evaluate(c, null, [MJ, ex(1000)], [], NOW);
  assert.equal(combined.totals.promotionDiscountMinor, 5000);
  assert.deepEqual(combined.notApplied.map((n) => [n.id, n.reason.en]), [['EX', 'a better offer applied: "满100减20/满200减50"']]);
});

test('best_of: only the largest offer of a group applies', () => {
  const off = (id: string, bp: number) => P({ id, name: `清仓${bp / 100}%`, stacking: 'best_of', group: 'clearance', benefit: { kind: 'percent_off', offBp: bp } });
  const e = evaluate(cart([['TEE', '服装/上衣', 1, 10000]]), null, [off('A10', 1000), off('B20', 2000)], [], NOW);
  assert.equal(e.totals.promotionDiscountMinor, 2000);
  assert.deepEqual(e.notApplied.map((n) => [n.id, n.reason.zh]), [['A10', '已享更优惠的「清仓20%」']]);
});

test('gates: store, channel, members, tiers, segments, dates, limits and budget', () => {
  const c = cart([['TEE', '服装/上衣', 1, 25000]]);
  const why = (over: PromotionInput extends infer T ? Partial<T> : never, member: EvalMember | null = platinum, usage = { global: 0, member: 0, spentMinor: 0 }) =>
    evaluate(c, member, [P({ ...{ id: 'MJ', name: 'x', benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 5000 }] } }, ...over })], [], NOW, { usage: { MJ: usage } })
      .notApplied.map((n) => n.reason.code)[0] ?? 'applied';
  assert.equal(why({ scope: { stores: ['S2'] } }), 'STORE_NOT_ELIGIBLE');
  assert.equal(why({ scope: { channels: ['miniapp'] } }), 'CHANNEL_NOT_ELIGIBLE');
  assert.equal(why({ audience: { membersOnly: true } }, null), 'MEMBERS_ONLY');
  assert.equal(why({ audience: { tiers: ['gold'] } }), 'TIER_NOT_ELIGIBLE');
  assert.equal(why({ audience: { tiers: ['gold', 'platinum'] } }), 'applied');
  assert.equal(why({ audience: { segments: ['lapsed'] } }), 'SEGMENT_NOT_ELIGIBLE');
  assert.equal(why({ validFrom: '2024-06-15T00:00:00.000Z' }), 'NOT_STARTED');
  assert.equal(why({ validTo: '2024-06-14T04:00:00.000Z' }), 'ENDED');
  assert.equal(why({ active: false }), 'INACTIVE');
  assert.equal(why({ limits: { global: 100 } }, platinum, { global: 100, member: 0, spentMinor: 0 }), 'GLOBAL_LIMIT_REACHED');
  assert.equal(why({ limits: { perMember: 1 } }, platinum, { global: 5, member: 1, spentMinor: 0 }), 'MEMBER_LIMIT_REACHED');
  // ¥90 of a ¥100 budget spent: this ¥50 would overrun it.
  assert.equal(why({ limits: { budgetMinor: 10000 } }, platinum, { global: 5, member: 0, spentMinor: 9000 }), 'BUDGET_EXHAUSTED');
  assert.equal(why({ limits: { budgetMinor: 10000 } }, platinum, { global: 5, member: 0, spentMinor: 5000 }), 'applied');
  assert.equal(why({ scope: { categories: ['食品'] } }), 'NO_ELIGIBLE_ITEMS');
});

test('the order promotions and coupons are given in does not change the result', () => {
  const a = P({ id: 'A', name: 'a', benefit: { kind: 'percent_off', offBp: 500 } });
  const b = P({ id: 'B', name: 'b', benefit: { kind: 'fixed_price', priceMinor: 4000 }, scope: { skus: ['SOCK'] } });
  const c = cart([['TEE', '服装/上衣', 3, 3333], ['SOCK', '服装/袜子', 2, 5000]]);
  const coupons = [coupon('X', C20), coupon('Y', C10)];
  assert.deepEqual(evaluate(c, platinum, [MJ, a, b, C20, C10], coupons, NOW), evaluate(c, platinum, [C10, b, C20, a, MJ], [...coupons].reverse(), NOW));
});

test('property: every discount is allocated to lines exactly, no line goes below zero, totals add up', () => {
  const promoArb = fc.oneof(
    fc.record({ kind: fc.constant('amount_off' as const), t: fc.integer({ min: 0, max: 30000 }), off: fc.integer({ min: 1, max: 40000 }) })
      .map((x) => ({ kind: x.kind, steps: [{ thresholdMinor: x.t, offMinor: x.off }] })),
    fc.integer({ min: 1, max: 10000 }).map((offBp) => ({ kind: 'percent_off' as const, offBp })),
    fc.integer({ min: 0, max: 9000 }).map((priceMinor) => ({ kind: 'fixed_price' as const, priceMinor })),
    fc.record({ buy: fc.integer({ min: 1, max: 4 }), get: fc.integer({ min: 1, max: 2 }) }).map((x) => ({ kind: 'buy_n_get_m' as const, ...x })),
  );
  const lineArb = fc.record({ sku: fc.constantFrom('A', 'B', 'C'), qty: fc.integer({ min: 1, max: 6 }), price: fc.integer({ min: 1, max: 20000 }) });
  fc.assert(fc.property(fc.array(lineArb, { minLength: 1, maxLength: 6 }), fc.array(fc.tuple(promoArb, fc.constantFrom('stackable', 'exclusive', 'best_of'), fc.option(fc.constantFrom('A', 'B'))), { maxLength: 5 }),
    fc.integer({ min: 0, max: 3000 }), fc.array(promoArb, { maxLength: 3 }), fc.integer({ min: 1, max: 3 }), (lines, promos, tierBp, couponBenefits, maxCouponsPerOrder) => {
      const c = cart(lines.map((l) => [l.sku, '服装', l.qty, l.price]));
      const ps = promos.map(([benefit, stacking, sku], i) => P({ id: `P${i}`, name: `p${i}`, benefit, stacking, ...(sku ? { scope: { skus: [sku] } } : {}) }));
      const templates = couponBenefits.map((benefit, i) => P({ id: `T${i}`, name: `t${i}`, coupon: true, benefit }));
      const e = evaluate(c, { ...platinum, discountBp: tierBp }, [...ps, ...templates], templates.map((t, i) => coupon(`K${i}`, t)), NOW, { maxCouponsPerOrder });
      let discounts = 0;
      for (const l of e.lines) {
        const taken = l.adjustments.reduce((a, x) => a + x.amountMinor, 0);
        assert.equal(l.grossMinor - taken, l.netMinor);
        assert.ok(l.netMinor >= 0);
        assert.ok(l.adjustments.every((x) => x.amountMinor > 0));
        discounts += taken;
      }
      const t = e.totals;
      assert.equal(t.tierDiscountMinor + t.promotionDiscountMinor + t.couponDiscountMinor, discounts);
      assert.equal(t.grossMinor - discounts, t.netMinor);
      assert.equal(e.applied.reduce((a, x) => a + x.discountMinor, 0), discounts);
      // Every promotion is accounted for exactly once: applied or with a reason.
      assert.deepEqual([...e.applied.filter((a) => a.kind !== 'tier').map((a) => a.id), ...e.notApplied.map((n) => n.id)].sort(), [...ps, ...templates].map((p) => p.id).sort());
      assert.ok(e.applied.filter((a) => a.code !== null).length <= maxCouponsPerOrder);
    }), { numRuns: 1500 });
});

test('an order discount splits by largest remainder: ¥20 over ¥33.34 + ¥33.33 + ¥33.33 is 6.67 + 6.67 + 6.66', () => {
  const e = evaluate(cart([['A', '服装', 1, 3334], ['B', '服装', 1, 3333], ['C', '服装', 1, 3333]]), null, [MJ], [], NOW);
  // Exact shares 666.8, 666.6, 666.6 fen → 666 each (19.98); the 2 fen left go to the largest remainders:
  // line 1 (.8), then line 2 (.6, the earlier of the two ties).
  assert.deepEqual(e.lines.map((l) => l.grossMinor - l.netMinor), [667, 667, 666]);
});

test('property: a single 满减 or percent-off gives exactly its discount, recomputed independently', () => {
  const lineArb = fc.record({ qty: fc.integer({ min: 1, max: 5 }), price: fc.integer({ min: 1, max: 9999 }) });
  fc.assert(fc.property(fc.array(lineArb, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 50000 }), fc.integer({ min: 1, max: 60000 }), fc.integer({ min: 1, max: 10000 }),
    (lines, threshold, off, bp) => {
      const c = cart(lines.map((l, i) => [`S${i}`, '服装', l.qty, l.price]));
      const gross = lines.reduce((a, l) => a + l.qty * l.price, 0);
      const amount = P({ id: 'M', name: 'm', benefit: { kind: 'amount_off', steps: [{ thresholdMinor: threshold, offMinor: off }] } });
      assert.equal(evaluate(c, null, [amount], [], NOW).totals.promotionDiscountMinor, gross >= threshold ? Math.min(off, gross) : 0);
      const pct = P({ id: 'Q', name: 'q', benefit: { kind: 'percent_off', offBp: bp } });
      // Half-up rounding of gross × bp / 10000, in integers.
      assert.equal(evaluate(c, null, [pct], [], NOW).totals.promotionDiscountMinor, Math.floor((gross * bp + 5000) / 10000));
    }), { numRuns: 1000 });
});

test('bad cart lines name the field', () => {
  const bad = (c: Cart, field: string) => assert.throws(() => evaluate(c, null, [MJ], [], NOW), (e: unknown) => e instanceof AppError && e.field === field);
  bad(cart([['A', '服装', 0, 100]]), 'lines/0/quantity');
  bad(cart([['A', '服装', 1, 100], ['B', '服装', 1, -5]]), 'lines/1/unitPriceMinor');
  bad({ storeCode: 'S1', channel: 'pos', lines: [{ lineNo: 1, sku: 'A', category: null, quantity: 1, unitPriceMinor: 1 }, { lineNo: 1, sku: 'B', category: null, quantity: 1, unitPriceMinor: 1 }] }, 'lines/1/lineNo');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addYears, evaluateTier, growthFor, nextReviewAfter, overrideTier, parseLadder, type TierActivity, type TierHistory, type TierLadder } from './tiers.ts';
import { AppError } from '../errors.ts';

/** The seeds' five cards. Silver on growth; gold on growth OR spend; platinum on spend AND orders. */
const FIVE = parseLadder({
  tiers: [
    { code: 'normal', name: '普卡' },
    { code: 'silver', name: '银卡', criteria: { growth: 1000 }, benefits: { discountBp: 200 } },
    { code: 'gold', name: '金卡', criteria: { growth: 5000, spendMinor: 800_000, combine: 'any' }, benefits: { discountBp: 500, pointsMultiplierBp: 12000 } },
    { code: 'platinum', name: '铂金卡', criteria: { spendMinor: 2_000_000, orders: 12 }, benefits: { discountBp: 1000, pointsMultiplierBp: 15000, freeDelivery: true } },
    { code: 'diamond', name: '钻石卡', criteria: { spendMinor: 5_000_000 }, benefits: { discountBp: 1200, pointsMultiplierBp: 20000, freeDelivery: true, prioritySupport: true } },
  ],
});
/** Spend-only, for review and grace rules. */
const SPEND = (over: object = {}): TierLadder => parseLadder({
  tiers: [{ code: 'normal', name: '普卡' }, { code: 'silver', name: '银卡', criteria: { spendMinor: 100_000 } }, { code: 'gold', name: '金卡', criteria: { spendMinor: 500_000 } }],
  graceDays: 30, ...over,
});
const buy = (date: string, spendMinor: number, growth = 0): TierActivity => ({ date, spendMinor, orders: 1, interactions: 0, growth });

test('defaults are filled in and the five-card ladder reads as configured', () => {
  assert.equal(FIVE.windowDays, 365);
  assert.deepEqual(FIVE.review, { basis: 'anniversary' });
  assert.deepEqual(FIVE.tiers[3]!.benefits, { discountBp: 1000, discountOnPromoPrice: true, pointsMultiplierBp: 15000, freeDelivery: true, prioritySupport: false, birthdayGift: null });
});

test('a new member enters at the tier they qualify for, held for a year', () => {
  const d = evaluateTier({ state: null, enrolledOn: '2024-01-01', activity: [] }, FIVE, '2024-01-01');
  assert.deepEqual([d.action, d.from, d.to, d.changed, d.next.reviewOn], ['enter', null, 'normal', true, '2025-01-01']);
});

test('upgrade at once on growth; qualification combines thresholds with all/any', () => {
  const h = (activity: TierActivity[]): TierHistory => ({ state: { tierCode: 'normal', since: '2024-01-01', reviewOn: '2025-01-01', override: null }, enrolledOn: '2024-01-01', activity });
  const silver = evaluateTier(h([buy('2024-03-05', 120_000, 1200)]), FIVE, '2024-03-05');
  assert.deepEqual([silver.action, silver.to, silver.next.since, silver.next.reviewOn], ['upgrade', 'silver', '2024-03-05', '2025-03-05']);
  assert.equal(silver.reasons[0]!.zh, '达到银卡标准');
  // Gold by spend alone (¥8,000 in the window, growth only 800): 'any'.
  assert.equal(evaluateTier(h([buy('2024-03-05', 800_000, 800)]), FIVE, '2024-03-05').to, 'gold');
  // Platinum needs ¥20,000 AND 12 orders: 11 orders of ¥2,000 are not enough, 12 are.
  const orders = (n: number) => Array.from({ length: n }, (_, i) => buy(`2024-0${1 + Math.floor(i / 3)}-1${i % 3}`, 200_000));
  assert.equal(evaluateTier(h(orders(11)), FIVE, '2024-06-30').to, 'gold');
  assert.equal(evaluateTier(h(orders(12)), FIVE, '2024-06-30').to, 'platinum');
});

test('downgrade only at the review date, after the grace period; requalifying in grace renews', () => {
  const gold = evaluateTier({ state: null, enrolledOn: '2024-04-10', activity: [buy('2024-04-10', 600_000)] }, SPEND(), '2024-04-10');
  assert.deepEqual([gold.to, gold.next.reviewOn], ['gold', '2025-04-10']);
  const at = (asOf: string, extra: TierActivity[] = [], ladder = SPEND()) =>
    evaluateTier({ state: gold.next, enrolledOn: '2024-04-10', activity: [buy('2024-04-10', 600_000), ...extra] }, ladder, asOf);
  assert.equal(at('2024-10-01').action, 'keep'); // no spend since, but no review yet
  // 2025-04-10: the window (2024-04-10, 2025-04-10] holds no spend → not requalified → 30 days' grace.
  const hold = at('2025-04-10');
  assert.equal(hold.action, 'hold');
  assert.deepEqual(hold.reasons.map((r) => r.zh), ['未达金卡保级标准', '保级宽限至2025-05-10']);
  // ¥2,000 on 2025-05-01 makes silver, not gold: still held until the grace ends, then down to silver.
  assert.equal(at('2025-05-09', [buy('2025-05-01', 200_000)]).action, 'hold');
  const down = at('2025-05-10', [buy('2025-05-01', 200_000)]);
  assert.deepEqual([down.action, down.to, down.next.reviewOn], ['downgrade', 'silver', '2026-05-10']);
  // No spend at all: straight to the entry tier, or one step down when the ladder says so.
  assert.equal(at('2025-05-10').to, 'normal');
  assert.equal(at('2025-05-10', [], SPEND({ downgrade: 'one_step' })).to, 'silver');
  // ¥5,000 on 2025-04-20, inside the grace: renewed, next review on the following anniversary.
  const renew = at('2025-04-20', [buy('2025-04-20', 500_000)]);
  assert.deepEqual([renew.action, renew.to, renew.next.reviewOn, renew.changed], ['renew', 'gold', '2026-04-10', false]);
});

test('calendar reviews: a new tier is held through the end of the next review year', () => {
  const cal = SPEND({ review: { basis: 'calendar', monthDay: '01-01' } });
  const up = (date: string) => evaluateTier({ state: null, enrolledOn: date, activity: [buy(date, 600_000)] }, cal, date).next.reviewOn;
  assert.equal(up('2024-03-05'), '2026-01-01');
  assert.equal(up('2024-12-30'), '2026-01-01');
  assert.equal(nextReviewAfter(cal, '2024-03-05', '2026-01-01'), '2027-01-01');
});

test('anniversaries of 29 February fall on 28 February in common years', () => {
  assert.equal(addYears('2024-02-29', 1), '2025-02-28');
  assert.equal(addYears('2024-02-29', 4), '2028-02-29');
  assert.equal(nextReviewAfter(SPEND(), '2024-02-29', '2027-06-01'), '2028-02-29');
});

test('long inactivity drops a member to the entry tier at once', () => {
  const state = { tierCode: 'gold', since: '2024-04-10', reviewOn: '2025-04-10', override: null };
  const h = { state, enrolledOn: '2023-01-01', activity: [buy('2024-04-10', 600_000)] };
  const exit = evaluateTier(h, SPEND({ exitAfterDays: 300 }), '2025-02-04'); // 300 days after 2024-04-10
  assert.deepEqual([exit.action, exit.to, exit.reasons[0]!.en], ['exit', 'normal', 'no activity for 300 days']);
  assert.equal(evaluateTier(h, SPEND({ exitAfterDays: 300 }), '2025-02-03').action, 'keep');
});

test('a manual override pins the tier with its reason until it ends, then the member is reviewed', () => {
  const h: TierHistory = { state: null, enrolledOn: '2024-01-01', activity: [] };
  assert.throws(() => overrideTier(h, SPEND(), { tierCode: 'gold', reason: ' ', actor: 'boss', until: null }, '2024-06-01'),
    (e: unknown) => e instanceof AppError && e.field === 'reason');
  assert.throws(() => overrideTier(h, SPEND(), { tierCode: 'jade', reason: 'x', actor: 'boss', until: null }, '2024-06-01'),
    (e: unknown) => e instanceof AppError && e.field === 'tierCode');
  const o = overrideTier(h, SPEND(), { tierCode: 'gold', reason: '投诉补偿', actor: 'boss', until: '2024-12-31' }, '2024-06-01');
  assert.equal(o.reasons[0]!.zh, '人工调整：投诉补偿');
  const pinned = evaluateTier({ ...h, state: o.next }, SPEND(), '2024-12-30');
  assert.equal(pinned.action, 'pinned');
  assert.equal(evaluateTier({ ...h, state: o.next }, SPEND(), '2024-12-31').action, 'hold'); // the review comes with the end of the pin
});

test('growth value follows net spend, negative for refunds', () => {
  assert.equal(growthFor(12850, FIVE), 128);
  assert.equal(growthFor(-2950, FIVE), -29);
});

test('bad ladders name the field', () => {
  const bad = (v: unknown, field: string) => assert.throws(() => parseLadder(v), (e: unknown) => e instanceof AppError && e.field === field);
  bad({ tiers: [{ code: 'a', name: 'A' }, { code: 'a', name: 'B' }] }, 'tiers/1/code');
  bad({ tiers: [{ code: 'a', name: 'A' }], review: { basis: 'calendar', monthDay: '13-01' } }, 'review/monthDay');
  bad({ tiers: [{ code: 'a', name: 'A', benefits: { discountBp: 20000 } }] }, 'tiers/0/benefits/discountBp');
  bad({ tiers: [] }, 'tiers');
});

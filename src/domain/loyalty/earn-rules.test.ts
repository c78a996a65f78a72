import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_EARN_RULES, earnPoints, eventMultipliers, inBirthdayWindow, rateFor, type EarnContext, type EarnLine } from './earn-rules.ts';

// A T-shirt at ¥99.00, socks at ¥29.50, ¥8 shipping and a free gift.
const cart: EarnLine[] = [
  { lineNo: 1, sku: 'TEE1', category: '服装/上衣/T恤', quantity: 1, kind: 'merchandise', netMinor: 9900, pointsPaidMinor: 0, reward: false },
  { lineNo: 2, sku: 'SOCK1', category: '服装/袜子', quantity: 1, kind: 'merchandise', netMinor: 2950, pointsPaidMinor: 0, reward: false },
  { lineNo: 3, sku: null, category: null, quantity: 1, kind: 'shipping', netMinor: 800, pointsPaidMinor: 0, reward: false },
  { lineNo: 4, sku: 'GIFT', category: '赠品', quantity: 1, kind: 'merchandise', netMinor: 0, pointsPaidMinor: 0, reward: true },
];
const ctx = (date: string, over: Partial<EarnContext> = {}): EarnContext => ({ storeCode: 'S1', date, tierMultiplierBp: 10000, birthDate: '1990-06-12', earnedToday: 0, ...over });

test('seed scenario: birthday-week double points', () => {
  // 2024-06-12 is a Wednesday; its Monday–Sunday week runs 06-10 … 06-16.
  assert.equal(inBirthdayWindow('1990-06-12', '2024-06-10', 'week'), true);
  assert.equal(inBirthdayWindow('1990-06-12', '2024-06-16', 'week'), true);
  assert.equal(inBirthdayWindow('1990-06-12', '2024-06-09', 'week'), false);
  assert.equal(inBirthdayWindow('1990-06-12', '2024-06-17', 'week'), false);
  // Eligible: ¥99.00 + ¥29.50 = ¥128.50 (shipping and the gift earn nothing) → 128.5 points at 1 per ¥1.
  const normal = earnPoints(cart, ctx('2024-06-17'));
  assert.equal(normal.eligibleMinor, 12850);
  assert.equal(normal.points, 128); // rounded down once per order
  const birthday = earnPoints(cart, ctx('2024-06-14'));
  assert.equal(birthday.points, 257); // 128.5 × 2
  assert.deepEqual(birthday.lines, [{ lineNo: 1, quantity: 1, points: 198 }, { lineNo: 2, quantity: 1, points: 59 }]); // 99 × 2, 29.5 × 2
  assert.deepEqual(birthday.multipliers.map((m) => [m.source, m.bp]), [['tier', 10000], ['birthday', 20000]]);
  // Gold ×1.2 on top of the birthday: 128.5 × 1.2 × 2 = 308.4 → 308.
  assert.equal(earnPoints(cart, ctx('2024-06-14', { tierMultiplierBp: 12000 })).points, 308);
});

test('a birthday late in December reaches into the next January; 29 February counts on the 28th', () => {
  // 2025-12-31 is a Wednesday: its week runs 2025-12-29 … 2026-01-04.
  assert.equal(inBirthdayWindow('2000-12-31', '2026-01-03', 'week'), true);
  assert.equal(inBirthdayWindow('2000-12-31', '2026-01-05', 'week'), false);
  assert.equal(inBirthdayWindow('2000-02-29', '2025-02-28', 'day'), true);
  assert.equal(inBirthdayWindow('2000-02-29', '2025-03-01', 'day'), false);
});

test('the part of a line paid with points earns nothing by default', () => {
  const paid = cart.map((l) => (l.lineNo === 1 ? { ...l, pointsPaidMinor: 1000 } : l));
  assert.equal(earnPoints(paid, ctx('2024-06-17')).points, 118); // (89.00 + 29.50) → 118.5 → 118
  assert.equal(earnPoints(paid, ctx('2024-06-17'), { ...DEFAULT_EARN_RULES, earnOnPointsPaid: true }).points, 128);
});

test('rates: SKU beats the longest category, which beats the store, which beats the base', () => {
  const rules = {
    ...DEFAULT_EARN_RULES,
    rates: [{ scope: { store: 'S2' }, pointsPerUnit: 1.5 }, { scope: { category: '服装' }, pointsPerUnit: 2 }, { scope: { category: '服装/上衣' }, pointsPerUnit: 3 }, { scope: { sku: 'SOCK1' }, pointsPerUnit: 0 }],
  };
  assert.equal(rateFor(cart[0]!, 'S2', rules), 3);
  assert.equal(rateFor(cart[1]!, 'S2', rules), 0);
  assert.equal(rateFor({ sku: 'X', category: '服装/裤子' }, 'S2', rules), 2);
  assert.equal(rateFor({ sku: 'X', category: '服装上衣' }, 'S2', rules), 1.5); // not a path prefix
  assert.equal(rateFor({ sku: 'X', category: null }, 'S1', rules), 1);
  // 99 × 3 + 29.5 × 0 = 297.
  assert.equal(earnPoints(cart, ctx('2024-06-17'), rules).points, 297);
});

test('member days and campaigns: the highest event multiplier by default, or all multiplied', () => {
  const rules = {
    ...DEFAULT_EARN_RULES,
    memberDays: [{ weekdays: [3], multiplierBp: 15000 }],
    campaigns: [{ id: 'JUNE', from: '2024-06-01', to: '2024-06-30', multiplierBp: 30000, stores: ['S1'] }],
  };
  // Wednesday 2024-06-12: birthday ×2, member day ×1.5, campaign ×3.
  assert.deepEqual(eventMultipliers(ctx('2024-06-12'), rules).map((m) => m.bp), [20000, 15000, 30000]);
  assert.equal(earnPoints(cart, ctx('2024-06-12'), rules).points, 385); // 128.5 × 3 = 385.5
  assert.equal(earnPoints(cart, ctx('2024-06-12'), { ...rules, eventStacking: 'multiply' }).points, 1156); // 128.5 × 9 = 1156.5
  // Another store: no campaign; another Wednesday outside the birthday week: member day only.
  assert.equal(earnPoints(cart, ctx('2024-06-19', { storeCode: 'S2' }), rules).points, 192); // 128.5 × 1.5 = 192.75
});

test('caps per order and per day, with a readable reason', () => {
  const capped = earnPoints(cart, ctx('2024-06-14'), { ...DEFAULT_EARN_RULES, capPerOrder: 200 });
  assert.equal(capped.points, 200);
  assert.equal(capped.reasons[0]!.zh, '积分已达上限200');
  assert.equal(capped.lines.reduce((a, l) => a + l.points, 0), 200);
  const daily = earnPoints(cart, ctx('2024-06-14', { earnedToday: 100 }), { ...DEFAULT_EARN_RULES, capPerDay: 250 });
  assert.equal(daily.points, 150);
});

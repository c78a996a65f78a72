import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backtestLadder, type BacktestMember } from './tier-backtest.ts';
import { parseLadder, type TierActivity } from './tiers.ts';
import { AppError } from '../errors.ts';

const ladder = parseLadder({
  tiers: [
    { code: 'normal', name: '普卡' },
    { code: 'silver', name: '银卡', criteria: { spendMinor: 100_000 }, benefits: { discountBp: 200 } },
    { code: 'gold', name: '金卡', criteria: { spendMinor: 500_000 }, benefits: { discountBp: 500, pointsMultiplierBp: 15000 } },
  ],
});
const buy = (date: string, spendMinor: number): TierActivity => ({ date, spendMinor, orders: 1, interactions: 0, growth: 0 });
const members: BacktestMember[] = [
  // A: silver today. ¥1,500 last June → silver when 2024 starts; ¥4,000 on 03-01 (charged at silver) lifts them to gold;
  // ¥2,000 on 05-01 is charged at gold.
  { customerId: 'A', enrolledOn: '2023-01-01', currentTier: 'silver', activity: [buy('2023-06-01', 150_000), buy('2024-03-01', 400_000), buy('2024-05-01', 200_000)] },
  // B: gold today on ¥6,000 in Feb 2023; nothing in 2024, so the review on 2024-12-31 drops them to normal.
  { customerId: 'B', enrolledOn: '2022-01-01', currentTier: 'gold', activity: [buy('2023-02-01', 600_000)] },
  // C: new in 2024; ¥800 then ¥300 → silver on 02-10; both purchases charged at normal.
  { customerId: 'C', enrolledOn: '2024-02-01', currentTier: null, activity: [buy('2024-02-01', 80_000), buy('2024-02-10', 30_000)] },
];

test('backtest: distribution, benefit cost by tier and who moves, figures checked by hand', () => {
  const r = backtestLadder(members, ladder, { from: '2024-01-01', to: '2024-12-31', pointsPerUnit: 1, unitMinor: 100, pointValueMinor: 10 });
  assert.deepEqual(r.distribution, { normal: 1, silver: 1, gold: 1 });
  assert.deepEqual(r.cost, {
    normal: { members: 1, spendMinor: 110_000, discountMinor: 0, pointsMinor: 0 },
    // A's ¥4,000 at silver: 2% = ¥80.
    silver: { members: 1, spendMinor: 400_000, discountMinor: 8000, pointsMinor: 0 },
    // A's ¥2,000 at gold: 5% = ¥100; ×1.5 gives 1,000 extra points at 10 fen = ¥100.
    gold: { members: 1, spendMinor: 200_000, discountMinor: 10_000, pointsMinor: 10_000 },
  });
  assert.equal(r.totalCostMinor, 28_000);
  assert.deepEqual(r.movers, [
    { customerId: 'A', from: 'silver', to: 'gold', direction: 'up' },
    { customerId: 'B', from: 'gold', to: 'normal', direction: 'down' },
    { customerId: 'C', from: null, to: 'silver', direction: 'changed' },
  ]);
});

test('a grace period in the proposal keeps B at gold through the year end', () => {
  const lenient = parseLadder({ ...ladder, graceDays: 60 });
  const r = backtestLadder(members, lenient, { from: '2024-01-01', to: '2024-12-31', pointsPerUnit: 1, unitMinor: 100, pointValueMinor: 10 });
  assert.deepEqual(r.distribution, { normal: 0, silver: 1, gold: 2 });
  assert.deepEqual(r.movers.map((m) => m.customerId), ['A', 'C']);
});

test('a period that ends before it starts is refused', () => {
  assert.throws(() => backtestLadder(members, ladder, { from: '2024-02-01', to: '2024-01-01', pointsPerUnit: 1, unitMinor: 100, pointValueMinor: 10 }),
    (e: unknown) => e instanceof AppError && e.field === 'to');
});

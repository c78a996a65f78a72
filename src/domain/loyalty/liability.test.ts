import { test } from 'node:test';
import assert from 'node:assert/strict';
import { liabilityReport, type LiabilityRow } from './liability.ts';
import { EMPTY_LEDGER, applyChange, balances, earn, redeem, type PointsLedger } from './ledger.ts';
import { expireDue } from './expiry.ts';
import { AppError } from '../errors.ts';

const rows: LiabilityRow[] = [
  { month: '2024-01', kind: 'earn', points: 10000 }, { month: '2024-01', kind: 'redeem', points: -2000 },
  { month: '2024-02', kind: 'earn', points: 5000 }, { month: '2024-02', kind: 'expire', points: -1000 },
  { month: '2024-02', kind: 'settle', points: -300 }, { month: '2024-02', kind: 'settle', points: 300 },
  { month: '2024-02', kind: 'clawback', points: -500 }, { month: '2024-02', kind: 'donate', points: -500 },
  { month: '2024-03', kind: 'adjust', points: 200 }, { month: '2024-03', kind: 'transfer_in', points: 100 },
  { month: '2024-03', kind: 'transfer_out', points: -100 }, { month: '2024-03', kind: 'restore', points: 400 },
  { month: '2024-03', kind: 'reward', points: 1000 },
];

test('month-end roll-forward, value at 100 points = ¥10, breakage estimated from history', () => {
  const r = liabilityReport(rows, { fromMonth: '2024-02', toMonth: '2024-03' });
  // February opens on January's 10000 − 2000 = 8000 and closes on 8000 + 5000 − 1000 − 500 − 500 = 11000 (= ¥1,100).
  assert.deepEqual(r.months[0], {
    month: '2024-02', opening: 8000, earned: 5000, rewarded: 0, adjusted: 0, transferred: 0, restored: 0, redeemed: 0, donated: -500,
    expired: -1000, clawedBack: -500, unexplained: 0, closing: 11000, closingValueMinor: 110_000,
  });
  // March: 11000 + 200 + 0 + 400 + 1000 = 12600.
  assert.equal(r.months[1]!.closing, 12600);
  assert.equal(r.months[1]!.transferred, 0);
  assert.equal(r.outstandingValueMinor, 126_000);
  // Breakage: expired 1000 ÷ (1000 + redeemed 2000 + donated 500) = 28.57 % → 2857 bp; 12600 × 0.2857 = 3599.8 → 3600;
  // the liability is the value of the other 9000 points: ¥900.
  assert.deepEqual([r.breakageBp, r.breakageSource, r.expectedBreakagePoints, r.liabilityMinor], [2857, 'history', 3600, 90_000]);
  const configured = liabilityReport(rows, { fromMonth: '2024-02', toMonth: '2024-03', breakageBp: 1500 });
  assert.deepEqual([configured.expectedBreakagePoints, configured.liabilityMinor], [1890, 107_100]); // 15 % of 12600; 10710 points
});

test('the roll-forward closes on the ledger balance built by the ledger operations', () => {
  let l: PointsLedger = EMPTY_LEDGER;
  const on = (date: string) => ({ at: `${date}T04:00:00.000Z`, date });
  l = applyChange(l, earn(l, { points: 500, availableOn: '2024-01-05', expiresOn: '2024-03-01' }, on('2024-01-05')));
  l = applyChange(l, earn(l, { points: 80, availableOn: '2024-01-20', expiresOn: null }, on('2024-01-20')));
  const o = redeem(l, { points: 200 }, on('2024-02-10'));
  assert.ok(o.ok);
  l = applyChange(l, o.change);
  l = applyChange(l, expireDue(l, on('2024-03-01')));
  const byMonth = new Map<string, LiabilityRow>();
  for (const e of l.entries) {
    const key = `${e.date.slice(0, 7)}|${e.kind}`;
    const row = byMonth.get(key) ?? { month: e.date.slice(0, 7), kind: e.kind, points: 0 };
    row.points += e.points;
    byMonth.set(key, row);
  }
  const r = liabilityReport([...byMonth.values()], { fromMonth: '2024-01', toMonth: '2024-03' });
  // 580 earned, 200 redeemed from the first lot, its other 300 expired on 03-01: 80 left.
  assert.deepEqual(r.months.map((m) => m.closing), [580, 380, 80]);
  assert.equal(r.outstandingPoints, balances(l, '2024-03-01').total);
});

test('bad periods and rates name the field', () => {
  assert.throws(() => liabilityReport(rows, { fromMonth: '2024-2', toMonth: '2024-03' }), (e: unknown) => e instanceof AppError && e.field === 'fromMonth');
  assert.throws(() => liabilityReport(rows, { fromMonth: '2024-04', toMonth: '2024-03' }), (e: unknown) => e instanceof AppError && e.field === 'toMonth');
  assert.throws(() => liabilityReport(rows, { fromMonth: '2024-01', toMonth: '2024-03', breakageBp: 12000 }), (e: unknown) => e instanceof AppError && e.field === 'breakageBp');
});

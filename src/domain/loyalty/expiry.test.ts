import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expireDue, expiresOn, expiringBy, lotDates } from './expiry.ts';
import { DEFAULT_LEDGER_POLICY, EMPTY_LEDGER, adjust, applyChange, balances, earn, type PointsLedger } from './ledger.ts';
import { AppError } from '../errors.ts';

const on = (date: string) => ({ at: `${date}T04:00:00.000Z`, date });

test('expiry policies give the first void date', () => {
  assert.equal(expiresOn({ kind: 'never' }, '2024-05-01'), null);
  assert.equal(expiresOn({ kind: 'days', days: 365 }, '2024-01-01'), '2024-12-31'); // 2024 is a leap year: 366 days
  assert.equal(expiresOn({ kind: 'days', days: 30 }, '2024-01-31'), '2024-03-01');
  assert.equal(expiresOn({ kind: 'end_of_year', yearsAfter: 1 }, '2024-05-01'), '2026-01-01'); // end of next year
  assert.equal(expiresOn({ kind: 'end_of_year', yearsAfter: 0 }, '2024-12-31'), '2025-01-01');
  assert.equal(expiresOn({ kind: 'end_of_month', monthsAfter: 0 }, '2024-02-10'), '2024-03-01');
  assert.equal(expiresOn({ kind: 'end_of_month', monthsAfter: 11 }, '2024-02-10'), '2025-02-01');
  assert.equal(expiresOn({ kind: 'end_of_month', monthsAfter: 1 }, '2024-12-05'), '2025-02-01');
  assert.throws(() => expiresOn({ kind: 'days', days: 0 }, '2024-01-01'), (e: unknown) => e instanceof AppError && e.field === 'expiry.days');
});

test('a lot is pending through the return window and always spendable for at least a day', () => {
  assert.deepEqual(lotDates({ kind: 'end_of_year', yearsAfter: 1 }, 7, '2024-05-01'), { availableOn: '2024-05-08', expiresOn: '2026-01-01' });
  assert.deepEqual(lotDates({ kind: 'days', days: 3 }, 7, '2024-05-01'), { availableOn: '2024-05-08', expiresOn: '2024-05-09' });
  assert.deepEqual(lotDates({ kind: 'never' }, 0, '2024-05-01'), { availableOn: '2024-05-01', expiresOn: null });
});

test('the expiry job writes off due lots, after paying debt with the points about to die', () => {
  const policy = { ...DEFAULT_LEDGER_POLICY, allowDebt: true };
  let l: PointsLedger = EMPTY_LEDGER;
  l = applyChange(l, earn(l, { points: 100, availableOn: '2024-01-10', expiresOn: '2024-03-01' }, on('2024-01-01')));
  l = applyChange(l, earn(l, { points: 40, availableOn: '2024-01-01', expiresOn: '2024-02-01' }, on('2024-01-01')));
  // −60 on 2024-01-05: lot 2 (40, the only usable lot) is taken, 20 owed.
  const o = adjust(l, { points: -60, reason: 'fraud reversal', expiresOn: null }, on('2024-01-05'), policy);
  assert.ok(o.ok);
  l = applyChange(l, o.change);
  assert.equal(balances(l, '2024-01-05').debt, -20);
  // Lot 1 became usable on 01-10 but no operation has run since. On 2024-03-01 it is void, so it cannot
  // pay the debt: its 100 expire and the 20 stay owed.
  const job = expireDue(l, on('2024-03-01'));
  assert.deepEqual(job.entries.map((e) => [e.kind, e.lotNo, e.points]), [['expire', 1, -100]]);
  // A day earlier lot 1 was still valid: the job settles the 20 from it and nothing expires yet.
  const earlier = expireDue(l, on('2024-02-29'));
  assert.deepEqual(earlier.entries.map((e) => [e.kind, e.lotNo, e.points]), [['settle', 1, -20], ['settle', null, 20]]);
  assert.equal(earlier.deltaPoints, 0);
});

test('points expiring by a date, grouped by day, for reminders', () => {
  let l: PointsLedger = EMPTY_LEDGER;
  for (const [p, e] of [[10, '2024-06-01'], [20, '2024-06-01'], [5, '2024-07-01'], [7, null]] as const) {
    l = applyChange(l, earn(l, { points: p, availableOn: '2024-01-01', expiresOn: e }, on('2024-01-01')));
  }
  assert.deepEqual(expiringBy(l, '2024-05-20', '2024-06-30'), [{ expiresOn: '2024-06-01', points: 30 }]);
  assert.deepEqual(expiringBy(l, '2024-05-20', '2024-07-01'), [{ expiresOn: '2024-06-01', points: 30 }, { expiresOn: '2024-07-01', points: 5 }]);
});

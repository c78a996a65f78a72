import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DEFAULT_LEDGER_POLICY, EMPTY_LEDGER, applyChange, balances, earn, redeem, remainingByLot, type LedgerOutcome, type PointsLedger,
} from './ledger.ts';
import { refund, type RefundLine } from './refund.ts';
import { expireDue } from './expiry.ts';
import { addDays } from '../time.ts';
import { allocate } from '../money.ts';
import { AppError } from '../errors.ts';

const on = (date: string) => ({ at: `${date}T04:00:00.000Z`, date });
const must = (o: LedgerOutcome) => { assert.ok(o.ok); return o.change; };

/** A member with 200 points who pays 50 of them on order S1 and earns 129 on it (line 1: 3 units, 100 pts; line 2: 1 unit, 29 pts). */
function afterOrder(): PointsLedger {
  let l = applyChange(EMPTY_LEDGER, earn(EMPTY_LEDGER, { points: 200, availableOn: '2024-03-01', expiresOn: '2025-01-01' }, on('2024-03-01')));
  l = applyChange(l, must(redeem(l, { points: 50, orderId: 'S1' }, on('2024-03-10'))));
  return applyChange(l, earn(l, {
    points: 129, orderId: 'S1', availableOn: '2024-03-17', expiresOn: '2026-01-01',
    lines: [{ lineNo: 1, quantity: 3, points: 100 }, { lineNo: 2, quantity: 1, points: 29 }],
  }, on('2024-03-10')));
}
const lines = (ret1: [number, number], ret2: [number, number]): RefundLine[] => [
  { lineNo: 1, bought: 3, returnedBefore: ret1[0], returning: ret1[1], pointsRedeemed: 40 },
  { lineNo: 2, bought: 1, returnedBefore: ret2[0], returning: ret2[1], pointsRedeemed: 10 },
];

test('partial returns claw back per line by cumulative share, and give back paid points in step', () => {
  let l = afterOrder();
  // 1 of 3 units of line 1: claw floor(100 × 1/3) = 33, restore floor(40 × 1/3) = 13.
  const r1 = refund(l, { orderId: 'S1', opId: 'R1', lines: lines([0, 1], [0, 0]) }, on('2024-03-12'));
  assert.deepEqual(r1.perLine, [{ lineNo: 1, clawback: 33, restore: 13 }, { lineNo: 2, clawback: 0, restore: 0 }]);
  assert.equal(r1.change.deltaPoints, 13 - 33);
  l = applyChange(l, r1.change);
  // The other 2 units: 100 − 33 = 67 and 40 − 13 = 27; line 2 whole: 29 and 10.
  const r2 = refund(l, { orderId: 'S1', opId: 'R2', lines: lines([1, 2], [0, 1]) }, on('2024-03-13'));
  assert.deepEqual(r2.perLine, [{ lineNo: 1, clawback: 67, restore: 27 }, { lineNo: 2, clawback: 29, restore: 10 }]);
  l = applyChange(l, r2.change);
  // Back to 200 in the first lot, nothing in the order's lot: as if S1 never happened.
  assert.deepEqual([...remainingByLot(l).values()], [200, 0]);
  assert.deepEqual(l.entries.filter((e) => e.kind === 'clawback').map((e) => [e.lotNo, e.lineNo, e.points]), [[3, 1, -33], [3, 1, -67], [3, 2, -29]]);
});

test('points already spent: the shortfall is forgiven and reported, or becomes a visible debt when policy allows', () => {
  let l = afterOrder();
  // Spend everything: 150 left in lot 1 + 129 in the order's lot (available from 03-17).
  l = applyChange(l, must(redeem(l, { points: 279 }, on('2024-03-20'))));
  const forgiven = refund(l, { orderId: 'S1', opId: 'R1', lines: lines([0, 0], [0, 1]) }, on('2024-03-21'));
  // Line 2 earned 29 but nothing is left; it paid 10 points, restored first, and those 10 are clawed back at once.
  assert.deepEqual({ clawedBack: forgiven.clawedBack, restored: forgiven.restored, shortfall: forgiven.shortfall }, { clawedBack: 10, restored: 10, shortfall: 19 });
  assert.equal(forgiven.change.deltaPoints, 0);
  const owed = refund(l, { orderId: 'S1', opId: 'R1', lines: lines([0, 0], [0, 1]) }, on('2024-03-21'), { ...DEFAULT_LEDGER_POLICY, allowDebt: true });
  assert.equal(balances(applyChange(l, owed.change), '2024-03-21').debt, -19);
});

test('restore policy: full_return_only gives paid points back only when the last unit comes back; never gives none', () => {
  const l = afterOrder();
  const policy = { ...DEFAULT_LEDGER_POLICY, restoreRedeemed: 'full_return_only' as const };
  assert.equal(refund(l, { orderId: 'S1', opId: 'R1', lines: lines([0, 3], [0, 0]) }, on('2024-03-12'), policy).restored, 0);
  assert.equal(refund(l, { orderId: 'S1', opId: 'R1', lines: lines([0, 3], [0, 1]) }, on('2024-03-12'), policy).restored, 50);
  assert.equal(refund(l, { orderId: 'S1', opId: 'R1', lines: lines([0, 3], [0, 1]) }, on('2024-03-12'), { ...DEFAULT_LEDGER_POLICY, restoreRedeemed: 'never' }).restored, 0);
});

test('paid points whose lot has expired since come back as a new lot valid for restoredExpiryDays', () => {
  let l = afterOrder();
  l = applyChange(l, expireDue(l, on('2025-01-01'))); // lot 1 (the 50 came from it) is void now
  const r = refund(l, { orderId: 'S1', opId: 'R1', lines: lines([0, 3], [0, 1]) }, on('2025-01-02'));
  assert.deepEqual(r.change.lots.map((x) => [x.origin, x.points, x.expiresOn]), [['restore', 50, '2025-02-01']]);
});

test('returning more than was bought names the line', () => {
  assert.throws(() => refund(afterOrder(), { orderId: 'S1', opId: 'R1', lines: lines([2, 2], [0, 0]) }, on('2024-03-12')),
    (e: unknown) => e instanceof AppError && e.field === 'lines/0/returning');
});

test('a full refund, in any split of partial returns, returns the member to the exact prior state', () => {
  const lotArb = fc.record({ points: fc.integer({ min: 1, max: 400 }), pending: fc.integer({ min: 0, max: 2 }), life: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }), spend: fc.integer({ min: 0, max: 300 }) });
  fc.assert(fc.property(
    fc.array(lotArb, { minLength: 1, maxLength: 8 }),
    fc.integer({ min: 0, max: 100 }),
    fc.array(fc.record({ qty: fc.integer({ min: 1, max: 5 }), points: fc.integer({ min: 0, max: 300 }) }), { minLength: 1, maxLength: 5 }),
    fc.integer({ min: 1, max: 4 }), fc.nat(),
    (history, payPct, orderLines, returns, seed) => {
      // Some history: lots earned on successive days, some points spent, the expiry job run.
      let l: PointsLedger = EMPTY_LEDGER;
      let date = '2024-05-01';
      for (const h of history) {
        l = applyChange(l, earn(l, { points: h.points, availableOn: addDays(date, h.pending), expiresOn: h.life === null ? null : addDays(date, h.pending + h.life) }, on(date)));
        date = addDays(date, 3);
        const o = redeem(l, { points: h.spend || 1 }, on(date));
        if (o.ok) l = applyChange(l, o.change);
        l = applyChange(l, expireDue(l, on(date)));
      }
      const before = { lots: remainingByLot(l), balances: balances(l, date) };
      // The order: pay part of it with points, earn points per line (pending for the return window).
      const pay = Math.floor((before.balances.spendable * payPct) / 100);
      if (pay > 0) l = applyChange(l, must(redeem(l, { points: pay, orderId: 'X' }, on(date))));
      const paid = allocate(pay, orderLines.map((x) => x.qty));
      const total = orderLines.reduce((a, x) => a + x.points, 0);
      l = applyChange(l, earn(l, { points: total, orderId: 'X', availableOn: addDays(date, 7), expiresOn: addDays(date, 400), lines: orderLines.map((x, i) => ({ lineNo: i + 1, quantity: x.qty, points: x.points })) }, on(date)));
      // Return every unit over `returns` returns, split pseudo-randomly.
      const returned = orderLines.map(() => 0);
      for (let k = 0; k < returns; k++) {
        const input = orderLines.map((x, i) => {
          const left = x.qty - returned[i]!;
          const n = k === returns - 1 ? left : (seed >> (k + i)) % (left + 1);
          return { lineNo: i + 1, bought: x.qty, returnedBefore: returned[i]!, returning: n, pointsRedeemed: paid[i]! };
        });
        input.forEach((x, i) => { returned[i]! += x.returning; });
        l = applyChange(l, refund(l, { orderId: 'X', opId: `R${k}`, lines: input }, on(date)).change);
      }
      const after = remainingByLot(l);
      for (const [lotNo, points] of before.lots) assert.equal(after.get(lotNo), points, `lot ${lotNo}`);
      for (const [lotNo, points] of after) if (!before.lots.has(lotNo)) assert.equal(points, 0, `new lot ${lotNo}`);
      assert.deepEqual(balances(l, date), before.balances);
    },
  ), { numRuns: 2000 });
});

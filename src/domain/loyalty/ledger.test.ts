import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_LEDGER_POLICY, EMPTY_LEDGER, adjust, applyChange, balances, earn, redeem, remainingByLot, transfer,
  type LedgerChange, type LedgerOutcome, type PointsLedger,
} from './ledger.ts';
import { expireDue } from './expiry.ts';
import { AppError } from '../errors.ts';
import fc from 'fast-check';
import { allocate } from '../money.ts';
import { addDays } from '../time.ts';
import { isUsable, type LedgerPolicy, type PointsLot } from './ledger.ts';
import { refund } from './refund.ts';

const on = (date: string) => ({ at: `${date}T04:00:00.000Z`, date });
const ok = (o: LedgerOutcome): LedgerChange => { assert.ok(o.ok, o.ok ? '' : o.reason.en); return o.change; };
const give = (l: PointsLedger, date: string, points: number, expiresOn: string | null, availableOn = date) =>
  applyChange(l, earn(l, { points, availableOn, expiresOn }, on(date)));
const rem = (l: PointsLedger) => [...remainingByLot(l).values()];

test('redemption takes the earliest-expiring lot first, whatever order the lots were earned in', () => {
  let l = give(EMPTY_LEDGER, '2024-01-10', 100, '2024-06-01'); // lot 1
  l = give(l, '2024-01-11', 50, '2024-03-01'); // lot 2: expires first
  l = give(l, '2024-01-12', 30, null); // lot 3: never expires, spent last
  l = applyChange(l, ok(redeem(l, { points: 70, orderId: 'A1' }, on('2024-01-15'))));
  // 70 = all 50 of lot 2, then 20 of lot 1 → remaining 80, 0, 30.
  assert.deepEqual(rem(l), [80, 0, 30]);
  assert.equal(balances(l, '2024-01-15').total, 110);
  // The expiry job on 2024-06-01 writes off lot 1's 80; 30 are left.
  l = applyChange(l, expireDue(l, on('2024-06-01')));
  assert.deepEqual(rem(l), [0, 0, 30]);
  const refused = redeem(l, { points: 31 }, on('2024-06-02'));
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.reason.zh, '积分不足，可用30');
});

test('pending points cannot be spent before the return window ends', () => {
  const l = give(EMPTY_LEDGER, '2024-01-10', 100, '2025-01-01', '2024-01-17');
  assert.deepEqual(balances(l, '2024-01-16'), { total: 100, available: 0, pending: 100, expiredUnprocessed: 0, debt: 0, spendable: 0 });
  assert.equal(redeem(l, { points: 10 }, on('2024-01-16')).ok, false);
  assert.equal(redeem(l, { points: 10 }, on('2024-01-17')).ok, true);
});

test('adjustments need a reason; debt only when policy allows, visible, and repaid by the next points', () => {
  let l = give(EMPTY_LEDGER, '2024-02-01', 30, null);
  assert.throws(() => adjust(l, { points: -50, reason: '  ', expiresOn: null }, on('2024-02-02')),
    (e: unknown) => e instanceof AppError && e.code === 'VALIDATION' && e.field === 'reason');
  const refused = adjust(l, { points: -50, reason: 'duplicate earn', expiresOn: null }, on('2024-02-02'));
  assert.equal(!refused.ok && refused.reason.code, 'POINTS_INSUFFICIENT');
  l = applyChange(l, ok(adjust(l, { points: -50, reason: 'duplicate earn', expiresOn: null }, on('2024-02-02'), { ...DEFAULT_LEDGER_POLICY, allowDebt: true })));
  // 30 from the lot, 20 owed.
  assert.deepEqual(balances(l, '2024-02-02'), { total: -20, available: 0, pending: 0, expiredUnprocessed: 0, debt: -20, spendable: -20 });
  l = give(l, '2024-02-03', 100, null);
  // The new 100 pay the 20 of debt at once: 80 left in the lot, no debt, total 80.
  assert.deepEqual(balances(l, '2024-02-03'), { total: 80, available: 80, pending: 0, expiredUnprocessed: 0, debt: 0, spendable: 80 });
  assert.deepEqual(l.entries.filter((e) => e.kind === 'adjust').map((e) => [e.lotNo, e.points, e.note]), [[1, -30, 'duplicate earn'], [null, -20, 'duplicate earn']]);
});

test('transfer is off by default; when on, the receiver keeps the original expiry dates', () => {
  let a = give(EMPTY_LEDGER, '2024-01-01', 100, '2024-06-01');
  a = give(a, '2024-01-02', 50, '2024-03-01');
  const off = transfer(a, EMPTY_LEDGER, { points: 70 }, on('2024-01-05'));
  assert.equal(!off.ok && off.reason.en, 'points transfer is turned off');
  const t = transfer(a, EMPTY_LEDGER, { points: 70, opId: 'T1' }, on('2024-01-05'), { ...DEFAULT_LEDGER_POLICY, transferEnabled: true });
  assert.ok(t.ok);
  assert.deepEqual(t.to.lots.map((x) => [x.points, x.expiresOn]), [[50, '2024-03-01'], [20, '2024-06-01']]);
  assert.equal(t.from.deltaPoints, -70);
  assert.equal(t.to.deltaPoints, 70);
});

test('bad input names the field', () => {
  assert.throws(() => redeem(EMPTY_LEDGER, { points: 1.5 }, on('2024-01-01')), (e: unknown) => e instanceof AppError && e.field === 'points');
  assert.throws(() => earn(EMPTY_LEDGER, { points: 10, availableOn: '2024-01-01', expiresOn: null, lines: [{ lineNo: 1, quantity: 1, points: 9 }] }, on('2024-01-01')),
    (e: unknown) => e instanceof AppError && e.field === 'lines');
  assert.throws(() => earn(EMPTY_LEDGER, { points: 10, availableOn: '2024-01-08', expiresOn: '2024-01-08' }, on('2024-01-01')),
    (e: unknown) => e instanceof AppError && e.field === 'expiresOn');
});

// ---- Random sequences: earn, redeem, donate, adjust, expire, orders and their (partial) refunds ----


const life = fc.option(fc.integer({ min: 1, max: 60 }), { nil: null });
const opArb = fc.oneof(
  fc.record({ t: fc.constant('earn' as const), points: fc.integer({ min: 1, max: 500 }), pending: fc.integer({ min: 0, max: 3 }), life }),
  fc.record({ t: fc.constant('redeem' as const), points: fc.integer({ min: 1, max: 600 }), donate: fc.boolean() }),
  fc.record({ t: fc.constant('adjust' as const), points: fc.integer({ min: -300, max: 300 }).filter((n) => n !== 0) }),
  fc.record({ t: fc.constant('expire' as const) }),
  fc.record({ t: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 20 }) }),
  { weight: 2, arbitrary: fc.record({
    t: fc.constant('order' as const), pay: fc.integer({ min: 0, max: 100 }), pending: fc.integer({ min: 0, max: 3 }), life,
    lines: fc.array(fc.record({ qty: fc.integer({ min: 1, max: 4 }), points: fc.integer({ min: 0, max: 200 }) }), { minLength: 1, maxLength: 4 }),
  }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('refund' as const), pick: fc.nat(), units: fc.array(fc.nat(4), { minLength: 4, maxLength: 4 }) }) },
);

interface Order { id: string; shortfall: number; lines: { lineNo: number; bought: number; returned: number; earned: number; pointsRedeemed: number }[] }

const spendKey = (lot: PointsLot) => `${lot.expiresOn ?? '9999-12-31'}#${String(lot.lotNo).padStart(6, '0')}`;

const stats = { ops: 0, refunds: 0, fullyReturned: 0, refusedRedeems: 0 };

test('over thousands of random sequences: balance = Σ ledger = cached, lots never negative, oldest expiry spent first, refunds exact', () => {
  fc.assert(fc.property(fc.array(opArb, { minLength: 10, maxLength: 50, size: 'max' }), fc.boolean(), (ops, allowDebt) => {
    const policy: LedgerPolicy = { ...DEFAULT_LEDGER_POLICY, allowDebt };
    let l: PointsLedger = EMPTY_LEDGER;
    let date = '2024-01-01';
    let cached = 0; // what a store's cached balance column would hold: moved by each change's delta only
    const orders: Order[] = [];
    const apply = (c: LedgerChange) => {
      const before = remainingByLot(l);
      l = applyChange(l, c);
      cached += c.deltaPoints;
      // Oldest-first: a lot consumed by this change leaves no usable points in any lot that expires earlier.
      const after = remainingByLot(l);
      const consumed = c.entries.filter((e) => e.points < 0 && e.lotNo !== null && ['redeem', 'donate', 'adjust', 'settle'].includes(e.kind));
      for (const e of consumed) {
        const lot = l.lots.find((x) => x.lotNo === e.lotNo)!;
        for (const other of l.lots) {
          if (isUsable(other, date) && (before.get(other.lotNo) ?? 0) > 0 && spendKey(other) < spendKey(lot)) assert.equal(after.get(other.lotNo), 0);
        }
      }
    };
    for (const op of ops) {
      const m = on(date);
      const spendable = balances(l, date).spendable;
      if (op.t === 'advance') date = addDays(date, op.days);
      else if (op.t === 'earn') apply(earn(l, { points: op.points, availableOn: addDays(date, op.pending), expiresOn: op.life === null ? null : addDays(date, op.pending + op.life) }, m));
      else if (op.t === 'expire') {
        apply(expireDue(l, m));
        const r = remainingByLot(l);
        for (const lot of l.lots) if (lot.expiresOn !== null && lot.expiresOn <= date) assert.equal(r.get(lot.lotNo), 0);
      } else if (op.t === 'redeem') {
        const o = redeem(l, { points: op.points, kind: op.donate ? 'donate' : 'redeem' }, m);
        assert.equal(o.ok, op.points <= spendable);
        if (!o.ok) stats.refusedRedeems++;
        if (o.ok) { assert.equal(o.change.deltaPoints, -op.points); apply(o.change); }
      } else if (op.t === 'adjust') {
        const o = adjust(l, { points: op.points, reason: 'test', expiresOn: null }, m, policy);
        assert.equal(o.ok, op.points > 0 || allowDebt || -op.points <= spendable);
        if (o.ok) { assert.equal(o.change.deltaPoints, op.points); apply(o.change); }
      } else if (op.t === 'order') {
        const id = `O${orders.length + 1}`;
        const pay = Math.floor((Math.max(0, spendable) * op.pay) / 100);
        if (pay > 0) apply(ok(redeem(l, { points: pay, orderId: id }, m)));
        const paid = allocate(pay, op.lines.map((x) => x.qty));
        const lines = op.lines.map((x, i) => ({ lineNo: i + 1, bought: x.qty, returned: 0, earned: x.points, pointsRedeemed: paid[i]! }));
        const total = lines.reduce((a, x) => a + x.earned, 0);
        apply(earn(l, {
          points: total, orderId: id, availableOn: addDays(date, op.pending), expiresOn: op.life === null ? null : addDays(date, op.pending + op.life),
          lines: lines.map((x) => ({ lineNo: x.lineNo, quantity: x.bought, points: x.earned })),
        }, m));
        orders.push({ id, shortfall: 0, lines });
      } else if (op.t === 'refund' && orders.length > 0) {
        const order = orders[op.pick % orders.length]!;
        const input = order.lines.map((x, i) => ({ lineNo: x.lineNo, bought: x.bought, returnedBefore: x.returned, returning: Math.min(op.units[i]!, x.bought - x.returned), pointsRedeemed: x.pointsRedeemed }));
        const r = refund(l, { orderId: order.id, opId: `R${date}`, lines: input }, m, policy);
        assert.equal(r.change.deltaPoints, r.restored - r.clawedBack);
        if (allowDebt) assert.equal(r.clawedBack, r.perLine.reduce((a, x) => a + x.clawback, 0));
        apply(r.change);
        order.shortfall += r.shortfall;
        stats.refunds++;
        input.forEach((x, i) => { order.lines[i]!.returned += x.returning; });
        if (order.lines.every((x) => x.returned === x.bought)) {
          // Every unit is back: the clawbacks (plus what was forgiven or owed) are exactly what the order earned,
          // and the restores exactly what it paid in points.
          const mine = l.entries.filter((e) => e.orderId === order.id);
          const clawed = -mine.filter((e) => e.kind === 'clawback').reduce((a, e) => a + e.points, 0);
          // (With debt allowed the shortfall is itself a clawback entry on the debt account.)
          assert.equal(clawed + (allowDebt ? 0 : order.shortfall), order.lines.reduce((a, x) => a + x.earned, 0));
          stats.fullyReturned++;
          const restored = mine.filter((e) => e.kind === 'restore').reduce((a, e) => a + e.points, 0);
          assert.equal(restored, order.lines.reduce((a, x) => a + x.pointsRedeemed, 0));
        }
      }
      stats.ops++;
      const b = balances(l, date);
      const byLot = remainingByLot(l);
      assert.equal(b.total, l.entries.reduce((a, e) => a + e.points, 0));
      assert.equal(cached, b.total);
      assert.equal(b.total, [...byLot.values()].reduce((a, x) => a + x, 0) + b.debt);
      for (const lot of l.lots) assert.ok(byLot.get(lot.lotNo)! >= 0 && byLot.get(lot.lotNo)! <= lot.points, `lot ${lot.lotNo} out of range`);
      if (!allowDebt) assert.equal(b.debt, 0);
      assert.ok(b.debt <= 0);
      assert.ok(b.spendable >= 0 || allowDebt);
      assert.deepEqual(l.entries.map((e) => e.seq), l.entries.map((_, i) => i + 1));
    }
  }), { numRuns: 3000 });
  // The generator really exercises the paths the properties are about.
  assert.ok(stats.ops > 30000 && stats.refunds > 1000 && stats.fullyReturned > 300 && stats.refusedRedeems > 1000, JSON.stringify(stats));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { issueCoupon, parsePromotion } from './definitions.ts';
import { AppError } from '../errors.ts';

test('defaults are filled in: stackable, active, all scope, coupons valid 30 days from issue', () => {
  const p = parsePromotion({ id: 'MJ', name: '满100减20', benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }] } });
  assert.deepEqual([p.active, p.coupon, p.stacking, p.priority, p.group], [true, false, 'stackable', 0, null]);
  assert.deepEqual(p.scope, {});
  assert.deepEqual(p.limits, { perMember: null, global: null, budgetMinor: null });
  assert.deepEqual(p.benefit, { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }], repeat: false });
  // A JSON round trip gives the same promotion (a store keeps it as a JSON column).
  assert.deepEqual(parsePromotion(JSON.parse(JSON.stringify(p))), p);
});

test('coupon validity: relative to the issue instant, or fixed dates', () => {
  const rel = parsePromotion({ id: 'C', name: 'c', coupon: true, benefit: { kind: 'percent_off', offBp: 1000 }, couponValidity: { kind: 'relative', days: 7 } });
  const c = issueCoupon(rel, { code: 'K', memberId: 'm1', now: '2024-06-01T10:00:00.000Z' });
  assert.deepEqual([c.validFrom, c.validTo, c.status, c.multiUse], ['2024-06-01T10:00:00.000Z', '2024-06-08T10:00:00.000Z', 'active', false]);
  const abs = parsePromotion({ ...rel, couponValidity: { kind: 'absolute', from: '2024-07-01T00:00:00.000Z', to: '2024-08-01T00:00:00.000Z' } });
  assert.equal(issueCoupon(abs, { code: 'K', memberId: null, now: '2024-06-01T10:00:00.000Z', multiUse: true }).validFrom, '2024-07-01T00:00:00.000Z');
});

test('bad definitions name the field', () => {
  const bad = (v: unknown, field: string) => assert.throws(() => parsePromotion(v), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION' && e.field === field);
  const base = { id: 'X', name: 'x' };
  bad({ ...base, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 20000, offMinor: 5000 }, { thresholdMinor: 10000, offMinor: 2000 }] } }, 'benefit/steps/1/thresholdMinor');
  bad({ ...base, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }, { thresholdMinor: 20000, offMinor: 5000 }], repeat: true } }, 'benefit/repeat');
  bad({ ...base, benefit: { kind: 'percent_off', offBp: 12000 } }, 'benefit/offBp');
  bad({ ...base, benefit: { kind: 'fixed_price', priceMinor: 12.5 } }, 'benefit/priceMinor');
  bad({ ...base, benefit: { kind: 'buy_n_get_m', buy: 5, get: 0 } }, 'benefit/get');
  bad({ ...base, benefit: { kind: 'teleport' } }, 'benefit/kind');
  bad({ ...base, benefit: { kind: 'percent_off', offBp: 1000 }, validFrom: '2024-06-02T00:00:00.000Z', validTo: '2024-06-01T00:00:00.000Z' }, 'validTo');
  bad({ ...base, benefit: { kind: 'percent_off', offBp: 1000 }, validFrom: '2024-06-02 00:00' }, 'validFrom');
  bad({ ...base, benefit: { kind: 'percent_off', offBp: 1000 }, stacking: 'sometimes' }, 'stacking');
});

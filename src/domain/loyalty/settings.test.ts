import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import { DEFAULT_EARN_RULES } from './earn-rules.ts';
import { DEFAULT_EXPIRY } from './expiry.ts';
import { DEFAULT_LEDGER_POLICY } from './ledger.ts';
import { DEFAULT_REFERRAL_POLICY } from './referral.ts';
import { DEFAULT_POINTS_PAYMENT } from '../promotions/points-payment.ts';
import { parseEarnRules, parsePolicy, templatesNamed } from './settings.ts';

test('empty settings are the domain defaults', () => {
  assert.deepEqual(parseEarnRules({}), DEFAULT_EARN_RULES);
  const p = parsePolicy({});
  assert.deepEqual([p.expiry, p.ledger, p.payment, p.referral], [DEFAULT_EXPIRY, DEFAULT_LEDGER_POLICY, DEFAULT_POINTS_PAYMENT, DEFAULT_REFERRAL_POLICY]);
  assert.deepEqual([p.returnWindowDays, p.maxCouponsPerOrder, p.couponHoldSeconds, p.autoIssue], [7, 1, 300, []]);
});

test('partial objects get their other fields defaulted; bad values name the field', () => {
  const p = parsePolicy({ ledger: { allowDebt: true }, payment: { rate: { points: 50, valueMinor: 100 } } });
  assert.deepEqual(p.ledger, { ...DEFAULT_LEDGER_POLICY, allowDebt: true });
  assert.deepEqual(p.payment, { ...DEFAULT_POINTS_PAYMENT, rate: { points: 50, valueMinor: 100 } });
  const field = (f: () => unknown) => { try { f(); } catch (e) { return e instanceof AppError ? e.field : 'not an AppError'; } return 'no error'; };
  assert.equal(field(() => parseEarnRules({ rates: [{ scope: { sku: 'A', store: 'S1' }, pointsPerUnit: 2 }] })), 'rates/0/scope');
  assert.equal(field(() => parsePolicy({ expiry: { kind: 'days', days: 0 } })), 'expiry/days');
  assert.equal(field(() => parsePolicy({ autoIssue: [{ id: 'a', event: 'purchase', templateId: 'T' }, { id: 'a', event: 'birthday', templateId: 'T' }] })), 'autoIssue/1/id');
});

test('the templates a policy names, with the field naming each', () => {
  const p = parsePolicy({ autoIssue: [{ id: 'a', event: 'purchase', templateId: 'T1' }], referral: { referee: { points: 200, couponTemplateId: 'T2' } } });
  assert.deepEqual(templatesNamed(p), [{ field: 'autoIssue/0/templateId', templateId: 'T1' }, { field: 'referral/referee/couponTemplateId', templateId: 'T2' }]);
});

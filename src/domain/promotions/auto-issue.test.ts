import { test } from 'node:test';
import assert from 'node:assert/strict';
import { couponsForEvent, parseAutoIssueRules } from './auto-issue.ts';
import { AppError } from '../errors.ts';

const rules = parseAutoIssueRules([
  { id: 'after-buy', event: 'purchase', templateId: 'NEXT10', minOrderMinor: 20000 },
  { id: 'welcome', event: 'registration', templateId: 'WELCOME', quantity: 2 },
  { id: 'gold-up', event: 'tier_upgrade', templateId: 'GOLD50', tiers: ['gold', 'platinum'] },
  { id: 'bday', event: 'birthday', templateId: 'BDAY', tiers: ['platinum'] },
  { id: 'off', event: 'registration', templateId: 'OLD', active: false },
]);

test('each event issues the templates of its active rules, with a key that makes replays harmless', () => {
  assert.deepEqual(couponsForEvent(rules, { kind: 'purchase', memberId: 'm1', orderId: 'O7', payableMinor: 19999 }), []);
  assert.deepEqual(couponsForEvent(rules, { kind: 'purchase', memberId: 'm1', orderId: 'O7', payableMinor: 20000 }),
    [{ ruleId: 'after-buy', templateId: 'NEXT10', memberId: 'm1', quantity: 1, dedupeKey: 'after-buy:m1:O7' }]);
  assert.deepEqual(couponsForEvent(rules, { kind: 'registration', memberId: 'm2' }).map((d) => [d.templateId, d.quantity]), [['WELCOME', 2]]);
  assert.deepEqual(couponsForEvent(rules, { kind: 'tier_upgrade', memberId: 'm3', toTier: 'silver', on: '2024-06-01' }), []);
  assert.equal(couponsForEvent(rules, { kind: 'tier_upgrade', memberId: 'm3', toTier: 'gold', on: '2024-06-01' })[0]!.dedupeKey, 'gold-up:m3:gold@2024-06-01');
  assert.deepEqual(couponsForEvent(rules, { kind: 'birthday', memberId: 'm4', tierCode: 'gold', year: 2024 }), []);
  assert.equal(couponsForEvent(rules, { kind: 'birthday', memberId: 'm4', tierCode: 'platinum', year: 2024 })[0]!.dedupeKey, 'bday:m4:2024');
});

test('bad rules name the field', () => {
  assert.throws(() => parseAutoIssueRules([{ id: 'x', event: 'anniversary', templateId: 'T' }]), (e: unknown) => e instanceof AppError && e.field === 'rules/0/event');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyLine, isAccountingAdjustment } from './line-kind.ts';

test('UCI non-merchandise codes are classified, not dropped', () => {
  const cases: [string, string][] = [
    ['POST', 'shipping'], ['DOT', 'shipping'], ['C2', 'shipping'], ['M', 'manual'], ['m', 'manual'], ['D', 'discount'],
    ['BANK CHARGES', 'fee'], ['AMAZONFEE', 'fee'], ['CRUK', 'fee'], ['S', 'sample'], ['gift_0001_20', 'voucher'],
    ['PADS', 'merchandise'], ['85123A', 'merchandise'], ['DCGSSBOY', 'merchandise'],
  ];
  for (const [sku, kind] of cases) assert.equal(classifyLine(sku, null), kind, sku);
});

test('Chinese line names', () => {
  assert.equal(classifyLine(null, '运费'), 'shipping');
  assert.equal(classifyLine('X1', '礼品卡'), 'voucher');
  assert.equal(classifyLine('X1', '运费险'), 'merchandise');
});

test('bad-debt adjustments', () => {
  assert.equal(isAccountingAdjustment('A563185', 'B', 'Adjust bad debt'), true);
  assert.equal(isAccountingAdjustment('563185', 'B', 'Adjust bad debt'), true);
  assert.equal(isAccountingAdjustment('563185', 'B', 'BLUE BAG'), false);
  assert.equal(isAccountingAdjustment('A563185', '85123A', null), false);
});

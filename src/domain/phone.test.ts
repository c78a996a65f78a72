import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskPhone, normalizePhone } from './phone.ts';

test('normalizes Chinese mobiles written many ways', () => {
  for (const s of ['13800138000', '+86 138 0013 8000', '0086-138-0013-8000', '86 13800138000', '(138) 0013-8000']) {
    assert.equal(normalizePhone(s), '13800138000', s);
  }
  assert.equal(normalizePhone('+44 20 7946 0958'), '+442079460958');
  assert.equal(normalizePhone('abc'), null);
  assert.equal(normalizePhone('123'), null);
});

test('masks phones for clerks', () => {
  assert.equal(maskPhone('13812341234'), '138****1234');
  assert.equal(maskPhone(null), null);
});

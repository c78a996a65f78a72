import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { REASON_CODES, displayMoney, reason } from './reasons.ts';

test('money in reasons reads like a till: whole yuan without decimals', () => {
  assert.equal(displayMoney(2300), '¥23');
  assert.equal(displayMoney(2350), '¥23.50');
  assert.equal(displayMoney(5, 'GBP'), '£0.05');
  assert.equal(displayMoney(100, 'XYZ'), 'XYZ 1');
  assert.deepEqual(reason('SHORT_OF_THRESHOLD', { shortMinor: 2300 }), { code: 'SHORT_OF_THRESHOLD', zh: '还差¥23可用', en: '¥23 more to qualify', params: { shortMinor: 2300 } });
  assert.equal(reason('SHORT_OF_THRESHOLD', { shortMinor: 250, currency: 'GBP' }).en, '£2.50 more to qualify');
  assert.equal(reason('COUPON_USED', { orderId: '123' }).en, 'coupon already used on order #123');
});

test('every reason code has both texts and is in the table of docs/loyalty.md', () => {
  const doc = readFileSync(new URL('../../../docs/loyalty.md', import.meta.url), 'utf8');
  for (const code of REASON_CODES) {
    const r = reason(code, { shortMinor: 100, offMinor: 100, minMinor: 100 });
    assert.ok(r.zh.length > 0 && r.en.length > 0, code);
    assert.match(doc, new RegExp(`^\\| \`${code}\` \\|`, 'm'), `${code} missing from docs/loyalty.md`);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { businessDate, daysBetween, parseLocalDateTime, zoneOffsetMinutes, addDays } from './time.ts';

test('business date follows the store zone, not the process zone', () => {
  // 2024-03-05 17:30 UTC is already the 6th in Shanghai.
  assert.equal(businessDate('2024-03-05T17:30:00.000Z', 'Asia/Shanghai'), '2024-03-06');
  assert.equal(businessDate('2024-03-05T17:30:00.000Z', 'Europe/London'), '2024-03-05');
});

test('local wall times convert to UTC, across DST', () => {
  assert.equal(parseLocalDateTime('2024-03-05 14:30', 'Asia/Shanghai'), '2024-03-05T06:30:00.000Z');
  assert.equal(parseLocalDateTime('2011-06-01 08:26:00', 'Europe/London'), '2011-06-01T07:26:00.000Z');
  assert.equal(parseLocalDateTime('2010-12-01 08:26:00', 'Europe/London'), '2010-12-01T08:26:00.000Z');
  assert.equal(parseLocalDateTime('2024年3月5日 14:30', 'Asia/Shanghai'), '2024-03-05T06:30:00.000Z');
  assert.equal(parseLocalDateTime('2024/3/5', 'Asia/Shanghai'), '2024-03-04T16:00:00.000Z');
  assert.equal(parseLocalDateTime('12/1/2010 8:26', 'Europe/London', 'mdy'), '2010-12-01T08:26:00.000Z');
  assert.equal(parseLocalDateTime('1/12/2010 8:26', 'Europe/London', 'dmy'), '2010-12-01T08:26:00.000Z');
  assert.equal(parseLocalDateTime('2024-03-05T14:30:00+08:00', 'Europe/London'), '2024-03-05T06:30:00.000Z');
  assert.equal(parseLocalDateTime('2024-02-30 10:00', 'Asia/Shanghai'), null);
  assert.equal(parseLocalDateTime('yesterday', 'Asia/Shanghai'), null);
  assert.equal(zoneOffsetMinutes(Date.parse('2024-07-01T00:00:00Z'), 'Europe/London'), 60);
});

test('date arithmetic on business dates', () => {
  assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2);
  assert.equal(addDays('2024-12-31', 1), '2025-01-01');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayInfo, promoPeriod, seasonFactor, springFestival } from './calendar.ts';

test('Spring Festival dates follow the official calendar', () => {
  assert.equal(springFestival(2024), '2024-02-10');
  assert.equal(springFestival(2025), '2025-01-29');
  assert.equal(springFestival(2027), '2027-02-06');
  assert.equal(springFestival(1990), undefined);
});

test('day info is computed on the business date, not the process zone', () => {
  const d = dayInfo('2024-11-11');
  assert.equal(d.dow, 1);
  assert.equal(d.doy, 316);
  assert.equal(dayInfo('2024-02-08').cnyOffset, -2);
  // Late December counts towards the next year's festival.
  assert.equal(dayInfo('2024-12-31').cnyOffset, -29);
});

test('the calendar has its peaks and troughs', () => {
  const f = (format: 'clothing' | 'tea' | 'supermarket', date: string) => seasonFactor(format, dayInfo(date));
  assert.ok(f('clothing', '2024-11-11') > 2 * f('clothing', '2024-11-25'));
  assert.ok(f('clothing', '2024-06-18') > 1.5 * f('clothing', '2024-06-25'));
  assert.ok(f('tea', '2024-02-11') < 0.6 * f('tea', '2024-03-10'));
  assert.ok(f('tea', '2024-07-21') > f('tea', '2024-01-21'));
  assert.ok(f('supermarket', '2024-02-08') > 1.5 * f('supermarket', '2024-02-29'));
  assert.ok(f('clothing', '2024-03-09') > f('clothing', '2024-03-05'), 'Saturdays are busier');
  assert.equal(promoPeriod(dayInfo('2024-11-03')), 'double11');
  assert.equal(promoPeriod(dayInfo('2024-02-01')), 'new-year-goods');
  assert.equal(promoPeriod(dayInfo('2024-08-01')), null);
});

// The Loyalty page's default ranges: twelve months up to the server's month, a year back from its day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, yearBefore } from '../web/src/features/loyalty/dates.ts';

test('addMonths crosses year ends both ways', () => {
  assert.equal(addMonths('2024-06', -11), '2023-07');
  assert.equal(addMonths('2024-01', -1), '2023-12');
  assert.equal(addMonths('2023-12', 1), '2024-01');
  assert.equal(addMonths('2026-11', -23), '2024-12');
});

test('yearBefore keeps the calendar day; 29 February becomes 28 February', () => {
  assert.equal(yearBefore('2024-06-01'), '2023-06-01');
  assert.equal(yearBefore('2024-02-29'), '2023-02-28');
  assert.equal(yearBefore('2025-12-31'), '2024-12-31');
});

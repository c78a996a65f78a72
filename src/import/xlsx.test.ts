import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellText } from './xlsx.ts';

test('cell values as text', () => {
  assert.equal(cellText(null), '');
  assert.equal(cellText(17850), '17850');
  assert.equal(cellText(0.1 + 0.2), '0.3');
  assert.equal(cellText(true), 'TRUE');
  assert.equal(cellText(new Date(Date.UTC(2024, 2, 5, 14, 29, 59, 999))), '2024-03-05 14:30:00');
  assert.equal(cellText(new Date(Date.UTC(1990, 4, 1))), '1990-05-01');
  assert.equal(cellText({ richText: [{ text: '普洱' }, { text: '茶' }] }), '普洱茶');
  assert.equal(cellText({ formula: 'A1*2', result: 4 }), '4');
  assert.equal(cellText({ text: 'site', hyperlink: 'https://example.com' }), 'site');
  assert.equal(cellText({ error: '#N/A' }), '#N/A');
});

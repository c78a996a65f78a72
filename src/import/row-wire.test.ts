import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRows, encodeRows } from './row-wire.ts';
import type { ImportRow, RowResult } from './rows.ts';

const row = (over: Partial<ImportRow>): RowResult => ({
  ok: true,
  row: {
    lineNo: 2, raw: '1,a', orderKey: '1', isReturn: false, memberNo: 'M1', phone: null, storeCode: null, placedAt: '2024-01-01T00:00:00.000Z',
    businessDate: '2024-01-01', channel: null, sku: 'A', name: '茶', category: null, quantity: 1, unitPriceMinor: 100, grossMinor: 100,
    discountMinor: 0, costMinor: null, kind: 'merchandise', ...over,
  },
});

test('rows survive the columnar wire form: nulls, repeats, issues, fractional quantities, multi-line raw', () => {
  const results: RowResult[] = [
    row({}),
    row({ lineNo: 3, raw: '1,"b\nc"', sku: 'B', quantity: 0.35, costMinor: 12, phone: '13800138000' }),
    { ok: false, issue: { lineNo: 5, raw: 'bad', reason: 'invalid_date', detail: 'x' } },
    row({ lineNo: 6, raw: '', orderKey: 'C2', isReturn: true, memberNo: null, kind: 'shipping', storeCode: 'S1', channel: 'pos', category: '服装/上衣' }),
    { ok: false, issue: { lineNo: 7, raw: 'worse', reason: 'zero_price', detail: 'y' } },
  ];
  const { wire, transfer } = encodeRows(results);
  assert.equal(transfer.length, 4);
  assert.deepEqual(decodeRows(structuredClone(wire)), results);
  assert.deepEqual(decodeRows(encodeRows([]).wire), []);
});

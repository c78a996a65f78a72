import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsvText } from './csv-parser.ts';
import { detectColumns } from './headers.ts';
import { createOrderRowMapper, type OrderRowOptions } from './order-rows.ts';
import type { ImportRow, RowIssue, RowResult } from './rows.ts';

function mapText(text: string, opts: OrderRowOptions = {}): RowResult[] {
  const [header, ...records] = parseCsvText(text);
  const cols = detectColumns('orders', header!.fields);
  const map = createOrderRowMapper(cols.fields, header!.fields.length, opts);
  return records.map(map);
}
const rows = (rs: RowResult[]): ImportRow[] => rs.map((r) => { assert.ok(r.ok, JSON.stringify(r)); return r.row; });
const issue = (r: RowResult | undefined): RowIssue => { assert.ok(r && !r.ok, JSON.stringify(r)); return r.issue; };

const UCI = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n';
const london = { zone: 'Europe/London' };

test('UCI sale line: money in pence, London time to UTC, member number', () => {
  const [r] = rows(mapText(UCI + '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n', london));
  assert.deepEqual(r, {
    lineNo: 2, raw: '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom', orderKey: '536365', isReturn: false, memberNo: '17850', phone: null, storeCode: null,
    placedAt: '2010-12-01T08:26:00.000Z', businessDate: '2010-12-01', channel: null, sku: '85123A',
    name: 'WHITE HANGING HEART T-LIGHT HOLDER', category: null, quantity: 6, unitPriceMinor: 255, grossMinor: 1530,
    discountMinor: 0, costMinor: null, kind: 'merchandise',
  });
  // Summer time: 10:00 in London is 09:00 UTC.
  assert.equal(rows(mapText(UCI + '550000,22423,REGENCY CAKESTAND 3 TIER,1,2011-07-01 10:00:00,12.75,,UK\n', london))[0]!.placedAt, '2011-07-01T09:00:00.000Z');
});

test('UCI quirks: cancellations, anonymous lines, stock adjustments, bad debt, fees and postage', () => {
  const text = UCI + [
    'C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom',
    'C536383,35004C,SET OF 3 COLOURED  FLYING DUCKS,-1,2010-12-01 09:49:00,4.65,15311,United Kingdom',
    '536414,22139,,56,2010-12-01 11:52:00,0,,United Kingdom',
    '536544,21773,DECORATIVE ROSE BATHROOM BOTTLE,1,2010-12-01 14:32:00,2.51,,United Kingdom',
    '537032,21275,?,-30,2010-12-03 16:50:00,0,,United Kingdom',
    'A563185,B,Adjust bad debt,1,2011-08-12 14:50:00,11062.06,,United Kingdom',
    'A563187,B,Adjust bad debt,1,2011-08-12 14:52:00,-11062.06,,United Kingdom',
    '536370,POST,POSTAGE,3,2010-12-01 08:45:00,18,12583,France',
    '537140,BANK CHARGES,Bank Charges,1,2010-12-05 12:00:00,15,,United Kingdom',
    '570000,gift_0001_20,Dotcomgiftshop Gift Voucher £20.00,1,2011-10-07 10:00:00,17.02,,United Kingdom',
    '536569,M,Manual,1,2010-12-01 15:35:00,1.25,16274,United Kingdom',
    '536520,21428,"SET3 BOOK BOX GREEN GINGHAM FLOWER ",1,2010-12-01 12:43:00,4.25,14729,United Kingdom',
    '536999,99999,NEGATIVE PRICE TEST,1,2010-12-01 12:43:00,-1.00,14729,United Kingdom',
  ].join('\n');
  const rs = mapText(text, london);
  const discount = rs[0]!.ok ? rs[0]!.row : null;
  assert.deepEqual([discount?.isReturn, discount?.kind, discount?.quantity, discount?.grossMinor], [true, 'discount', 1, 2750]);
  const cancel = rows([rs[1]!])[0]!;
  assert.deepEqual([cancel.orderKey, cancel.isReturn, cancel.quantity, cancel.unitPriceMinor, cancel.grossMinor], ['C536383', true, 1, 465, 465]);
  assert.equal(issue(rs[2]).reason, 'zero_price');
  const anonymous = rows([rs[3]!])[0]!;
  assert.deepEqual([anonymous.memberNo, anonymous.phone], [null, null]);
  assert.deepEqual(issue(rs[4]), {
    lineNo: 6, raw: '537032,21275,?,-30,2010-12-03 16:50:00,0,,United Kingdom', reason: 'negative_quantity_outside_return', detail: 'quantity -30',
  });
  assert.equal(issue(rs[5]).reason, 'accounting_adjustment');
  assert.equal(issue(rs[6]).reason, 'accounting_adjustment');
  assert.deepEqual(rows(rs.slice(7, 11)).map((r) => [r.kind, r.grossMinor]), [['shipping', 5400], ['fee', 1500], ['voucher', 1702], ['manual', 125]]);
  assert.equal(rows([rs[11]!])[0]!.name, 'SET3 BOOK BOX GREEN GINGHAM FLOWER');
  assert.equal(issue(rs[12]).reason, 'negative_price');
});

test('CDNOW: no order id; one order per row, keys stable and distinct for identical purchases', () => {
  const text = 'customer_id,date,num_cds,dollar_value\n1,1997-01-01,1,11.77\n2,1997-01-12,1,12.00\n2,1997-01-12,5,77.00\n2,1997-01-12,1,12.00\n';
  const a = rows(mapText(text, { zone: 'America/New_York' }));
  const b = rows(mapText(text, { zone: 'America/New_York' }));
  assert.deepEqual(a.map((r) => r.orderKey), b.map((r) => r.orderKey));
  assert.equal(new Set(a.map((r) => r.orderKey)).size, 4);
  assert.match(a[1]!.orderKey, /^h[0-9a-f]{16}-1$/);
  assert.equal(a[3]!.orderKey, a[1]!.orderKey.replace(/-1$/, '-3'));
  assert.deepEqual([a[2]!.quantity, a[2]!.unitPriceMinor, a[2]!.grossMinor], [5, 1540, 7700]);
  assert.deepEqual([a[0]!.placedAt, a[0]!.businessDate], ['1997-01-01T05:00:00.000Z', '1997-01-01']);
  // 'group' makes same customer + time + store one order.
  const g = rows(mapText(text, { zone: 'America/New_York', derivedKey: 'group' }));
  assert.equal(new Set(g.map((r) => r.orderKey)).size, 2);
});

test('Chinese POS: paid amount gives the discount; return type column; phone; store; category levels', () => {
  const text = '单号,会员卡号,手机号,商品编码,商品名称,大类,小类,数量,单价,实收金额,销售时间,门店,类型,成本价\n' +
    'S001,V0001,+86 138-0013-8000,6901,纯棉T恤,服装,上衣,2,99.00,158.00,2024/3/5 14:30,SH01,销售,40\n' +
    'S002,,,6901,纯棉T恤,服装,上衣,1,99.00,99.00,2024-03-06 10:00:00,SH01,退货,40\n' +
    'S003,V0002,138****8000,6902,袜子,,,1,9.90,,20240307,SH02,,\n' +
    'S004,V0003,12345,6902,袜子,,,1,9.90,,2024-03-07,SH02,,\n';
  const rs = mapText(text);
  const [sale, ret, masked] = rows(rs.slice(0, 3));
  assert.deepEqual(
    [sale!.phone, sale!.memberNo, sale!.grossMinor, sale!.discountMinor, sale!.category, sale!.costMinor, sale!.storeCode, sale!.placedAt, sale!.businessDate],
    ['13800138000', 'V0001', 19800, 4000, '服装/上衣', 8000, 'SH01', '2024-03-05T06:30:00.000Z', '2024-03-05'],
  );
  assert.deepEqual([ret!.isReturn, ret!.quantity, ret!.grossMinor, ret!.memberNo], [true, 1, 9900, null]);
  assert.deepEqual([masked!.phone, masked!.placedAt, masked!.discountMinor], [null, '2024-03-06T16:00:00.000Z', 0]);
  assert.equal(issue(rs[3]).reason, 'invalid_phone');
});

test('line-level issues carry the raw line and its number', () => {
  const text = 'order,date,qty,price\n1,,1,2\n2,yesterday,1,2\n3,2024-01-01,two,2\n4,2024-01-01,1,¥abc\n5,2024-01-01,0,2\n,2024-01-01,1,2\n' +
    '7,2024-01-01,1,2,extra\n8,2024-01-01,1,2,\n';
  const rs = mapText(text);
  assert.deepEqual(rs.slice(0, 7).map((r) => issue(r).reason), [
    'missing_date', 'invalid_date', 'invalid_quantity', 'invalid_price', 'zero_quantity', 'missing_order_key', 'malformed_line',
  ]);
  assert.equal(issue(rs[6]).raw, '7,2024-01-01,1,2,extra');
  assert.equal(issue(rs[6]).lineNo, 8);
  assert.ok(rs[7]!.ok, 'an empty trailing field is fine');
  assert.equal(issue(createOrderRowMapper({ placedAt: 0, amount: 1 }, 2)({ lineNo: 9, fields: [], raw: '"x', error: 'unterminated quoted field' })).reason, 'malformed_line');
});

test('amount only: quantity 1 and unit price = amount; slash dates in D/M/Y', () => {
  const [r] = rows(mapText('date,amount\n05/03/2024 09:15,12.30\n', { dateOrder: 'dmy' }));
  assert.deepEqual([r!.quantity, r!.unitPriceMinor, r!.grossMinor, r!.placedAt], [1, 1230, 1230, '2024-03-05T01:15:00.000Z']);
});

test('a price below one minor unit is a sale, not a zero price; zero prices can be kept', () => {
  const rs = mapText(UCI + '550193,PADS,PADS TO MATCH ALL CUSHIONS,1,2011-04-15 09:27:00,0.001,13952,United Kingdom\n' +
    '550194,PADS,PADS TO MATCH ALL CUSHIONS,1500,2011-04-15 09:27:00,0.001,13952,United Kingdom\n', london);
  assert.deepEqual(rows(rs).map((r) => [r.kind, r.unitPriceMinor, r.grossMinor]), [['merchandise', 0, 0], ['merchandise', 0, 150]]);
  const free = 'customer_id,date,num_cds,dollar_value\n7,1997-01-01,1,0.00\n';
  assert.equal(issue(mapText(free)[0]).reason, 'zero_price');
  assert.deepEqual(rows(mapText(free, { zeroPrice: 'keep' })).map((r) => [r.quantity, r.grossMinor]), [[1, 0]]);
});

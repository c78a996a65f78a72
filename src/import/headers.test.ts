import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertColumns, detectColumns, normalizeHeader, parseMapOption, type ImportKind } from './headers.ts';
import { CUSTOMER_SYNONYMS, ORDER_SYNONYMS, PRODUCT_SYNONYMS } from './header-synonyms.ts';

test('normalizeHeader ignores case, spaces, underscores, full-width forms and unit suffixes', () => {
  assert.equal(normalizeHeader(' Customer ID '), 'customerid');
  assert.equal(normalizeHeader('customer_id'), 'customerid');
  assert.equal(normalizeHeader('单价（元）'), '单价');
  assert.equal(normalizeHeader('*手机号'), '手机号');
  assert.equal(normalizeHeader('ＳＫＵ'), 'sku');
});

test('every synonym is written normalised and belongs to one field per kind', () => {
  for (const [kind, table] of [['orders', ORDER_SYNONYMS], ['customers', CUSTOMER_SYNONYMS], ['products', PRODUCT_SYNONYMS]] as const) {
    const seen = new Map<string, string>();
    for (const [field, names] of Object.entries(table)) {
      for (const n of names) {
        assert.equal(normalizeHeader(n), n, `${kind}.${field}: "${n}" is not normalised`);
        assert.ok(!seen.has(n) || seen.get(n) === field, `${kind}: "${n}" is in ${seen.get(n)} and ${field}`);
        seen.set(n, field);
      }
    }
  }
});

test('UCI Online Retail headers map with no --map; Country is ignored', () => {
  const r = detectColumns('orders', ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']);
  assert.deepEqual(r.fields, { orderId: 0, sku: 1, name: 2, quantity: 3, placedAt: 4, unitPrice: 5, customer: 6 });
  assert.deepEqual(r.missing, []);
  assert.deepEqual(r.ignored, ['Country']);
});

test('CDNOW headers: no order id; num_cds is the quantity and dollar_value the amount', () => {
  const r = detectColumns('orders', ['customer_id', 'date', 'num_cds', 'dollar_value']);
  assert.deepEqual(r.fields, { customer: 0, placedAt: 1, quantity: 2, amount: 3 });
  assert.deepEqual(r.missing, []);
});

test('Chinese POS headers; the preferred synonym wins when two columns match', () => {
  const r = detectColumns('orders', ['单号', '会员卡号', '手机号', '商品编码', '商品名称', '数量', '零售价', '成交价', '金额', '销售时间', '门店', '备注']);
  assert.deepEqual(r.fields, { orderId: 0, customer: 1, phone: 2, sku: 3, name: 4, quantity: 5, unitPrice: 7, amount: 8, placedAt: 9, store: 10 });
  assert.deepEqual(r.ignored, ['零售价', '备注']);
});

test('separate date and time columns; a lone time column is the date-time', () => {
  assert.deepEqual(detectColumns('orders', ['日期', '时间', '金额']).fields, { placedAt: 0, placedTime: 1, amount: 2 });
  assert.deepEqual(detectColumns('orders', ['时间', '金额']).fields, { placedAt: 0, amount: 1 });
});

test('--map overrides recognition, by exact or normalised name', () => {
  const map = parseMapOption('orderId=票据, customer = vip card , placedAt=when', 'orders');
  assert.deepEqual(map, { orderId: '票据', customer: 'vip card', placedAt: 'when' });
  const r = detectColumns('orders', ['票据', 'VIP_Card', 'When', 'Price'], map);
  assert.deepEqual(r.fields, { orderId: 0, customer: 1, placedAt: 2, unitPrice: 3 });
  assert.throws(() => parseMapOption('colour=x', 'orders'), /unknown orders field "colour" in --map; fields are: orderId/);
  assert.throws(() => parseMapOption('orderId', 'orders'), /field=column/);
  assert.throws(() => detectColumns('orders', ['a'], { orderId: 'b' }), /no column "b"; headers seen: a/);
});

test('missing required columns: a clear error listing them and the headers seen', () => {
  const r = detectColumns('orders', ['单号', '商品名称']);
  assert.deepEqual(r.missing, ['placedAt', 'unitPrice|amount']);
  assert.throws(() => assertColumns(r), (e: Error) => {
    assert.match(e.message, /missing orders columns: placedAt \(e\.g\. 下单时间, 销售时间, invoicedate, invoicedatetime\); unitPrice \(/);
    assert.match(e.message, /Headers seen: 单号, 商品名称\./);
    return true;
  });
});

test('customers and products', () => {
  const c = detectColumns('customers', ['会员卡号', '姓名', '性别', '生日', '手机', '短信营销', '开卡门店', '导购', '注册时间', '爱好']);
  assert.deepEqual(c.fields, { memberNo: 0, name: 1, gender: 2, birthDate: 3, phone: 4, smsConsent: 5, homeStore: 6, guide: 7, registeredAt: 8 });
  assert.deepEqual(c.ignored, ['爱好']);
  const p = detectColumns('products', ['SKU', 'Product Name', '大类', '中类', 'Brand', '吊牌价', '进价']);
  assert.deepEqual(p.fields, { sku: 0, name: 1, category1: 2, category2: 3, brand: 4, listPrice: 5, unitCost: 6 });
  for (const kind of ['customers', 'products'] as ImportKind[]) assert.notDeepEqual(detectColumns(kind, ['x']).missing, []);
});

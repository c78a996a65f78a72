import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsvText } from './csv-parser.ts';
import { detectColumns } from './headers.ts';
import { createProductRowMapper } from './product-rows.ts';

test('products: category levels joined, prices in minor units, issues for a missing SKU or a bad price', () => {
  const [header, ...records] = parseCsvText('商品编码,商品名称,大类,中类,小类,品牌,吊牌价,进价\n' +
    '6901,纯棉T恤,服装,上衣,T恤,熟客,99.00,35.5\n,无编码,,,,,1,1\n6902,袜子,服装,,,,-1,\n6903,帽子,服装,,,,abc,\n');
  const cols = detectColumns('products', header!.fields);
  const rs = records.map(createProductRowMapper(cols.fields));
  const first = rs[0]!;
  assert.ok(first.ok);
  assert.deepEqual(first.product, { sku: '6901', name: '纯棉T恤', category: '服装/上衣/T恤', brand: '熟客', listPriceMinor: 9900, unitCostMinor: 3550 });
  assert.deepEqual(rs.slice(1).map((r) => (r.ok ? 'ok' : r.issue.reason)), ['missing_sku', 'negative_price', 'invalid_price']);
});

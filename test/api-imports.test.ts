import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { forEachDialect } from './support/dialects.ts';
import { apiFixture, json, type Api } from './support/api.ts';

const GBK_ORDERS = iconv.encode([
  '单号,会员卡号,商品编码,商品名称,数量,单价,销售时间,门店',
  'W1,VIP7,6901,纯棉T恤,2,59.90,2024-03-05 14:30:00,S1',
  'W2,VIP7,6902,牛仔裤,1,0,2024-03-06 10:00:00,S1',
].join('\n'), 'gbk');

forEachDialect('imports through the API', (dialect) => {
  let api: Api;
  before(async () => { api = await apiFixture(dialect); });
  after(() => api.close());

  test('a GBK upload imports; its report and reject file can be fetched again', async () => {
    const res = await api.call('manager', { method: 'POST', url: '/api/imports/orders?fileName=pos.csv', payload: GBK_ORDERS, headers: { 'content-type': 'text/csv' } });
    assert.equal(res.statusCode, 200, res.body);
    const report = json<{ importId: number; rowsRead: number; rowsImported: number; rowsRejected: number; rejectedByReason: Record<string, number> }>(res);
    assert.deepEqual([report.rowsRead, report.rowsImported, report.rowsRejected], [2, 1, 1]);
    assert.deepEqual(report.rejectedByReason, { zero_price: 1 });
    const again = json<{ rowsRead: number }>(await api.call('manager', { url: `/api/imports/${report.importId}` }));
    assert.equal(again.rowsRead, 2);
    const rejects = await api.call('manager', { url: `/api/imports/${report.importId}/rejects.csv` });
    assert.match(String(rejects.headers['content-type']), /^text\/csv/);
    assert.equal(rejects.body, '\ufeffline,reason,detail,original\n' + `3,zero_price,${rejects.body.split('\n')[1]!.split(',')[2]},"W2,VIP7,6902,牛仔裤,1,0,2024-03-06 10:00:00,S1"\n`);
  });

  test('a preview finds the header under a title line, maps the columns and marks rows that would be rejected, importing nothing', async () => {
    const ordersBefore = json<{ orders: number }>(await api.call('manager', { url: '/api/stats' })).orders;
    const file = Buffer.concat([iconv.encode('门店销售明细 2024年3月\n', 'gbk'), GBK_ORDERS]);
    const res = await api.call('manager', { method: 'POST', url: '/api/imports/orders/preview?fileName=pos.csv', payload: file, headers: { 'content-type': 'text/csv' } });
    assert.equal(res.statusCode, 200, res.body);
    const p = json<{ file: { encoding: string }; headerLine: number; columns: { found: Record<string, string>; missing: string[] }; fields: string[]; rows: { lineNo: number; ok: boolean; reason: string | null; fields: string[] }[] }>(res);
    assert.equal(p.file.encoding, 'gb18030');
    assert.equal(p.headerLine, 2);
    assert.equal(p.columns.found.orderId, '单号');
    assert.equal(p.columns.found.unitPrice, '单价');
    assert.deepEqual(p.columns.missing, []);
    assert.ok(p.fields.includes('customer') || p.fields.includes('memberNo'), p.fields.join());
    assert.deepEqual(p.rows.map((r) => [r.lineNo, r.ok, r.reason]), [[3, true, null], [4, false, 'zero_price']]);
    assert.equal(p.rows[0]!.fields[3], '纯棉T恤');
    const stats = json<{ orders: number }>(await api.call('manager', { url: '/api/stats' }));
    assert.equal(stats.orders, ordersBefore, 'a preview writes nothing');
    const unmapped = await api.call('manager', { method: 'POST', url: '/api/imports/orders/preview', payload: Buffer.from('foo,bar\n1,2\n'), headers: { 'content-type': 'text/csv' } });
    assert.equal(unmapped.statusCode, 200, unmapped.body);
    assert.deepEqual(json<{ columns: { missing: string[] } }>(unmapped).columns.missing, ['placedAt', 'unitPrice|amount']);
  });

  test('bad options are problem+json naming the field', async () => {
    const res = await api.call('owner', { method: 'POST', url: '/api/imports/orders?zone=Mars/Base', payload: GBK_ORDERS, headers: { 'content-type': 'text/csv' } });
    assert.equal(res.statusCode, 400);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.ok(res.body.includes('zone'), res.body);
    const missing = await api.call('owner', { method: 'POST', url: '/api/imports/orders', payload: Buffer.from('foo,bar\n1,2\n'), headers: { 'content-type': 'text/csv' } });
    assert.equal(missing.statusCode, 400, missing.body);
  });
});

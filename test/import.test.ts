import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { forEachDialect, freshStore } from './support/dialects.ts';
import { importFile } from '../src/app/import-file.ts';
import type { RowIssue } from '../src/import/rows.ts';
import { storeStats } from '../src/app/stats.ts';
import { getSummary } from '../src/store/summary.repo.ts';

const NOW = () => '2024-06-01T00:00:00.000Z';

// A POS export as Chinese chains produce it: GBK, Chinese headers, a store column, one return.
const GBK_CSV = [
  '订单号,会员卡号,手机号,商品编码,商品名称,数量,单价,销售时间,门店',
  'S001,VIP001,138-0013-8000,6901,纯棉T恤,2,59.90,2024-03-05 14:30:00,静安店',
  'S001,VIP001,138-0013-8000,6902,牛仔裤,1,199.00,2024-03-05 14:30:00,静安店',
  'S002,,,6903,珍珠奶茶,1,15.00,2024-03-05 23:30:00,西湖店',
  'S003,VIP002,,6901,纯棉T恤,1,0,2024-03-06 10:00:00,静安店',
  'S004,VIP002,,6904,羊毛围巾,1,abc,2024-03-06 10:00:00,静安店',
  'S005,VIP001,,6902,牛仔裤,-1,199.00,2024-03-08 11:00:00,静安店',
].join('\r\n');

forEachDialect('importing files', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  before(async () => { store = await freshStore(dialect); });
  after(() => store.drop());

  test('a GBK CSV with Chinese headers imports; bad rows are rejected with line and reason; re-import is a no-op', async () => {
    const bytes = gzipSync(iconv.encode(GBK_CSV, 'gbk'));
    const rejects: RowIssue[] = [];
    const run = () => importFile(store.db, bytes, { kind: 'orders', fileName: 'pos.csv.gz', now: NOW, zone: 'Asia/Shanghai', currency: 'CNY', reject: (i) => rejects.push(i) });
    const report = await run();
    assert.equal(report.rowsRead, 6);
    assert.equal(report.rowsImported + report.rowsRejected, 6);
    assert.deepEqual(report.rejectedByReason, { zero_price: 1, invalid_price: 1, negative_quantity_outside_return: 1 });
    assert.deepEqual(rejects.map((r) => r.lineNo), [5, 6, 7]);
    assert.equal(rejects[1]!.raw, 'S004,VIP002,,6904,羊毛围巾,1,abc,2024-03-06 10:00:00,静安店', 'the original line, decoded from GBK');
    assert.ok('orders' in report);
    assert.equal(report.orders.inserted, 2);
    assert.equal(report.orders.anonymous, 1);
    assert.deepEqual(report.storesCreated.sort(), ['西湖店', '静安店']);

    const line = await store.db.selectFrom('order_lines').selectAll().where('sku', '=', '6901').executeTakeFirstOrThrow();
    assert.equal(line.name, '纯棉T恤');
    assert.equal(line.unit_price_minor, 5990);
    const order = await store.db.selectFrom('orders').selectAll().where('external_id', '=', 'S002').executeTakeFirstOrThrow();
    assert.equal(order.placed_at, '2024-03-05T15:30:00.000Z');
    assert.equal(order.business_date, '2024-03-05', 'business date in the store zone, not UTC or the process zone');
    const customer = await store.db.selectFrom('customers').selectAll().where('member_no', '=', 'VIP001').executeTakeFirstOrThrow();
    assert.equal(customer.phone, '13800138000', 'phones are normalised');
    assert.equal((await getSummary(store.db, customer.id))!.netMinor, 2 * 5990 + 19900);

    const before = await storeStats(store.db);
    const second = await run();
    assert.equal(second.rowsImported, 0);
    assert.equal(second.rowsUnchanged, 3);
    assert.deepEqual(await storeStats(store.db), before);
  });

  test('a one-row-per-purchase file without order ids (CDNOW shape) gets stable derived keys', async () => {
    const csv = 'customer_id,date,num_cds,dollar_value\n1,1997-01-01,1,11.77\n2,1997-01-12,1,12.00\n2,1997-01-12,1,12.00\n3,1997-01-02,2,20.76\n';
    const run = () => importFile(store.db, Buffer.from(csv), { kind: 'orders', fileName: 'cdnow.csv', now: NOW, zone: 'America/New_York', currency: 'USD', source: 'cdnow', reject: () => assert.fail('no rejects expected') });
    const first = await run();
    assert.ok('orders' in first);
    assert.equal(first.orders.inserted, 4, 'two identical purchases on one day stay two orders');
    const second = await run();
    assert.ok('orders' in second);
    assert.equal(second.orders.unchanged, 4);
    assert.equal(second.orders.inserted, 0);
  });

  test('customers and products import from their own files', async () => {
    const customers = '会员卡号,手机号,姓名,性别,生日,城市,短信营销\nVIP900,13900139000,王芳,女,1990-05-01,上海,是\nVIP901,123,李雷,男,,北京,否\n';
    const rejects: RowIssue[] = [];
    const c = await importFile(store.db, Buffer.from(customers), { kind: 'customers', fileName: 'members.csv', now: NOW, zone: 'Asia/Shanghai', currency: 'CNY', reject: (i) => rejects.push(i) });
    assert.equal(c.rowsRead, 2);
    assert.equal(c.rowsImported, 1);
    assert.equal(rejects[0]!.reason, 'invalid_phone');
    const wang = await store.db.selectFrom('customers').selectAll().where('member_no', '=', 'VIP900').executeTakeFirstOrThrow();
    assert.deepEqual([wang.name, wang.gender, wang.birth_date, wang.city], ['王芳', 'female', '1990-05-01', '上海']);
    const consent = await store.db.selectFrom('customer_consents').selectAll().where('customer_id', '=', wang.id).execute();
    assert.deepEqual(consent.map((k) => [k.channel, k.granted]), [['sms', 1]]);

    const products = 'sku,name,category1,category2,brand,list_price,unit_cost\nP1,奶粉,母婴,奶粉,飞鹤,268.00,180.50\n';
    const p = await importFile(store.db, Buffer.from(products), { kind: 'products', fileName: 'p.csv', now: NOW, zone: 'Asia/Shanghai', currency: 'CNY', reject: () => assert.fail() });
    assert.equal(p.rowsImported, 1);
    const row = await store.db.selectFrom('products').selectAll().where('sku', '=', 'P1').executeTakeFirstOrThrow();
    assert.deepEqual([row.category, row.list_price_minor, row.unit_cost_minor], ['母婴/奶粉', 26800, 18050]);
  });
});

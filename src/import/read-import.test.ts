import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { readImport, type ImportBatch, type ReadImportOptions } from './read-import.ts';
import type { RowResult } from './rows.ts';
import type { ImportSource } from './source.ts';

async function readAll(source: ImportSource, opts: ReadImportOptions = {}) {
  const batches: ImportBatch<RowResult>[] = [];
  for await (const b of readImport('orders', source, opts)) batches.push(b);
  const last = batches.at(-1)!;
  return { results: batches.flatMap((b) => b.results), last, batches };
}
const okRows = (rs: RowResult[]) => rs.map((r) => { assert.ok(r.ok, JSON.stringify(r)); return r.row; });

const CHINESE = '订单号,会员卡号,商品编码,商品名称,数量,单价,销售时间,门店\n' +
  'S20240305001,V0001,6901,纯棉T恤（白色）,2,99.00,2024-03-05 14:30:00,上海徐汇店\n' +
  'S20240305001,V0001,6902,"袜子, 三双装",1,19.90,2024-03-05 14:30:00,上海徐汇店\n' +
  'S20240305002,,6903,鸡蛋·散装,1,12.5,2024-03-05 15:00:00,上海徐汇店\n';

test('GBK: Chinese headers detected and decoded, names intact, mapped', async () => {
  const bytes = iconv.encode(CHINESE, 'gbk');
  const { results, last } = await readAll(bytes);
  assert.equal(last.file.encoding, 'gb18030');
  assert.deepEqual(last.columns.fields, { orderId: 0, customer: 1, sku: 2, name: 3, quantity: 4, unitPrice: 5, placedAt: 6, store: 7 });
  const rows = okRows(results);
  assert.deepEqual(rows.map((r) => [r.lineNo, r.orderKey, r.name, r.storeCode, r.grossMinor]), [
    [2, 'S20240305001', '纯棉T恤（白色）', '上海徐汇店', 19800],
    [3, 'S20240305001', '袜子, 三双装', '上海徐汇店', 1990],
    [4, 'S20240305002', '鸡蛋·散装', '上海徐汇店', 1250],
  ]);
  assert.equal(rows[0]!.placedAt, '2024-03-05T06:30:00.000Z');
  assert.equal(rows[1]!.raw, 'S20240305001,V0001,6902,"袜子, 三双装",1,19.90,2024-03-05 14:30:00,上海徐汇店');
  // Named explicitly it reads the same.
  assert.deepEqual(okRows((await readAll(bytes, { encoding: 'GBK' })).results), rows);
});

test('UTF-8 with BOM: the BOM does not stick to the first header', async () => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CHINESE)]);
  const { results, last } = await readAll(bytes);
  assert.equal(last.file.encoding, 'utf-8');
  assert.equal(last.columns.found.orderId, '订单号');
  assert.equal(okRows(results)[0]!.name, '纯棉T恤（白色）');
});

test('gzip (by magic bytes, whatever the name), TSV, CRLF, blank lines and a title line above the header', async () => {
  const tsv = '门店销售明细 2024年3月\r\n\r\n单号\t手机号\t商品名称\t数量\t金额\t下单时间\r\n' +
    'A1\t13800138000\t绿茶\t2\t30\t2024/3/5 9:05\r\n\r\nA2\t\t红茶\t1\t12\t2024/3/5 9:06\r\n';
  const dir = await mkdtemp(join(tmpdir(), 'regulars-import-'));
  try {
    const path = join(dir, 'sales.txt');
    await writeFile(path, gzipSync(Buffer.from(tsv)));
    const { results, last } = await readAll(path);
    assert.deepEqual([last.file.gzip, last.file.format, last.file.delimiter, last.file.name], [true, 'tsv', '\t', 'sales.txt']);
    assert.deepEqual([last.progress.preambleLines, last.progress.blankLines, last.progress.bytesRead], [1, 2, last.progress.totalBytes]);
    assert.equal(last.done, true);
    assert.deepEqual(okRows(results).map((r) => [r.lineNo, r.orderKey, r.phone, r.quantity, r.unitPriceMinor, r.grossMinor]), [
      [4, 'A1', '13800138000', 2, 1500, 3000], [6, 'A2', null, 1, 1200, 1200],
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('XLSX: first worksheet, row numbers as line numbers, date cells read in the zone', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'regulars-import-'));
  try {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('销售');
    ws.addRow(['订单号', '会员卡号', '商品名称', '数量', '单价', '下单时间']);
    ws.addRow(['X1', 10086, '乌龙茶', 3, 25.5, new Date(Date.UTC(2024, 2, 5, 14, 30, 0))]);
    ws.addRow([]);
    ws.addRow(['X2', null, { richText: [{ text: '普洱' }, { text: '茶饼' }] }, 1, { formula: '100*2', result: 200 }, '2024-03-06 10:00']);
    wb.addWorksheet('备注').addRow(['ignored']);
    const path = join(dir, 'orders.xlsx');
    await wb.xlsx.writeFile(path);
    const { results, last } = await readAll(path);
    assert.equal(last.file.format, 'xlsx');
    const rows = okRows(results);
    assert.deepEqual(rows.map((r) => [r.lineNo, r.orderKey, r.memberNo, r.name, r.quantity, r.unitPriceMinor, r.placedAt]), [
      [2, 'X1', '10086', '乌龙茶', 3, 2550, '2024-03-05T06:30:00.000Z'],
      [4, 'X2', null, '普洱茶饼', 1, 20000, '2024-03-06T02:00:00.000Z'],
    ]);
    assert.equal(rows[0]!.raw, 'X1,10086,乌龙茶,3,25.5,2024-03-05 14:30:00');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('worker mode gives the same results, in small batches with acknowledgements', async () => {
  const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  for (let i = 0; i < 2000; i++) {
    lines.push(`${i % 7 === 0 ? 'C' : ''}${536365 + Math.floor(i / 5)},2${i % 97},"ITEM, NO ${i}",${i % 7 === 0 ? -1 : i % 13},2010-12-01 08:${String(i % 60).padStart(2, '0')}:00,${(i % 11) / 2},${i % 3 ? 17850 : ''},UK`);
  }
  const bytes = gzipSync(Buffer.from(lines.join('\n')));
  const opts = { zone: 'Europe/London', batchSize: 100 };
  const here = await readAll(bytes, opts);
  const there = await readAll(bytes, { ...opts, worker: true, maxInFlight: 2 });
  assert.equal(there.results.length, 2000);
  assert.deepEqual(there.results, here.results);
  assert.deepEqual(there.last.columns, here.last.columns);
  assert.ok(there.batches.length >= 20);
  assert.ok(here.results.some((r) => !r.ok) && here.results.some((r) => r.ok && r.row.isReturn));
});

test('missing columns, empty files and bad options are AppErrors, in the worker too', async () => {
  const bytes = Buffer.from('单号,商品名称\n1,茶\n');
  for (const worker of [false, true]) {
    await assert.rejects(readAll(bytes, { worker }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'VALIDATION');
      assert.match(e.message, /missing orders columns: placedAt .*Headers seen: 单号, 商品名称/);
      return true;
    });
  }
  await assert.rejects(readAll(Buffer.alloc(0)), /no header row/);
  await assert.rejects(readAll(Buffer.from('a,b\n'), { encoding: 'latin9' }), /unknown encoding/);
  await assert.rejects(readAll('/nonexistent/file.csv'), /file not found/);
  await assert.rejects(readAll(Buffer.from('date,amount\n2024-01-01,1\n'), { zone: 'Mars/Olympus' }), /unknown time zone "Mars\/Olympus"/);
  await assert.rejects(readAll(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0])), /legacy Excel \.xls/);
});

test('--map names the columns; a stream source works; customers and products kinds', async () => {
  const csv = 'ticket;who;when;paid\nT1;M1;2024-03-05;9.9\n';
  const stream = Readable.from([Buffer.from(csv.slice(0, 10)), Buffer.from(csv.slice(10))]);
  const { results, last } = await readAll({ stream, name: 'x.csv' }, { map: 'orderId=ticket,customer=who,placedAt=when,amount=paid' });
  assert.equal(last.file.delimiter, ';');
  assert.deepEqual(okRows(results).map((r) => [r.orderKey, r.memberNo, r.grossMinor]), [['T1', 'M1', 990]]);

  const customers = [];
  for await (const b of readImport('customers', Buffer.from('会员卡号,手机\nV1,13800138000\n,\n,\n'), { importedAt: '2024-06-01T00:00:00.000Z' })) {
    customers.push(...b.results);
  }
  assert.equal(customers.length, 1);
  const c = customers[0]!;
  assert.ok(c.ok && c.customer.phone === '13800138000');
  await assert.rejects(async () => { for await (const _ of readImport('customers', Buffer.from('会员卡号\nV1\n'))) { /* */ } }, /importedAt is required/);

  const products = [];
  for await (const b of readImport('products', Buffer.from('sku,name,price\nA,Tea,3.5\n'), { worker: true })) products.push(...b.results);
  assert.deepEqual(products, [{ ok: true, lineNo: 2, raw: 'A,Tea,3.5', product: { sku: 'A', name: 'Tea', category: null, brand: null, listPriceMinor: 350, unitCostMinor: null } }]);
});

test('a consumer that stops early stops the reading (and the worker)', async () => {
  const lines = ['order,date,amount', ...Array.from({ length: 5000 }, (_, i) => `${i},2024-01-01,${i + 1}`)];
  const bytes = Buffer.from(lines.join('\n'));
  for (const worker of [false, true]) {
    let seen = 0;
    for await (const b of readImport('orders', bytes, { worker, batchSize: 100, maxInFlight: 1 })) {
      seen += b.results.length;
      if (seen >= 300) break;
    }
    assert.equal(seen, 300);
  }
});

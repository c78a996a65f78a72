import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { createDecoder, detectEncoding, parseEncodingName } from './encoding.ts';

function decodeInChunks(bytes: Uint8Array, size: number, enc: Parameters<typeof createDecoder>[0] = 'auto') {
  const d = createDecoder(enc);
  let text = '';
  for (let i = 0; i < bytes.length; i += size) text += d.write(bytes.subarray(i, i + size));
  return { text: text + d.end(), encoding: d.encoding };
}

const chinese = '订单号,商品名称\n1001,纯棉T恤（白色）\n1002,鸡蛋 ∙ 散装 𠀀\n';

test('detects UTF-8, UTF-8 with BOM, GB18030 and UTF-16LE with BOM', () => {
  assert.equal(detectEncoding(Buffer.from(chinese)), 'utf-8');
  assert.equal(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(chinese)])), 'utf-8');
  assert.equal(detectEncoding(iconv.encode(chinese, 'gbk')), 'gb18030');
  assert.equal(detectEncoding(Buffer.from('\ufeffa,b', 'utf16le')), 'utf-16le');
  // A sample cut inside a UTF-8 character is still UTF-8 while more is to come.
  assert.equal(detectEncoding(Buffer.from('订单').subarray(0, 4), false), 'utf-8');
});

test('streams every encoding in tiny chunks without breaking characters; strips the BOM', () => {
  for (const size of [1, 2, 3, 7, 1000]) {
    assert.deepEqual(decodeInChunks(Buffer.from(chinese), size), { text: chinese, encoding: 'utf-8' });
    assert.deepEqual(decodeInChunks(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(chinese)]), size), { text: chinese, encoding: 'utf-8' });
    assert.deepEqual(decodeInChunks(iconv.encode(chinese, 'gb18030'), size), { text: chinese, encoding: 'gb18030' });
    assert.deepEqual(decodeInChunks(Buffer.from('\ufeff' + chinese, 'utf16le'), size), { text: chinese, encoding: 'utf-16le' });
  }
});

test('GBK text after a long ASCII stretch is still detected', () => {
  const text = 'sku,name\n' + 'A1,plain ascii\n'.repeat(20000) + 'B2,绿茶\n';
  const { text: out, encoding } = decodeInChunks(iconv.encode(text, 'gbk'), 65536);
  assert.equal(encoding, 'gb18030');
  assert.equal(out, text);
});

test('pure ASCII passes through; a named encoding is used as is', () => {
  assert.deepEqual(decodeInChunks(Buffer.from('a,b\n1,2'), 3), { text: 'a,b\n1,2', encoding: 'utf-8' });
  assert.equal(decodeInChunks(iconv.encode('门店', 'gbk'), 1, 'gb18030').text, '门店');
});

test('encoding names', () => {
  assert.equal(parseEncodingName('GBK'), 'gb18030');
  assert.equal(parseEncodingName('UTF-8-BOM'), 'utf-8');
  assert.equal(parseEncodingName('auto'), 'auto');
  assert.throws(() => parseEncodingName('latin9'), /unknown encoding/);
});

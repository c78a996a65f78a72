import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { openSource, sniffDelimiter, sniffEol } from './source.ts';

async function bytesOf(body: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const c of body) parts.push(c);
  return Buffer.concat(parts).toString();
}

test('delimiter sniffing: tab, comma, semicolon, pipe; delimiters inside quotes do not count', () => {
  assert.equal(sniffDelimiter('a\tb\tc'), '\t');
  assert.equal(sniffDelimiter('a,b;c,d'), ',');
  assert.equal(sniffDelimiter('"a,b,c";d;e'), ';');
  assert.equal(sniffDelimiter('a|b|c'), '|');
  assert.equal(sniffDelimiter('销售明细'), ',');
});

test('line-end sniffing', () => {
  assert.equal(sniffEol('a,b\r\nc'), '\n');
  assert.equal(sniffEol('a,b\nc'), '\n');
  assert.equal(sniffEol('a,b\rc,d\r'), '\r');
});

test('gzip is recognised by its magic bytes, also in a tiny-chunked stream; progress counts source bytes', async () => {
  const gz = gzipSync(Buffer.from('a,b\n1,2\n'));
  const chunks = Array.from(gz, (b) => Buffer.from([b]));
  const src = await openSource({ stream: (async function* () { for (const c of chunks) yield await Promise.resolve(c); })(), size: gz.length });
  assert.deepEqual([src.gzip, src.format, src.totalBytes], [true, 'text', gz.length]);
  assert.equal(await bytesOf(src.body), 'a,b\n1,2\n');
  assert.equal(src.bytesRead(), gz.length);
  const plain = await openSource(Buffer.from('x'));
  assert.deepEqual([plain.gzip, await bytesOf(plain.body)], [false, 'x']);
});

test('a corrupt gzip fails loudly', async () => {
  const gz = gzipSync(Buffer.from('a,b\n'.repeat(1000)));
  await assert.rejects(async () => bytesOf((await openSource(Buffer.concat([gz.subarray(0, 20), Buffer.alloc(50, 7)]))).body),
    /upload: damaged gzip data/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CODE_ALPHABET, checkChar, entropyBits, generateCodes, normalizeImportedCode, validateCode } from './codes.ts';
import { createRng } from '../demo/random.ts';
import { AppError } from '../errors.ts';

test('the alphabet has no look-alikes and 10 characters carry about 49.5 bits', () => {
  for (const c of '0O1IL') assert.ok(!CODE_ALPHABET.includes(c), c);
  assert.equal(CODE_ALPHABET.length, 31);
  assert.equal(new Set(CODE_ALPHABET).size, 31);
  assert.ok(Math.abs(entropyBits(10) - 49.54) < 0.01); // 10 × log2(31) = 10 × 4.954
});

test('bulk generation: prefix, length, distinct, reproducible from the seed, avoids taken codes', () => {
  const a = generateCodes(5000, createRng(7, 'codes'), { prefix: 'VIP', length: 10 });
  assert.equal(new Set(a).size, 5000);
  for (const c of a) {
    assert.match(c, /^VIP[A-HJKMNP-Z2-9]{11}$/);
    assert.equal(validateCode(c, { prefix: 'VIP', length: 10 }).ok, true);
  }
  assert.deepEqual(generateCodes(3, createRng(7, 'codes'), { prefix: 'VIP', length: 10 }), a.slice(0, 3));
  const fresh = generateCodes(3, createRng(7, 'codes'), { prefix: 'VIP', length: 10 }, new Set(a.slice(0, 2)));
  assert.equal(fresh[0], a[2]);
});

test('the check character catches every single-character typo and every adjacent swap, over many codes', () => {
  const f = { prefix: '', length: 10 };
  let typos = 0, swaps = 0;
  for (const code of generateCodes(200, createRng(1), f)) {
    for (let i = 0; i < code.length; i++) {
      for (const c of CODE_ALPHABET) {
        if (c === code[i]) continue;
        assert.equal(validateCode(code.slice(0, i) + c + code.slice(i + 1), f).ok, false);
        typos++;
      }
      if (i + 1 < code.length && code[i] !== code[i + 1]) {
        assert.equal(validateCode(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2), f).ok, false);
        swaps++;
      }
    }
  }
  assert.equal(typos, 200 * 11 * 30);
  assert.ok(swaps > 200 * 9);
});

test('typed codes are tidied; a typo gives a readable reason', () => {
  // By hand: "AB" → 1 × A(0) + 2 × B(1) = 2 → 'C'; "Z9" → 1 × Z(22) + 2 × 9(30) = 82 = 2 × 31 + 20 → 'X' (A=0 … H=7, J=8, K=9, M=10 … X=20).
  assert.equal(checkChar('AB'), 'C');
  assert.equal(checkChar('Z9'), 'X');
  const [code] = generateCodes(1, createRng(3), { prefix: 'VIP', length: 8 });
  const typed = `${code!.slice(0, 6).toLowerCase()} - ${code!.slice(6)}`;
  assert.deepEqual(validateCode(typed, { prefix: 'VIP', length: 8 }), { ok: true, code });
  const bad = validateCode('VIP0000000000', { prefix: 'VIP', length: 8 });
  assert.equal(!bad.ok && bad.reason.zh, '券码有误，请核对');
});

test('formats that make codes guessable, and bad imports, are refused by field', () => {
  const rng = createRng(1);
  assert.throws(() => generateCodes(10, rng, { prefix: '', length: 6 }), (e: unknown) => e instanceof AppError && e.field === 'length');
  assert.throws(() => generateCodes(10, rng, { prefix: 'vip', length: 10 }), (e: unknown) => e instanceof AppError && e.field === 'prefix');
  assert.throws(() => generateCodes(10, () => 0.5, { prefix: '', length: 10 }), (e: unknown) => e instanceof AppError && e.field === 'rng');
  assert.equal(normalizeImportedCode(' abc-123 '), 'ABC123');
  assert.throws(() => normalizeImportedCode('满100减20'), (e: unknown) => e instanceof AppError && e.field === 'code');
});

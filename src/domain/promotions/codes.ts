// Coupon and referral codes. Generated codes use an alphabet without look-alikes (no 0/O, 1/I/L),
// enough random characters that guessing one is hopeless (10 characters ≈ 49.5 bits), and a mod 31
// check character, so a mistyped code is caught at the till before any lookup. Randomness is
// injected: the app passes a crypto-backed source, tests a seeded one.

import { invalid } from '../errors.ts';
import { reason, type Reason } from '../loyalty/reasons.ts';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const N = CODE_ALPHABET.length; // 31

export interface CodeFormat {
  /** Fixed leading text, e.g. "VIP" (letters and digits). */
  prefix: string;
  /** Random characters after the prefix; one check character follows them. */
  length: number;
}

export const DEFAULT_CODE_FORMAT: CodeFormat = Object.freeze({ prefix: '', length: 10 });
export const MIN_CODE_LENGTH = 8; // 31^8 ≈ 8.5e11 ≈ 39.6 bits

/** Bits of entropy in the random part of a code. */
export const entropyBits = (length: number) => length * Math.log2(N);

/**
 * Check character: Σ (position × value) mod 31 over the random part, as ISBN-10 does mod 11. 31 is
 * prime and the weights 1..29 are distinct and non-zero mod 31, so any single wrong character and
 * any swap of two neighbours (check character included, for up to 29 characters) changes it.
 */
export function checkChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * CODE_ALPHABET.indexOf(body[i]!);
  return CODE_ALPHABET[sum % N]!;
}

function checkFormat(f: CodeFormat): void {
  if (!/^[A-Z0-9]{0,12}$/.test(f.prefix)) throw invalid('prefix', 'a code prefix is up to 12 capital letters or digits');
  if (!Number.isInteger(f.length) || f.length < MIN_CODE_LENGTH || f.length > 29) {
    throw invalid('length', `codes need ${MIN_CODE_LENGTH}–29 random characters (8 ≈ 40 bits) so they cannot be guessed`);
  }
}

/**
 * `count` new distinct codes, none in `taken`. `rng` returns uniform numbers in [0, 1).
 * @example generateCodes(2, rng, { prefix: 'VIP', length: 10 }) → ['VIPK7QX2M9HTCR', …] (prefix + 10 + check)
 */
export function generateCodes(count: number, rng: () => number, format: CodeFormat = DEFAULT_CODE_FORMAT, taken: ReadonlySet<string> = new Set()): string[] {
  checkFormat(format);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) throw invalid('count', 'generate between 1 and 1,000,000 codes at a time');
  const out = new Set<string>();
  for (let attempts = 0; out.size < count; attempts++) {
    if (attempts > count * 10 + 100) throw invalid('rng', 'the random source keeps repeating itself');
    let body = '';
    for (let i = 0; i < format.length; i++) body += CODE_ALPHABET[Math.min(N - 1, Math.floor(rng() * N))];
    const code = format.prefix + body + checkChar(body);
    if (!taken.has(code)) out.add(code);
  }
  return [...out];
}

/** What a cashier typed, tidied: capitals, no spaces or hyphens ("vip k7qx-2m9h" → "VIPK7QX2M9H"). */
export const normalizeCode = (text: string) => text.toUpperCase().replace(/[\s-]+/g, '');

/** Check a typed code against the format before looking it up; a typo gives a readable reason. */
export function validateCode(text: string, format: CodeFormat = DEFAULT_CODE_FORMAT): { ok: true; code: string } | { ok: false; reason: Reason } {
  const code = normalizeCode(text);
  const body = code.slice(format.prefix.length, -1);
  const wellFormed = code.startsWith(format.prefix) && code.length === format.prefix.length + format.length + 1
    && [...body].every((c) => CODE_ALPHABET.includes(c)) && checkChar(body) === code.at(-1);
  return wellFormed ? { ok: true, code } : { ok: false, reason: reason('COUPON_CODE_MISTYPED') };
}

/**
 * Codes imported from another system keep their own alphabet and have no check character; they are
 * tidied like typed codes (so "abc-123" is stored as it will be looked up, "ABC123").
 */
export function normalizeImportedCode(text: string, field = 'code'): string {
  const code = normalizeCode(text);
  if (!/^[A-Z0-9_]{1,64}$/.test(code)) throw invalid(field, `"${text}" is not a usable code (letters, digits, '_', up to 64)`);
  return code;
}

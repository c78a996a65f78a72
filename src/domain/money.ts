// Money is integer minor units (fen, pence, cents) end to end. Amounts are parsed from their decimal
// text, never via float × 100, so "0.29" is 29 and not 28.999….

export type Minor = number;

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

/**
 * Parse a decimal amount ("12.30", "-4.5", "¥1,234.56", "1 234,56" is NOT accepted) into minor units.
 * Rounds half away from zero past `digits` decimals. Returns null when the text is not a number.
 * @example parseMinor("12.30") === 1230
 */
export function parseMinor(text: string, digits = 2): Minor | null {
  const s = text.trim().replace(/^[¥￥£$€]/, '').replace(/,/g, '').replace(/^([+-])[¥￥£$€]/, '$1');
  const m = DECIMAL.exec(s);
  if (!m) return null;
  const [, sign, whole = '', frac = ''] = m;
  if (whole === '' && frac === '') return null;
  const kept = (frac + '0'.repeat(digits)).slice(0, digits);
  let value = Number(whole || '0') * 10 ** digits + Number(kept || '0');
  if (frac.length > digits && Number(frac[digits]) >= 5) value += 1;
  if (!Number.isSafeInteger(value)) return null;
  return sign === '-' && value !== 0 ? -value : value;
}

/** Format minor units as a plain decimal string: 1230 → "12.30". */
export function formatMinor(amount: Minor, digits = 2): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  if (digits === 0) return sign + String(abs);
  const unit = 10 ** digits;
  return `${sign}${Math.trunc(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`;
}

/** Minor-unit digits per ISO 4217 currency; the ones our stores use, 2 otherwise. */
export function currencyDigits(currency: string): number {
  return currency === 'JPY' || currency === 'KRW' ? 0 : 2;
}

/**
 * Multiply a unit price by a quantity exactly (quantity may be fractional, e.g. 0.35 kg), rounding
 * half away from zero to a whole minor unit.
 */
export function lineAmount(unitPrice: Minor, quantity: number): Minor {
  const v = unitPrice * quantity;
  return Math.sign(v) * Math.round(Math.abs(v) + 1e-9);
}

/**
 * Split `total` over `weights` so the parts sum exactly to `total` (largest remainder method).
 * Used to allocate an order-level discount over its lines.
 */
export function allocate(total: Minor, weights: readonly number[]): Minor[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map((x) => Math.trunc(x));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: Math.abs(x - Math.trunc(x)) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  const step = Math.sign(rest);
  for (let k = 0; rest !== 0; k = (k + 1) % order.length) {
    parts[order[k]!.i]! += step;
    rest -= step;
  }
  return parts;
}

// Validation of model settings: a bad setting is a VALIDATION error naming the setting's path.
import { invalid } from '../errors.ts';

/** A whole number ≥ `min`. */
export function wholeNumber(field: string, v: unknown, min = 0): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw invalid(field, `expected a whole number ≥ ${min}, got ${JSON.stringify(v)}`);
  return v;
}

/** `length` whole numbers, strictly increasing, each within [min, max]. */
export function increasing(field: string, v: unknown, length: number, opts: { min?: number; max?: number } = {}): number[] {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = opts;
  if (!Array.isArray(v) || v.length !== length) throw invalid(field, `expected ${length} numbers, got ${JSON.stringify(v)}`);
  v.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < min || x > max) throw invalid(`${field}/${i}`, `expected a whole number in [${min}, ${max}], got ${JSON.stringify(x)}`);
    if (i > 0 && x <= (v[i - 1] as number)) throw invalid(field, `must be strictly increasing, got ${JSON.stringify(v)}`);
  });
  return v as number[];
}

/** A plain object (settings are JSON objects), or an empty one when absent. */
export function settings(field: string, v: unknown): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw invalid(field, 'expected an object');
  return v as Record<string, unknown>;
}

/** Reject keys the settings object does not know (a typo should not silently fall back to a default). */
export function onlyKeys(field: string, v: Record<string, unknown>, keys: readonly string[]): void {
  for (const k of Object.keys(v)) if (!keys.includes(k)) throw invalid(`${field}/${k}`, `unknown setting "${k}"; expected one of ${keys.join(', ')}`);
}

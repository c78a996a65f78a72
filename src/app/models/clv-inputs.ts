// What the customer-base use-cases share: the period unit, the money unit the spend model is fitted in,
// date checks, and the shape of a stored CLV fit.
import type { Kysely } from 'kysely';
import { invalid } from '../../domain/errors.ts';
import { currencyDigits } from '../../domain/money.ts';
import type { BgNbdParams } from '../../domain/models/bgnbd.ts';
import type { GammaGammaParams } from '../../domain/models/gamma-gamma.ts';
import { storeCurrencies, type ModelFit } from '../../store/models.repo.ts';
import type { DB } from '../../store/schema.ts';

export type Period = 'week' | 'day';
export const PERIODS: readonly Period[] = ['week', 'day'];
export const DAYS_PER_UNIT: Record<Period, number> = { week: 7, day: 1 };
/** One month in days: CLV steps and discounts by month. */
export const DAYS_PER_MONTH = 365.25 / 12;

export const CLV_KIND = 'clv';

export function checkDate(field: string, value: string): string {
  const ms = Date.parse(`${value}T00:00:00Z`);
  // Date.parse rolls 2024-02-30 over to March: the date must come back as written.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw invalid(field, `${field} must be a date YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

export function checkPeriod(value: string): Period {
  if (!(PERIODS as readonly string[]).includes(value)) throw invalid('period', `period must be week or day, got "${value}"`);
  return value as Period;
}

/**
 * The money unit of the spend model: major units (dollars, yuan), so fitted γ reads like the published
 * 15.44 and not 1544. Pooling spend across stores needs one number of minor-unit digits.
 */
export async function moneyUnit(db: Kysely<DB>): Promise<{ currencies: string[]; digits: number }> {
  const currencies = await storeCurrencies(db);
  const digits = new Set(currencies.map(currencyDigits));
  if (digits.size > 1) throw invalid('currency', `stores use currencies with different minor units (${currencies.join(', ')}); spend cannot be pooled`);
  return { currencies, digits: currencies.length ? currencyDigits(currencies[0]!) : 2 };
}

export interface ClvParams {
  /** 'bgnbd': BG/NBD (+ Gamma-Gamma when it could be fitted); 'heuristic': too few customers, see details.reason. */
  method: 'bgnbd' | 'heuristic';
  bgnbd: BgNbdParams | null;
  /** Spend per purchase day, in major money units. */
  gammaGamma: GammaGammaParams | null;
}

export interface ClvDetails {
  /** Why the heuristic (or no Gamma-Gamma) was used; null when both models were fitted. */
  reason: string | null;
  repeaters: number;
  distinctTriples: number;
  converged: boolean | null;
  iterations: number | null;
  gammaGamma: { logLik: number; customers: number; skipped: number; converged: boolean } | null;
  /** Pearson correlation of x and mean repeat spend among repeaters (Gamma-Gamma assumes ≈ 0). */
  independence: { correlation: number | null; customers: number };
  /** Mean repeat spend per purchase day of the repeaters, major units: the heuristic's spend for one-time buyers. */
  baseSpend: number | null;
  money: { currencies: string[]; digits: number };
}

export type ClvFit = ModelFit<ClvParams, ClvDetails>;

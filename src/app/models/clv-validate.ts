// Use-case: calibration/holdout validation of BG/NBD on the store's own data. Fit on purchase days up to
// the calibration end, predict each customer's purchase days in the holdout, and compare with what they
// did, per calibration frequency and in total (the tracking table of FHL 2005, Figure 4). Nothing is stored.
import type { Kysely } from 'kysely';
import { invalid } from '../../domain/errors.ts';
import { bgnbdExpectedTransactions, fitBgNbd, type BgNbdParams } from '../../domain/models/bgnbd.ts';
import { fitReadiness } from '../../domain/models/heuristic.ts';
import { customerHistories } from '../../domain/models/history.ts';
import { holdoutTrackingTable } from '../../domain/models/holdout.ts';
import { groupTriples } from '../../domain/models/triples.ts';
import { daysBetween } from '../../domain/time.ts';
import { purchaseDays } from '../../store/models.repo.ts';
import type { DB } from '../../store/schema.ts';
import { DAYS_PER_UNIT, checkDate, checkPeriod } from './clv-inputs.ts';

export interface ClvValidateOptions { calibrationEnd: string; holdoutEnd: string; period?: string; lastBucket?: number }

export async function validateClv(db: Kysely<DB>, opts: ClvValidateOptions) {
  const calibrationEnd = checkDate('calibrationEnd', opts.calibrationEnd);
  const holdoutEnd = checkDate('holdoutEnd', opts.holdoutEnd);
  if (!(holdoutEnd > calibrationEnd)) throw invalid('holdoutEnd', `holdoutEnd (${holdoutEnd}) must come after calibrationEnd (${calibrationEnd})`);
  const period = checkPeriod(opts.period ?? 'week');
  const daysPerUnit = DAYS_PER_UNIT[period];
  const histories = customerHistories(await purchaseDays(db, { upTo: holdoutEnd }), { calibrationEnd, holdoutEnd, daysPerUnit });
  const readiness = fitReadiness(histories);
  if (!readiness.fit) throw invalid('calibrationEnd', `cannot validate: ${readiness.reason ?? ''}`);
  const fit = fitBgNbd(groupTriples(histories));
  const holdoutDays = daysBetween(calibrationEnd, holdoutEnd);
  const table = holdoutTrackingTable(fit.params, histories, holdoutDays / daysPerUnit, { lastBucket: opts.lastBucket ?? 7 });
  const { predicted, actual } = table.total;
  return {
    calibrationEnd, holdoutEnd, period, holdoutDays, holdoutLength: table.holdoutLength,
    customers: histories.length, repeaters: readiness.repeaters,
    params: fit.params, logLik: fit.logLikelihood, converged: fit.converged,
    /** Repeat purchase days in the holdout, summed over the calibration cohort. */
    predicted, actual,
    /** (predicted − actual) / actual. */
    relativeError: actual > 0 ? (predicted - actual) / actual : null,
    /** The aggregate forecast that ignores each customer's history: Σ E[X(T + t)] − E[X(T)] (FHL 2005, Figure 2). */
    predictedUnconditional: unconditionalForecast(fit.params, histories, table.holdoutLength),
    rows: table.rows,
  };
}

export type ClvValidation = Awaited<ReturnType<typeof validateClv>>;

/** Expected repeat purchases in (T, T + t] of each customer as if nothing were known but the first-purchase date. */
function unconditionalForecast(params: BgNbdParams, customers: readonly { T: number }[], t: number): number {
  const byT = new Map<number, number>();
  for (const { T } of customers) byT.set(T, (byT.get(T) ?? 0) + 1);
  let sum = 0;
  for (const [T, n] of byT) sum += n * (bgnbdExpectedTransactions(params, T + t) - bgnbdExpectedTransactions(params, T));
  return sum;
}

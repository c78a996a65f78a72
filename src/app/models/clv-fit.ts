// Use-case: fit the customer-base models on the store's purchase days up to a calibration end and keep
// the fit, so per-customer predictions read stored parameters instead of refitting on every request.
// BG/NBD counts distinct purchase days; Gamma-Gamma models the mean value of the repeat days (Hardie's
// convention: the first purchase is left out). Too small a base falls back to the heuristic, said so.
import type { Kysely } from 'kysely';
import { fitBgNbd } from '../../domain/models/bgnbd.ts';
import { fitGammaGamma, frequencySpendCorrelation } from '../../domain/models/gamma-gamma.ts';
import { fitReadiness, meanRepeatSpend, type ReadinessOptions } from '../../domain/models/heuristic.ts';
import { customerHistories } from '../../domain/models/history.ts';
import { groupTriples } from '../../domain/models/triples.ts';
import { purchaseDays, saveModelFit } from '../../store/models.repo.ts';
import type { DB } from '../../store/schema.ts';
import {
  CLV_KIND, DAYS_PER_UNIT, checkDate, checkPeriod, moneyUnit, type ClvDetails, type ClvFit, type ClvParams,
} from './clv-inputs.ts';

export interface ClvFitOptions extends ReadinessOptions {
  calibrationEnd: string;
  period: string;
  /** ISO instant recorded as the fit time. */
  now: string;
}

/** Fit BG/NBD and Gamma-Gamma (or the heuristic) on purchase days up to calibrationEnd and store the fit. */
export async function fitClv(db: Kysely<DB>, opts: ClvFitOptions): Promise<ClvFit> {
  const calibrationEnd = checkDate('calibrationEnd', opts.calibrationEnd);
  const period = checkPeriod(opts.period);
  const money = await moneyUnit(db);
  const histories = customerHistories(await purchaseDays(db, { upTo: calibrationEnd }), { calibrationEnd, daysPerUnit: DAYS_PER_UNIT[period] });
  const spend = histories.map((h) => ({ x: h.x, m: h.repeatSpendMinor / 10 ** money.digits }));
  // Free repeat purchases carry no spend information for Gamma-Gamma (its density needs m > 0).
  const priced = spend.filter((s) => s.x > 0 && s.m > 0);
  const readiness = fitReadiness(histories, opts);
  const triples = groupTriples(histories);
  const independence = frequencySpendCorrelation(priced);
  const baseSpend = priced.length ? meanRepeatSpend(priced) : null;
  const common = {
    repeaters: readiness.repeaters, distinctTriples: triples.x.length, baseSpend, money,
    independence: { correlation: Number.isFinite(independence.correlation) ? independence.correlation : null, customers: independence.customers },
  };

  let params: ClvParams;
  let details: ClvDetails;
  let logLik: number | null = null;
  if (!readiness.fit) {
    params = { method: 'heuristic', bgnbd: null, gammaGamma: null };
    details = { ...common, reason: readiness.reason, converged: null, iterations: null, gammaGamma: null };
  } else {
    const bg = fitBgNbd(triples);
    logLik = bg.logLikelihood;
    const spendReady = fitReadiness(priced, opts);
    const gg = spendReady.fit ? fitGammaGamma(priced) : null;
    params = { method: 'bgnbd', bgnbd: bg.params, gammaGamma: gg?.params ?? null };
    details = {
      ...common, converged: bg.converged, iterations: bg.iterations,
      reason: gg ? null : `Gamma-Gamma not fitted: ${spendReady.reason ?? ''}; spend is each customer's own mean`,
      gammaGamma: gg && { logLik: gg.logLikelihood, customers: gg.customers, skipped: spend.length - gg.customers, converged: gg.converged },
    };
  }
  return saveModelFit(db, { kind: CLV_KIND, calibrationEnd, period, fittedAt: opts.now, params, logLik, customers: histories.length, details });
}

/** The fit as the CLI and API show it: `params` {r, alpha, a, b}, `logLik`, `gammaGamma` {p, q, gamma, …}. */
export function clvFitView(fit: ClvFit) {
  const { details: d, params: p } = fit;
  const correlation = d.independence.correlation;
  return {
    id: fit.id, calibrationEnd: fit.calibrationEnd, period: fit.period, fittedAt: fit.fittedAt, method: p.method, reason: d.reason,
    customers: fit.customers, repeaters: d.repeaters, distinctTriples: d.distinctTriples,
    params: p.bgnbd, logLik: fit.logLik, converged: d.converged, iterations: d.iterations,
    gammaGamma: p.gammaGamma && d.gammaGamma ? { ...p.gammaGamma, ...d.gammaGamma } : null,
    independence: {
      ...d.independence,
      // Fader & Hardie report 0.11 on CDNOW and call it weak; beyond ±0.3 the spend model's assumption is doubtful.
      holds: correlation === null ? null : Math.abs(correlation) <= 0.3,
    },
    baseSpend: d.baseSpend, money: d.money,
  };
}

export type ClvFitView = ReturnType<typeof clvFitView>;

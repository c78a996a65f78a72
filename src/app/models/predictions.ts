// Use-case: one customer's predictions for the 360 view, from the latest stored CLV fit: P(alive) and churn
// risk, the silence rule, the expected next purchase, predicted orders (purchase days) and spend over a
// horizon, CLV, items due for reorder and recommended products (from the stored basket model). Without a
// fit, the model figures are null and `message` says how to make one; the silence rule and the cycle date
// still show. Only this customer's rows are read, so it is cheap enough for every 360 view.
import type { Kysely } from 'kysely';
import { invalid, notFound } from '../../domain/errors.ts';
import { bgnbdConditionalExpected, bgnbdPAlive } from '../../domain/models/bgnbd.ts';
import { nextPurchase, silenceRule } from '../../domain/models/churn.ts';
import { customerLifetimeValue } from '../../domain/models/clv.ts';
import { gammaGammaExpectedSpend } from '../../domain/models/gamma-gamma.ts';
import { heuristicClv, heuristicExpected } from '../../domain/models/heuristic.ts';
import { customerHistories } from '../../domain/models/history.ts';
import { getCustomer } from '../../store/customers.repo.ts';
import { latestModelFit, purchaseDays } from '../../store/models.repo.ts';
import type { DB } from '../../store/schema.ts';
import { getSummary } from '../../store/summary.repo.ts';
import { CLV_KIND, DAYS_PER_MONTH, DAYS_PER_UNIT, type ClvDetails, type ClvParams, type Period } from './clv-inputs.ts';
import { loadBasketModel } from './basket-fit.ts';
import { recommendForCustomer } from './recommend.ts';
import { customerReorders, defaultAsOf } from './replenish.ts';

/** Why figures are missing or weaker: a code and params a screen translates, and the English text `message` joins. */
export interface PredictionNote {
  code: 'NO_PURCHASES' | 'NO_PURCHASES_BY' | 'NO_CLV_FIT' | 'HEURISTIC_FIT' | 'NO_BASKET_MODEL';
  params: Record<string, string>;
  text: string;
}

export interface PredictionOptions {
  asOf?: string | undefined;
  /** Days ahead for predicted orders and spend (default 90). */
  horizonDays?: number | undefined;
  /** CLV horizon in months (default 12) and monthly discount rate (default 0.01). */
  months?: number | undefined;
  discountRatePerMonth?: number | undefined;
  /** k of the silence rule (default 2). */
  churnK?: number | undefined;
  /** Recommended products to list (default 5); 0 leaves them out. */
  recommendations?: number | undefined;
}

export async function customerPredictions(db: Kysely<DB>, customerId: number, opts: PredictionOptions = {}) {
  const { horizonDays = 90, months = 12, discountRatePerMonth = 0.01, churnK = 2, recommendations = 5 } = opts;
  if (!(horizonDays > 0)) throw invalid('horizonDays', `horizonDays must be positive, got ${horizonDays}`);
  if (!(Number.isInteger(recommendations) && recommendations >= 0)) throw invalid('recommendations', `recommendations must be a whole number ≥ 0, got ${recommendations}`);
  if (!(await getCustomer(db, customerId))) throw notFound(`customer ${customerId}`, 'customer');
  const [fit, asOf] = await Promise.all([latestModelFit<ClvParams, ClvDetails>(db, CLV_KIND), defaultAsOf(db, opts.asOf)]);
  const fitView = fit ? { id: fit.id, method: fit.params.method, calibrationEnd: fit.calibrationEnd, period: fit.period, fittedAt: fit.fittedAt } : null;
  const days = asOf === null ? [] : await purchaseDays(db, { upTo: asOf, customerId });
  const base = { customerId, asOf, fit: fitView, horizonDays };
  if (asOf === null || days.length === 0) {
    const note: PredictionNote = asOf === null ? { code: 'NO_PURCHASES', params: {}, text: 'no purchases in the store yet' }
      : { code: 'NO_PURCHASES_BY', params: { asOf }, text: `no purchases on or before ${asOf}` };
    return { ...base, basketModel: null, message: note.text, notes: [note], history: null, model: null,
      churnRule: null, nextPurchase: null, replenishment: [], recommendations: [] };
  }

  const daysPerUnit = DAYS_PER_UNIT[(fit?.period ?? 'week') as Period] ?? 7;
  const [h] = customerHistories(days, { calibrationEnd: asOf, daysPerUnit });
  const history = h!;
  const dates = days.map((d) => d.date);
  const digits = fit?.details.money.digits ?? 2;
  const toMinor = (major: number) => Math.round(major * 10 ** digits);
  const m = history.repeatSpendMinor / 10 ** digits;
  const summary = await getSummary(db, customerId);
  // Margin share of this customer's costed sales; CLV of sales (share 1) when no cost is known.
  const costed = summary?.costedSalesMinor ?? 0;
  const marginShare = costed > 0 ? Math.min(1, Math.max(0, (costed - summary!.costMinor) / costed)) : 1;
  const clvOptions = { periodLength: DAYS_PER_MONTH / daysPerUnit, months, discountRatePerMonth, marginShare };
  const t = horizonDays / daysPerUnit;

  let model = null;
  let bgParams = null;
  if (fit?.params.method === 'bgnbd' && fit.params.bgnbd) {
    const bg = fit.params.bgnbd;
    bgParams = bg;
    const gg = fit.params.gammaGamma;
    const pAlive = bgnbdPAlive(bg, history);
    const expected = bgnbdConditionalExpected(bg, history, t);
    // Gamma-Gamma's spend for x = 0 is the population mean, defined only for q > 1.
    const spend = gg && (history.x > 0 || gg.q > 1) ? gammaGammaExpectedSpend(gg, { x: history.x, m }) : null;
    const clv = gg && spend !== null ? customerLifetimeValue(bg, gg, { ...history, m }, clvOptions) : null;
    model = {
      method: 'bgnbd' as const, pAlive, churnRisk: 1 - pAlive, expectedOrders: expected,
      spendPerOrderMinor: spend === null ? null : toMinor(spend),
      expectedSpendMinor: spend === null ? null : toMinor(expected * spend),
      clv: clv && { valueMinor: toMinor(clv.clv), months, discountRatePerMonth, marginShare, expectedOrders: clv.expectedTransactions },
    };
  } else if (fit) {
    const baseSpend = fit.details.baseSpend ?? NaN;
    const clv = heuristicClv({ ...history, m }, baseSpend, clvOptions);
    const expected = heuristicExpected(history, t);
    model = {
      method: 'heuristic' as const, pAlive: null, churnRisk: null, expectedOrders: expected,
      spendPerOrderMinor: toMinor(clv.expectedSpend), expectedSpendMinor: toMinor(expected * clv.expectedSpend),
      clv: { valueMinor: toMinor(clv.clv), months, discountRatePerMonth, marginShare, expectedOrders: clv.expectedTransactions },
    };
  }

  // Reorders and recommendations come from the stored basket model: reading every basket is a fit's job.
  const baskets = await loadBasketModel(db);
  const [due, recs] = baskets ? await Promise.all([
    customerReorders(db, customerId, asOf, 'category', baskets.cycles.category),
    recommendations > 0 ? recommendForCustomer(db, customerId, { asOf, k: recommendations }) : null,
  ]) : [[], null];
  const notes: PredictionNote[] = [];
  if (!fit) notes.push({ code: 'NO_CLV_FIT', params: {}, text: 'no CLV fit stored: run `regulars clv fit --calibration-end DATE` (or POST /api/models/clv/fit); model figures are null' });
  else if (fit.params.method === 'heuristic') {
    const reason = fit.details.reason ?? '';
    notes.push({ code: 'HEURISTIC_FIT', params: { reason }, text: `heuristic, not a fitted model: ${reason}` });
  }
  if (!baskets) notes.push({ code: 'NO_BASKET_MODEL', params: {}, text: 'no basket model stored: run `regulars baskets fit` (or POST /api/models/baskets/fit) for reorders and recommendations' });
  return {
    ...base,
    basketModel: baskets && { id: baskets.fit.id, asOf: baskets.fit.asOf, fittedAt: baskets.fit.fittedAt },
    message: notes.length ? notes.map((n) => n.text).join('; ') : null,
    notes,
    history: { purchaseDays: dates.length, firstDate: dates[0]!, lastDate: dates[dates.length - 1]!, x: history.x, tx: history.tx, T: history.T, unit: fit?.period ?? 'week' },
    model,
    churnRule: silenceRule(dates, asOf, { k: churnK }),
    nextPurchase: nextPurchase(dates, asOf, bgParams && { params: bgParams, customer: history, daysPerUnit }),
    replenishment: due.map((d) => ({ category: d.item, lastDate: d.lastDate, intervalDays: d.intervalDays, basis: d.basis, dueDate: d.dueDate, daysOverdue: d.daysOverdue })),
    recommendations: recs?.items ?? [],
  };
}

export type CustomerPredictions = Awaited<ReturnType<typeof customerPredictions>>;

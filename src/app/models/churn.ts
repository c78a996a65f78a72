// Use-case: the at-risk list as of a date — customers the silence rule flags (formerly frequent, silent for
// more than k × their usual cycle), with the model's churn risk beside it when a fit is stored.
import type { Kysely } from 'kysely';
import { invalid } from '../../domain/errors.ts';
import { bgnbdPAlive } from '../../domain/models/bgnbd.ts';
import { silenceRule } from '../../domain/models/churn.ts';
import { customerHistories } from '../../domain/models/history.ts';
import { customerLabels, latestModelFit, purchaseDays } from '../../store/models.repo.ts';
import type { DB } from '../../store/schema.ts';
import { CLV_KIND, DAYS_PER_UNIT, type ClvDetails, type ClvParams, type Period } from './clv-inputs.ts';
import { defaultAsOf } from './replenish.ts';

export interface ChurnListOptions { asOf?: string | undefined; k?: number | undefined; minPurchaseDays?: number | undefined; limit?: number | undefined }

export async function churnList(db: Kysely<DB>, opts: ChurnListOptions = {}) {
  const { k = 2, minPurchaseDays = 3, limit = 100 } = opts;
  if (!(Number.isInteger(limit) && limit >= 0)) throw invalid('limit', `limit must be a whole number ≥ 0, got ${limit}`);
  const [asOf, fit] = await Promise.all([defaultAsOf(db, opts.asOf), latestModelFit<ClvParams, ClvDetails>(db, CLV_KIND)]);
  if (asOf === null) return { asOf, k, minPurchaseDays, fit: null, flagged: 0, customers: [] };
  const rows = await purchaseDays(db, { upTo: asOf });
  const datesOf = new Map<number, string[]>();
  for (const r of rows) {
    let d = datesOf.get(r.customerId);
    if (!d) datesOf.set(r.customerId, (d = []));
    d.push(r.date);
  }
  const bg = fit?.params.method === 'bgnbd' ? fit.params.bgnbd : null;
  const daysPerUnit = DAYS_PER_UNIT[(fit?.period ?? 'week') as Period] ?? 7;
  const flagged = [...datesOf].map(([customerId, dates]) => ({ customerId, rule: silenceRule(dates, asOf, { k, minPurchaseDays }) }))
    .filter((c) => c.rule.flagged);
  const ids = new Set(flagged.map((f) => f.customerId));
  const histories = bg ? new Map(customerHistories(rows.filter((r) => ids.has(r.customerId)), { calibrationEnd: asOf, daysPerUnit })
    .map((h) => [h.customerId, h])) : null;
  const out = flagged.map(({ customerId, rule }) => {
    const h = histories?.get(customerId);
    return { customerId, ...rule, churnRisk: bg && h ? 1 - bgnbdPAlive(bg, h) : null };
  }).sort((a, b) => (b.churnRisk ?? 0) - (a.churnRisk ?? 0) || b.silentDays / b.thresholdDays! - a.silentDays / a.thresholdDays!);
  const shown = out.slice(0, limit);
  const labels = await customerLabels(db, shown.map((c) => c.customerId));
  return {
    asOf, k, minPurchaseDays, fit: fit ? { id: fit.id, method: fit.params.method, calibrationEnd: fit.calibrationEnd } : null,
    flagged: out.length, customers: shown.map((c) => ({ ...c, memberNo: labels.get(c.customerId)?.memberNo ?? null, name: labels.get(c.customerId)?.name ?? null })),
  };
}

// Use-cases of the repurchase and retention reports: resolve the period and store, load the facts,
// compute with the pure functions of domain/analytics. Definitions live there and in docs/reports.md.
import type { Kysely } from 'kysely';
import { cohorts, cohortsFromCells, type CohortTable } from '../domain/analytics/cohorts.ts';
import { cycle, cycleByKey, type Cycle, type KeyCycle } from '../domain/analytics/cycle.ts';
import { byCustomer } from '../domain/analytics/days.ts';
import { checkWindows, overview, type Overview } from '../domain/analytics/overview.ts';
import { overviewFromCells } from '../domain/analytics/overview-cells.ts';
import { ALL_HISTORY, repurchaseFromSums } from '../domain/analytics/repurchase-cells.ts';
import { checkDate, checkDays, checkPeriod, periodBounds, periodIndex, type Grain, type Period } from '../domain/analytics/period.ts';
import { repurchase, type Repurchase } from '../domain/analytics/repurchase.ts';
import { invalid, notFound } from '../domain/errors.ts';
import { addDays } from '../domain/time.ts';
import {
  cohortFacts, keyDays, latestSnapshotDate, orderFacts, productNames, purchaseDays, segmentsAsOf, visits, type Scope,
} from '../store/analytics.repo.ts';
import { repurchaseSums, salesDateRange, storedCohortCells } from '../store/report-aggregates.repo.ts';
import type { DB } from '../store/schema.ts';
import { overviewSums } from '../store/overview-cells.repo.ts';
import { listStores, storesByCode } from '../store/stores.repo.ts';

/** What every report is asked for: a period of business dates (default: all history) and one store (default: all). */
export interface ReportFilter { from?: string | undefined; to?: string | undefined; store?: string | undefined }

/** Where a report comes from; from/to are null only for a store without orders asked for no dates. */
export interface ReportScope { from: string | null; to: string | null; store: string | null }

/** Resolve the filter: dates checked, store found, missing ends taken from the first and last order. */
async function resolve(db: Kysely<DB>, f: ReportFilter): Promise<{ scope: ReportScope; query: Scope | null }> {
  if (f.from !== undefined) checkDate('from', f.from);
  if (f.to !== undefined) checkDate('to', f.to);
  let storeId: number | null = null;
  if (f.store !== undefined) {
    const found = (await storesByCode(db, [f.store])).get(f.store);
    if (!found) throw notFound(`store ${f.store}`, 'store');
    storeId = found.id;
  }
  const range = f.from !== undefined && f.to !== undefined ? null : await salesDateRange(db, storeId);
  let from = f.from ?? range?.first ?? f.to ?? null;
  let to = f.to ?? range?.last ?? f.from ?? null;
  // One end given beyond the data: the other end follows it rather than making an inverted period.
  if (from !== null && to !== null && from > to) {
    if (f.to === undefined) to = from;
    else if (f.from === undefined) from = to;
  }
  const scope = { from, to, store: f.store ?? null };
  if (from === null || to === null) return { scope, query: null };
  checkPeriod({ from, to });
  return { scope, query: { from, to, storeId } };
}

export interface RepurchaseReport extends ReportScope, Repurchase {
  /** The repurchase cycle over the period: gaps between consecutive distinct purchase days. */
  cycleIntervals: number;
  cycleCustomers: number;
  meanCycleDays: number | null;
  medianCycleDays: number | null;
  cycleHistogram: Cycle['histogram'];
}

/** Repurchase rate, frequency, the within-N-days rate and the repurchase cycle of a period. */
export async function repurchaseReport(db: Kysely<DB>, f: ReportFilter & { withinDays?: number | undefined }): Promise<RepurchaseReport> {
  const withinDays = checkDays('withinDays', f.withinDays ?? 30);
  const { scope, query } = await resolve(db, f);
  const span = query ? await storedSpan(db, query) : null;
  if (span !== null) {
    const { cycle: c, ...r } = repurchaseFromSums(await repurchaseSums(db, span, scope.to, withinDays), withinDays);
    return { ...scope, ...r, cycleIntervals: c.intervals, cycleCustomers: c.customers, meanCycleDays: c.meanDays, medianCycleDays: c.medianDays, cycleHistogram: c.histogram };
  }
  const days = query ? await purchaseDays(db, query) : [];
  const c = cycle([...byCustomer(days).values()].map((d) => d.dates));
  return {
    ...scope, ...repurchase(days, { to: scope.to, withinDays }),
    cycleIntervals: c.intervals, cycleCustomers: c.customers, meanCycleDays: c.meanDays, medianCycleDays: c.medianDays, cycleHistogram: c.histogram,
  };
}

/**
 * The span of repurchase_cells that holds exactly the purchase days of a whole-chain period: the whole
 * history when the period covers every business date with sales, a month when the period is that
 * calendar month; otherwise null (the report reads customer_day).
 */
async function storedSpan(db: Kysely<DB>, q: Scope): Promise<string | null> {
  if (q.storeId !== null) return null;
  if (q.from.slice(0, 7) === q.to.slice(0, 7) && q.from === periodBounds(periodIndex(q.from, 'month'), 'month').from
    && q.to === periodBounds(periodIndex(q.to, 'month'), 'month').to) return q.from.slice(0, 7);
  const range = await salesDateRange(db, null);
  return range && q.from <= range.first && q.to >= range.last ? ALL_HISTORY : null;
}

export interface CycleReport extends ReportScope {
  by: 'category' | 'sku';
  /** Products or categories with at least `minIntervals` reorders, most reordered first. */
  keysWithRepeats: number;
  items: (KeyCycle & { name: string | null })[];
}

/** The typical reorder interval of each category or product (SKU). */
export async function cycleReport(db: Kysely<DB>, f: ReportFilter & { by: 'category' | 'sku'; limit?: number | undefined; minIntervals?: number | undefined }): Promise<CycleReport> {
  const { limit = 20, minIntervals = 2 } = f;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalid('limit', 'limit must be a whole number from 1 to 1000');
  if (!Number.isInteger(minIntervals) || minIntervals < 1) throw invalid('minIntervals', 'minIntervals must be a whole number ≥ 1');
  const { scope, query } = await resolve(db, f);
  const all = cycleByKey(query ? await keyDays(db, query, f.by) : [], { minIntervals });
  const top = all.slice(0, limit);
  const names = f.by === 'sku' ? await productNames(db, top.map((k) => k.key)) : new Map<string, string | null>();
  return { ...scope, by: f.by, keysWithRepeats: all.length, items: top.map((k) => ({ ...k, name: names.get(k.key) ?? null })) };
}

export type CohortReport = ReportScope & CohortTable;

/**
 * Retention cohorts by month, quarter or year of first purchase (at the store, when one is named).
 * Cohort tables count whole periods: from and to widen to the first and last day of their periods.
 */
export async function cohortReport(db: Kysely<DB>, f: ReportFilter & { by?: Grain | undefined }): Promise<CohortReport> {
  const grain = f.by ?? 'month';
  const { scope, query } = await resolve(db, f);
  const whole: Period | null = query
    ? { from: periodBounds(periodIndex(query.from, grain), grain).from, to: periodBounds(periodIndex(query.to, grain), grain).to }
    : null;
  if (!query || !whole) return { ...scope, ...cohorts([], [], { grain, period: null }) };
  // The whole chain reads the stored cells (cohort_cells, kept as sales arrive); one store, its orders.
  const storeId = query.storeId;
  const table = storeId === null
    ? cohortsFromCells(await storedCohortCells(db, grain, periodIndex(whole.from, grain), periodIndex(whole.to, grain)), { grain, period: whole })
    : await cohortFacts(db, { ...whole, storeId }).then((f) => cohorts(f.firsts, f.activity, { grain, period: whole }));
  return { ...scope, ...whole, ...table };
}

export interface OverviewReport extends ReportScope, Overview {
  /** The segment scheme and snapshot date of the bySegment breakdown, when asked for. */
  segmentScheme: string | null;
  segmentAsOf: string | null;
  /** The date whose loyalty tiers the byTier breakdown uses (the period end), when asked for. */
  tierAsOf: string | null;
}

/**
 * The overview of a period, by store, channel, month and (when a segment scheme is named) segment.
 * The segment snapshot is the one as of `segments.asOf`, or the latest on or before the period end.
 * With `tiers`, also by each member's loyalty tier as of the period end.
 */
export async function overviewReport(db: Kysely<DB>, f: ReportFilter & {
  activeDays?: number | undefined; dormantDays?: number | undefined; segments?: { scheme: string; asOf?: string | undefined } | undefined;
  tiers?: boolean | undefined;
}): Promise<OverviewReport> {
  const windows = checkWindows({ ...(f.activeDays === undefined ? {} : { activeDays: f.activeDays }), ...(f.dormantDays === undefined ? {} : { dormantDays: f.dormantDays }) });
  const { scope, query } = await resolve(db, f);
  let segmentOf: Map<number, string> | undefined;
  let segmentAsOf: string | null = null;
  if (f.segments) {
    const { scheme } = f.segments;
    segmentAsOf = f.segments.asOf === undefined ? await latestSnapshotDate(db, scheme, scope.to ?? '9999-12-31') : checkDate('segmentsAsOf', f.segments.asOf);
    segmentOf = segmentAsOf === null ? new Map() : await segmentsAsOf(db, scheme, segmentAsOf);
    if (segmentOf.size === 0) {
      throw notFound(`a snapshot of segment scheme '${scheme}'${segmentAsOf ? ` as of ${segmentAsOf}` : scope.to ? ` on or before ${scope.to}` : ''}`, 'segments');
    }
  }
  // Without segments or tiers, a whole-chain period that is a stored span reads the overview cells.
  const span = query && !f.segments && !f.tiers ? await storedSpan(db, query) : null;
  if (query && span !== null) {
    const storeCode = new Map((await listStores(db)).map((s) => [String(s.id), s.code]));
    return {
      ...scope, segmentScheme: null, segmentAsOf: null, tierAsOf: null,
      ...overviewFromCells(await overviewSums(db, span, query, windows), { span, period: query, windows, storeCode }),
    };
  }
  const tierAsOf = f.tiers ? query?.to ?? scope.to ?? null : null;
  const tierOf = f.tiers ? (tierAsOf === null ? new Map<number, string>() : await tiersAsOf(db, tierAsOf)) : undefined;
  const [orders, seen] = query
    ? await Promise.all([orderFacts(db, query), visits(db, { ...query, recentFrom: addDays(query.from, -windows.dormantDays) })])
    : [[], []];
  return {
    ...scope, segmentScheme: f.segments?.scheme ?? null, segmentAsOf, tierAsOf,
    ...overview(orders, seen, { ...windows, period: query, ...(segmentOf ? { segmentOf } : {}), ...(tierOf ? { tierOf } : {}) }),
  };
}

/** Customer → loyalty tier held at the end of a business date: its latest tier history row (by instant, then id) on or before it. */
export async function tiersAsOf(db: Kysely<DB>, date: string): Promise<Map<number, string>> {
  const rows = await db.selectFrom('tier_history as h').select(['h.customer_id', 'h.to_tier']).where('h.business_date', '<=', date)
    .where((e) => e.not(e.exists(e.selectFrom('tier_history as l').select('l.id').where((w) => w.and([
      w('l.customer_id', '=', w.ref('h.customer_id')), w('l.business_date', '<=', date),
      w.or([w('l.at', '>', w.ref('h.at')), w.and([w('l.at', '=', w.ref('h.at')), w('l.id', '>', w.ref('h.id'))])]),
    ])))))
    .execute();
  return new Map(rows.map((r) => [Number(r.customer_id), r.to_tier]));
}

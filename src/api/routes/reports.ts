// GET /api/reports/…: the repurchase and retention reports (definitions: docs/reports.md). Staff whose
// access is limited to some stores must name one of them; everyone else may ask for the whole chain.
import { z } from 'zod';
import { cohortReport, cycleReport, overviewReport, repurchaseReport, type ReportFilter } from '../../app/reports.ts';
import type { Principal } from '../../app/auth.ts';
import { GRAINS } from '../../domain/analytics/period.ts';
import { AppError } from '../../domain/errors.ts';
import { storesByCode } from '../../store/stores.repo.ts';
import { principalOf, type App, type Deps } from '../context.ts';
import { inScope } from '../permissions.ts';
import { problemResponses } from '../problem.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const days = z.coerce.number().int().min(1).max(3660);
const Filter = z.object({
  from: date.optional().describe('first business date (default: the first order)'),
  to: date.optional().describe('last business date, inclusive (default: the last order)'),
  store: z.string().min(1).max(64).optional().describe('store code (default: every store; required for staff limited to some stores)'),
});

const rate = z.number().nullable().describe('a share from 0 to 1; null when nobody is counted');
const Scope = { from: z.string().nullable(), to: z.string().nullable(), store: z.string().nullable() };

const Repurchase = z.object({
  ...Scope,
  customers: z.number().describe('customers with ≥1 order in the period'), orders: z.number(),
  repeatCustomers: z.number().describe('customers with ≥2 orders'), repurchaseRate: rate,
  repeatDayCustomers: z.number().describe('customers who bought on ≥2 distinct days'), repeatDayRate: rate,
  ordersPerRepeatCustomer: z.number().nullable(),
  withinDays: z.number(), eligibleCustomers: z.number().describe('first purchase day ≥ withinDays before the period end'),
  boughtAgainWithin: z.number(), withinRate: rate,
  cycleIntervals: z.number().describe('gaps between consecutive distinct purchase days'), cycleCustomers: z.number(),
  meanCycleDays: z.number().nullable(), medianCycleDays: z.number().nullable(),
  cycleHistogram: z.array(z.object({ fromDays: z.number(), toDays: z.number().nullable(), count: z.number() })),
}).meta({ id: 'RepurchaseReport' });

const Cohorts = z.object({
  ...Scope, grain: z.enum(GRAINS),
  cohorts: z.array(z.object({
    cohort: z.string(), size: z.number(),
    active: z.array(z.number()).describe('customers buying in period k after the first (k = 0 … )'), rates: z.array(z.number()),
  })),
  average: z.array(z.number().nullable()).describe('per k, weighted over the cohorts that reached period k'),
}).meta({ id: 'CohortReport' });

const Figures = z.object({
  customers: z.number(), newCustomers: z.number().describe('first order ever in the period'), returningCustomers: z.number(),
  orders: z.number().describe('anonymous orders included'), memberOrders: z.number(), salesMinor: z.number().describe('after discounts, before returns'),
  discountMinor: z.number(), items: z.number(), avgOrderValueMinor: z.number().nullable(), itemsPerOrder: z.number().nullable(),
  crossSellCustomers: z.number().describe('customers buying ≥2 merchandise categories in the period'), crossSellRate: rate,
  members: z.number().describe('customers with a purchase on or before the period end'), activeMembers: z.number(), dormantMembers: z.number(),
  activeShare: rate, dormantShare: rate,
}).meta({ id: 'ReportFigures' });
const Slice = Figures.extend({ key: z.string() });

const Overview = z.object({
  ...Scope, activeDays: z.number(), dormantDays: z.number(), segmentScheme: z.string().nullable(), segmentAsOf: z.string().nullable(),
  tierAsOf: z.string().nullable().describe('the date whose loyalty tiers byTier uses (the period end), when tiers=true'),
  total: Figures, byStore: z.array(Slice), byChannel: z.array(Slice), bySegment: z.array(Slice).nullable(), byTier: z.array(Slice).nullable(),
  byMonth: z.array(Slice),
}).meta({ id: 'OverviewReport' });

const Cycle = z.object({
  ...Scope, by: z.enum(['category', 'sku']), keysWithRepeats: z.number(),
  items: z.array(z.object({
    key: z.string(), name: z.string().nullable(), buyers: z.number(), repeatBuyers: z.number(), intervals: z.number(),
    meanDays: z.number().nullable(), medianDays: z.number().nullable(),
  })),
}).meta({ id: 'CycleReport' });

/** Field names of use-case errors ('from') as the query pointers the API names everywhere ('/from'). */
async function inQuery<T>(run: Promise<T>): Promise<T> {
  try {
    return await run;
  } catch (e) {
    if (e instanceof AppError && e.field && !e.field.startsWith('/')) throw new AppError(e.code, e.message, { field: `/${e.field}`, ...(e.details ? { details: e.details } : {}) });
    throw e;
  }
}

export function reportsRoutes(app: App, deps: Deps): void {
  /** The filter, after making sure a store-limited principal stays within its stores. */
  const scoped = async (p: Principal, f: z.infer<typeof Filter>): Promise<ReportFilter> => {
    if (p.storeIds !== null) {
      if (f.store === undefined) throw new AppError('FORBIDDEN', 'your access is limited to some stores: name one with ?store=CODE', { field: '/store' });
      const s = (await storesByCode(deps.db, [f.store])).get(f.store);
      if (s && !inScope(p, s.id)) throw new AppError('FORBIDDEN', `store ${f.store} is outside your access`, { field: '/store' });
    }
    return { from: f.from, to: f.to, store: f.store };
  };
  const tags = ['reports'];

  app.get('/api/reports/repurchase', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'Repurchase rate, orders per repeat customer, the rate of buying again within N days, and the repurchase cycle', tags,
      querystring: Filter.extend({ withinDays: days.optional().describe('N of "bought again within N days" (default 30)') }),
      response: { 200: Repurchase, ...problemResponses },
    },
  }, async (req) => inQuery(repurchaseReport(deps.db, { ...(await scoped(principalOf(req), req.query)), withinDays: req.query.withinDays })));

  app.get('/api/reports/cohorts', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'Retention cohorts by month, quarter or year of first purchase (whole periods)', tags,
      querystring: Filter.extend({ by: z.enum(GRAINS).default('month') }),
      response: { 200: Cohorts, ...problemResponses },
    },
  }, async (req) => inQuery(cohortReport(deps.db, { ...(await scoped(principalOf(req), req.query)), by: req.query.by })));

  app.get('/api/reports/overview', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'New and returning customers, order value, items per order, cross-sell, active and dormant shares; by store, channel, segment, tier and month', tags,
      querystring: Filter.extend({
        activeDays: days.optional().describe('active = bought within this many days up to the period end (default 90)'),
        dormantDays: days.optional().describe('dormant = no purchase within this many days up to the period end (default 180)'),
        segments: z.string().min(1).max(100).optional().describe('segment scheme to break down by, from its snapshot (rfm, pyramid, …)'),
        segmentsAsOf: date.optional().describe('snapshot date (default: the latest on or before the period end)'),
        tiers: z.enum(['true', 'false']).optional().describe('also break down by loyalty tier held at the period end (members never enrolled: "(none)")'),
      }),
      response: { 200: Overview, ...problemResponses },
    },
  }, async (req) => {
    const q = req.query;
    return inQuery(overviewReport(deps.db, {
      ...(await scoped(principalOf(req), q)), activeDays: q.activeDays, dormantDays: q.dormantDays,
      segments: q.segments === undefined ? undefined : { scheme: q.segments, asOf: q.segmentsAsOf }, tiers: q.tiers === 'true',
    }));
  });

  app.get('/api/reports/cycle', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'The typical reorder interval of each category or product (SKU), most reordered first', tags,
      querystring: Filter.extend({
        by: z.enum(['category', 'sku']).default('category'),
        limit: z.coerce.number().int().min(1).max(1000).default(20),
        minIntervals: z.coerce.number().int().min(1).default(2).describe('leave out those reordered fewer times'),
      }),
      response: { 200: Cycle, ...problemResponses },
    },
  }, async (req) => {
    const q = req.query;
    return inQuery(cycleReport(deps.db, { ...(await scoped(principalOf(req), q)), by: q.by, limit: q.limit, minIntervals: q.minIntervals }));
  });
}

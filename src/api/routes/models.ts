// Predictive models over HTTP: fit and validate the CLV models, mine rules and bundles, list churn risks
// and reorders due, and per-customer predictions and recommendations. Dates are business dates YYYY-MM-DD;
// `asOf` defaults to the last business date with an order.
import { z } from 'zod';
import { fitBasketModels } from '../../app/models/basket-fit.ts';
import { bundleReport } from '../../app/models/bundles.ts';
import { churnList } from '../../app/models/churn.ts';
import { clvFitView, fitClv } from '../../app/models/clv-fit.ts';
import { CLV_KIND, type ClvDetails, type ClvParams } from '../../app/models/clv-inputs.ts';
import { validateClv } from '../../app/models/clv-validate.ts';
import { customerPredictions } from '../../app/models/predictions.ts';
import { recommendForCustomer } from '../../app/models/recommend.ts';
import { replenishmentDue } from '../../app/models/replenish.ts';
import { mineRules } from '../../app/models/rules.ts';
import { notFound } from '../../domain/errors.ts';
import { latestModelFit } from '../../store/models.repo.ts';
import type { App, Deps } from '../context.ts';
import { problemResponses } from '../problem.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const level = z.enum(['sku', 'category']);
const num = z.number();
const BgNbd = z.object({ r: num, alpha: num, a: num, b: num }).meta({ id: 'BgNbdParams' });

const ClvFit = z.object({
  id: num, calibrationEnd: z.string(), period: z.string(), fittedAt: z.string(),
  method: z.enum(['bgnbd', 'heuristic']), reason: z.string().nullable().describe('why the heuristic (or no spend model) was used'),
  customers: num, repeaters: num, distinctTriples: num,
  params: BgNbd.nullable(), logLik: num.nullable(), converged: z.boolean().nullable(), iterations: num.nullable(),
  gammaGamma: z.object({ p: num, q: num, gamma: num, logLik: num, customers: num, skipped: num, converged: z.boolean() }).nullable()
    .describe('spend per purchase day, in major money units'),
  independence: z.object({ correlation: num.nullable(), customers: num, holds: z.boolean().nullable() })
    .describe('Pearson correlation of repeat purchases and mean spend; Gamma-Gamma assumes ≈ 0 (|r| ≤ 0.3 counts as holding)'),
  baseSpend: num.nullable(), money: z.object({ currencies: z.array(z.string()), digits: num }),
}).meta({ id: 'ClvFit' });

const Validation = z.object({
  calibrationEnd: z.string(), holdoutEnd: z.string(), period: z.string(), holdoutDays: num, holdoutLength: num,
  customers: num, repeaters: num, params: BgNbd, logLik: num, converged: z.boolean(),
  predicted: num.describe('Σ E[purchase days in the holdout | calibration history]'), actual: num,
  relativeError: num.nullable(), predictedUnconditional: num,
  rows: z.array(z.object({ bucket: z.string(), customers: num, actual: num, predicted: num })),
}).meta({ id: 'ClvValidation' });

const Rule = z.object({
  antecedent: z.array(z.string()), consequent: z.array(z.string()), support: num, confidence: num, lift: num, leverage: num,
  conviction: num.nullable().describe('null when infinite (confidence 1)'), count: num,
});

const Recommendation = z.object({ sku: z.string(), name: z.string().nullable(), score: num, basis: z.enum(['co-purchase', 'popular']) });

const Clv = z.object({ valueMinor: num, months: num, discountRatePerMonth: num, marginShare: num, expectedOrders: num });
export const Predictions = z.object({
  customerId: num, asOf: z.string().nullable(), horizonDays: num,
  fit: z.object({ id: num, method: z.enum(['bgnbd', 'heuristic']), calibrationEnd: z.string(), period: z.string(), fittedAt: z.string() }).nullable(),
  message: z.string().nullable().describe('set when there is no fit, only the heuristic, or no purchases'),
  notes: z.array(z.object({
    code: z.enum(['NO_PURCHASES', 'NO_PURCHASES_BY', 'NO_CLV_FIT', 'HEURISTIC_FIT', 'NO_BASKET_MODEL']), params: z.record(z.string(), z.string()), text: z.string(),
  })).describe('the parts of `message`, each with a code and params for translation'),
  basketModel: z.object({ id: num, asOf: z.string(), fittedAt: z.string() }).nullable().describe('the stored basket model reorders and recommendations come from'),
  history: z.object({ purchaseDays: num, firstDate: z.string(), lastDate: z.string(), x: num, tx: num, T: num, unit: z.string() }).nullable(),
  model: z.object({
    method: z.enum(['bgnbd', 'heuristic']), pAlive: num.nullable(), churnRisk: num.nullable().describe('1 − P(alive)'),
    expectedOrders: num.describe('expected purchase days within horizonDays'), spendPerOrderMinor: num.nullable(),
    expectedSpendMinor: num.nullable(), clv: Clv.nullable(),
  }).nullable(),
  churnRule: z.object({
    usualCycleDays: num.nullable(), silentDays: num, k: num, thresholdDays: num.nullable(), formerlyFrequent: z.boolean(), flagged: z.boolean(),
  }).nullable().describe('formerly frequent and silent for more than k × the usual cycle'),
  nextPurchase: z.object({ modelDate: z.string().nullable(), cycleDate: z.string().nullable() }).nullable(),
  replenishment: z.array(z.object({
    category: z.string(), lastDate: z.string(), intervalDays: num, basis: z.enum(['own', 'typical']), dueDate: z.string(), daysOverdue: num,
  })),
  recommendations: z.array(Recommendation),
}).meta({ id: 'CustomerPredictions' });

const Mover = { item: z.string(), baskets: num, velocityPerDay: num };

export function modelsRoutes(app: App, deps: Deps): void {
  app.post('/api/models/clv/fit', {
    config: { access: 'models:write' },
    schema: {
      summary: 'Fit BG/NBD and Gamma-Gamma on purchase days up to calibrationEnd and store the fit (heuristic when the base is too small)',
      tags: ['models'],
      body: z.object({
        calibrationEnd: date, period: z.enum(['week', 'day']).default('week'),
        minCustomers: z.number().int().min(1).optional(), minRepeaters: z.number().int().min(1).optional(),
      }),
      response: { 200: ClvFit, ...problemResponses },
    },
  }, async (req) => clvFitView(await fitClv(deps.db, { ...req.body, now: deps.now().toISOString() })));

  app.get('/api/models/clv', {
    config: { access: 'models:read' },
    schema: { summary: 'The latest stored CLV fit; 404 when none', tags: ['models'], response: { 200: ClvFit, ...problemResponses } },
  }, async () => {
    const fit = await latestModelFit<ClvParams, ClvDetails>(deps.db, CLV_KIND);
    if (!fit) throw notFound('CLV fit (POST /api/models/clv/fit makes one)');
    return clvFitView(fit);
  });

  app.get('/api/models/clv/validate', {
    config: { access: 'models:read' },
    schema: {
      summary: 'Calibration/holdout tracking table: predicted vs actual purchase days in the holdout per calibration frequency', tags: ['models'],
      querystring: z.object({ calibrationEnd: date, holdoutEnd: date, period: z.enum(['week', 'day']).default('week') }),
      response: { 200: Validation, ...problemResponses },
    },
  }, async (req) => validateClv(deps.db, req.query));

  app.get('/api/models/rules', {
    config: { access: 'models:read' },
    schema: {
      summary: 'Association rules (FP-Growth, one-item consequents) from store orders in a period', tags: ['models'],
      querystring: z.object({
        minSupport: z.coerce.number().gt(0).max(1), minConfidence: z.coerce.number().min(0).max(1), level: level.default('sku'),
        from: date.optional(), to: date.optional(), minLength: z.coerce.number().int().min(1).default(2),
        maxLength: z.coerce.number().int().min(1).default(10), limit: z.coerce.number().int().min(0).max(10000).default(100),
      }),
      response: {
        200: z.object({
          source: z.enum(['store', 'file']), level: level.nullable(), from: z.string().nullable(), to: z.string().nullable(), transactions: num,
          minSupport: num, minConfidence: num, minLength: num, maxLength: num, ruleCount: num, lengths: z.record(z.string(), num), rules: z.array(Rule),
        }),
        ...problemResponses,
      },
    },
  }, async (req) => mineRules(deps.db, req.query));

  app.get('/api/models/bundles', {
    config: { access: 'models:read' },
    schema: {
      summary: '"Buy A, get B" offers by expected added margin, and fast-moving partners of slow movers', tags: ['models'],
      querystring: z.object({
        level: level.default('sku'), from: date.optional(), to: date.optional(), minSupport: z.coerce.number().gt(0).max(1).default(0.001),
        minConfidence: z.coerce.number().min(0).max(1).default(0.1), minLift: z.coerce.number().min(0).default(1.2),
        limit: z.coerce.number().int().min(0).max(1000).default(20),
      }),
      response: {
        200: z.object({
          level, from: z.string().nullable(), to: z.string().nullable(), baskets: num, minSupport: num, minConfidence: num, minLift: num,
          offers: z.array(z.object({
            buy: z.array(z.string()), get: z.string(), support: num, confidence: num, lift: num, count: num,
            getMarginMinor: num.nullable(), upliftMarginMinor: num.nullable().describe('expected extra margin per basket holding `buy`'),
          })),
          slowMovers: z.array(z.object({ ...Mover, partners: z.array(z.object({ ...Mover, coCount: num, lift: num, score: num })) })),
        }),
        ...problemResponses,
      },
    },
  }, async (req) => bundleReport(deps.db, req.query));

  app.get('/api/models/churn', {
    config: { access: 'models:read' },
    schema: {
      summary: 'Customers flagged by the silence rule (formerly frequent, silent > k × usual cycle), with churn risk when a fit exists', tags: ['models'],
      querystring: z.object({
        asOf: date.optional(), k: z.coerce.number().gt(0).default(2), minPurchaseDays: z.coerce.number().int().min(2).default(3),
        limit: z.coerce.number().int().min(0).max(10000).default(100),
      }),
      response: {
        200: z.object({
          asOf: z.string().nullable(), k: num, minPurchaseDays: num,
          fit: z.object({ id: num, method: z.string(), calibrationEnd: z.string() }).nullable(), flagged: num,
          customers: z.array(z.object({
            customerId: num, memberNo: z.string().nullable(), name: z.string().nullable(), usualCycleDays: num.nullable(), silentDays: num,
            k: num, thresholdDays: num.nullable(), formerlyFrequent: z.boolean(), flagged: z.boolean(), churnRisk: num.nullable(),
          })),
        }),
        ...problemResponses,
      },
    },
  }, async (req) => churnList(deps.db, req.query));

  app.get('/api/replenishment', {
    config: { access: 'models:read' },
    schema: {
      summary: 'Customers due to reorder a category or SKU (own reorder interval, or the typical one)', tags: ['models'],
      querystring: z.object({
        asOf: date.optional(), level: level.default('category'), withinDays: z.coerce.number().int().min(0).default(7),
        limit: z.coerce.number().int().min(0).max(10000).default(100),
      }),
      response: {
        200: z.object({
          asOf: z.string().nullable(), level, replenishableItems: num, total: num,
          items: z.array(z.object({
            customerId: num, memberNo: z.string().nullable(), name: z.string().nullable(), item: z.string(), purchaseDays: num, lastDate: z.string(),
            intervalDays: num, basis: z.enum(['own', 'typical']), dueDate: z.string(), daysOverdue: num, replenishable: z.boolean(),
          })),
        }),
        ...problemResponses,
      },
    },
  }, async (req) => replenishmentDue(deps.db, req.query));

  app.get('/api/customers/:id/predictions', {
    config: { access: 'models:read' },
    schema: {
      summary: "A customer's predictions from the latest CLV fit: P(alive), churn, next purchase, orders and spend ahead, CLV, reorders due, recommendations",
      tags: ['models'],
      params: z.object({ id: z.coerce.number().int().positive() }),
      querystring: z.object({
        asOf: date.optional(), horizonDays: z.coerce.number().int().min(1).max(3650).default(90),
        recommendations: z.coerce.number().int().min(0).max(50).default(5),
      }),
      response: { 200: Predictions, ...problemResponses },
    },
  }, async (req) => customerPredictions(deps.db, req.params.id, req.query));

  app.post('/api/models/baskets/fit', {
    config: { access: 'models:write' },
    schema: {
      summary: 'Fit and store the basket models: item-to-item co-purchases over a window of SKU baskets, and every category\'s and SKU\'s reorder cycle',
      tags: ['models'],
      body: z.object({ asOf: date.optional(), windowDays: z.number().int().min(1).max(3650).default(365) }),
      response: {
        200: z.object({
          id: num, asOf: z.string(), from: z.string(), windowDays: num, fittedAt: z.string(), baskets: num, customers: num, itemsWithNeighbours: num,
          replenishable: z.object({ category: num, sku: num }),
        }),
        ...problemResponses,
      },
    },
  }, async (req) => fitBasketModels(deps.db, { ...req.body, now: deps.now().toISOString() }));

  app.get('/api/customers/:id/recommendations', {
    config: { access: 'models:read' },
    schema: {
      summary: 'Next-best products for a customer from the stored basket model (item-to-item co-purchases; recent non-replenishable buys left out)', tags: ['models'],
      params: z.object({ id: z.coerce.number().int().positive() }),
      querystring: z.object({
        asOf: date.optional(), k: z.coerce.number().int().min(1).max(100).default(10), recentDays: z.coerce.number().int().min(0).default(90),
      }),
      response: {
        200: z.object({
          customerId: num, asOf: z.string().nullable(), k: num, recentDays: num,
          model: z.object({ id: num.nullable(), from: z.string(), to: z.string(), baskets: num }).nullable(), items: z.array(Recommendation),
          excluded: z.array(z.string()), message: z.string().nullable().describe('set when no basket model is stored'),
        }),
        ...problemResponses,
      },
    },
  }, async (req) => recommendForCustomer(deps.db, req.params.id, req.query));
}

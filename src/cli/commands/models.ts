import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { fitBasketModels } from '../../app/models/basket-fit.ts';
import { bundleReport } from '../../app/models/bundles.ts';
import { churnList } from '../../app/models/churn.ts';
import { clvFitView, fitClv } from '../../app/models/clv-fit.ts';
import { validateClv } from '../../app/models/clv-validate.ts';
import { customerPredictions } from '../../app/models/predictions.ts';
import { recommendForCustomer } from '../../app/models/recommend.ts';
import { replenishmentDue } from '../../app/models/replenish.ts';
import { resolveCustomer } from '../../app/models/resolve-customer.ts';
import { mineRules } from '../../app/models/rules.ts';
import { nowIso, output, withStore, type GlobalOptions } from '../context.ts';
import { int, money, table } from '../format.ts';

const whole = (v: string): number => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a whole number');
  return Number(v);
};
const share = (v: string): number => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('expected a number such as 0.01');
  return n;
};
const fixed = (n: number | null | undefined, digits = 3): string => (n === null || n === undefined ? '—' : n.toFixed(digits));
const pct = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : `${(100 * n).toFixed(1)} %`);
const period = () => new Option('--period <unit>', 'model time unit').choices(['week', 'day']).default('week');
const level = (def: string) => new Option('--level <level>', 'items are SKUs or categories').choices(['sku', 'category']).default(def);

/** `clv fit|validate`, `predict`, `churn`, `rules`, `bundles`, `baskets fit`, `recommend`, `replenish`. */
export function registerModels(program: Command): void {
  const clv = program.command('clv').description('customer lifetime value: BG/NBD purchase model and Gamma-Gamma spend model');

  clv.command('fit').description('fit BG/NBD and Gamma-Gamma on purchase days up to the calibration end and store the fit')
    .requiredOption('--calibration-end <date>', 'last business date of the calibration period (YYYY-MM-DD)')
    .addOption(period())
    .option('--min-customers <n>', 'fewer customers than this: fall back to the heuristic', whole, 50)
    .option('--min-repeaters <n>', 'fewer repeat customers than this: fall back to the heuristic', whole, 20)
    .action(async (opts: { calibrationEnd: string; period: string; minCustomers: number; minRepeaters: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const v = clvFitView(await fitClv(db, { ...opts, now: nowIso() }));
        output(g, v, () => [
          `fit #${v.id}: ${int(v.customers)} customers (${int(v.repeaters)} repeaters, ${int(v.distinctTriples)} distinct histories), calibration to ${v.calibrationEnd}, unit ${v.period}`,
          v.params
            ? `BG/NBD  r ${fixed(v.params.r, 4)}  alpha ${fixed(v.params.alpha, 4)}  a ${fixed(v.params.a, 4)}  b ${fixed(v.params.b, 4)}  log-likelihood ${fixed(v.logLik, 2)}${v.converged ? '' : '  (NOT converged)'}`
            : `HEURISTIC, not a fitted model: ${v.reason ?? ''}`,
          v.gammaGamma ? `Gamma-Gamma  p ${fixed(v.gammaGamma.p, 4)}  q ${fixed(v.gammaGamma.q, 4)}  gamma ${fixed(v.gammaGamma.gamma, 4)}  on ${int(v.gammaGamma.customers)} repeaters` : '',
          `frequency–spend correlation ${fixed(v.independence.correlation)} (${v.independence.holds === false ? 'too strong: Gamma-Gamma assumes independence' : 'weak enough'})`,
          v.params && v.reason ? v.reason : '',
        ].filter(Boolean).join('\n'));
      });
    });

  clv.command('validate').description('fit on the calibration period and compare predicted with actual purchase days in the holdout')
    .requiredOption('--calibration-end <date>', 'last business date of calibration (YYYY-MM-DD)')
    .requiredOption('--holdout-end <date>', 'last business date of the holdout (YYYY-MM-DD)')
    .addOption(period())
    .action(async (opts: { calibrationEnd: string; holdoutEnd: string; period: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const v = await validateClv(db, opts);
        output(g, v, () => [
          `calibration to ${v.calibrationEnd}, holdout ${v.holdoutDays} days to ${v.holdoutEnd}; ${int(v.customers)} customers`,
          table(['repeat days in calibration', 'customers', 'actual in holdout', 'predicted'], [
            ...v.rows.map((r) => [r.bucket, r.customers, r.actual, r.predicted.toFixed(1)]),
            ['total', v.customers, v.actual, v.predicted.toFixed(1)],
          ]),
          `predicted ${v.predicted.toFixed(1)} vs actual ${v.actual} (${pct(v.relativeError)}); unconditional forecast ${v.predictedUnconditional.toFixed(1)}`,
        ].join('\n'));
      });
    });

  program.command('predict').argument('<customer>', 'member number, phone or id')
    .description("a customer's predictions: P(alive), churn, next purchase, 90-day orders and spend, CLV, reorders, recommendations")
    .option('--as-of <date>', 'date to predict from (default: the last purchase date in the store)')
    .option('--horizon-days <n>', 'days ahead for predicted orders and spend', whole, 90)
    .action(async (ref: string, opts: { asOf?: string; horizonDays: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const p = await customerPredictions(db, await resolveCustomer(db, ref), opts);
        const m = p.model;
        output(g, p, () => [
          `customer #${p.customerId} as of ${p.asOf ?? '—'}${p.message ? `\n${p.message}` : ''}`,
          p.history ? `${p.history.purchaseDays} purchase days, ${p.history.firstDate} … ${p.history.lastDate}` : '',
          m ? `${m.method === 'heuristic' ? '[heuristic] ' : ''}P(alive) ${fixed(m.pAlive)}  churn risk ${fixed(m.churnRisk)}  next ${p.horizonDays} days: ${fixed(m.expectedOrders, 2)} orders, ${money(m.expectedSpendMinor)}  CLV ${money(m.clv?.valueMinor)}` : '',
          p.churnRule ? `usual cycle ${fixed(p.churnRule.usualCycleDays, 1)} days, silent ${p.churnRule.silentDays} days (flag beyond ${fixed(p.churnRule.thresholdDays, 1)}): ${p.churnRule.flagged ? 'AT RISK' : 'ok'}` : '',
          p.nextPurchase ? `next purchase expected: ${p.nextPurchase.modelDate ?? '—'} (model), ${p.nextPurchase.cycleDate ?? '—'} (usual cycle)` : '',
          ...p.replenishment.map((r) => `due for reorder: ${r.category} on ${r.dueDate} (${r.basis} interval ${fixed(r.intervalDays, 1)} days)`),
          p.recommendations.length ? `recommended: ${p.recommendations.map((r) => r.name ?? r.sku).join(', ')}` : '',
        ].filter(Boolean).join('\n'));
      });
    });

  program.command('churn').description('customers at risk: formerly frequent and silent for more than k × their usual cycle, with churn risk')
    .option('--as-of <date>', 'date (default: the last purchase date in the store)')
    .option('--k <k>', 'silence threshold in usual cycles', share, 2)
    .option('--min-purchase-days <n>', 'purchase days that make a customer "formerly frequent"', whole, 3)
    .option('--limit <n>', 'customers to list', whole, 50)
    .action(async (opts: { asOf?: string; k: number; minPurchaseDays: number; limit: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await churnList(db, opts);
        output(g, r, () => [
          `${int(r.flagged)} customers silent for more than ${r.k} usual cycles as of ${r.asOf ?? '—'}${r.fit ? '' : ' (no CLV fit: churn risk not shown)'}`,
          table(['customer', 'member no', 'name', 'usual cycle (days)', 'silent (days)', 'churn risk'],
            r.customers.map((c) => [c.customerId, c.memberNo, c.name, fixed(c.usualCycleDays, 1), c.silentDays, fixed(c.churnRisk)])),
        ].join('\n'));
      });
    });

  program.command('rules').description('association rules (FP-Growth; arules conventions) from store orders or a basket file')
    .requiredOption('--min-support <s>', 'minimum support, share of baskets', share)
    .requiredOption('--min-confidence <c>', 'minimum confidence', share)
    .addOption(level('sku'))
    .option('--baskets <file>', 'long-format basket file: basket id, item (header line first; .gz ok)')
    .option('--from <date>', 'first business date of store orders')
    .option('--to <date>', 'last business date of store orders')
    .option('--min-length <n>', 'fewest items in a rule', whole, 2)
    .option('--max-length <n>', 'most items in a rule', whole, 10)
    .option('--limit <n>', 'rules to print (all are counted; --json prints all unless given)', whole)
    .action(async (opts: { minSupport: number; minConfidence: number; level: string; baskets?: string; from?: string; to?: string; minLength: number; maxLength: number; limit?: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await mineRules(db, { ...opts, file: opts.baskets, limit: opts.limit ?? (g.json ? undefined : 20) });
        output(g, r, () => [
          `${int(r.ruleCount)} rules from ${int(r.transactions)} baskets (${r.source === 'file' ? opts.baskets! : `store, ${r.level!} level`}); by length: ${Object.entries(r.lengths).map(([k, n]) => `${k}:${n}`).join(' ')}`,
          table(['if bought', 'then', 'support', 'confidence', 'lift'], r.rules.map((x) => [`{${x.antecedent.join(', ')}}`, `{${x.consequent.join(', ')}}`, fixed(x.support, 4), fixed(x.confidence), fixed(x.lift)])),
        ].join('\n'));
      });
    });

  program.command('bundles').description('"buy A, get B" offers by expected added margin, and fast-moving partners for slow movers')
    .addOption(level('sku'))
    .option('--from <date>', 'first business date (default: 90 days before --to)')
    .option('--to <date>', 'last business date (default: the last purchase date in the store)')
    .option('--min-support <s>', 'minimum support of a pair', share, 0.001)
    .option('--min-confidence <c>', 'minimum confidence', share, 0.1)
    .option('--min-lift <l>', 'minimum lift of an offer', share, 1.2)
    .option('--limit <n>', 'offers and slow movers to list', whole, 20)
    .action(async (opts: { level: string; from?: string; to?: string; minSupport: number; minConfidence: number; minLift: number; limit: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await bundleReport(db, opts);
        output(g, r, () => [
          `${int(r.baskets)} baskets ${r.from ?? '—'} … ${r.to ?? '—'}`,
          table(['buy', 'get', 'lift', 'confidence', 'margin of get', 'added margin / basket'],
            r.offers.map((o) => [o.buy.join(', '), o.get, fixed(o.lift, 2), fixed(o.confidence), money(o.getMarginMinor), money(o.upliftMarginMinor)])),
          '', 'slow movers and their fast-moving partners:',
          ...r.slowMovers.map((s) => `${s.item} (${fixed(s.velocityPerDay, 3)}/day): ${s.partners.map((p) => `${p.item} (lift ${fixed(p.lift, 2)})`).join(', ')}`),
        ].join('\n'));
      });
    });

  program.command('baskets').description('basket models kept for per-customer views')
    .command('fit').description('fit and store item-to-item co-purchases (a window of SKU baskets) and every item\'s reorder cycle')
    .option('--as-of <date>', 'last business date to learn from (default: the last purchase date in the store)')
    .option('--window-days <n>', 'days of baskets the co-purchase model learns from', whole, 365)
    .action(async (opts: { asOf?: string; windowDays: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const v = await fitBasketModels(db, { ...opts, now: nowIso() });
        output(g, v, () => `basket model #${v.id}: ${int(v.baskets)} baskets ${v.from} … ${v.asOf}, ${int(v.itemsWithNeighbours)} SKUs with co-purchase neighbours; `
          + `replenishable: ${int(v.replenishable.category)} categories, ${int(v.replenishable.sku)} SKUs`);
      });
    });

  program.command('recommend').argument('<customer>', 'member number, phone or id')
    .description('next-best products for a customer (item-to-item co-purchases; recent non-replenishable buys left out)')
    .option('--as-of <date>', 'date (default: the last purchase date in the store)')
    .option('--k <n>', 'how many', whole, 10)
    .option('--window-days <n>', 'without a stored basket model, learn from this many days of baskets now', whole, 365)
    .option('--recent-days <n>', 'non-replenishable items bought this recently are not offered', whole, 90)
    .action(async (ref: string, opts: { asOf?: string; k: number; windowDays: number; recentDays: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await recommendForCustomer(db, await resolveCustomer(db, ref), { ...opts, buildWindowDays: opts.windowDays });
        output(g, r, () => r.items.length
          ? table(['sku', 'name', 'score', 'why'], r.items.map((i) => [i.sku, i.name, fixed(i.score, 1), i.basis]))
          : `nothing to recommend${r.message ? ` (${r.message})` : ' (no baskets)'}`);
      });
    });

  program.command('replenish').description('customers due to reorder a category or SKU, by their own reorder interval or the typical one')
    .option('--as-of <date>', 'date (default: the last purchase date in the store)')
    .addOption(level('category'))
    .option('--within-days <n>', 'also list items falling due within this many days', whole, 7)
    .option('--limit <n>', 'rows to list', whole, 50)
    .action(async (opts: { asOf?: string; level: string; withinDays: number; limit: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await replenishmentDue(db, opts);
        output(g, r, () => [
          `${int(r.total)} reorders due as of ${r.asOf ?? '—'} (${int(r.replenishableItems)} replenishable ${r.level === 'sku' ? 'SKUs' : 'categories'})`,
          table(['customer', 'member no', r.level, 'last bought', 'interval (days)', 'basis', 'due', 'days overdue'],
            r.items.map((d) => [d.customerId, d.memberNo, d.item, d.lastDate, fixed(d.intervalDays, 1), d.basis, d.dueDate, d.daysOverdue])),
        ].join('\n'));
      });
    });
}

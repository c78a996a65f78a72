// `regulars report repurchase|cohorts|overview|cycle`: the repurchase and retention reports as aligned
// tables, or as JSON with --json. Definitions: docs/reports.md.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { cohortReport, cycleReport, overviewReport, repurchaseReport, type ReportFilter, type ReportScope } from '../../app/reports.ts';
import type { Figures } from '../../domain/analytics/overview.ts';
import { GRAINS, type Grain } from '../../domain/analytics/period.ts';
import { output, withStore, type GlobalOptions } from '../context.ts';
import { int, money, table } from '../format.ts';

const integer = (v: string): number => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a whole number');
  return Number(v);
};

const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null, digits = 1): string => (x === null ? '—' : x.toFixed(digits));
const where = (s: ReportScope): string => `${s.from ?? '—'} … ${s.to ?? '—'}, ${s.store ? `store ${s.store}` : 'all stores'}`;

/** A table whose columns from `first` on are right-aligned, header included, so numbers line up. */
function numbers(head: string[], rows: string[][], first: number): string {
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const [h, ...body] = all.map((r) => r.map((c, i) => (i >= first ? c.padStart(widths[i]!) : c)));
  return table(h!, body);
}

function filtered(cmd: Command): Command {
  return cmd.option('--from <date>', 'first business date, YYYY-MM-DD (default: the first order)')
    .option('--to <date>', 'last business date, inclusive (default: the last order)')
    .option('--store <code>', 'one store (default: all stores)');
}

type FilterOpts = { from?: string; to?: string; store?: string };
const filterOf = (o: FilterOpts): ReportFilter => ({ from: o.from, to: o.to, store: o.store });

export function registerReport(program: Command): void {
  const report = program.command('report').description('repurchase and retention reports (definitions: docs/reports.md)');

  filtered(report.command('repurchase')).description('repurchase rate, orders per repeat customer, the rate of buying again within N days, and the repurchase cycle')
    .option('--within <days>', 'N of "bought again within N days" (default 30)', integer)
    .action(async (opts: FilterOpts & { within?: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await repurchaseReport(db, { ...filterOf(opts), withinDays: opts.within });
        output(g, r, () => [
          `Repurchase, ${where(r)}`,
          table(['figure', 'value', ''], [
            ['customers', int(r.customers), `with an order in the period (${int(r.orders)} orders)`],
            ['repurchase rate', pct(r.repurchaseRate), `${int(r.repeatCustomers)} customers with ≥2 orders`],
            ['… on distinct days', pct(r.repeatDayRate), `${int(r.repeatDayCustomers)} customers bought on ≥2 days`],
            ['orders per repeat customer', num(r.ordersPerRepeatCustomer, 2), ''],
            [`bought again ≤${r.withinDays} days`, pct(r.withinRate), `${int(r.boughtAgainWithin)} of ${int(r.eligibleCustomers)} whose first purchase day was ≥${r.withinDays} days before the end`],
            ['repurchase cycle', `${num(r.meanCycleDays)} days mean, ${num(r.medianCycleDays)} median`, `${int(r.cycleIntervals)} gaps between purchase days of ${int(r.cycleCustomers)} customers`],
          ]),
          '',
          numbers(['days between purchases', 'gaps', 'share'], r.cycleHistogram.map((b) => [
            b.toDays === null ? `${b.fromDays}+` : `${b.fromDays}–${b.toDays}`, int(b.count), pct(r.cycleIntervals ? b.count / r.cycleIntervals : null),
          ]), 1),
        ].join('\n'));
      });
    });

  filtered(report.command('cohorts')).description('retention cohorts: the share of each first-purchase cohort buying in each later period')
    .addOption(new Option('--by <grain>', 'cohort period').choices(GRAINS).default('month'))
    .action(async (opts: FilterOpts & { by: Grain }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await cohortReport(db, { ...filterOf(opts), by: opts.by });
        const width = r.average.length;
        const head = ['cohort', 'size', ...Array.from({ length: width }, (_, k) => `+${k}`)];
        const cell = (x: number | null | undefined) => (x === null || x === undefined ? '' : (x * 100).toFixed(1));
        const rows = [
          ...r.cohorts.map((c) => [c.cohort, int(c.size), ...Array.from({ length: width }, (_, k) => cell(c.rates[k]))]),
          ['average', int(r.cohorts.reduce((s, c) => s + c.size, 0)), ...r.average.map(cell)],
        ];
        output(g, r, () => (r.cohorts.length === 0 ? `no customers with a first purchase in ${where(r)}` : [
          `Retention by ${r.grain} of first purchase, ${where(r)}: % of each cohort buying in each later ${r.grain} (+0 = the first)`,
          numbers(head, rows, 1),
        ].join('\n')));
      });
    });

  filtered(report.command('overview')).description('customers new and returning, order value, items per order, cross-sell, active and dormant shares; by store, channel, segment, tier and month')
    .option('--active-days <n>', 'active = bought within this many days up to the period end (default 90)', integer)
    .option('--dormant-days <n>', 'dormant = no purchase within this many days up to the period end (default 180)', integer)
    .option('--segments <scheme>', 'also break down by the segments of this scheme (rfm, pyramid, …) from its snapshot')
    .option('--segments-as-of <date>', 'snapshot date of --segments (default: the latest on or before the period end)')
    .option('--tiers', 'also break down by loyalty tier held at the period end')
    .action(async (opts: FilterOpts & { activeDays?: number; dormantDays?: number; segments?: string; segmentsAsOf?: string; tiers?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await overviewReport(db, {
          ...filterOf(opts), activeDays: opts.activeDays, dormantDays: opts.dormantDays,
          segments: opts.segments === undefined ? undefined : { scheme: opts.segments, asOf: opts.segmentsAsOf }, tiers: opts.tiers,
        });
        const row = (by: string, key: string, f: Figures) => [by, key, int(f.customers), int(f.newCustomers), int(f.returningCustomers), int(f.orders),
          money(f.avgOrderValueMinor), num(f.itemsPerOrder, 2), pct(f.crossSellRate), int(f.members), pct(f.activeShare), pct(f.dormantShare)];
        const head = ['by', '', 'customers', 'new', 'returning', 'orders', 'avg order', 'items/order', 'cross-sell', 'members', 'active', 'dormant'];
        const rows = [
          row('total', '', r.total),
          ...r.byStore.map((s) => row('store', s.key, s)),
          ...r.byChannel.map((s) => row('channel', s.key, s)),
          ...(r.bySegment ?? []).map((s) => row(`${r.segmentScheme} ${r.segmentAsOf}`, s.key, s)),
          ...(r.byTier ?? []).map((s) => row(`tier ${r.tierAsOf}`, s.key, s)),
          ...r.byMonth.map((s) => row('month', s.key, s)),
        ];
        output(g, r, () => [
          `Overview, ${where(r)}. Active: bought within ${r.activeDays} days up to the end of the period (or month); dormant: not within ${r.dormantDays}.`,
          numbers(head, rows, 2),
        ].join('\n'));
      });
    });

  filtered(report.command('cycle')).description('the typical reorder interval of each category or product: days between purchases of it by the same customer')
    .addOption(new Option('--by <key>', 'what to group by').choices(['category', 'sku'] as const).default('category'))
    .option('--limit <n>', 'how many, most reordered first', integer, 20)
    .option('--min-intervals <n>', 'leave out those reordered fewer times', integer, 2)
    .action(async (opts: FilterOpts & { by: 'category' | 'sku'; limit: number; minIntervals: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await cycleReport(db, { ...filterOf(opts), by: opts.by, limit: opts.limit, minIntervals: opts.minIntervals });
        const head = [r.by, ...(r.by === 'sku' ? ['name'] : []), 'buyers', 'repeat buyers', 'reorders', 'mean days', 'median days'];
        const rows = r.items.map((k) => [k.key, ...(r.by === 'sku' ? [k.name ?? ''] : []), int(k.buyers), int(k.repeatBuyers), int(k.intervals), num(k.meanDays), num(k.medianDays)]);
        output(g, r, () => [
          `Reorder interval by ${r.by}, ${where(r)}: ${int(r.items.length)} of ${int(r.keysWithRepeats)} with ≥${opts.minIntervals} reorders`,
          ...(rows.length ? [numbers(head, rows, r.by === 'sku' ? 2 : 1)] : []),
        ].join('\n'));
      });
    });
}

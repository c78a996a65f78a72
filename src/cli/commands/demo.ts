import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { loadDemoLoyalty } from '../../app/demo-loyalty.ts';
import { loadDemo } from '../../app/load-demo.ts';
import { demoLoyaltyMembers } from '../../domain/demo/loyalty.ts';
import { addDays, businessDate } from '../../domain/time.ts';
import { nowIso, output, withStore, type GlobalOptions } from '../context.ts';
import { int } from '../format.ts';
import { progress } from '../progress.ts';

const integer = (v: string): number => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a whole number');
  return Number(v);
};

/** Yesterday in Shanghai: the demo's year of history ends there. */
export const defaultDemoAsOf = (): string => addDays(businessDate(Date.now(), 'Asia/Shanghai'), -1);

export function registerDemo(program: Command): void {
  program.command('demo').description('load a believable demo chain (3 formats, a year of orders, a loyalty programme with a year of checkouts), deterministic from a seed')
    .option('--seed <n>', 'random seed', integer, 42)
    .option('--members <n>', 'number of members', integer, 20000)
    .option('--as-of <date>', 'last business date of the history (default: yesterday)')
    .option('--loyalty-members <n>', 'best members given a year of loyalty checkouts (default: 2% of the members, at most 400; 0: no loyalty programme)', integer)
    .action(async (opts: { seed: number; members: number; asOf?: string; loyaltyMembers?: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const bar = progress(!g.json);
        const asOf = opts.asOf ?? defaultDemoAsOf();
        const sales = await loadDemo(db, { seed: opts.seed, members: opts.members, asOf, now: nowIso, onProgress: (n) => bar.update(`demo: ${int(n)} orders…`) });
        bar.update('demo: a year of loyalty checkouts…');
        const loyalty = await loadDemoLoyalty(db, { asOf, members: opts.loyaltyMembers ?? demoLoyaltyMembers(opts.members) });
        bar.done();
        // `orders` counts every order the demo holds: the loyalty checkouts are orders too.
        const report = { ...sales, orders: sales.orders + loyalty.checkouts, loyalty };
        const checkouts = loyalty.checkouts > 0 ? ` (${int(loyalty.checkouts)} of them loyalty checkouts by ${int(loyalty.members)} members)` : '';
        output(g, report, () => `demo loaded: ${report.stores} stores, ${int(report.customers)} members, ${int(report.products)} products, `
          + `${int(report.orders)} orders${checkouts}, ${int(report.returns)} returns`);
      });
    });
}

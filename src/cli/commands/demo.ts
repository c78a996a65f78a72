import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { loadDemo } from '../../app/load-demo.ts';
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
  program.command('demo').description('load a believable demo chain (3 formats, a year of orders), deterministic from a seed')
    .option('--seed <n>', 'random seed', integer, 42)
    .option('--members <n>', 'number of members', integer, 20000)
    .option('--as-of <date>', 'last business date of the history (default: yesterday)')
    .action(async (opts: { seed: number; members: number; asOf?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const bar = progress(!g.json);
        const report = await loadDemo(db, {
          seed: opts.seed, members: opts.members, asOf: opts.asOf ?? defaultDemoAsOf(), now: nowIso,
          onProgress: (n) => bar.update(`demo: ${int(n)} orders…`),
        });
        bar.done();
        output(g, report, () => `demo loaded: ${report.stores} stores, ${int(report.customers)} members, ${int(report.products)} products, ${int(report.orders)} orders, ${int(report.returns)} returns`);
      });
    });
}

import type { Command } from 'commander';
import { storeStats } from '../../app/stats.ts';
import { output, withStore, type GlobalOptions } from '../context.ts';
import { int, money } from '../format.ts';

export function registerStats(program: Command): void {
  program.command('stats').description('counts of customers, orders, returns and lines in the store')
    .action(async (_opts, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const s = await storeStats(db);
        output(g, s, () => [
          `stores          ${int(s.stores)}`,
          `customers       ${int(s.customers)} (${int(s.customersWithPurchases)} with purchases)`,
          `products        ${int(s.products)}`,
          `orders          ${int(s.orders)} (${int(s.anonymousOrders)} anonymous), ${int(s.orderLines)} lines, sales ${money(s.salesMinor)}`,
          `returns         ${int(s.returns)} (${int(s.anonymousReturns)} anonymous), ${int(s.returnLines)} lines, refunds ${money(s.returnMinor)}`,
          `business dates  ${s.firstBusinessDate ?? '—'} … ${s.lastBusinessDate ?? '—'}`,
        ].join('\n'));
      });
    });
}

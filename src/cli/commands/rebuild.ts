import type { Command } from 'commander';
import { rebuildSummaries } from '../../store/summary.repo.ts';
import { output, withStore, type GlobalOptions } from '../context.ts';

export function registerRebuild(program: Command): void {
  program.command('rebuild').description('recompute customer summaries and activity tables from orders and returns')
    .action(async (_opts, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const started = performance.now();
        await db.transaction().execute((trx) => rebuildSummaries(trx));
        const ms = Math.round(performance.now() - started);
        output(g, { rebuilt: true, ms }, () => `summaries rebuilt in ${ms} ms`);
      });
    });
}

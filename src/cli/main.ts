// The `regulars` command. Errors print as one line, `error[CODE]: message`; exit 1 for a failure,
// 2 for a usage mistake.
import { Command, CommanderError } from 'commander';
import { AppError } from '../domain/errors.ts';
import { registerCustomers } from './commands/customers.ts';
import { registerDemo } from './commands/demo.ts';
import { registerExport } from './commands/export.ts';
import { registerImport } from './commands/import.ts';
import { registerRebuild } from './commands/rebuild.ts';
import { registerInit, registerServe } from './commands/serve.ts';
import { registerStats } from './commands/stats.ts';
import { registerSegment } from './commands/segment.ts';
import { registerReport } from './commands/report.ts';
import { registerModels } from './commands/models.ts';
import { registerLoyalty } from './commands/loyalty.ts';

export function buildProgram(): Command {
  const program = new Command('regulars')
    .description('Regulars (熟客): turn purchase records into repeat customers')
    .option('--db <path-or-url>', 'SQLite file or postgres:// URL (default: $DATABASE_URL, $REGULARS_DB, data/regulars.db)')
    .option('--json', 'machine-readable output')
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(`error[USAGE]: ${str.replace(/^error: /, '')}`) });
  for (const register of [registerServe, registerInit, registerImport, registerDemo, registerStats, registerCustomers, registerExport, registerRebuild,
    registerSegment, registerReport, registerModels, registerLoyalty]) register(program);
  program.commands.forEach(function exitOverrideAll(c: Command) { c.exitOverride(); c.commands.forEach(exitOverrideAll); });
  return program;
}

export async function run(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof AppError) {
      process.stderr.write(`error[${e.code}]: ${e.message}${e.field ? ` (${e.field})` : ''}\n`);
      return e.code === 'VALIDATION' ? 2 : 1;
    }
    process.stderr.write(`error[INTERNAL]: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (import.meta.main) process.exitCode = await run(process.argv.slice(2));

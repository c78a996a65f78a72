import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { Kysely } from 'kysely';
import { buildServer } from '../../api/server.ts';
import { createOwner, setPassword } from '../../app/auth.ts';
import { loadDemoLoyalty } from '../../app/demo-loyalty.ts';
import { loadDemo } from '../../app/load-demo.ts';
import { demoLoyaltyMembers } from '../../domain/demo/loyalty.ts';
import { AppError } from '../../domain/errors.ts';
import type { DB } from '../../store/schema.ts';
import { openStore } from '../../store/db.ts';
import { countUsersWithRole } from '../../store/users.repo.ts';
import { configFor, nowIso, output, withStore, type GlobalOptions } from '../context.ts';
import { int } from '../format.ts';
import { progress } from '../progress.ts';
import { defaultDemoAsOf } from './demo.ts';

/** A password a person can type: 16 characters from an alphabet without look-alikes. */
const generatePassword = (): string => {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
};

const port = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number');
  return n;
};

async function ensureOwner(db: Kysely<DB>, username: string, password?: string): Promise<{ username: string; password: string } | null> {
  if ((await countUsersWithRole(db, 'owner')) > 0) return null;
  const pw = password ?? generatePassword();
  await createOwner(db, { username, password: pw, displayName: null }, { now: nowIso(), actor: 'cli' });
  return { username, password: pw };
}

export function registerInit(program: Command): void {
  program.command('init').description('create the first owner account (or reset a password with --reset)')
    .option('-u, --username <name>', 'owner username', 'owner')
    .option('-p, --password <password>', 'password (default: $REGULARS_OWNER_PASSWORD or a generated one, printed once)')
    .option('--reset', 'set a new password for an existing user instead')
    .action(async (opts: { username: string; password?: string; reset?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const password = opts.password ?? process.env.REGULARS_OWNER_PASSWORD ?? generatePassword();
        if (opts.reset) {
          await setPassword(db, opts.username, password, { now: nowIso(), actor: 'cli' });
        } else {
          const created = await ensureOwner(db, opts.username, password);
          if (!created) throw new AppError('CONFLICT', 'an owner already exists; use --reset to set a new password');
        }
        output(g, { username: opts.username.toLowerCase(), password }, () => `login: ${opts.username.toLowerCase()} / ${password}  (shown once; keep it safe)`);
      });
    });
}

export function registerServe(program: Command): void {
  program.command('serve').description('serve the API (and, when empty, load the demo chain first)')
    .option('--port <n>', 'port (default: $PORT or 3000)', port)
    .option('--host <addr>', 'address to listen on (default: $HOST or 127.0.0.1)')
    .option('--no-demo', 'do not load the demo chain into an empty database')
    .option('--demo-members <n>', 'members in the demo chain', (v) => Number(v), 20000)
    .action(async (opts: { port?: number; host?: string; demo: boolean; demoMembers: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const config = configFor(g);
      const store = await openStore(config.databaseUrl, { backgroundCheckpoints: true, synchronous: config.REGULARS_SQLITE_SYNC });
      const empty = !(await store.db.selectFrom('orders').select('id').limit(1).executeTakeFirst())
        && !(await store.db.selectFrom('customers').select('id').limit(1).executeTakeFirst());
      if (empty && opts.demo) {
        const bar = progress(true);
        process.stderr.write('empty database: loading the demo chain (once)…\n');
        const asOf = defaultDemoAsOf();
        const r = await loadDemo(store.db, { members: opts.demoMembers, asOf, now: nowIso, onProgress: (n) => bar.update(`demo: ${int(n)} orders…`) });
        bar.update('demo: a year of loyalty checkouts…');
        const l = await loadDemoLoyalty(store.db, { asOf, members: demoLoyaltyMembers(opts.demoMembers) });
        bar.done(`demo: ${r.stores} stores, ${int(r.customers)} members, ${int(r.orders)} orders, ${int(l.checkouts)} loyalty checkouts`);
      }
      const owner = await ensureOwner(store.db, 'owner', process.env.REGULARS_OWNER_PASSWORD);
      const app = await buildServer({ store, config, logger: { level: 'warn' } });
      const host = opts.host ?? config.HOST;
      const address = await app.listen({ port: opts.port ?? config.PORT, host });
      const url = address.replace('://127.0.0.1', '://localhost').replace(/\/?$/, '/');
      output(g, { url, docs: `${url}docs`, login: owner }, () => [
        `Regulars is running at ${url}  (API docs: ${url}docs)`,
        owner ? `login: ${owner.username} / ${owner.password}  (shown once; \`regulars init --reset\` sets a new one)` : 'login: your owner account (`regulars init --reset -u NAME` sets a new password)',
        'press Ctrl+C to stop',
      ].join('\n'));
      const stop = async () => { await app.close(); await store.close(); process.exit(0); };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}

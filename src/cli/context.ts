// What every command needs: the store named by --db (or the environment) and how to print.
import { readConfig, type Config } from '../config.ts';
import { openStore, type Store } from '../store/db.ts';

export interface GlobalOptions { db?: string; json?: boolean }

export function configFor(opts: GlobalOptions): Config {
  const config = readConfig();
  return opts.db ? { ...config, databaseUrl: opts.db } : config;
}

/** Open the store, run `fn`, always close. */
export async function withStore<T>(opts: GlobalOptions, fn: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = configFor(opts);
  const store = await openStore(config.databaseUrl, { synchronous: config.REGULARS_SQLITE_SYNC });
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}

/** Print JSON for --json, else the human text. */
export function output(opts: GlobalOptions, json: unknown, human: () => string): void {
  process.stdout.write(opts.json ? `${JSON.stringify(json, null, 2)}\n` : `${human()}\n`);
}

export const nowIso = (): string => new Date().toISOString();

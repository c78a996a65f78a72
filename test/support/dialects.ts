// One store test suite, run for every dialect (Kysely's own habit). SQLite runs in memory; PostgreSQL
// runs against TEST_DATABASE_URL (an admin URL; .ci/run starts a private server and sets it), in a
// fresh database per suite. Without TEST_DATABASE_URL the PostgreSQL half is skipped, saying so.
import { randomBytes } from 'node:crypto';
import { suite, type SuiteContext } from 'node:test';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/db.ts';

export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL;
const DIALECTS = (process.env.DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim());

/** A fresh, migrated, empty store. Call `drop()` when done. */
export async function freshStore(dialect: 'sqlite' | 'postgres'): Promise<Store & { drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const store = await openStore(':memory:');
    return { ...store, drop: () => store.close() };
  }
  if (!PG_ADMIN_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `regulars_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const store = await openStore(url.toString());
  return {
    ...store,
    async drop() {
      await store.close();
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** Define the same suite for each dialect. */
export function forEachDialect(name: string, body: (dialect: 'sqlite' | 'postgres', s: SuiteContext) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    if (!DIALECTS.includes(dialect)) continue;
    const skip = dialect === 'postgres' && !PG_ADMIN_URL ? 'TEST_DATABASE_URL not set: no PostgreSQL server to test against' : false;
    suite(`${name} [${dialect}]`, { skip }, (s) => body(dialect, s));
  }
}
